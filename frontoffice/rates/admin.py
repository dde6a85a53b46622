"""Admin for rate plans: names and policies. Prices and restrictions are set through the rate grid
or ``PUT /rates``, which check them and record who changed what."""

from django.contrib import admin

from frontoffice.rates.models import DailyRate, RatePlan


@admin.register(RatePlan)
class RatePlanAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "meal_plan", "refundable", "public", "active", "parent", "property"]
    list_filter = ["property", "meal_plan", "refundable", "public", "active"]
    readonly_fields = ["property", "code", "parent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DailyRate)
class DailyRateAdmin(admin.ModelAdmin):
    list_display = ["rate_plan", "room_type", "date", "price", "closed", "min_stay"]
    list_filter = ["property", "rate_plan", "room_type"]
    date_hierarchy = "date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
