import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from frontoffice.core.domain.money import ZERO


class PostingOut(Schema):
    """Amounts are signed on the guest's balance: charges and refunds positive, payments negative."""

    id: int
    business_date: dt.date
    transaction_code: str
    department: str
    description: str
    quantity: int
    unit_amount: str
    net: str
    tax: str
    gross: str
    payment_method: str
    card_brand: str
    card_last4: str
    reference: str
    reason: str
    reversal_of: int | None
    actor: str | None
    created_at: dt.datetime

    @staticmethod
    def resolve_transaction_code(obj):
        return obj.transaction_code.code

    @staticmethod
    def resolve_department(obj):
        return obj.transaction_code.department

    @staticmethod
    def resolve_reversal_of(obj):
        return obj.reversal_of_id

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.get_username() if obj.actor else None

    @staticmethod
    def resolve_unit_amount(obj):
        return str(obj.unit_amount)

    @staticmethod
    def resolve_net(obj):
        return str(obj.net)

    @staticmethod
    def resolve_tax(obj):
        return str(obj.tax)

    @staticmethod
    def resolve_gross(obj):
        return str(obj.gross)


class FolioOut(Schema):
    """One folio window; ``balance`` is the sum of its postings (positive: the guest owes)."""

    id: int
    window: int
    kind: str
    status: str
    credit_limit: str | None
    balance: str
    postings: list[PostingOut]

    @staticmethod
    def resolve_credit_limit(obj):
        return None if obj.credit_limit is None else str(obj.credit_limit)

    @staticmethod
    def resolve_balance(obj):
        return str(getattr(obj, "balance", None) or ZERO)

    @staticmethod
    def resolve_postings(obj):
        return list(obj.postings.all())

    over_credit_limit: bool = Field(False, description="The balance is above the folio's credit limit")

    @staticmethod
    def resolve_over_credit_limit(obj):
        limit = obj.credit_limit
        return limit is not None and (getattr(obj, "balance", None) or ZERO) > limit


class PostedOut(Schema):
    """The posting just written and the folio's balance after it."""

    posting: PostingOut
    balance: str
    over_credit_limit: bool = Field(False, description="The charge took the folio above its credit limit")

    @staticmethod
    def resolve_over_credit_limit(obj):
        limit = obj["posting"].folio.credit_limit
        return limit is not None and Decimal(obj["balance"]) > limit


class ChargeIn(Schema):
    transaction_code: str = Field(min_length=1, max_length=16)
    quantity: int = Field(1, ge=1, le=9999)
    unit_amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    description: str = Field("", max_length=120)
    reference: str = Field("", max_length=80)


class PaymentIn(Schema):
    method: str = Field(description="cash, card, bank_transfer or voucher (to bill a company use transfer-to-account)")
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    card_brand: str = Field("", max_length=20)
    card_last4: str = Field("", max_length=4)
    card_token: str = Field("", max_length=80, description="The payment provider's token; never a card number")
    reference: str = Field("", max_length=80)


class RefundIn(Schema):
    method: str = Field(description="A method this folio was paid by")
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    reason: str = Field(min_length=1, max_length=200)
    reference: str = Field("", max_length=80)


class ReverseIn(Schema):
    reason: str = Field(min_length=1, max_length=200)


class InvoiceIn(Schema):
    """Issue an invoice for the window's charges not yet invoiced. Payer fields left out are taken
    from the window's company or guest (a private guest's tax id is their identity document)."""

    simplified: bool = Field(False, description="A simplified invoice (ticket), allowed up to the property's limit")
    payer_name: str | None = Field(None, max_length=200)
    payer_tax_id: str | None = Field(None, max_length=30)
    payer_address: str | None = Field(None, max_length=500)
    language: str | None = Field(None, description="es or en; default: the guest's language")


class CreditNoteIn(Schema):
    reason: str = Field(min_length=1, max_length=200)


class InvoiceLineOut(Schema):
    business_date: dt.date
    code: str
    description: str
    quantity: int
    unit_amount: str
    tax_rate: str
    net: str
    tax: str
    gross: str

    @staticmethod
    def resolve_unit_amount(obj):
        return str(obj.unit_amount)

    @staticmethod
    def resolve_tax_rate(obj):
        return str(obj.tax_rate)

    @staticmethod
    def resolve_net(obj):
        return str(obj.net)

    @staticmethod
    def resolve_tax(obj):
        return str(obj.tax)

    @staticmethod
    def resolve_gross(obj):
        return str(obj.gross)


