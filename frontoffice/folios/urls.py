from django.urls import path

from frontoffice.folios.views import postings

app_name = "folios"
urlpatterns = [
    path("reservations/<str:confirmation>/folio/", postings.folio_page, name="folio"),
    path("reservations/<str:confirmation>/folio/charges/", postings.post_charge, name="charge"),
    path("reservations/<str:confirmation>/folio/payments/", postings.take_payment, name="payment"),
    path("reservations/<str:confirmation>/folio/refunds/", postings.refund, name="refund"),
    path("reservations/<str:confirmation>/folio/windows/", postings.open_window, name="open_window"),
    path(
        "reservations/<str:confirmation>/folio/postings/<int:posting_id>/reverse/",
        postings.reverse_posting,
        name="reverse",
    ),
]
