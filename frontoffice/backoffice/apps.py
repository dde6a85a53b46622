from django.apps import AppConfig


class BackOfficeConfig(AppConfig):
    name = "frontoffice.backoffice"
    label = "backoffice"
    verbose_name = "Back office"
