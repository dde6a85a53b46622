from django.apps import AppConfig


class GuestsConfig(AppConfig):
    name = "frontoffice.guests"
    label = "guests"
