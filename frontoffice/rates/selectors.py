"""Reads for rate plans and the rate grid."""

import datetime as dt

from frontoffice.core.models import Property
from frontoffice.core.sql import decimal_of, fetch, placeholders
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
    if not room_type_ids:
        return prices, restrictions
    # The availability search's hot path: raw SQL (see core.sql), same rows as the ORM query
    # DailyRate.objects.filter(property, room_type__in, date range).values_list(...).
    rows = fetch(
        f"""
        SELECT d.room_type_id, p.code, d.date, d.price, d.extra_adult, d.child, d.closed,
               d.closed_to_arrival, d.closed_to_departure, d.min_stay, d.max_stay, d.min_advance, d.max_advance
        FROM {DailyRate._meta.db_table} d JOIN {RatePlan._meta.db_table} p ON p.id = d.rate_plan_id
        WHERE d.property_id = %s AND d.room_type_id IN ({placeholders(room_type_ids)})
          AND d.date >= %s AND d.date <= %s
        """,  # noqa: S608 - table names from the models, values as parameters
        [property.pk, *room_type_ids, start, end],
    )
    for rt, plan, day, price, extra, child, closed, cta, ctd, mins, maxs, mina, maxa in rows:
        if price is not None:
            prices.setdefault(rt, {}).setdefault(plan, {})[day] = NightPrice(
                decimal_of(price), decimal_of(extra), decimal_of(child)
            )
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
