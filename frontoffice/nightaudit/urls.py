from django.urls import path

from frontoffice.nightaudit import views

app_name = "nightaudit"

urlpatterns = [
    path("night-audit/", views.night_audit, name="night_audit"),
    path("night-audit/close/", views.night_audit_close, name="close"),
    path("night-audit/<str:date>/", views.closed_day, name="closed_day"),
    path("night-audit/<str:date>/reports/<str:kind>.<str:format>", views.report_download, name="report"),
]
