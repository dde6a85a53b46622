"""Reads: folios with their postings and derived balances."""

from decimal import Decimal

from django.db.models import Prefetch

from frontoffice.core.domain.money import ZERO
from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import Department, Entry, balance, kind_of
from frontoffice.folios.domain.shifts import ShiftEntry, ShiftReport, shift_report
from frontoffice.folios.domain.transfer import Instruction
from frontoffice.folios.models import (
    CashierShift,
    Folio,
    FolioKind,
    FolioStatus,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    OpenItem,
    Posting,
    ReceivablePayment,
    RoutingInstruction,
    ShiftStatus,
    TransactionCode,
)
from frontoffice.reservations.models import Reservation


def folio_balance(*, folio: Folio) -> Decimal:
    """The folio's balance: the sum of its postings' gross amounts (positive: the guest owes).

    Summed in Decimal here rather than with SQL ``SUM``: SQLite sums decimals as floating point.
    """
    return balance(Posting.objects.filter(folio=folio).values_list("gross", flat=True))


def folio_entries(*, folio: Folio) -> list[Entry]:
    """What the ledger rules need of every posting on the folio."""
    rows = Posting.objects.filter(folio=folio).values_list(
        "transaction_code__department", "gross", "payment_method", "reversal_of_id"
    )
    return [
        Entry(kind=kind_of(dept), gross=gross, method=method, is_reversal=rev is not None)
        for dept, gross, method, rev in rows
    ]


def folio_get(*, property: Property, pk: int) -> Folio | None:
    return Folio.objects.filter(property=property, pk=pk).select_related("property", "reservation").first()


def posting_get(*, property: Property, pk: int) -> Posting | None:
    return Posting.objects.filter(property=property, pk=pk).select_related("folio", "transaction_code").first()


def transaction_code_get(*, property: Property, code: str) -> TransactionCode | None:
    return TransactionCode.objects.filter(property=property, code=code.strip().upper(), active=True).first()


def folio_list_for_reservation(*, reservation: Reservation) -> list[Folio]:
    """The reservation's windows in order, each with its postings and their ``balance`` (two queries)."""
    postings = Posting.objects.select_related("transaction_code", "actor").order_by("id")
    folios = list(
        Folio.objects.filter(reservation=reservation)
        .exclude(kind=FolioKind.DEPOSIT)
        .prefetch_related(Prefetch("postings", queryset=postings))
        .order_by("window")
    )
    for folio in folios:
        folio.balance = balance(p.gross for p in folio.postings.all())
    return folios


CHARGE_DEPARTMENTS = [
    d.value for d in Department if d not in (Department.PAYMENT, Department.REFUND, Department.TRANSFER)
]


def transaction_code_charges(property: Property):
    """The property's active charge codes (not payments, not refunds), by code."""
    return TransactionCode.objects.filter(property=property, active=True, department__in=CHARGE_DEPARTMENTS).order_by(
        "code"
    )


def invoice_get(*, property: Property, pk: int) -> Invoice | None:
    return (
        Invoice.objects.filter(property=property, pk=pk)
        .select_related("property", "folio__reservation__room", "corrects", "issued_by")
        .first()
    )


def invoice_list(
    *,
    property: Property,
    folio: Folio | None = None,
    reservation: Reservation | None = None,
    number: str = "",
    kind: str = "",
):
    """The property's issued documents, newest first, optionally of one folio, one stay's
    windows, a kind or a number."""
    qs = Invoice.objects.filter(property=property).select_related("folio__reservation", "corrects", "credit_note")
    if folio is not None:
        qs = qs.filter(folio=folio)
    if reservation is not None:
        qs = qs.filter(folio__reservation=reservation)
    if number:
        qs = qs.filter(full_number__icontains=number.strip())
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-issued_at", "-id")


def standing_invoice_lines():
    """Lines of invoices that stand (no credit note corrects them): they make a posting invoiced."""
    return InvoiceLine.objects.filter(
        invoice__kind__in=(InvoiceKind.INVOICE, InvoiceKind.SIMPLIFIED), invoice__credit_note__isnull=True
    )


