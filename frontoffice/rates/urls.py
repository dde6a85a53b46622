from django.urls import path

from frontoffice.rates import views

app_name = "rates"
urlpatterns = [
    path("rates/", views.grid, name="grid"),
    path("rates/bulk/", views.bulk_update, name="bulk"),
]
