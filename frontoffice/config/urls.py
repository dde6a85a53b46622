from django.contrib import admin
from django.urls import include, path

from frontoffice.config.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("frontoffice.core.urls")),
    path("", include("frontoffice.reservations.urls")),
    path("", include("frontoffice.rates.urls")),
    path("", include("frontoffice.folios.urls")),
    path("", include("frontoffice.frontdesk.urls")),
    path("", include("frontoffice.nightaudit.urls")),
    path("", include("frontoffice.backoffice.urls")),
    path("", include("frontoffice.staff.urls")),
]
