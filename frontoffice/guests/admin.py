from django.contrib import admin

from frontoffice.guests.models import Company, Guest


@admin.register(Guest)
class GuestAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "nationality", "vip_level", "do_not_rent", "property"]
    list_filter = ["property", "vip_level", "do_not_rent", "do_not_disclose"]
    search_fields = ["last_name", "first_name", "email", "document_number"]
    readonly_fields = ["property", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "tax_id", "email", "property"]
    list_filter = ["property", "kind"]
    search_fields = ["name", "tax_id"]
    readonly_fields = ["property"]

    def has_add_permission(self, request):
        return False
