from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput
from frontoffice.rates.models import RatePlan
from frontoffice.rates.schemas import RatePlanIn, RatePlanOut, RatesIn, RatesOut
from frontoffice.rates.services import rate_plan_create, rates_bulk_update
from frontoffice.rooms.models import RoomType

router = Router(tags=["rates"])

CLEARABLE = {"min_stay", "max_stay", "min_advance", "max_advance"}


def rate_plan_by_code(prop, code: str) -> RatePlan:
    plan = RatePlan.objects.filter(property=prop, code=code.upper()).select_related("parent").first()
    if plan is None:
        raise InvalidInput(
            _("Unknown rate plan %(code)s.") % {"code": repr(code)},
            errors=[{"field": "rate_plan", "message": _("Unknown.")}],
        )
    return plan


@router.get("/properties/{code}/rate-plans", response=list[RatePlanOut])
@paginate(Pagination)
def list_rate_plans(request, code: str):
    prop = scoped(request, code, "core.view_rates")
    return RatePlan.objects.filter(property=prop).select_related("parent")


@router.post("/properties/{code}/rate-plans", response={201: RatePlanOut})
def create_rate_plan(request, code: str, payload: RatePlanIn):
    prop = scoped(request, code, "core.manage_rates")
    data = payload.dict()
    parent_code = data.pop("parent")
    parent = rate_plan_by_code(prop, parent_code) if parent_code else None
    return Status(201, rate_plan_create(property=prop, actor=user_of(request), parent=parent, **data))


@router.put("/properties/{code}/rates", response=RatesOut, summary="Bulk-set prices and restrictions")
def put_rates(request, code: str, payload: RatesIn):
    prop = scoped(request, code, "core.manage_rates")
    if payload.room_type:
        room_types = list(RoomType.objects.filter(property=prop, code=payload.room_type.upper()))
        if not room_types:
            raise InvalidInput(_("Unknown room type."), errors=[{"field": "room_type", "message": _("Unknown.")}])
    else:
        room_types = list(RoomType.objects.filter(property=prop))
    if payload.rate_plan:
        plans = [rate_plan_by_code(prop, payload.rate_plan)]
    else:
        plans = list(RatePlan.objects.filter(property=prop, active=True))
        if payload.price is not None:
            plans = [p for p in plans if not p.parent_id]
    bad_clear = set(payload.clear) - CLEARABLE
    if bad_clear:
        raise InvalidInput(_("Only min/max restrictions can be cleared."), errors=[{"field": "clear"}])
    fields = (
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
    values = {f: getattr(payload, f) for f in fields if getattr(payload, f) is not None}
    values.update({f: None for f in payload.clear})
    updated = rates_bulk_update(
        property=prop,
        actor=user_of(request),
        room_types=room_types,
        rate_plans=plans,
        start=payload.from_,
        end=payload.to,
        weekdays=set(payload.weekdays),
        values=values,
    )
    return {"updated": updated}
