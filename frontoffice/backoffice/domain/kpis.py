"""KPIs over a period, by day, month or year, or broken down by segment, channel, room type or
rate plan: sums of the nights' counts, then the ratios (``nightaudit.domain.statistics``), both
STR / USALI and operational.

A breakdown shares the hotel's rooms available among its groups: a group's occupancy is its rooms
sold over all the rooms available, so the groups' occupancies and RevPARs add up to the hotel's.
Booking-pattern figures are taken over the reservations *arriving* on the period's closed nights
(not waitlisted), whose outcome is known:
average length of stay and lead time over those that came, the cancellation and no-show rates
over all of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from frontoffice.nightaudit.domain.statistics import OPERATIONAL, USALI, NightCounts, both_kpis

GRAINS = ("day", "month", "year")
DIMENSIONS = ("segment", "channel", "room_type", "rate_plan")
ZERO = Decimal("0.00")


def period_key(day: dt.date, grain: str) -> str:
    if grain == "day":
        return day.isoformat()
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if grain == "year":
        return f"{day.year:04d}"
    raise ValueError(f"unknown grain {grain!r}")


@dataclass(frozen=True)
class Booking:
    """Reservations arriving in the period with one status (and group), as the booking-pattern
    figures see them: how many, and their nights and lead days summed."""

    group: str
    status: str  # in_house, checked_out, confirmed, tentative, cancelled, no_show
    count: int = 1
    nights: int = 0
    lead_days: int = 0


@dataclass
class Group:
    key: str
    counts: NightCounts = field(default_factory=NightCounts)
    sold: int | None = None  # a breakdown's own rooms sold (the counts then hold the hotel's)
    room_revenue: Decimal = ZERO
    fees: Decimal = ZERO
    bookings: list[Booking] = field(default_factory=list)

    def row(self) -> dict:
        counts = self.counts
        sold = counts.sold if self.sold is None else self.sold
        k = both_kpis(counts, self.room_revenue)
        came = [b for b in self.bookings if b.status in ("in_house", "checked_out")]
        arrived = sum(b.count for b in came)
        total = sum(b.count for b in self.bookings)
        usali, oper = k[USALI], k[OPERATIONAL]
        return {
            "key": self.key,
            "available_usali": usali.available,
            "available_operational": oper.available,
            "sold": sold,
            "complimentary": counts.complimentary if self.sold is None else None,
            "house_use": counts.house_use if self.sold is None else None,
            "room_revenue": self.room_revenue,
            "occupancy_usali": _ratio(Decimal(sold) * 100, usali.available),
            "occupancy_operational": _ratio(Decimal(sold) * 100, oper.available),
            "adr": _ratio(self.room_revenue, sold),
            "revpar_usali": _ratio(self.room_revenue, usali.available),
            "revpar_operational": _ratio(self.room_revenue, oper.available),
            "fees": self.fees if self.sold is None else None,
            "arrivals": arrived,
            "average_length_of_stay": _ratio(Decimal(sum(b.nights for b in came)), arrived),
            "lead_time_days": _ratio(Decimal(sum(b.lead_days for b in came)), arrived),
            "cancellation_rate": _ratio(Decimal(self._count("cancelled")) * 100, total),
            "no_show_rate": _ratio(Decimal(self._count("no_show")) * 100, total),
        }

    def _count(self, status: str) -> int:
        return sum(b.count for b in self.bookings if b.status == status)


COLUMNS = [
    "key", "available_usali", "available_operational", "sold", "complimentary", "house_use", "room_revenue",
    "occupancy_usali", "occupancy_operational", "adr", "revpar_usali", "revpar_operational", "fees", "arrivals",
    "average_length_of_stay", "lead_time_days", "cancellation_rate", "no_show_rate",
]  # fmt: skip


def _ratio(numerator: Decimal, denominator) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def by_period(
    nights: Iterable[tuple[dt.date, NightCounts, Decimal, Decimal]], bookings: Iterable[tuple[dt.date, Booking]],
    grain: str,
) -> list[dict]:  # fmt: skip
    """Rows per day, month or year from each night's (date, counts, room revenue, fees) and the
    bookings by arrival date."""
    groups: dict[str, Group] = {}
    for day, counts, revenue, fees in nights:
        g = groups.setdefault(period_key(day, grain), Group(period_key(day, grain)))
        g.counts = g.counts + counts
        g.room_revenue += Decimal(revenue)
        g.fees += Decimal(fees)
    for arrival, booking in bookings:
        key = period_key(arrival, grain)
        groups.setdefault(key, Group(key)).bookings.append(booking)
    return [groups[k].row() for k in sorted(groups)]


def by_dimension(
    hotel: NightCounts, sold: dict[str, int], revenue: dict[str, Decimal], bookings: Iterable[Booking]
) -> list[dict]:
    """Rows per group value, sharing the hotel's rooms available (``hotel`` is the period's sum)."""
    keys = set(sold) | set(revenue)
    groups = {k: Group(k, counts=hotel, sold=sold.get(k, 0), room_revenue=Decimal(revenue.get(k, ZERO))) for k in keys}
    for b in bookings:
        groups.setdefault(b.group, Group(b.group, counts=hotel, sold=0)).bookings.append(b)
    return [groups[k].row() for k in sorted(groups)]


def total_row(nights: Iterable[tuple[dt.date, NightCounts, Decimal, Decimal]], bookings: Iterable[Booking]) -> dict:
    g = Group("total")
    for _day, counts, revenue, fees in nights:
        g.counts = g.counts + counts
        g.room_revenue += Decimal(revenue)
        g.fees += Decimal(fees)
    g.bookings = list(bookings)
    return g.row()
