from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "frontoffice.staff"
    label = "staff"
    verbose_name = "Staff"

    def ready(self):
        # The solver's texts are said in the reader's language (the domain cannot import Django).
        from django.utils.translation import gettext

        from frontoffice.staff.domain.messages import use_translation

        use_translation(gettext)
