"""Time clock and timesheets (pages)."""

urlpatterns: list = []
