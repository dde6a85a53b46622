from django.apps import AppConfig


class FrontdeskConfig(AppConfig):
    name = "frontoffice.frontdesk"
    label = "frontdesk"
    verbose_name = "Front desk"
