from django.apps import AppConfig


class RoomsConfig(AppConfig):
    name = "frontoffice.rooms"
    label = "rooms"
