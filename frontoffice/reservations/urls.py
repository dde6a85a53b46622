from django.urls import path

from frontoffice.reservations import views

app_name = "reservations"
urlpatterns = [
    path("availability/", views.availability, name="availability"),
    path("reservations/", views.reservation_list_view, name="list"),
    path("reservations/new/", views.book, name="book"),
    path("reservations/<str:confirmation>/", views.detail, name="detail"),
    path("reservations/<str:confirmation>/modify/", views.modify, name="modify"),
    path("reservations/<str:confirmation>/cancel/", views.cancel, name="cancel"),
    path("reservations/<str:confirmation>/confirm/", views.confirm, name="confirm"),
    path("tape-chart/", views.tape_chart_view, name="tape_chart"),
    path("waitlist/", views.waitlist, name="waitlist"),
]
