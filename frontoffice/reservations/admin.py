"""Reservations in the admin are read-only: every change goes through the services, which keep
inventory, prices and the audit trail right."""

from django.contrib import admin

from frontoffice.reservations.models import Reservation, ReservationNight


class NightInline(admin.TabularInline):
    model = ReservationNight
    extra = 0
    can_delete = False
    readonly_fields = ["date", "price", "vat"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Reservation)
class ReservationAdmin(admin.ModelAdmin):
    list_display = ["confirmation", "guest", "status", "room_type", "rate_plan", "arrival", "departure", "total"]
    list_filter = ["property", "status", "room_type", "market_segment", "channel"]
    search_fields = ["confirmation", "party", "guest__last_name", "guest__email"]
    date_hierarchy = "arrival"
    inlines = [NightInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
