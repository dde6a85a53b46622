"""Reads for the back office: the journal's rows from the ledger and the city ledger."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Func, IntegerField, Sum
from django.db.models.functions import Coalesce

from frontoffice.backoffice.domain.journal import CompanyPayment, Entry, PostingRow, journal
from frontoffice.backoffice.domain.kpis import (
    COLUMNS,
    GRAINS,
    Booking,
    by_dimension,
    by_period,
    period_key,
    total_row,
)
from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import PaymentMethod
from frontoffice.folios.domain.receivables import BUCKETS
from frontoffice.folios.models import FolioKind, Posting, ReceivablePayment, TransactionCode
from frontoffice.folios.selectors_receivables import receivables_aging
from frontoffice.nightaudit.domain.statistics import NightCounts
from frontoffice.nightaudit.models import DailyStatistics, NightAudit
from frontoffice.nightaudit.selectors import statistics_counts
from frontoffice.reservations.models import Reservation, ReservationNight

CITY_LEDGER = "4300 City ledger"
ZERO = Decimal("0.00")


def closed_through(*, property: Property) -> dt.date | None:
    """The last business date the night audit closed (its journal will not change)."""
    last = NightAudit.objects.filter(property=property).order_by("-business_date").first()
    return last.business_date if last else None


def statistics_through(*, property: Property) -> dt.date | None:
    """The last night whose statistics are stored (by the night audit, or the demo's history)."""
    last = DailyStatistics.objects.filter(property=property).order_by("-date").first()
    return last.date if last else None


def statistics_nights(*, property: Property, through: dt.date, nights: int) -> list[DailyStatistics]:
    """The stored statistics of the ``nights`` nights up to ``through``, oldest first."""
    since = through - dt.timedelta(days=nights)
    return list(DailyStatistics.objects.filter(property=property, date__gt=since, date__lte=through).order_by("date"))


def cancellations_by_channel(*, property: Property, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    """How many reservations each channel cancelled from ``start`` (excluded) to ``end``, most first."""
    rows = (
        Reservation.objects.filter(property=property, status="cancelled", cancelled_on__gt=start, cancelled_on__lte=end)
        .values("channel")
        .annotate(n=Count("id"))
        .order_by("-n", "channel")
    )
    return [(row["channel"], row["n"]) for row in rows]


def _method_accounts(property: Property) -> dict[str, str]:
    """Each payment method's account, from the property's payment codes."""
    rows = TransactionCode.objects.filter(property=property, department="payment").values_list(
        "payment_method", "ledger_account"
    )
    return {method: account for method, account in rows if method}


def journal_entries(*, property: Property, start: dt.date, end: dt.date) -> list[Entry]:
    """Every journal entry dated ``start``–``end`` (inclusive), in date order."""
    postings = (
        Posting.objects.filter(property=property, business_date__gte=start, business_date__lte=end)
        .order_by("business_date", "id")
        .values_list(
            "id", "business_date", "folio__kind", "transaction_code__code", "transaction_code__ledger_account",
            "net", "tax", "gross", "description", "folio_id",
        )
    )  # fmt: skip
    rows = [
        PostingRow(
            id=pk, business_date=day, deposit_folio=kind == FolioKind.DEPOSIT, code=code, account=account,
            net=net, tax=tax, gross=gross, description=description, folio=folio,
        )
        for pk, day, kind, code, account, net, tax, gross, description, folio in postings
    ]  # fmt: skip
    accounts = _method_accounts(property)
    city = accounts.get(PaymentMethod.DIRECT_BILL.value, CITY_LEDGER)
    payments = [
        CompanyPayment(
            id=pk, business_date=day, method_account=accounts.get(method, f"5720 {method}"), city_ledger=city,
            amount=amount, account_number=number, reference=reference,
        )
        for pk, day, method, amount, number, reference in ReceivablePayment.objects.filter(
            property=property, business_date__gte=start, business_date__lte=end
        ).values_list("id", "business_date", "method", "amount", "account__number", "reference")
    ]  # fmt: skip
    return journal(rows, payments)


# --- KPIs -------------------------------------------------------------------------------------

DIMENSION_FIELDS = {
    "segment": "market_segment",
    "channel": "channel",
    "room_type": "room_type__code",
    "rate_plan": "rate_plan__code",
}
STAYED = ("in_house", "checked_out")
NOT_SOLD_SEGMENTS = ("complimentary", "house_use")


def _nights(property: Property, start: dt.date, end: dt.date) -> list:
    rows = DailyStatistics.objects.filter(property=property, date__gte=start, date__lte=end).order_by("date")
    return [(s.date, statistics_counts(s), s.room_revenue, s.fees) for s in rows]


class DaysBetween(Func):
    """Whole days from the second date to the first, in SQL (SQLite keeps dates as text)."""

    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="CAST(julianday(%(expressions)s) AS INTEGER)", arg_joiner=") - julianday(",
            **extra,
        )  # fmt: skip

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra)


