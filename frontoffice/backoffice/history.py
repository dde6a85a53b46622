"""The demo's past, as statistics: the nights before its first night audit, reconstructed from
its bookings so that the back office has a history to chart and compare.

The demo is seeded with three years of bookings but with postings only for the guests in house
today (their nights are posted on their own dates; no night audit closed the nights before). For
each past night this counts what the audit would have: rooms in use and blocked, stays in house
that night (complimentary and house use by segment), day use (none in the demo), arrivals and
departures of stays that came, no-shows and cancellations on their business date with their fees,
and room revenue net of VAT from the prices fixed on the reservations, less the food their rate
plan includes (as the audit posts it). Payments and ledgers are left empty: there were no
postings. Rows are marked ``source="history"``.
"""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import price_line
from frontoffice.nightaudit.models import DailyStatistics
from frontoffice.reservations.models import Reservation, ReservationNight
from frontoffice.rooms.models import Room, RoomBlock

STAYED = ("in_house", "checked_out")
ZERO = Decimal("0.00")


def history_statistics_seed(*, property: Property, days: int = 400) -> int:
    """Store the reconstructed statistics of the ``days`` nights before the business date that
    have none yet. Returns how many nights were written."""
    end = property.business_date
    start = end - dt.timedelta(days=days)
    have = set(
        DailyStatistics.objects.filter(property=property, date__gte=start, date__lt=end).values_list("date", flat=True)
    )
    dates = [start + dt.timedelta(days=i) for i in range(days) if start + dt.timedelta(days=i) not in have]
    if not dates:
        return 0
    physical = Room.objects.filter(property=property, active=True).count()
    blocked: dict[tuple[dt.date, str], int] = {}
    for first, last, kind in RoomBlock.objects.filter(
        property=property, start__lt=end, end__gt=start, room__active=True
    ).values_list("start", "end", "kind"):
        day = max(first, start)
        while day < min(last, end):
            blocked[(day, kind)] = blocked.get((day, kind), 0) + 1
            day += dt.timedelta(days=1)
    include = property.prices_include_vat
    nights: dict[dt.date, dict] = {}
    rows = ReservationNight.objects.filter(
        reservation__property=property, reservation__status__in=STAYED, date__gte=start, date__lt=end
    ).values_list("date", "price", "reservation__market_segment", "reservation__adults",
                  "reservation__children_ages", "reservation__rate_plan__meal_plan",
                  "reservation__rate_plan__package_per_guest")  # fmt: skip
    for day, price, segment, adults, ages, meal_plan, package in rows:
        n = nights.setdefault(day, {"occupied": 0, "comp": 0, "house": 0, "guests": 0, "revenue": ZERO, "segments": {}})
        n["occupied"] += 1
        n["comp"] += segment == "complimentary"
        n["house"] += segment == "house_use"
        n["guests"] += adults + len(ages or [])
        # As the night audit posts it: the food the plan includes is F&B, the rest room revenue.
        food = min(Decimal(package) * (adults + len(ages or [])), Decimal(price)) if meal_plan != "RO" else ZERO
        net = price_line(
            quantity=1, unit_amount=Decimal(price) - food, tax_rate=property.vat_rate, amounts_include_tax=include
        ).net
        n["revenue"] += net
        seg = n["segments"].setdefault(segment, {"rooms": 0, "room_revenue": ZERO})
        seg["rooms"] += 1
        seg["room_revenue"] += net
    stays = Reservation.objects.filter(property=property)
    arrivals = _count(stays.filter(status__in=STAYED, arrival__gte=start, arrival__lt=end), "arrival")
    departures = _count(stays.filter(status="checked_out", departure__gte=start, departure__lt=end), "departure")
    lost = stays.filter(status__in=("no_show", "cancelled"), cancelled_on__gte=start, cancelled_on__lt=end)
    no_shows, cancellations, fees = {}, {}, {}
    for day, status, fee in lost.values_list("cancelled_on", "status", "cancellation_fee"):
        target = no_shows if status == "no_show" else cancellations
        target[day] = target.get(day, 0) + 1
        fees[day] = fees.get(day, ZERO) + Decimal(fee)
    made = []
    for day in dates:
        n = nights.get(day, {"occupied": 0, "comp": 0, "house": 0, "guests": 0, "revenue": ZERO, "segments": {}})
        revenue = n["revenue"].quantize(Decimal("0.01"))
        made.append(
            DailyStatistics(
                property=property,
                date=day,
                physical_rooms=physical,
                out_of_order=blocked.get((day, "out_of_order"), 0),
                out_of_service=blocked.get((day, "out_of_service"), 0),
                occupied=n["occupied"],
                complimentary=n["comp"],
                house_use=n["house"],
                arrivals=arrivals.get(day, 0),
                departures=departures.get(day, 0),
                no_shows=no_shows.get(day, 0),
                cancellations=cancellations.get(day, 0),
                guests=n["guests"],
                room_revenue=revenue,
                fees=fees.get(day, ZERO),
                revenue_by_department={"rooms": str(revenue), **({"fees": str(fees[day])} if fees.get(day) else {})},
                by_segment={
                    k: {"rooms": v["rooms"], "room_revenue": str(v["room_revenue"].quantize(Decimal("0.01")))}
                    for k, v in sorted(n["segments"].items())
                },
                source="history",
            )
        )
    with transaction.atomic():
        DailyStatistics.objects.bulk_create(made, batch_size=500)
    return len(made)


def _count(qs, field: str) -> dict:
    out: dict = {}
    for day in qs.values_list(field, flat=True):
        out[day] = out.get(day, 0) + 1
    return out