class InvoiceOut(Schema):
    """An issued document. ``kind``: invoice, simplified or credit_note; a credit note has
    ``corrects`` (the number it corrects) and negative amounts."""

    id: int
    kind: str
    number: str
    issue_date: dt.date
    folio: int
    reservation: str | None
    language: str
    currency: str
    payer_name: str
    payer_tax_id: str
    payer_address: str
    net: str
    tax: str
    gross: str
    paid: str
    corrects: str | None
    credited_by: str | None
    reason: str
    lines: list[InvoiceLineOut]

    @staticmethod
    def resolve_number(obj):
        return obj.full_number

    @staticmethod
    def resolve_folio(obj):
        return obj.folio_id

    @staticmethod
    def resolve_reservation(obj):
        return obj.folio.reservation.confirmation if obj.folio.reservation_id else None

    @staticmethod
    def resolve_net(obj):
        return str(obj.net)

    @staticmethod
    def resolve_tax(obj):
        return str(obj.tax)

    @staticmethod
    def resolve_gross(obj):
        return str(obj.gross)

    @staticmethod
    def resolve_paid(obj):
        return str(obj.paid)

    @staticmethod
    def resolve_corrects(obj):
        return obj.corrects.full_number if obj.corrects_id else None

    @staticmethod
    def resolve_credited_by(obj):
        note = getattr(obj, "credit_note", None)
        return note.full_number if note else None

    @staticmethod
    def resolve_lines(obj):
        return list(obj.lines.all())


# --- transfers, routing, house folios (api/transfers.py) ----------------------------------


class PostingTransferIn(Schema):
    """Move all that is left of a charge, or ``amount`` of its gross, or ``percentage`` of it."""

    target_folio: int = Field(ge=1, le=2**63 - 1)
    amount: Decimal | None = Field(None, max_digits=12, decimal_places=2)
    percentage: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    reason: str = Field(min_length=1, max_length=200)


class TransferOut(Schema):
    """The two postings of a transfer (out of the source, into the target) and both balances."""

    transfer_id: str
    source: PostingOut
    target: PostingOut
    source_balance: str
    target_balance: str


class BalanceTransferIn(Schema):
    target_folio: int = Field(ge=1, le=2**63 - 1)
    amount: Decimal | None = Field(None, max_digits=12, decimal_places=2, description="Default: the whole balance")
    reason: str = Field("", max_length=200)


class RoutingInstructionIn(Schema):
    target_folio: int = Field(ge=1, le=2**63 - 1)
    source_window: int = Field(1, ge=1, le=8)
    transaction_codes: list[str] = Field(default_factory=list, max_length=50)
    departments: list[str] = Field(default_factory=list, max_length=20)
    start_date: dt.date | None = None
    end_date: dt.date | None = Field(None, description="Last business date routed (inclusive)")
    percentage: Decimal | None = Field(None, max_digits=5, decimal_places=2)
    daily_cap: Decimal | None = Field(None, max_digits=12, decimal_places=2)


class RoutingInstructionOut(Schema):
    id: int
    reservation: str
    source_window: int
    target_folio: int
    transaction_codes: list[str]
    departments: list[str]
    start_date: dt.date | None
    end_date: dt.date | None
    percentage: str | None
    daily_cap: str | None
    active: bool
    created_at: dt.datetime
    ended_at: dt.datetime | None

    @staticmethod
    def resolve_reservation(obj):
        return obj.reservation.confirmation

    @staticmethod
    def resolve_target_folio(obj):
        return obj.target_folio_id

    @staticmethod
    def resolve_percentage(obj):
        return None if obj.percentage is None else str(obj.percentage)

    @staticmethod
    def resolve_daily_cap(obj):
        return None if obj.daily_cap is None else str(obj.daily_cap)


class EndIn(Schema):
    reason: str = Field("", max_length=200)


class HouseFolioIn(Schema):
    name: str = Field(min_length=1, max_length=120)


class FolioSummaryOut(Schema):
    """A folio without its postings: house folios, and the result of closing or limits."""

    id: int
    kind: str
    name: str
    window: int
    reservation: str | None
    status: str
    closed_at: dt.datetime | None
    credit_limit: str | None
    balance: str
    over_credit_limit: bool

    @staticmethod
    def resolve_reservation(obj):
        return obj.reservation.confirmation if obj.reservation_id else None

    @staticmethod
    def resolve_credit_limit(obj):
        return None if obj.credit_limit is None else str(obj.credit_limit)

    @staticmethod
    def resolve_balance(obj):
        return str(getattr(obj, "balance", None) or ZERO)

    @staticmethod
    def resolve_over_credit_limit(obj):
        limit = obj.credit_limit
        return limit is not None and (getattr(obj, "balance", None) or ZERO) > limit


class ReopenIn(Schema):
    reason: str = Field(min_length=1, max_length=200)


