from django.contrib import admin

from frontoffice.core.models import ApiToken, AuditEntry, Membership, Property


@admin.register(Property)
class PropertyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "timezone", "currency", "business_date"]
    readonly_fields = ["business_date"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "property"]
    list_filter = ["property"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = ["prefix", "digest", "created_at", "last_used_at"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "property", "entity", "entity_id", "action", "actor"]
    list_filter = ["property", "entity", "action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
