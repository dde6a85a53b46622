"""On the books: what is booked for each of the next days, and the pace against last year.

For each night from the business date: rooms on the books (tentative, confirmed and in-house stays
holding it), occupancy over the rooms sellable that night (physical less out of order), room
revenue net of VAT at the prices fixed on the reservations, arrivals and departures. Beside it, the
same weekday last year (364 days back) as it stood the same number of days ahead: the stays booked
by then and not yet cancelled by then (a no-show was still on the books). The staffing plan reads
the arrivals, departures and rooms from here.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum

from frontoffice.core.models import Property
from frontoffice.reservations.models import Reservation, ReservationNight
from frontoffice.rooms.models import Room, RoomBlock, RoomBlockKind

LAST_YEAR = dt.timedelta(days=364)  # the same weekday a year back
ON_THE_BOOKS = ("tentative", "confirmed", "in_house")
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class ForecastDay:
    date: dt.date
    rooms: int
    sellable: int
    occupancy: Decimal | None
    room_revenue: Decimal
    arrivals: int
    departures: int
    last_year_date: dt.date
    last_year_rooms: int
    last_year_room_revenue: Decimal
    adults: int = 0  # adults in house that night (the staffing rules size the concierge from it)

    @property
    def pace(self) -> int:
        """Rooms ahead (+) or behind (−) last year at the same distance."""
        return self.rooms - self.last_year_rooms


def _pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def forecast(*, property: Property, days: int = 365, start: dt.date | None = None) -> list[ForecastDay]:
    start = start or property.business_date
    end = start + dt.timedelta(days=days)
    # The night's price holds its VAT where prices include it; otherwise VAT comes on top.
    net = F("price") - F("vat") if property.prices_include_vat else F("price")
    nights = ReservationNight.objects.filter(reservation__property=property, date__gte=start, date__lt=end)
    booked = list(
        nights.filter(reservation__status__in=ON_THE_BOOKS)
        .values("date")
        .annotate(rooms=Count("id"), revenue=Sum(net), adults=Sum("reservation__adults"))
    )
    rooms = {r["date"]: (r["rooms"], Decimal(str(r["revenue"] or 0))) for r in booked}
    adults = {r["date"]: r["adults"] or 0 for r in booked}
    stays = Reservation.objects.filter(property=property, status__in=ON_THE_BOOKS)
    arrivals = dict(
        stays.filter(arrival__gte=start, arrival__lt=end)
        .values("arrival")
        .annotate(n=Count("id"))
        .values_list("arrival", "n")
    )
    departures = dict(
        stays.filter(departure__gte=start, departure__lt=end)
        .values("departure")
        .annotate(n=Count("id"))
        .values_list("departure", "n")
    )
    # Sellable: the rooms in use less those out of order that night (inventory rows exist only
    # where something was booked, so they are not counted on).
    physical = Room.objects.filter(property=property, active=True).count()
    out_of_order: dict[dt.date, int] = {}
    blocks = RoomBlock.objects.filter(
        property=property, kind=RoomBlockKind.OUT_OF_ORDER, released_at__isnull=True, start__lt=end, end__gt=start,
        room__active=True,
    ).values_list("start", "end")  # fmt: skip
    for first, last in blocks:
        day = max(first, start)
        while day < min(last, end):
            out_of_order[day] = out_of_order.get(day, 0) + 1
            day += dt.timedelta(days=1)
    sellable = {start + dt.timedelta(days=i): physical for i in range(days)}
    for day, n in out_of_order.items():
        sellable[day] = max(physical - n, 0)
    # Last year as it stood the same number of days before each night: booked by then, not
    # cancelled by then. As of date = night − (night − start) = start − 364 days for every night.
    as_of = start - LAST_YEAR
    then = ReservationNight.objects.filter(
        reservation__property=property,
        date__gte=start - LAST_YEAR,
        date__lt=end - LAST_YEAR,
        reservation__booked_on__lte=as_of,
    ).exclude(reservation__status="waitlisted")
    then = then.filter(Q(reservation__cancelled_on__isnull=True) | Q(reservation__cancelled_on__gt=as_of))
    last_year = {
        r["date"]: (r["rooms"], Decimal(str(r["revenue"] or 0)))
        for r in then.values("date").annotate(rooms=Count("id"), revenue=Sum(net))
    }
    out = []
    for i in range(days):
        day = start + dt.timedelta(days=i)
        n, revenue = rooms.get(day, (0, ZERO))
        ly_day = day - LAST_YEAR
        ly_rooms, ly_revenue = last_year.get(ly_day, (0, ZERO))
        out.append(
            ForecastDay(
                date=day,
                rooms=n,
                sellable=sellable.get(day, 0),
                occupancy=_pct(n, sellable.get(day, 0)),
                room_revenue=revenue.quantize(Decimal("0.01")),
                arrivals=arrivals.get(day, 0),
                departures=departures.get(day, 0),
                last_year_date=ly_day,
                last_year_rooms=ly_rooms,
                last_year_room_revenue=ly_revenue.quantize(Decimal("0.01")),
                adults=adults.get(day, 0),
            )
        )
    return out


FORECAST_COLUMNS = [
    "date", "rooms", "sellable", "occupancy", "room_revenue", "arrivals", "departures", "adults", "last_year_date",
    "last_year_rooms", "last_year_room_revenue", "pace",
]  # fmt: skip


def forecast_rows(days: list[ForecastDay]) -> list[dict]:
    return [{**{c: getattr(d, c) for c in FORECAST_COLUMNS if c != "pace"}, "pace": d.pace} for d in days]
