from django.urls import path

from frontoffice.backoffice.views import journal, reports

app_name = "backoffice"

urlpatterns = [
    path("back-office/journal/", journal.journal_page, name="journal"),
    path("back-office/journal/export", journal.journal_export, name="journal_export"),
    *reports.urlpatterns,
]
