"""Reads for the night audit: the pre-checks of the open date, the figures of a night, closed dates
and their reports."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import Department
from frontoffice.folios.models import CashierShift, DepositRequest, Folio, FolioStatus, Posting, ShiftStatus
from frontoffice.folios.selectors import trial_balance
from frontoffice.frontdesk.models import StayEvent, StayRecord
from frontoffice.nightaudit.domain.prechecks import (
    ARRIVALS_PENDING,
    DEPARTURES_PENDING,
    DEPOSITS_OVERDUE,
    OPEN_SHIFTS,
    OPTIONS_EXPIRING,
    OVER_CREDIT_LIMIT,
    PreCheck,
    prechecks,
)
from frontoffice.nightaudit.domain.statistics import NightCounts
from frontoffice.nightaudit.models import AuditReport, DailyStatistics, NightAudit
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import MarketSegment, Reservation
from frontoffice.rooms.models import Room, RoomBlock, RoomBlockKind

ZERO = Decimal("0.00")
MONEY = DecimalField(max_digits=14, decimal_places=2)


def day_over(property: Property, now: dt.datetime) -> bool:
    """Whether the business date is past in the property's own calendar (its time zone)."""
    return property.business_date < now.astimezone(ZoneInfo(property.timezone)).date()


def _label(res) -> str:
    return f"{res['confirmation']} {res['guest__last_name']}".strip()


def arrivals_pending(property: Property, date: dt.date):
    """Booked stays due on or before ``date`` that have not checked in (the audit no-shows them)."""
    return Reservation.objects.filter(
        property=property, status__in=[Status.CONFIRMED.value, Status.TENTATIVE.value], arrival__lte=date
    )


def departures_pending(property: Property, date: dt.date):
    """Guests in house due out on or before ``date``."""
    return Reservation.objects.filter(property=property, status=Status.IN_HOUSE.value, departure__lte=date)


def night_audit_prechecks(*, property: Property, now: dt.datetime | None = None) -> list[PreCheck]:
    """What stands before closing the property's business date (see domain.prechecks)."""
    date = property.business_date
    now = now or timezone.now()
    fields = ("confirmation", "guest__last_name")
    found: dict[str, list[str]] = {
        ARRIVALS_PENDING: [_label(r) for r in arrivals_pending(property, date).order_by("id").values(*fields)],
        DEPARTURES_PENDING: [_label(r) for r in departures_pending(property, date).order_by("id").values(*fields)],
        OPEN_SHIFTS: list(
            CashierShift.objects.filter(property=property, status=ShiftStatus.OPEN)
            .order_by("opened_at")
            .values_list("cashier__username", flat=True)
        ),
    }
    over = (
        Folio.objects.filter(property=property, status=FolioStatus.OPEN, credit_limit__isnull=False)
        .annotate(balance=Coalesce(Sum("postings__gross"), Value(ZERO), output_field=MONEY))
        .filter(balance__gt=F("credit_limit"))
        .order_by("id")
    )
    found[OVER_CREDIT_LIMIT] = [f"#{pk}" for pk in over.values_list("pk", flat=True)]
    overdue = DepositRequest.objects.filter(
        property=property,
        cancelled_at__isnull=True,
        due_date__lte=date,
        reservation__status__in=[Status.CONFIRMED.value, Status.TENTATIVE.value],
    )
    found[DEPOSITS_OVERDUE] = sorted(set(overdue.values_list("reservation__confirmation", flat=True)))
    expiring = Reservation.objects.filter(
        property=property, status=Status.TENTATIVE.value, option_expires_at__lte=now, arrival__gt=date
    )
    found[OPTIONS_EXPIRING] = list(expiring.order_by("id").values_list("confirmation", flat=True))
    return prechecks(found)


# --- a night's figures ------------------------------------------------------------------------


@dataclass(frozen=True)
class NightFigures:
    counts: NightCounts
    guests: int
    room_revenue: Decimal
    fees: Decimal
    revenue_by_department: dict[str, Decimal]
    payments_by_method: dict[str, Decimal]
    refunds_by_method: dict[str, Decimal]
    ledgers: dict[str, dict[str, Decimal]]
    by_segment: dict[str, dict[str, Decimal | int]]


def _dec(value) -> Decimal:
    """A sum as Decimal to the cent (SQLite sums decimals as floats)."""
    return Decimal(str(value or 0)).quantize(Decimal("0.01"))


