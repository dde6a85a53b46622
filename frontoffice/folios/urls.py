from django.urls import path

from frontoffice.folios import views

app_name = "folios"
urlpatterns = [
    path("reservations/<str:confirmation>/folio/", views.folio_page, name="folio"),
    path("reservations/<str:confirmation>/folio/charges/", views.post_charge, name="charge"),
    path("reservations/<str:confirmation>/folio/payments/", views.take_payment, name="payment"),
    path("reservations/<str:confirmation>/folio/refunds/", views.refund, name="refund"),
    path("reservations/<str:confirmation>/folio/windows/", views.open_window, name="open_window"),
    path(
        "reservations/<str:confirmation>/folio/postings/<int:posting_id>/reverse/",
        views.reverse_posting,
        name="reverse",
    ),
]
