"""Shift hand-over log and procedures (pages)."""

urlpatterns: list = []
