from django.apps import AppConfig


class RatesConfig(AppConfig):
    name = "frontoffice.rates"
    label = "rates"
