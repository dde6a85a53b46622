"""What the night audit leaves behind: the record of each closed date, its statistics and its
reports. All three are written once, in the audit's transaction, and the database refuses to
change or delete them afterwards (triggers, migration 0002)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property


class NightAudit(models.Model):
    """A closed business date: who closed it, when, what was overridden and what each step did."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    business_date = models.DateField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    overrides = models.JSONField(default=list, blank=True, help_text=_("Blocking pre-checks overridden, with reasons"))
    prechecks = models.JSONField(default=list, blank=True, help_text=_("The pre-checks as they stood"))
    steps = models.JSONField(default=list, blank=True, help_text=_("Each step in order, with what it did"))

    class Meta:
        ordering = ["property", "-business_date"]
        constraints = [models.UniqueConstraint(fields=["property", "business_date"], name="night_audit_once")]

    def __str__(self) -> str:
        return f"{self.property_id} {self.business_date}"


class DailyStatistics(models.Model):
    """The figures of one night, stored by the night audit that closed it (see domain.statistics)."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    date = models.DateField()
    physical_rooms = models.PositiveIntegerField(default=0)
    out_of_order = models.PositiveIntegerField(default=0)
    out_of_service = models.PositiveIntegerField(default=0)
    occupied = models.PositiveIntegerField(default=0)
    complimentary = models.PositiveIntegerField(default=0)
    house_use = models.PositiveIntegerField(default=0)
    day_use = models.PositiveIntegerField(default=0)
    arrivals = models.PositiveIntegerField(default=0)
    departures = models.PositiveIntegerField(default=0)
    no_shows = models.PositiveIntegerField(default=0)
    cancellations = models.PositiveIntegerField(default=0)
    guests = models.PositiveIntegerField(default=0, help_text=_("Adults and children in house tonight"))
    room_revenue = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    fees = models.DecimalField(
        max_digits=14, decimal_places=2, default=Decimal("0"), help_text=_("No-show, cancellation and other fees")
    )
    revenue_by_department = models.JSONField(default=dict, blank=True)
    payments_by_method = models.JSONField(default=dict, blank=True)
    refunds_by_method = models.JSONField(default=dict, blank=True)
    ledgers = models.JSONField(default=dict, blank=True, help_text=_("Guest, deposit and city ledger movements"))
    by_segment = models.JSONField(default=dict, blank=True, help_text=_("Rooms and room revenue per market segment"))
    source = models.CharField(
        max_length=12,
        choices=[("night_audit", _("Night audit")), ("history", _("Reconstructed from the bookings"))],
        default="night_audit",
        help_text=_("The demo's history before its first night audit is reconstructed from its bookings"),
    )

    class Meta:
        ordering = ["property", "date"]
        constraints = [models.UniqueConstraint(fields=["property", "date"], name="daily_statistics_once")]

    def __str__(self) -> str:
        return f"{self.property_id} {self.date}"


class ReportKind(models.TextChoices):
    FLASH = "flash", _("Manager's flash report")
    TRIAL_BALANCE = "trial_balance", _("Trial balance")
    CASHIER = "cashier", _("Cashier report")
    NO_SHOWS = "no_shows", _("No-shows and cancellations")
    IN_HOUSE = "in_house", _("In-house list")


class AuditReport(models.Model):
    """A report as it stood when its date was closed, kept as produced (CSV or PDF)."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    business_date = models.DateField()
    kind = models.CharField(max_length=16, choices=ReportKind.choices)
    format = models.CharField(max_length=4, choices=[("csv", "CSV"), ("pdf", "PDF")])
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["property", "-business_date", "kind", "format"]
        constraints = [
            models.UniqueConstraint(fields=["property", "business_date", "kind", "format"], name="audit_report_once")
        ]

    def __str__(self) -> str:
        return f"{self.business_date} {self.kind}.{self.format}"
