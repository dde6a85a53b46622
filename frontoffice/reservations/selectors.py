"""Reads: availability, reservation lists, the tape chart and the waitlist."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q

from frontoffice.core.models import Property
from frontoffice.core.sql import fetch, placeholders
from frontoffice.rates.domain.policies import may_sell_plan
from frontoffice.rates.domain.pricing import TaxRules
from frontoffice.rates.models import RatePlan
from frontoffice.rates.selectors import daily_rates_load, derivation_of
from frontoffice.reservations.domain.availability import (
    NightInventory,
    PlanInfo,
    RoomTypeAvailability,
    evaluate_room_type,
)
from frontoffice.reservations.domain.confirmation import normalise_confirmation
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import Reservation
from frontoffice.rooms.inventory import dates_between, out_of_order_counts, physical_counts
from frontoffice.rooms.models import InventoryNight, Room, RoomBlock, RoomType


def tax_rules(property: Property) -> TaxRules:
    return TaxRules(
        vat_rate=property.vat_rate,
        prices_include_vat=property.prices_include_vat,
        city_tax_per_night=property.city_tax_per_night,
        city_tax_exempt_under_age=property.city_tax_exempt_under_age,
        city_tax_max_nights=property.city_tax_max_nights,
    )


def plan_infos(plans: list[RatePlan], all_plans: list[RatePlan] | None = None) -> tuple[list[PlanInfo], list[PlanInfo]]:
    """PlanInfo for the plans asked for, and for every plan they may derive from."""
    everything = {p.code: p for p in (all_plans or plans)}
    for p in plans:
        everything.setdefault(p.code, p)
    # A parent is one of the property's plans: read its code from the list rather than a join.
    code_by_id = {p.pk: p.code for p in everything.values()}

    def info(p: RatePlan) -> PlanInfo:
        parent_code = (code_by_id.get(p.parent_id) or p.parent.code) if p.parent_id else None
        return PlanInfo(code=p.code, parent_code=parent_code, derivation=derivation_of(p))

    return [info(p) for p in plans], [info(p) for p in everything.values()]


def inventory_read(
    *, property: Property, room_type_ids: list[int], start: dt.date, end: dt.date
) -> dict[int, dict[dt.date, NightInventory]]:
    """Inventory per room type and night in ``[start, end)``; nights without a row are computed."""
    result: dict[int, dict[dt.date, NightInventory]] = {rt: {} for rt in room_type_ids}
    if not room_type_ids:
        return result
    # Hot path: raw SQL (see core.sql) for the ORM's filter(room_type__in, date range).values_list(...).
    rows = fetch(
        f"""
        SELECT room_type_id, date, physical, out_of_order, sold, overbooking FROM {InventoryNight._meta.db_table}
        WHERE room_type_id IN ({placeholders(room_type_ids)}) AND date >= %s AND date < %s
        """,  # noqa: S608 - table name from the model, values as parameters
        [*room_type_ids, start, end],
    )
    for rt, day, physical, ooo, sold, over in rows:
        result[rt][day] = NightInventory(physical, ooo, sold, over)
    expected = (end - start).days
    if any(len(v) < expected for v in result.values()):
        physical = physical_counts(property.pk)
        ooo = out_of_order_counts(property.pk, start, end)
        for rt, nights in result.items():
            for day in dates_between(start, end):
                if day not in nights:
                    nights[day] = NightInventory(physical.get(rt, 0), ooo.get((rt, day), 0), 0, 0)
    return result


@dataclass(frozen=True)
class AvailabilityResult:
    room_type: RoomType
    result: RoomTypeAvailability
    plans: dict[str, RatePlan]  # the property's plans by code (shared by every result of one search)


def availability_get(
    *,
    property: Property,
    arrival: dt.date,
    departure: dt.date,
    adults: int,
    children_ages: list[int],
    rooms: int = 1,
    room_types: list[RoomType] | None = None,
    rate_plans: list[RatePlan] | None = None,
    negotiated: set[str] | None = None,
    include_restricted: bool = False,
) -> list[AvailabilityResult]:
    """Per room type: rooms free and each plan's quote or the restrictions that block it.

    Without ``rate_plans``, the active plans the caller may sell: public ones, those in
    ``negotiated`` (a company's negotiated plan codes), and all of them with ``include_restricted``.
    """
    all_plans = list(RatePlan.objects.filter(property=property))  # parents are among them: see plan_infos
    if rate_plans is not None:
        plans = rate_plans
    else:
        plans = [
            p
            for p in all_plans
            if p.active
            and may_sell_plan(
                public=p.public, plan_code=p.code, negotiated=negotiated or set(), manager=include_restricted
            )
        ]
    types = room_types if room_types is not None else list(RoomType.objects.filter(property=property))
    type_ids = [rt.pk for rt in types]
    inventory = inventory_read(property=property, room_type_ids=type_ids, start=arrival, end=departure)
    prices, restrictions = daily_rates_load(property=property, room_type_ids=type_ids, start=arrival, end=departure)
    wanted, known = plan_infos(plans, all_plans)
    plans_by_code = {p.code: p for p in all_plans}
    taxes = tax_rules(property)
    out = []
    for rt in types:
        evaluated = evaluate_room_type(
            room_type_code=rt.code,
            base_occupancy=rt.base_occupancy,
            max_occupancy=rt.max_occupancy,
            arrival=arrival,
            departure=departure,
            today=property.business_date,
            adults=adults,
            children_ages=children_ages,
            inventory=inventory[rt.pk],
            plans=known,
            prices=prices.get(rt.pk, {}),
            restrictions=restrictions.get(rt.pk, {}),
            taxes=taxes,
            rooms=rooms,
        )
        wanted_codes = [p.code for p in wanted]
        rates = tuple(
            sorted(
                (o for o in evaluated.rates if o.plan_code in wanted_codes),
                key=lambda o: wanted_codes.index(o.plan_code),
            )
        )
        out.append(
            AvailabilityResult(rt, RoomTypeAvailability(**{**evaluated.__dict__, "rates": rates}), plans_by_code)
        )
    return out


def reservation_list(
    *,
    property: Property,
    text: str = "",
    status: str | None = None,
    arrival_from: dt.date | None = None,
    arrival_to: dt.date | None = None,
    departure_from: dt.date | None = None,
    departure_to: dt.date | None = None,
):
    qs = Reservation.objects.filter(property=property).select_related("guest", "room_type", "rate_plan", "room")
    if status:
        qs = qs.filter(status__in=[s.strip() for s in status.split(",") if s.strip()])
    if arrival_from:
        qs = qs.filter(arrival__gte=arrival_from)
    if arrival_to:
        qs = qs.filter(arrival__lte=arrival_to)
    if departure_from:
        qs = qs.filter(departure__gte=departure_from)
    if departure_to:
        qs = qs.filter(departure__lte=departure_to)
    text = (text or "").strip()
    if text:
        code = normalise_confirmation(text)
        qs = qs.filter(
            Q(confirmation=code)
            | Q(party=code)
            | Q(guest__last_name__icontains=text)
            | Q(guest__first_name__icontains=text)
            | Q(guest__email__iexact=text)
        )
    return qs.order_by("arrival", "id")


def reservation_get(*, property: Property, confirmation: str) -> Reservation | None:
    return (
        Reservation.objects.select_related(
            "guest", "booker", "room_type", "rate_plan", "room", "company", "travel_agent"
        )
        .filter(property=property, confirmation=normalise_confirmation(confirmation))
        .first()
    )


def waitlist_overview(*, property: Property) -> list[tuple[Reservation, bool]]:
    """Waitlisted stays still to come, oldest request first, each with whether it could be confirmed now."""
    out = []
    waiting = Reservation.objects.filter(
        property=property, status=Status.WAITLISTED, arrival__gte=property.business_date
    ).select_related("room_type", "rate_plan", "guest")
    for res in waiting.order_by("booked_on", "created_at", "id"):
        (found,) = availability_get(
            property=property,
            arrival=res.arrival,
            departure=res.departure,
            adults=res.adults,
            children_ages=res.children_ages,
            room_types=[res.room_type],
            rate_plans=[res.rate_plan],
        )
        option = found.result
        out.append((res, not option.blocks and bool(option.rates) and option.rates[0].bookable))
    return out


def waitlist_confirmable(*, property: Property) -> list[Reservation]:
    """Waitlisted stays that could be confirmed now (their room type and plan have room again)."""
    return [res for res, confirmable in waitlist_overview(property=property) if confirmable]


@dataclass(frozen=True)
class TapeChart:
    start: dt.date
    days: list[dt.date]
    rooms: list[Room]
    bars: dict[int, list[dict]]  # room id -> [{reservation|block, offset, span}]
    unassigned: list[Reservation]
    free_by_type: dict[int, list[int]]
    room_types: list[RoomType]


def tape_chart(*, property: Property, start: dt.date, days: int) -> TapeChart:
    """Rooms × days, with each stay or block as a bar clipped to the window."""
    end = start + dt.timedelta(days=days)
    dates = dates_between(start, end)
    rooms = list(Room.objects.filter(property=property, active=True).select_related("room_type"))
    active = [Status.TENTATIVE, Status.CONFIRMED, Status.IN_HOUSE, Status.CHECKED_OUT, Status.WAITLISTED]
    stays = list(
        Reservation.objects.filter(property=property, arrival__lt=end, departure__gt=start, status__in=active)
        .select_related("guest", "room_type")
        .order_by("arrival", "id")
    )
    blocks = list(RoomBlock.objects.filter(property=property, start__lt=end, end__gt=start, released_at__isnull=True))
    bars: dict[int, list[dict]] = {r.pk: [] for r in rooms}

    def clip(a: dt.date, b: dt.date) -> tuple[int, int]:
        first = max(a, start)
        last = min(b, end)
        return (first - start).days, max((last - first).days, 1)

    unassigned = []
    for res in stays:
        if res.room_id and res.room_id in bars and res.status != Status.WAITLISTED:
            offset, span = clip(res.arrival, res.departure)
            bars[res.room_id].append({"reservation": res, "offset": offset, "span": span})
        elif res.status in (Status.TENTATIVE, Status.CONFIRMED, Status.WAITLISTED):
            unassigned.append(res)
    for block in blocks:
        if block.room_id in bars:
            offset, span = clip(block.start, block.end)
            bars[block.room_id].append({"block": block, "offset": offset, "span": span})
    for items in bars.values():
        items.sort(key=lambda b: b["offset"])
    room_types = list(RoomType.objects.filter(property=property))
    inventory = inventory_read(property=property, room_type_ids=[rt.pk for rt in room_types], start=start, end=end)
    free_by_type = {rt: [inventory[rt][d].free for d in dates] for rt in inventory}
    return TapeChart(start, dates, rooms, bars, unassigned, free_by_type, room_types)
