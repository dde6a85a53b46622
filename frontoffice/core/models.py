"""Properties, who may work in them, API tokens and the audit trail."""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone"), params={"value": value})


class Property(models.Model):
    """One establishment. Every tenant table points here."""

    code = models.CharField(
        max_length=12,
        unique=True,
        validators=[RegexValidator(r"^[A-Z0-9][A-Z0-9-]{1,11}$", _("2–12 capital letters, digits or dashes"))],
    )
    name = models.CharField(max_length=120)
    address = models.TextField(blank=True)
    timezone = models.CharField(max_length=64, default="Europe/Madrid", validators=[validate_timezone])
    currency = models.CharField(max_length=3, default="EUR", validators=[RegexValidator(r"^[A-Z]{3}$")])
    default_language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="es")
    check_in_time = models.TimeField(default=dt.time(15, 0))
    check_out_time = models.TimeField(default=dt.time(12, 0))
    business_date = models.DateField()
    vat_rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=Decimal("10.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("VAT on lodging, in percent"),
    )
    prices_include_vat = models.BooleanField(default=True)
    city_tax_per_night = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal("0.00"))
    city_tax_exempt_under_age = models.PositiveSmallIntegerField(default=16)
    city_tax_max_nights = models.PositiveSmallIntegerField(default=7)
    legal_name = models.CharField(max_length=160, blank=True, help_text=_("Company name on invoices"))
    tax_id = models.CharField(max_length=30, blank=True, help_text=_("Tax identification number on invoices"))
    simplified_invoice_limit = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("400.00"),
        help_text=_("Simplified invoices (tickets) are allowed up to this total"),
    )
    void_limit = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=Decimal("50.00"),
        validators=[MinValueValidator(0)],
        help_text=_("Reversals above this amount need a manager"),
    )

    class Meta:
        verbose_name = _("property")
        verbose_name_plural = _("properties")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=models.Q(vat_rate__gte=0, vat_rate__lte=100), name="property_vat_range"),
            models.CheckConstraint(condition=models.Q(city_tax_per_night__gte=0), name="property_city_tax_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)


class Membership(models.Model):
    """A user works only in the properties they are a member of."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "property"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.property.code}"


class UserProfile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(max_length=5, choices=settings.LANGUAGES, default="en")


class ApiToken(models.Model):
    """A bearer token for the REST API. Only a SHA-256 hash of the secret is kept."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=80)
    prefix = models.CharField(max_length=12, unique=True)
    digest = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name})"


class AuditEntry(models.Model):
    """Who changed what, when, with the values before and after."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    entity = models.CharField(max_length=40)
    entity_id = models.CharField(max_length=40)
    action = models.CharField(max_length=40)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["property", "entity", "entity_id"])]


class RoleHolder(models.Model):
    """Anchor for the custom permissions roles are made of (no rows are stored)."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("manage_properties", "Create and configure properties"),
            ("manage_rooms", "Configure room types, rooms and out-of-order periods"),
            ("manage_rates", "Configure rate plans, prices and restrictions"),
            ("view_rates", "See rate plans, prices and availability"),
            ("view_reservations", "See reservations and guests"),
            ("book", "Create and modify reservations"),
            ("cancel", "Cancel reservations"),
            ("override_price", "Override the nightly price of a reservation"),
            ("book_do_not_rent", "Book a guest marked do-not-rent"),
            ("manage_guests", "Create and edit guest and company profiles"),
            ("import_reservations", "Import reservations from a file"),
            ("view_folios", "See folios, postings and balances"),
            ("post_charges", "Post charges to folios"),
            ("take_payments", "Take payments on folios"),
            ("refund", "Refund payments"),
            ("void_postings", "Reverse postings above the property's void limit"),
            ("transfer_postings", "Move postings and balances between folios; set routing instructions"),
            ("issue_invoices", "Issue invoices"),
            ("credit_invoices", "Issue credit notes that correct invoices"),
            ("view_receivables", "See company accounts, open items and aging"),
            ("manage_receivables", "Manage company accounts, record and allocate their payments"),
            ("direct_bill", "Transfer a folio balance to a company account"),
            ("manage_cashier_shifts", "See and close every cashier's shift"),
            ("check_in", "Check guests in and out, register travellers, issue keys"),
            ("assign_rooms", "Assign rooms to reservations and move guests between rooms"),
            ("update_room_status", "Set rooms' housekeeping condition and overlays"),
            ("override_front_desk", "Override check-in and check-out refusals (deposit, balance, early arrival)"),
            ("export_guest_registry", "Export the register of travellers for the authorities"),
            ("run_night_audit", "Run the night audit: close the business date, overriding its pre-checks"),
            ("view_night_audit", "See night audits, daily statistics and the reports kept for each date"),
            ("view_back_office", "See and export the journal, KPIs, forecast and back-office reports"),
            ("manage_schedules", "Plan staff schedules: staffing rules, shifts, rules, covers, solving and publishing"),
            ("view_timesheets", "See and export timesheets (hours scheduled and worked)"),
            ("approve_timesheets", "Approve timesheets and correct clock entries"),
            ("manage_procedures", "Write and version the standard operating procedures"),
        ]
