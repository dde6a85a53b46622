"""Reads: folios with their postings and derived balances."""

from decimal import Decimal

from django.db.models import Prefetch

from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import Department, Entry, balance, kind_of
from frontoffice.folios.models import Folio, Posting, TransactionCode
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