def night_figures(*, property: Property, date: dt.date) -> NightFigures:
    """The figures of night ``date`` as they stand (the night audit stores them when it closes it)."""
    rooms = Room.objects.filter(property=property, active=True)
    blocks = RoomBlock.objects.filter(
        property=property, released_at__isnull=True, start__lte=date, end__gt=date, room__active=True
    )
    block_counts = dict(blocks.values("kind").annotate(n=Count("room", distinct=True)).values_list("kind", "n"))
    stays = Reservation.objects.filter(property=property)
    in_house = stays.filter(status=Status.IN_HOUSE.value, arrival__lte=date)
    house = in_house.aggregate(
        occupied=Count("id"),
        comp=Count("id", filter=Q(market_segment=MarketSegment.COMPLIMENTARY)),
        house_use=Count("id", filter=Q(market_segment=MarketSegment.HOUSE_USE)),
    )
    guests = sum(a + len(c or []) for a, c in in_house.values_list("adults", "children_ages"))
    # Arrivals and departures are what the desk recorded on the date (a stay checked out on its
    # arrival day keeps a departure the day after, so its dates would count it on the wrong day);
    # stays put in house or checked out without the desk (an import) count by their dates.
    stayed = [Status.IN_HOUSE.value, Status.CHECKED_OUT.value]
    records = StayRecord.objects.filter(property=property, reservation__status__in=stayed)
    checked_in = set(records.filter(event=StayEvent.CHECK_IN, business_date=date).values_list("reservation", flat=True))
    checked_out = set(
        records.filter(event=StayEvent.CHECK_OUT, business_date=date).values_list("reservation", flat=True)
    )
    undocumented = stays.filter(status__in=stayed).exclude(stay_records__isnull=False)
    arrived = checked_in | set(undocumented.filter(arrival=date).values_list("id", flat=True))
    left = checked_out | set(
        undocumented.filter(status=Status.CHECKED_OUT.value, departure=date).values_list("id", flat=True)
    )
    day_use = len(arrived & left)
    counts = NightCounts(
        physical=rooms.count(),
        out_of_order=block_counts.get(RoomBlockKind.OUT_OF_ORDER.value, 0),
        out_of_service=block_counts.get(RoomBlockKind.OUT_OF_SERVICE.value, 0),
        occupied=house["occupied"],
        complimentary=house["comp"],
        house_use=house["house_use"],
        day_use=day_use,
        arrivals=len(arrived),
        departures=len(left),
        no_shows=stays.filter(status=Status.NO_SHOW.value, cancelled_on=date).count(),
        cancellations=stays.filter(status=Status.CANCELLED.value, cancelled_on=date).count(),
    )
    postings = Posting.objects.filter(property=property, business_date=date)
    by_dept: dict[str, Decimal] = {}
    payments: dict[str, Decimal] = {}
    refunds: dict[str, Decimal] = {}
    rows = postings.values_list("transaction_code__department", "payment_method", "net", "gross")
    for dept, method, net, gross in rows:
        if dept == Department.PAYMENT:
            payments[method] = payments.get(method, ZERO) - _dec(gross)
        elif dept == Department.REFUND:
            refunds[method] = refunds.get(method, ZERO) + _dec(gross)
        elif dept != Department.TRANSFER:
            by_dept[dept] = by_dept.get(dept, ZERO) + _dec(net)
    segments: dict[str, dict] = {}
    for segment, n in in_house.values("market_segment").annotate(n=Count("id")).values_list("market_segment", "n"):
        segments.setdefault(segment, {"rooms": 0, "room_revenue": ZERO})["rooms"] = n
    room_rows = postings.filter(transaction_code__department=Department.ROOMS).values_list(
        Coalesce("nightly_stay__market_segment", "folio__reservation__market_segment"), "net"
    )
    for segment, net in room_rows:
        entry = segments.setdefault(segment or "", {"rooms": 0, "room_revenue": ZERO})
        entry["room_revenue"] += _dec(net)
    return NightFigures(
        counts=counts,
        guests=guests,
        room_revenue=by_dept.get(Department.ROOMS.value, ZERO),
        fees=by_dept.get(Department.FEES.value, ZERO),
        revenue_by_department=dict(sorted(by_dept.items())),
        payments_by_method=dict(sorted(payments.items())),
        refunds_by_method=dict(sorted(refunds.items())),
        ledgers=trial_balance(property=property, business_date=date),
        by_segment=dict(sorted(segments.items())),
    )


def statistics_counts(stats: DailyStatistics) -> NightCounts:
    return NightCounts(
        physical=stats.physical_rooms,
        out_of_order=stats.out_of_order,
        out_of_service=stats.out_of_service,
        occupied=stats.occupied,
        complimentary=stats.complimentary,
        house_use=stats.house_use,
        day_use=stats.day_use,
        arrivals=stats.arrivals,
        departures=stats.departures,
        no_shows=stats.no_shows,
        cancellations=stats.cancellations,
    )


# --- closed dates -----------------------------------------------------------------------------


def night_audit_list(*, property: Property, limit: int = 30):
    return NightAudit.objects.filter(property=property).select_related("actor").order_by("-business_date")[:limit]


def night_audit_get(*, property: Property, date: dt.date) -> NightAudit | None:
    return NightAudit.objects.filter(property=property, business_date=date).select_related("actor").first()


def daily_statistics_get(*, property: Property, date: dt.date) -> DailyStatistics | None:
    return DailyStatistics.objects.filter(property=property, date=date).first()


def audit_reports(*, property: Property, date: dt.date):
    return AuditReport.objects.filter(property=property, business_date=date).defer("content").order_by("kind", "format")


def audit_report_get(*, property: Property, date: dt.date, kind: str, format: str) -> AuditReport | None:
    return AuditReport.objects.filter(property=property, business_date=date, kind=kind, format=format).first()
