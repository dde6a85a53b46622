"""Admin for rooms: descriptive fields only. Rooms, types and blocks are created through the
services (API or pages), which keep the per-night inventory right."""

from django.contrib import admin

from frontoffice.rooms.models import InventoryNight, Room, RoomBlock, RoomType


class NoAddDelete(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(RoomType)
class RoomTypeAdmin(NoAddDelete):
    list_display = ["code", "name_en", "name_es", "base_occupancy", "max_occupancy", "property"]
    list_filter = ["property"]
    readonly_fields = ["property", "code", "base_occupancy", "max_occupancy"]


@admin.register(Room)
class RoomAdmin(NoAddDelete):
    list_display = ["number", "floor", "room_type", "condition", "active", "property"]
    list_filter = ["property", "room_type", "floor", "condition"]
    readonly_fields = ["property", "number", "room_type", "active", "condition"]


@admin.register(RoomBlock)
class RoomBlockAdmin(NoAddDelete):
    list_display = ["room", "kind", "start", "end", "reason", "released_at"]
    list_filter = ["property", "kind"]
    readonly_fields = ["property", "room", "kind", "start", "end", "released_at", "created_at"]


@admin.register(InventoryNight)
class InventoryNightAdmin(NoAddDelete):
    list_display = ["room_type", "date", "physical", "out_of_order", "sold", "overbooking"]
    list_filter = ["property", "room_type"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False
