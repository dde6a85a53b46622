"""Folios and their append-only ledger of postings.

A posting is never updated or deleted: the database refuses it (a trigger on SQLite and
PostgreSQL, migration 0002). A correction is a reversing posting linked to the original.
A folio's balance is derived from its postings (``SUM(gross)``); it is not stored.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
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
    Department.TRANSFER: _("Transfer"),
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
    """Which ledger a folio belongs to: guest folios (guest, master, company windows of a stay and
    house folios) make the guest ledger; deposit folios hold what was paid before arrival."""

    GUEST = "guest", _("Guest")
    COMPANY = "company", _("Company")
    HOUSE = "house", _("House")
    MASTER = "master", _("Group master")
    DEPOSIT = "deposit", _("Deposit")


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
    name = models.CharField(max_length=120, blank=True, help_text=_("For house and master folios"))
    status = models.CharField(max_length=8, choices=FolioStatus.choices, default=FolioStatus.OPEN)
    credit_limit = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["reservation", "window", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reservation", "window"], condition=~Q(kind="deposit"), name="folio_window_unique"
            ),
            models.UniqueConstraint(fields=["reservation"], condition=Q(kind="deposit"), name="folio_one_deposit"),
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
    # A move or split of a posting to another folio is a pair of postings sharing ``transfer_id``:
    # the opposite amounts on the source folio and the same amounts on the target, both pointing
    # at the posting moved (``transfer_of``); a balance transfer pairs two TRANSFER-code postings.
    transfer_id = models.UUIDField(null=True, blank=True, db_index=True)
    transfer_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="transferred_as"
    )
    transfer_folio = models.ForeignKey(
        Folio, null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text=_("The other side")
    )
    routed_by = models.ForeignKey(
        "RoutingInstruction", null=True, blank=True, on_delete=models.PROTECT, related_name="postings"
    )
    shift = models.ForeignKey("CashierShift", null=True, blank=True, on_delete=models.PROTECT, related_name="postings")
    # A night's room and taxes posted by the night audit carry the stay and the kind of charge:
    # the unique key below makes a re-run of the audit post nothing twice.
    nightly_stay = models.ForeignKey(
        "reservations.Reservation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    nightly_kind = models.CharField(max_length=12, blank=True)

    class Meta:
        ordering = ["folio", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["folio", "business_date", "nightly_kind", "nightly_stay"],
                condition=Q(nightly_stay__isnull=False),
                name="posting_nightly_once",
            ),
            models.CheckConstraint(
                condition=Q(gross=Round(F("net") + F("tax"), 2)), name="posting_gross_is_net_plus_tax"
            ),
            models.CheckConstraint(
                condition=Q(card_last4="") | Q(card_last4__regex=r"^[0-9]{4}$"), name="posting_card_last4"
            ),
        ]
        indexes = [models.Index(fields=["property", "business_date"])]

    def __str__(self) -> str:
        return f"{self.transaction_code.code} {self.gross}"


class RoutingInstruction(models.Model):
    """Send some of a stay's charges to another folio: by transaction code or department, over a
    date range, in full or up to a percentage and/or a daily amount cap (e.g. the company pays room
    and tax up to 120 a night). Applied when a charge is posted; ending it stops future routing."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="routing_instructions")
    reservation = models.ForeignKey(Reservation, on_delete=models.PROTECT, related_name="routing_instructions")
    source_window = models.PositiveSmallIntegerField(default=1)
    target_folio = models.ForeignKey(Folio, on_delete=models.PROTECT, related_name="routed_in")
    transaction_codes = models.JSONField(default=list, blank=True, help_text=_('Codes routed, e.g. ["ROOM"]'))
    departments = models.JSONField(default=list, blank=True, help_text=_('Departments routed, e.g. ["rooms"]'))
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True, help_text=_("Last business date routed (inclusive)"))
    percentage = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    daily_cap = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["reservation", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage__isnull=True) | Q(percentage__gt=0, percentage__lte=100),
                name="routing_percentage_range",
            ),
            models.CheckConstraint(condition=Q(daily_cap__isnull=True) | Q(daily_cap__gt=0), name="routing_cap_gt_0"),
        ]


class DepositRequest(models.Model):
    """One line of a reservation's deposit schedule: how much is due by when (from the rate
    plan's guarantee policy, or set by hand). What has been paid is derived from the deposit folio."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="deposit_requests")
    reservation = models.ForeignKey(Reservation, on_delete=models.PROTECT, related_name="deposit_requests")
    due_date = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["reservation", "due_date", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="deposit_request_amount_gt_0")]


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Invoice")
    SIMPLIFIED = "simplified", _("Simplified invoice")
    CREDIT_NOTE = "credit_note", _("Credit note")


class InvoiceCounter(models.Model):
    """The last number issued in a series and year. Its row is locked while an invoice is issued,
    so numbers are assigned inside the issuing transaction: no gaps, no duplicates."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="invoice_counters")
    series = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["property", "series", "year"], name="invoice_counter_unique")]