def posting_invoice(*, posting: Posting) -> Invoice | None:
    """The standing invoice that holds ``posting``, if any."""
    line = standing_invoice_lines().filter(posting=posting).select_related("invoice").first()
    return line.invoice if line else None


# --- transfers, routing, house folios, credit limit ------------------------------------------


def routing_instructions_for(*, folio: Folio) -> list[RoutingInstruction]:
    """The active routing instructions of the stay window ``folio`` is, by id (none for a house
    or deposit folio)."""
    if folio.reservation_id is None or folio.kind == FolioKind.DEPOSIT:
        return []
    return list(
        RoutingInstruction.objects.filter(
            reservation_id=folio.reservation_id, source_window=folio.window, active=True
        ).order_by("id")
    )


def routing_rules(*, instructions: list[RoutingInstruction], business_date, open_folios: set[int]) -> list[Instruction]:
    """The instructions as the routing rule needs them, each with what it already routed on
    ``business_date``; those whose target folio is not in ``open_folios`` route nothing."""
    live = [i for i in instructions if i.target_folio_id in open_folios]
    routed: dict[int, Decimal] = {}
    if any(i.daily_cap is not None for i in live):
        rows = Posting.objects.filter(routed_by__in=[i.pk for i in live], business_date=business_date)
        for pk, gross in rows.values_list("routed_by_id", "gross"):
            routed[pk] = routed.get(pk, ZERO) + gross
    return [
        Instruction(
            id=i.pk,
            target=i.target_folio_id,
            codes=frozenset(i.transaction_codes),
            departments=frozenset(i.departments),
            start_date=i.start_date,
            end_date=i.end_date,
            percentage=i.percentage,
            daily_cap=i.daily_cap,
            routed_today=routed.get(i.pk, ZERO),
        )
        for i in live
    ]


def routing_instruction_list(*, reservation: Reservation) -> list[RoutingInstruction]:
    """The stay's routing instructions, active and ended, by id, with their target folios."""
    return list(
        RoutingInstruction.objects.filter(reservation=reservation)
        .select_related("target_folio__reservation", "created_by")
        .order_by("id")
    )


def routing_instruction_get(*, property: Property, pk: int) -> RoutingInstruction | None:
    return (
        RoutingInstruction.objects.filter(property=property, pk=pk)
        .select_related("reservation", "target_folio", "property")
        .first()
    )


def folio_list_house(*, property: Property, include_closed: bool = False) -> list[Folio]:
    """The property's house folios (open ones unless ``include_closed``), each with its
    ``balance`` (two queries)."""
    qs = Folio.objects.filter(property=property, kind=FolioKind.HOUSE, reservation__isnull=True)
    if not include_closed:
        qs = qs.filter(status=FolioStatus.OPEN)
    folios = list(qs.order_by("name", "id"))
    grosses: dict[int, list[Decimal]] = {f.pk: [] for f in folios}
    for pk, gross in Posting.objects.filter(folio__in=folios).values_list("folio_id", "gross"):
        grosses[pk].append(gross)
    for folio in folios:
        folio.balance = balance(grosses[folio.pk])
    return folios


def folio_over_credit_limit(*, folio: Folio, balance: Decimal | None = None) -> bool:
    """Whether the folio's balance is above its credit limit (never, without a limit)."""
    if folio.credit_limit is None:
        return False
    if balance is None:
        balance = getattr(folio, "balance", None)
    if balance is None:
        balance = folio_balance(folio=folio)
    return balance > folio.credit_limit


# --- cashier shifts ---------------------------------------------------------------------------

MONEY_DEPARTMENTS = [Department.PAYMENT.value, Department.REFUND.value]


def _shift_entries(postings) -> list[ShiftEntry]:
    return [
        ShiftEntry(kind=kind_of(dept), method=method, gross=gross)
        for dept, method, gross in postings
        if dept in MONEY_DEPARTMENTS
    ]


def cashier_shift_entries(*, shift: CashierShift) -> list[ShiftEntry]:
    """The payments and refunds (reversals included) posted in the shift."""
    rows = Posting.objects.filter(shift=shift, transaction_code__department__in=MONEY_DEPARTMENTS).values_list(
        "transaction_code__department", "payment_method", "gross"
    )
    return _shift_entries(rows)


