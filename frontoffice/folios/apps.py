from django.apps import AppConfig


class FoliosConfig(AppConfig):
    name = "frontoffice.folios"
    label = "folios"
    verbose_name = "Folios"

    def ready(self):
        # Cashiering reacts to what happens to reservations: a cancellation fee goes to the folio.
        from frontoffice.folios.services.deposits import on_reservation_cancelled
        from frontoffice.reservations.signals import reservation_cancelled

        reservation_cancelled.connect(on_reservation_cancelled, dispatch_uid="folios-cancellation-fee")
