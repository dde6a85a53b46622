"""Requests to work or not, covers set by hand, and sick calls over the API."""

import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from frontoffice.core.api import MAX_DATE, MIN_DATE, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput
from frontoffice.staff.api_planning import ROLES, ScheduleSummaryOut, schedule_out
from frontoffice.staff.models import CoverOverride, ShiftRequest, StaffMember
from frontoffice.staff.planning import cover_remove, cover_set, shift_request_add, shift_request_remove, sick_call
from frontoffice.staff.services import schedule_solve
from frontoffice.staff.timeclock import period_check

router = Router(tags=["staff schedules"])
MANAGE = "core.manage_schedules"


class Period(Schema):
    start: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    end: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)


class RequestIn(Schema):
    date: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    on: bool = Field(description="true: asks to work; false: asks to be off")
    shift: str = Field("", max_length=40, description="A shift type's id; blank: any shift")
    staff: str = Field("", max_length=20, description="A staff member's code (the manager); blank: oneself")
    weight: int | None = Field(None, ge=1, le=1000, description="The manager only; default: the set-up's")
    reason: str = Field("", max_length=200)


class RequestOut(Schema):
    id: int
    staff: str
    date: dt.date
    shift: str
    on: bool
    weight: int
    reason: str

    @staticmethod
    def resolve_staff(obj):
        return obj.staff.code


class CoverIn(Schema):
    date: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    shift: str = Field(max_length=40)
    role: str = Field(description=", ".join(ROLES))
    min: int = Field(ge=0, le=200)
    max: int | None = Field(None, ge=0, le=200)
    hard: bool = False
    note: str = Field("", max_length=200)


class CoverOut(Schema):
    id: int
    date: dt.date
    shift: str
    role: str
    min: int
    max: int | None
    hard: bool
    note: str


class SickIn(Schema):
    staff: str = Field(max_length=20)
    start: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    end: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    reason: str = Field("", max_length=200)
    time_limit: float = Field(10, gt=0, le=30)


class SickOut(Schema):
    leave_id: int
    replan: ScheduleSummaryOut | None = Field(description="The re-plan (a draft), or null when nothing is published")


def _period(q: Period) -> None:
    period_check(q.start, q.end, max_days=400, too_long=_("Ask for at most %(n)s days at a time."))


@router.get("/properties/{code}/shift-requests", response=list[RequestOut], summary="Requests to work or be off")
def requests_list(request, code: str, q: Query[Period]):
    """Everyone's requests in the period. Needs ``core.manage_schedules``."""
    prop = scoped(request, code, MANAGE)
    _period(q)
    found = ShiftRequest.objects.filter(property=prop, date__gte=q.start, date__lte=q.end)
    return list(found.select_related("staff").order_by("date", "staff__code"))


@router.post("/properties/{code}/shift-requests", response={201: RequestOut}, summary="Ask to work or be off")
def requests_add(request, code: str, payload: RequestIn):
    """One's own request (anyone on the staff); the manager may ask for anyone and set the weight."""
    prop = scoped(request, code)
    staff = None
    if payload.staff:
        staff = StaffMember.objects.filter(property=prop, code=payload.staff).first()
        if staff is None:
            raise InvalidInput(_("No staff member has that code."), errors=[{"field": "staff"}])
    data = payload.dict(exclude={"staff"})
    return Status(201, shift_request_add(property=prop, actor=user_of(request), staff=staff, **data))


@router.delete("/properties/{code}/shift-requests/{pk}", response={204: None}, summary="Withdraw a request")
def requests_remove(request, code: str, pk: int):
    prop = scoped(request, code)
    shift_request_remove(request=get_object_or_404(ShiftRequest, pk=pk, property=prop), actor=user_of(request))
    return Status(204, None)


@router.get("/properties/{code}/covers", response=list[CoverOut], summary="Needs set by hand")
def covers_list(request, code: str, q: Query[Period]):
    prop = scoped(request, code, MANAGE)
    _period(q)
    return list(CoverOverride.objects.filter(property=prop, date__gte=q.start, date__lte=q.end))


@router.put("/properties/{code}/covers", response=CoverOut, summary="Set a day's need by hand")
def covers_set(request, code: str, payload: CoverIn):
    """How many people of a role a shift of one day needs, over the staffing rules (setting it again
    replaces it). Needs ``core.manage_schedules``."""
    prop = scoped(request, code, MANAGE)
    return cover_set(property=prop, actor=user_of(request), **payload.dict())


@router.delete("/properties/{code}/covers/{pk}", response={204: None}, summary="Back to the staffing rules")
def covers_remove(request, code: str, pk: int):
    prop = scoped(request, code, MANAGE)
    cover_remove(cover=get_object_or_404(CoverOverride, pk=pk, property=prop), actor=user_of(request))
    return Status(204, None)


@router.post("/properties/{code}/sick-calls", response={201: SickOut}, summary="Record a sick call and re-plan")
def sick_calls_add(request, code: str, payload: SickIn):
    """Sick leave (approved) and the re-plan of the published days from its first day, solved and
    kept as a draft to review and publish. Needs ``core.manage_schedules``."""
    prop = scoped(request, code, MANAGE)
    staff = StaffMember.objects.filter(property=prop, code=payload.staff).first()
    if staff is None:
        raise InvalidInput(_("No staff member has that code."), errors=[{"field": "staff"}])
    leave, schedule = sick_call(
        property=prop, actor=user_of(request), staff=staff, start=payload.start, end=payload.end,
        reason=payload.reason, time_limit=payload.time_limit,
    )  # fmt: skip
    replan = schedule_out(schedule_solve(schedule.pk)) if schedule else None
    return Status(201, {"leave_id": leave.pk, "replan": replan})
