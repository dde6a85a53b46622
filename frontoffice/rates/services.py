"""Writes for rate plans, daily prices and restrictions."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.models import Property
from frontoffice.rates.models import CancellationPenalty, DailyRate, Guarantee, MealPlan, RatePlan
from frontoffice.rooms.inventory import dates_between
from frontoffice.rooms.models import RoomType

MAX_BULK_DAYS = 731
RESTRICTION_FIELDS = (
    "closed",
    "closed_to_arrival",
    "closed_to_departure",
    "min_stay",
    "max_stay",
    "min_advance",
    "max_advance",
)
PRICE_FIELDS = ("price", "extra_adult", "child")


def rate_plan_create(*, property: Property, actor, code: str, name: str, parent: RatePlan | None = None, **fields):
    require(actor, "core.manage_rates")
    code = code.strip().upper()
    errors = []
    if not code or len(code) > 12:
        errors.append({"field": "code", "message": _("A code of 1 to 12 characters is required.")})
    if not name.strip():
        errors.append({"field": "name", "message": _("A name is required.")})
    if fields.get("meal_plan", MealPlan.RO) not in MealPlan.values:
        errors.append(
            {"field": "meal_plan", "message": _("One of %(choices)s.") % {"choices": ", ".join(MealPlan.values)}}
        )
    for f in ("cancellation_penalty", "no_show_penalty"):
        if fields.get(f, CancellationPenalty.FIRST_NIGHT) not in CancellationPenalty.values:
            errors.append(
                {"field": f, "message": _("One of %(choices)s.") % {"choices": ", ".join(CancellationPenalty.values)}}
            )
    if fields.get("guarantee", Guarantee.CARD) not in Guarantee.values:
        errors.append(
            {"field": "guarantee", "message": _("One of %(choices)s.") % {"choices": ", ".join(Guarantee.values)}}
        )
    for f in ("cancellation_percent", "deposit_percent"):
        value = Decimal(fields.get(f, 0) or 0)
        if not 0 <= value <= 100:
            errors.append({"field": f, "message": _("A percentage from 0 to 100.")})
    package = Decimal(fields.get("package_per_guest", 0) or 0)
    if not 0 <= package <= 10000:
        errors.append({"field": "package_per_guest", "message": _("An amount from 0 to 10,000.")})
    elif package and fields.get("meal_plan", MealPlan.RO) == MealPlan.RO:
        errors.append({"field": "package_per_guest", "message": _("A room-only plan includes no food.")})
    if parent is not None and parent.property_id != property.pk:
        errors.append({"field": "parent", "message": _("The parent plan belongs to another property.")})
    if errors:
        raise InvalidInput(_("The rate plan is not valid."), errors=errors)
    if RatePlan.objects.filter(property=property, code=code).exists():
        raise Conflict(_("Rate plan %(code)s already exists.") % {"code": code}, code="duplicate")
    plan = RatePlan.objects.create(property=property, code=code, name=name.strip(), parent=parent, **fields)
    audit_record(property=property, entity="rate_plan", entity_id=code, action="create", actor=actor, changes={})
    return plan


def rates_bulk_update(
    *,
    property: Property,
    actor,
    room_types: list[RoomType],
    rate_plans: list[RatePlan],
    start: dt.date,
    end: dt.date,
    weekdays: set[int] | None = None,
    values: dict,
) -> int:
    """Set prices and/or restrictions for every (room type, plan, date) in ``[start, end]``.

    ``end`` is inclusive (a revenue manager says "from the 1st to the 31st"). ``weekdays``
    uses ISO numbers (1 = Monday … 7 = Sunday); empty means every day. Only the keys
    given in ``values`` change; ``None`` clears a min/max restriction. Returns the number
    of daily rows written.
    """
    require(actor, "core.manage_rates")
    errors = []
    if end < start:
        errors.append({"field": "to", "message": _("The end date cannot be before the start date.")})
    elif (end - start).days >= MAX_BULK_DAYS:
        errors.append({"field": "to", "message": _("At most %(days)d days at once.") % {"days": MAX_BULK_DAYS}})
    if weekdays and not weekdays <= set(range(1, 8)):
        errors.append({"field": "weekdays", "message": _("Weekdays are 1 (Monday) to 7 (Sunday).")})
    unknown = set(values) - set(RESTRICTION_FIELDS) - set(PRICE_FIELDS)
    if unknown:
        errors.append({"field": sorted(unknown)[0], "message": _("Not a price or restriction.")})
    if not values:
        errors.append({"field": "price", "message": _("Give a price or at least one restriction.")})
    for f in PRICE_FIELDS:
        if f in values and values[f] is not None and Decimal(values[f]) < 0:
            errors.append({"field": f, "message": _("Prices cannot be negative.")})
    if values.get("price") is not None and any(p.parent_id for p in rate_plans):
        errors.append({"field": "price", "message": _("A derived plan follows its parent's price.")})
    for f in ("min_stay", "max_stay", "min_advance", "max_advance"):
        if values.get(f) is not None and int(values[f]) < 0:
            errors.append({"field": f, "message": _("Must be zero or more.")})
    if values.get("min_stay") and values.get("max_stay") and values["min_stay"] > values["max_stay"]:
        errors.append({"field": "max_stay", "message": _("Maximum stay cannot be below the minimum.")})
    if any(rt.property_id != property.pk for rt in room_types) or any(
        rp.property_id != property.pk for rp in rate_plans
    ):
        errors.append({"field": "room_type", "message": _("Unknown room type or rate plan.")})
    if not room_types or not rate_plans:
        errors.append({"field": "room_type", "message": _("Choose at least one room type and one rate plan.")})
    if errors:
        raise InvalidInput(_("The rate change is not valid."), errors=errors)

    days = [d for d in dates_between(start, end + dt.timedelta(days=1)) if not weekdays or d.isoweekday() in weekdays]
    written = 0
    with transaction.atomic():
        for plan in rate_plans:
            for room_type in room_types:
                existing = {
                    r.date: r for r in DailyRate.objects.filter(rate_plan=plan, room_type=room_type, date__in=days)
                }
                to_create, to_update = [], []
                for day in days:
                    row = existing.get(day) or DailyRate(
                        property=property, room_type=room_type, rate_plan=plan, date=day
                    )
                    for key, value in values.items():
                        setattr(row, key, value)
                    (to_update if row.pk else to_create).append(row)
                DailyRate.objects.bulk_create(to_create, batch_size=500)
                if to_update:
                    DailyRate.objects.bulk_update(to_update, list(values), batch_size=500)
                written += len(to_create) + len(to_update)
        audit_record(
            property=property,
            entity="rates",
            entity_id=f"{start.isoformat()}..{end.isoformat()}",
            action="bulk_update",
            actor=actor,
            changes={
                "room_types": [rt.code for rt in room_types],
                "rate_plans": [rp.code for rp in rate_plans],
                "weekdays": sorted(weekdays or []),
                **{k: str(v) if v is not None else None for k, v in values.items()},
            },
        )
    return written
