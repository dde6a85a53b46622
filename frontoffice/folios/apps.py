from django.apps import AppConfig


class FoliosConfig(AppConfig):
    name = "frontoffice.folios"
    label = "folios"
    verbose_name = "Folios"

    def ready(self):
        # Cashiering reacts to what happens to reservations: a cancellation or no-show fee goes to the folio.
        from frontoffice.folios.services.deposits import on_reservation_cancelled, on_reservation_no_show
        from frontoffice.reservations.signals import reservation_cancelled, reservation_no_show_marked

        reservation_cancelled.connect(on_reservation_cancelled, dispatch_uid="folios-cancellation-fee")
        reservation_no_show_marked.connect(on_reservation_no_show, dispatch_uid="folios-no-show-fee")
