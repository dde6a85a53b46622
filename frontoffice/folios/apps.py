from django.apps import AppConfig


class FoliosConfig(AppConfig):
    name = "frontoffice.folios"
    label = "folios"
    verbose_name = "Folios"
