"""Folios and their append-only ledger of postings.

A posting is never updated or deleted: the database refuses it (a trigger on SQLite and
PostgreSQL, migration 0002). A correction is a reversing posting linked to the original.
A folio's balance is derived from its postings (``SUM(gross)``); it is not stored.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import MAX_WINDOWS, Department, PaymentMethod
from frontoffice.guests.models import Company, Guest
from frontoffice.reservations.models import Reservation

DEPARTMENT_LABELS = {
    Department.ROOMS: _("Rooms"),
    Department.FOOD_BEVERAGE: _("Food and beverage"),
    Department.MINIBAR: _("Minibar"),
    Department.PARKING: _("Parking"),
    Department.LAUNDRY: _("Laundry"),
    Department.TELEPHONE: _("Telephone"),
    Department.SPA: _("Spa"),
    Department.MISCELLANEOUS: _("Miscellaneous"),
    Department.TAXES: _("Taxes"),
    Department.FEES: _("Fees"),
    Department.PAYMENT: _("Payment"),
    Department.REFUND: _("Refund"),
}
DEPARTMENT_CHOICES = [(d.value, DEPARTMENT_LABELS[d]) for d in Department]

METHOD_LABELS = {
    PaymentMethod.CASH: _("Cash"),
    PaymentMethod.CARD: _("Card"),
    PaymentMethod.BANK_TRANSFER: _("Bank transfer"),
    PaymentMethod.VOUCHER: _("Voucher"),
    PaymentMethod.DIRECT_BILL: _("Direct bill"),
}
METHOD_CHOICES = [(m.value, METHOD_LABELS[m]) for m in PaymentMethod]


class TransactionCode(models.Model):
    """What a posting is for, grouped by department and mapped to a ledger account."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="transaction_codes")
    code = models.CharField(max_length=16)
    name = models.CharField(max_length=80)
    name_es = models.CharField(max_length=80, blank=True)
    department = models.CharField(max_length=16, choices=DEPARTMENT_CHOICES)
    ledger_account = models.CharField(max_length=60, help_text=_("Account in the back office's chart"))
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0.00"))
    is_payment = models.BooleanField(default=False)
    payment_method = models.CharField(max_length=16, choices=METHOD_CHOICES, null=True, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["property", "code"]
        constraints = [
            models.UniqueConstraint(fields=["property", "code"], name="transaction_code_unique"),
            models.CheckConstraint(condition=Q(tax_rate__gte=0, tax_rate__lte=100), name="transaction_code_tax_range"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"


class FolioKind(models.TextChoices):
    GUEST = "guest", _("Guest")
    COMPANY = "company", _("Company")
    HOUSE = "house", _("House")


class FolioStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Folio(models.Model):
    """A bill: one window of a reservation's account, or a house folio without a reservation."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="folios")
    reservation = models.ForeignKey(Reservation, null=True, blank=True, on_delete=models.PROTECT, related_name="folios")
    window = models.PositiveSmallIntegerField(default=1)
    kind = models.CharField(max_length=8, choices=FolioKind.choices, default=FolioKind.GUEST)
    payer_guest = models.ForeignKey(Guest, null=True, blank=True, on_delete=models.PROTECT, related_name="folios")
    payer_company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.PROTECT, related_name="folios")
    status = models.CharField(max_length=8, choices=FolioStatus.choices, default=FolioStatus.OPEN)
    credit_limit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reservation", "window", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reservation", "window"], name="folio_window_unique"),
            models.CheckConstraint(condition=Q(window__gte=1, window__lte=MAX_WINDOWS), name="folio_window_range"),
        ]

    def __str__(self) -> str:
        return f"{self.reservation or 'house'}/{self.window}"


class Posting(models.Model):
    """One line of a folio's ledger. Append-only: rows are inserted, never changed.

    ``quantity`` and ``unit_amount`` are as entered (positive); ``net``, ``tax`` and ``gross`` are
    signed on the guest's balance (``domain.ledger``): charges and refunds positive, payments
    negative, a reversal the exact opposite of the posting it corrects.
    """

    # PROTECT everywhere: the database refuses to delete or change a posting, so nothing may cascade into one.
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    folio = models.ForeignKey(Folio, on_delete=models.PROTECT, related_name="postings")
    business_date = models.DateField()
    transaction_code = models.ForeignKey(TransactionCode, on_delete=models.PROTECT, related_name="postings")
    description = models.CharField(max_length=120, blank=True)
    quantity = models.IntegerField(default=1)
    unit_amount = models.DecimalField(max_digits=12, decimal_places=2)
    net = models.DecimalField(max_digits=12, decimal_places=2)
    tax = models.DecimalField(max_digits=12, decimal_places=2)
    gross = models.DecimalField(max_digits=12, decimal_places=2)
    payment_method = models.CharField(max_length=16, choices=METHOD_CHOICES, blank=True)
    card_brand = models.CharField(max_length=20, blank=True)
    card_last4 = models.CharField(max_length=4, blank=True)
    card_token = models.CharField(max_length=80, blank=True, help_text=_("The payment provider's reference"))
    reference = models.CharField(max_length=80, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    reversal_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["folio", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(gross=F("net") + F("tax")), name="posting_gross_is_net_plus_tax"),
            models.CheckConstraint(
                condition=Q(card_last4="") | Q(card_last4__regex=r"^[0-9]{4}$"), name="posting_card_last4"
            ),
        ]
        indexes = [models.Index(fields=["property", "business_date"])]

    def __str__(self) -> str:
        return f"{self.transaction_code.code} {self.gross}"
