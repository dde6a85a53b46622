"""Folios in the admin are read-only: the ledger is append-only, and every posting goes through
the services, which check the rules and keep the audit trail."""

from django.contrib import admin

from frontoffice.folios.models import Folio, Posting, TransactionCode


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PostingInline(admin.TabularInline):
    model = Posting
    fk_name = "folio"
    extra = 0
    can_delete = False
    fields = ["business_date", "transaction_code", "description", "net", "tax", "gross", "payment_method"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TransactionCode)
class TransactionCodeAdmin(ReadOnly):
    list_display = ["code", "name", "department", "ledger_account", "tax_rate", "payment_method", "property"]
    list_filter = ["property", "department"]


@admin.register(Folio)
class FolioAdmin(ReadOnly):
    list_display = ["id", "reservation", "window", "kind", "status", "property"]
    list_filter = ["property", "status", "kind"]
    search_fields = ["reservation__confirmation"]
    inlines = [PostingInline]


@admin.register(Posting)
class PostingAdmin(ReadOnly):
    list_display = ["id", "folio", "business_date", "transaction_code", "gross", "payment_method", "actor"]
    list_filter = ["property", "business_date", "transaction_code__department"]
    date_hierarchy = "business_date"