class CreditLimitIn(Schema):
    credit_limit: Decimal | None = Field(description="null removes the limit", max_digits=12, decimal_places=2)


class PayerIn(Schema):
    company: int | None = Field(
        description="A company's id; null bills the window to the guest again", ge=1, le=2**63 - 1
    )


# --- cashier shifts ---------------------------------------------------------------------------


def _shift_report(shift):
    """The shift's report, worked out once per object (from prefetched postings on list pages)."""
    from frontoffice.folios.selectors import cashier_shift_report

    if not hasattr(shift, "_report"):
        shift._report = cashier_shift_report(shift=shift)
    return shift._report


def _str_or_none(value):
    return None if value is None else str(value)


class ShiftMethodOut(Schema):
    """One payment method in a shift. ``payments`` and ``refunds`` are money in and out (positive;
    reversals count with their sign), ``net`` their difference; ``expected`` adds the opening float
    for cash. ``counted``, ``variance`` (counted − expected) and ``result`` (over, short or even)
    are null while the shift is open."""

    method: str
    payments: str
    refunds: str
    net: str
    expected: str
    counted: str | None
    variance: str | None
    result: str | None


class ShiftReportOut(Schema):
    opening_float: str
    methods: list[ShiftMethodOut]
    expected_total: str
    counted_total: str | None
    variance_total: str | None
    result: str | None


def shift_report_out(report) -> dict:
    return {
        "opening_float": str(report.opening_float),
        "methods": [
            {
                "method": line.method.value,
                "payments": str(line.payments),
                "refunds": str(line.refunds),
                "net": str(line.net),
                "expected": str(line.expected),
                "counted": _str_or_none(line.counted),
                "variance": _str_or_none(line.variance),
                "result": _str_or_none(line.result),
            }
            for line in report.lines
        ],
        "expected_total": str(report.expected_total),
        "counted_total": _str_or_none(report.counted_total),
        "variance_total": _str_or_none(report.variance_total),
        "result": _str_or_none(report.result),
    }


class ShiftOut(Schema):
    """A cashier shift. ``expected``, ``counted`` and ``variance`` are totals over every method;
    the last two are null while the shift is open."""

    id: int
    cashier: str
    status: str
    business_date: dt.date
    opened_at: dt.datetime
    opening_float: str
    closed_at: dt.datetime | None
    closed_by: str | None
    note: str
    expected: str
    counted: str | None
    variance: str | None
    result: str | None

    @staticmethod
    def resolve_cashier(obj):
        return obj.cashier.get_username()

    @staticmethod
    def resolve_closed_by(obj):
        return obj.closed_by.get_username() if obj.closed_by_id else None

    @staticmethod
    def resolve_opening_float(obj):
        return str(obj.opening_float)

    @staticmethod
    def resolve_expected(obj):
        return str(_shift_report(obj).expected_total)

    @staticmethod
    def resolve_counted(obj):
        return _str_or_none(_shift_report(obj).counted_total)

    @staticmethod
    def resolve_variance(obj):
        return _str_or_none(_shift_report(obj).variance_total)

    @staticmethod
    def resolve_result(obj):
        return _str_or_none(_shift_report(obj).result)


class ShiftDetailOut(ShiftOut):
    """A cashier shift with its report per payment method."""

    report: ShiftReportOut

    @staticmethod
    def resolve_report(obj):
        return shift_report_out(_shift_report(obj))


class ShiftOpenIn(Schema):
    opening_float: Decimal = Field(description='Cash in the drawer at the start, e.g. "150.00"')


class ShiftCloseIn(Schema):
    counted: dict[str, Decimal] = Field(
        description='Amount counted per payment method, e.g. {"cash": "230.50", "card": "412.00"}; '
        "a method left out was counted as zero"
    )
    note: str = Field("", max_length=200)


class DepositLineOut(Schema):
    due_date: dt.date
    amount: str
    paid: str
    outstanding: str
    overdue: bool

    @staticmethod
    def resolve_amount(obj):
        return str(obj.amount)

    @staticmethod
    def resolve_paid(obj):
        return str(obj.paid)

    @staticmethod
    def resolve_outstanding(obj):
        return str(obj.outstanding)


class DepositsOut(Schema):
    """The reservation's deposit: the schedule with what is paid and overdue, what the deposit
    ledger holds now (``held``), and the deposit folio's postings."""

    held: str
    schedule: list[DepositLineOut]
    postings: list[PostingOut]


class DepositIn(PaymentIn):
    pass


class DepositScheduleLineIn(Schema):
    due_date: dt.date
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)


class DepositScheduleIn(Schema):
    lines: list[DepositScheduleLineIn] = Field(max_length=24)


class WindowIn(Schema):
    window: int = Field(1, ge=1, le=8)