def _bookings(property: Property, start: dt.date, end: dt.date, field: str | None):
    """The reservations arriving ``start``–``end`` (not waitlisted), tallied in SQL per arrival
    date (or per group ``field``) and status."""
    key = field or "arrival"
    rows = (
        Reservation.objects.filter(property=property, arrival__gte=start, arrival__lte=end)
        .exclude(status="waitlisted")
        .values(key, "status")
        .annotate(
            n=Count("id"),
            nights=Sum(DaysBetween("departure", "arrival")),
            lead=Sum(DaysBetween("arrival", "booked_on")),
        )
        .values_list(key, "status", "n", "nights", "lead")
    )
    return [
        (group, Booking(group=str(group or ""), status=status, count=n, nights=nights or 0, lead_days=lead or 0))
        for group, status, n, nights, lead in rows
    ]


def kpi_report(*, property: Property, start: dt.date, end: dt.date, group_by: str = "day") -> dict:
    """The KPI rows of the closed nights in ``start``–``end`` grouped by ``group_by`` (a grain of
    ``kpis.GRAINS`` or a breakdown of ``kpis.DIMENSIONS``), with the period's total."""
    closed = statistics_through(property=property)
    last = min(end, closed) if closed else start - dt.timedelta(days=1)
    nights = _nights(property, start, last) if last >= start else []
    field = DIMENSION_FIELDS.get(group_by)
    # Booking patterns over the arrivals whose outcome is known (up to the last closed night).
    bookings = _bookings(property, start, last, field) if last >= start else []
    if group_by in GRAINS:
        rows = by_period(nights, bookings, group_by)
    elif field:
        hotel = sum((n[1] for n in nights), NightCounts())
        sold: dict[str, int] = {}
        if last >= start:
            night_rows = (
                ReservationNight.objects.filter(
                    reservation__property=property, date__gte=start, date__lte=last, reservation__status__in=STAYED
                )
                .exclude(reservation__market_segment__in=NOT_SOLD_SEGMENTS)
                .values_list(f"reservation__{field}", flat=True)
            )
            for key in night_rows:
                sold[str(key or "")] = sold.get(str(key or ""), 0) + 1
        revenue: dict[str, Decimal] = {}
        room_postings = Posting.objects.filter(
            property=property, business_date__gte=start, business_date__lte=last, transaction_code__department="rooms"
        ).values_list(Coalesce(f"nightly_stay__{field}", f"folio__reservation__{field}"), "net")
        for key, net in room_postings:
            revenue[str(key or "")] = revenue.get(str(key or ""), ZERO) + Decimal(str(net))
        rows = by_dimension(hotel, sold, revenue, [b for _a, b in bookings])
    else:
        raise ValueError(f"unknown grouping {group_by!r}")
    return {
        "from": start,
        "to": end,
        "closed_through": closed,
        "group_by": group_by,
        "columns": COLUMNS,
        "rows": rows,
        "total": total_row(nights, [b for _a, b in bookings]),
    }


def kpi_compare(*, properties, start: dt.date, end: dt.date) -> list[dict]:
    """A chain's properties side by side: each one's KPI total over its closed nights in the period."""
    rows = []
    for prop in properties:
        total = kpi_report(property=prop, start=start, end=end, group_by="day")["total"]
        rows.append({**total, "key": prop.code, "name": prop.name, "currency": prop.currency})
    return rows


# --- revenue, payments and refunds; receivables aging -------------------------------------------


def money_report(*, property: Property, start: dt.date, end: dt.date, grain: str = "day") -> dict:
    """Revenue by department (net of tax), payments and refunds by method, per day, month or
    year of the closed nights, from the stored statistics; with the period's total."""
    rows: dict[str, dict[str, Decimal]] = {}
    columns: set[str] = set()
    stats = DailyStatistics.objects.filter(property=property, date__gte=start, date__lte=end).order_by("date")
    for s in stats.values_list("date", "revenue_by_department", "payments_by_method", "refunds_by_method"):
        day, revenue, payments, refunds = s
        row = rows.setdefault(period_key(day, grain), {})
        for prefix, values in (("revenue", revenue), ("payments", payments), ("refunds", refunds)):
            for name, amount in (values or {}).items():
                column = f"{prefix}:{name}"
                columns.add(column)
                row[column] = row.get(column, ZERO) + Decimal(amount)
    ordered = sorted(columns, key=lambda c: (["revenue", "payments", "refunds"].index(c.split(":")[0]), c))
    total = {c: sum((r.get(c, ZERO) for r in rows.values()), ZERO) for c in ordered}
    return {
        "columns": ["key", *ordered],
        "rows": [{"key": k, **{c: rows[k].get(c, ZERO) for c in ordered}} for k in sorted(rows)],
        "total": {"key": "total", **total},
    }


def aging_rows(*, property: Property, as_of: dt.date | None = None) -> dict:
    """The city ledger's aging per account as table rows (for the downloads)."""
    report = receivables_aging(property=property, as_of=as_of)
    buckets = [str(b) for b in BUCKETS]
    rows = []
    for account in report["accounts"]:
        s = account.summary
        rows.append(
            {
                "key": account.number,
                "company": account.company.name,
                "open_total": s.open_total,
                "unallocated": s.unallocated,
                **{str(b): s.aging[b] for b in BUCKETS},
            }
        )
    total = report["total"]
    return {
        "as_of": report["as_of"],
        "columns": ["key", "company", "open_total", "unallocated", *buckets],
        "rows": rows,
        "total": {
            "key": "total",
            "company": "",
            "open_total": total.open_total,
            "unallocated": total.unallocated,
            **{str(b): total.aging[b] for b in BUCKETS},
        },  # fmt: skip
    }
