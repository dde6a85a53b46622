from django.apps import AppConfig


class NightAuditConfig(AppConfig):
    name = "frontoffice.nightaudit"
    label = "nightaudit"
    verbose_name = "Night audit"