def _counted_of(shift: CashierShift) -> dict[str, Decimal] | None:
    if shift.status != ShiftStatus.CLOSED:
        return None
    return {method: Decimal(amount) for method, amount in (shift.counted or {}).items()}


def cashier_shift_report(*, shift: CashierShift) -> ShiftReport:
    """The shift's report: per method payments, refunds, net and expected; counted and variance
    once closed. Uses the postings prefetched by ``cashier_shift_list`` when there are any."""
    cache = getattr(shift, "_prefetched_objects_cache", {})
    if "postings" in cache:
        entries = _shift_entries((p.transaction_code.department, p.payment_method, p.gross) for p in cache["postings"])
    else:
        entries = cashier_shift_entries(shift=shift)
    return shift_report(opening_float=shift.opening_float, entries=entries, counted=_counted_of(shift))


def cashier_shift_current(*, property: Property, user) -> CashierShift | None:
    """The shift ``user`` has open at ``property``, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        CashierShift.objects.filter(property=property, cashier=user, status=ShiftStatus.OPEN)
        .select_related("cashier", "closed_by")
        .first()
    )


def cashier_shifts_visible(*, property: Property, user):
    """The shifts ``user`` may see: everyone's with ``core.manage_cashier_shifts``, else their own."""
    shifts = CashierShift.objects.filter(property=property)
    if not user.has_perm("core.manage_cashier_shifts"):
        shifts = shifts.filter(cashier=user)
    return shifts


def cashier_shift_list(*, property: Property, user, business_date=None, cashier: str = "", status: str = ""):
    """Visible shifts, newest first, filtered by business date, cashier (username) and status;
    each with the money postings the report needs prefetched (three queries for a page)."""
    shifts = cashier_shifts_visible(property=property, user=user)
    if business_date:
        shifts = shifts.filter(business_date=business_date)
    if cashier:
        shifts = shifts.filter(cashier__username=cashier)
    if status:
        shifts = shifts.filter(status=status)
    money_postings = Posting.objects.filter(transaction_code__department__in=MONEY_DEPARTMENTS).select_related(
        "transaction_code"
    )
    return (
        shifts.select_related("cashier", "closed_by")
        .prefetch_related(Prefetch("postings", queryset=money_postings))
        .order_by("-opened_at", "-id")
    )


def cashier_shift_get(*, property: Property, user, pk: int) -> CashierShift | None:
    """One shift the user may see (None otherwise: another cashier's shift is not found)."""
    return (
        cashier_shifts_visible(property=property, user=user)
        .select_related("cashier", "closed_by")
        .filter(pk=pk)
        .first()
    )


def trial_balance(*, property: Property, business_date) -> dict:
    """The three ledgers for one business date: guest (every folio but deposit folios), deposit
    (deposit folios) and city (open items less payments received). For each: opening, debits
    (what raises what is owed to the hotel), credits, closing — and ``opening + debits − credits
    == closing`` by construction of the sums, which the tests hold against independent totals.
    Amounts are summed in Decimal (SQLite sums decimals as floats)."""

    def ledger(rows):
        opening = debits = credits = Decimal("0.00")
        for day, amount in rows:
            if day < business_date:
                opening += amount
            elif day == business_date:
                if amount >= 0:
                    debits += amount
                else:
                    credits -= amount
        return {"opening": opening, "debits": debits, "credits": credits, "closing": opening + debits - credits}

    postings = Posting.objects.filter(property=property, business_date__lte=business_date)
    guest = postings.exclude(folio__kind=FolioKind.DEPOSIT).values_list("business_date", "gross")
    deposit = postings.filter(folio__kind=FolioKind.DEPOSIT).values_list("business_date", "gross")
    items = OpenItem.objects.filter(property=property, business_date__lte=business_date).values_list(
        "business_date", "amount"
    )
    paid = ReceivablePayment.objects.filter(property=property, business_date__lte=business_date).values_list(
        "business_date", "amount"
    )
    city = list(items) + [(day, -amount) for day, amount in paid]
    return {"guest": ledger(guest), "deposit": ledger(deposit), "city": ledger(city)}
