from django.apps import AppConfig


class ReservationsConfig(AppConfig):
    name = "frontoffice.reservations"
    label = "reservations"
