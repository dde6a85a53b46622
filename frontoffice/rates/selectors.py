"""Reads for rate plans and the rate grid."""

import datetime as dt

from frontoffice.core.models import Property
from frontoffice.rates.domain.pricing import Derivation, NightPrice
from frontoffice.rates.domain.restrictions import DayRestrictions
from frontoffice.rates.models import DailyRate, RatePlan


def rate_plan_list(*, property: Property, active_only: bool = True):
    qs = RatePlan.objects.filter(property=property).select_related("parent")
    return qs.filter(active=True) if active_only else qs


def derivation_of(plan: RatePlan) -> Derivation:
    return Derivation(percent=plan.derive_percent, amount=plan.derive_amount)


def daily_rates_load(
    *, property: Property, room_type_ids: list[int], start: dt.date, end: dt.date
) -> tuple[dict, dict]:
    """Loaded prices and restrictions in ``[start, end]`` (inclusive: departure-day CTD counts).

    Returns ``prices[room_type_id][plan_code][date]`` and ``restrictions[...]`` likewise.
    """
    prices: dict = {}
    restrictions: dict = {}
    rows = DailyRate.objects.filter(
        property=property, room_type_id__in=room_type_ids, date__gte=start, date__lte=end
    ).values_list(
        "room_type_id",
        "rate_plan__code",
        "date",
        "price",
        "extra_adult",
        "child",
        "closed",
        "closed_to_arrival",
        "closed_to_departure",
        "min_stay",
        "max_stay",
        "min_advance",
        "max_advance",
    )
    for rt, plan, day, price, extra, child, closed, cta, ctd, mins, maxs, mina, maxa in rows:
        if price is not None:
            prices.setdefault(rt, {}).setdefault(plan, {})[day] = NightPrice(price, extra, child)
        if closed or cta or ctd or mins or maxs or mina is not None or maxa is not None:
            restrictions.setdefault(rt, {}).setdefault(plan, {})[day] = DayRestrictions(
                closed=closed,
                closed_to_arrival=cta,
                closed_to_departure=ctd,
                min_stay=mins,
                max_stay=maxs,
                min_advance=mina,
                max_advance=maxa,
            )
    return prices, restrictions


def rate_grid(*, property: Property, rate_plan: RatePlan, start: dt.date, days: int):
    """Rows for the rate & restriction grid: ``{room_type_id: {date: DailyRate}}``."""
    end = start + dt.timedelta(days=days)
    grid: dict = {}
    for row in DailyRate.objects.filter(property=property, rate_plan=rate_plan, date__gte=start, date__lt=end).order_by(
        "date"
    ):
        grid.setdefault(row.room_type_id, {})[row.date] = row
    return grid
