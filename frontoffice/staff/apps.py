from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "frontoffice.staff"
    label = "staff"
    verbose_name = "Staff"