class Invoice(models.Model):
    """An issued invoice, simplified invoice or credit note. Immutable once written (the database
    refuses updates and deletes); a correction is a credit note that points at the invoice."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices)
    series = models.CharField(max_length=8)
    year = models.PositiveSmallIntegerField()
    number = models.PositiveIntegerField()
    full_number = models.CharField(max_length=24)
    folio = models.ForeignKey(Folio, on_delete=models.PROTECT, related_name="invoices")
    issue_date = models.DateField(help_text=_("The business date it was issued on"))
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(max_length=5, choices=settings.LANGUAGES)
    currency = models.CharField(max_length=3)
    payer_guest = models.ForeignKey(Guest, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    payer_company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    payer_name = models.CharField(max_length=200)
    payer_tax_id = models.CharField(max_length=30, blank=True)
    payer_address = models.TextField(blank=True)
    net = models.DecimalField(max_digits=12, decimal_places=2)
    tax = models.DecimalField(max_digits=12, decimal_places=2)
    gross = models.DecimalField(max_digits=12, decimal_places=2)
    paid = models.DecimalField(max_digits=12, decimal_places=2, help_text=_("Payments on the folio when issued"))
    corrects = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="credit_note")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["property", "series", "year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["property", "series", "year", "number"], name="invoice_number_unique"),
            models.CheckConstraint(
                condition=Q(gross=Round(F("net") + F("tax"), 2)), name="invoice_gross_is_net_plus_tax"
            ),
            models.CheckConstraint(
                condition=Q(kind="credit_note", corrects__isnull=False) | (~Q(kind="credit_note") & Q(corrects=None)),
                name="invoice_credit_note_corrects",
            ),
        ]

    def __str__(self) -> str:
        return self.full_number


class InvoiceLine(models.Model):
    """One charge on an invoice, copied from its posting when issued (immutable, like the invoice)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="lines")
    posting = models.ForeignKey(Posting, null=True, on_delete=models.PROTECT, related_name="invoice_lines")
    business_date = models.DateField()
    code = models.CharField(max_length=16)
    description = models.CharField(max_length=120)
    quantity = models.IntegerField()
    unit_amount = models.DecimalField(max_digits=12, decimal_places=2)
    tax_rate = models.DecimalField(max_digits=5, decimal_places=2)
    net = models.DecimalField(max_digits=12, decimal_places=2)
    tax = models.DecimalField(max_digits=12, decimal_places=2)
    gross = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["invoice", "id"]


class ShiftStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class CashierShift(models.Model):
    """A cashier's session at a drawer: opened with a float, closed with the cash counted.
    Payments and refunds taken meanwhile carry the shift; a closed shift is never changed."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="cashier_shifts")
    cashier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cashier_shifts")
    status = models.CharField(max_length=8, choices=ShiftStatus.choices, default=ShiftStatus.OPEN)
    business_date = models.DateField(help_text=_("The business date it was opened on"))
    opened_at = models.DateTimeField(auto_now_add=True)
    opening_float = models.DecimalField(max_digits=12, decimal_places=2)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    counted = models.JSONField(default=dict, blank=True, help_text=_("Counted amount per payment method"))
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["property", "-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["property", "cashier"], condition=Q(status="open"), name="cashier_one_open_shift"
            ),
            models.CheckConstraint(condition=Q(opening_float__gte=0), name="cashier_float_gte_0"),
        ]


class ReceivableAccount(models.Model):
    """A company's or travel agent's account in the city ledger: credit limit and payment terms."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="receivable_accounts")
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="receivable_accounts")
    number = models.CharField(max_length=20)
    credit_limit = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0.00"))
    payment_terms_days = models.PositiveSmallIntegerField(default=30)
    direct_bill_allowed = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["property", "number"]
        constraints = [
            models.UniqueConstraint(fields=["property", "number"], name="receivable_account_number_unique"),
            models.UniqueConstraint(fields=["property", "company"], name="receivable_account_company_unique"),
            models.CheckConstraint(condition=Q(credit_limit__gte=0), name="receivable_credit_limit_gte_0"),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.company}"


class OpenItem(models.Model):
    """A debt in the city ledger: a folio balance transferred at check-out (or a charge billed
    to the account). What is still open is its amount less the payments allocated to it."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="open_items")
    account = models.ForeignKey(ReceivableAccount, on_delete=models.PROTECT, related_name="open_items")
    business_date = models.DateField()
    due_date = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=200)
    folio = models.ForeignKey(Folio, null=True, blank=True, on_delete=models.PROTECT, related_name="open_items")
    posting = models.OneToOneField(Posting, null=True, blank=True, on_delete=models.PROTECT, related_name="open_item")
    invoice = models.ForeignKey(Invoice, null=True, blank=True, on_delete=models.PROTECT, related_name="open_items")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account", "business_date", "id"]
        constraints = [models.CheckConstraint(condition=~Q(amount=0), name="open_item_amount_not_0")]


class ReceivablePayment(models.Model):
    """Money a company paid into its account, received by the back office. Allocated to open
    items in part or in full; what is not allocated stays on the account as unallocated cash."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="receivable_payments")
    account = models.ForeignKey(ReceivableAccount, on_delete=models.PROTECT, related_name="payments")
    business_date = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    method = models.CharField(max_length=16, choices=METHOD_CHOICES)
    reference = models.CharField(max_length=80, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["account", "business_date", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="receivable_payment_amount_gt_0")]


class Allocation(models.Model):
    """Part of a payment applied to one open item."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    payment = models.ForeignKey(ReceivablePayment, on_delete=models.PROTECT, related_name="allocations")
    open_item = models.ForeignKey(OpenItem, on_delete=models.PROTECT, related_name="allocations")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    business_date = models.DateField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["payment", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_amount_gt_0")]
