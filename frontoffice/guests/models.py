"""Guest profiles, companies and travel agents."""

import builtins

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property


class DocumentType(models.TextChoices):
    DNI = "dni", _("National ID (DNI)")
    NIE = "nie", _("Foreigner ID (NIE)")
    PASSPORT = "passport", _("Passport")
    ID_CARD = "id_card", _("EU identity card")
    DRIVING = "driving", _("Driving licence")
    OTHER = "other", _("Other")


class Company(models.Model):
    """A company or travel agent that books, pays or has negotiated rates."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("Company")
        TRAVEL_AGENT = "travel_agent", _("Travel agent")

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="companies")
    kind = models.CharField(max_length=14, choices=Kind.choices, default=Kind.COMPANY)
    name = models.CharField(max_length=120)
    tax_id = models.CharField(max_length=30, blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    address = models.TextField(blank=True)
    negotiated_rate_plans = models.ManyToManyField("rates.RatePlan", blank=True, related_name="companies")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("companies")

    def __str__(self) -> str:
        return self.name


class Guest(models.Model):
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="guests")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True, help_text=_("International format, e.g. +34 600 000 000"))
    language = models.CharField(max_length=5, default="es")
    nationality = models.CharField(max_length=2, blank=True)
    document_type = models.CharField(max_length=10, choices=DocumentType.choices, blank=True)
    document_number = models.CharField(max_length=30, blank=True)
    document_country = models.CharField(max_length=2, blank=True)
    document_expiry = models.DateField(null=True, blank=True)
    birth_date = models.DateField(null=True, blank=True)
    address = models.TextField(blank=True)
    preferences = models.JSONField(default=list, blank=True)
    notes = models.TextField(blank=True)
    vip_level = models.PositiveSmallIntegerField(default=0)
    do_not_disclose = models.BooleanField(default=False)
    do_not_rent = models.BooleanField(default=False)
    do_not_rent_reason = models.CharField(max_length=200, blank=True)
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.SET_NULL, related_name="employees")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["property", "last_name"]),
            models.Index(Lower("email"), "property", name="guest_email_ci"),
            models.Index(fields=["property", "document_number"]),
        ]

    def __str__(self) -> str:
        return self.full_name

    @builtins.property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()
