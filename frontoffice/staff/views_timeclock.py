"""Time clock and timesheets (pages): everyone on the staff clocks in and out on one big button;
the manager reads the period's timesheets (scheduled against worked, overtime, night), corrects
entries and approves; HR reads and exports them."""

import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError, InvalidInput
from frontoffice.core.web import show_error
from frontoffice.reservations.views import desk_view
from frontoffice.staff import timeclock
from frontoffice.staff.domain import timesheet as sheet
from frontoffice.staff.models import StaffMember

DIFFERENCE_LABELS = {
    sheet.LATE_ARRIVAL: gettext_lazy("Late arrival"),
    sheet.EARLY_LEAVE: gettext_lazy("Early leave"),
    sheet.ABSENT: gettext_lazy("Absent"),
    sheet.UNSCHEDULED: gettext_lazy("Worked unscheduled"),
    sheet.OPEN_ENTRY: gettext_lazy("Not clocked out"),
}


def hours(minutes: int) -> str:
    """Minutes as hours and minutes, ``7:05``."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def _differences(found) -> list[str]:
    out = []
    for d in found:
        label = str(DIFFERENCE_LABELS.get(d.kind, d.kind))
        out.append(f"{label} ({hours(d.minutes)})" if d.minutes else label)
    return out


# --- the time clock -----------------------------------------------------------------------


@desk_view()
def time_clock(request):
    prop = request.property
    member = timeclock.staff_member_of(property=prop, user=request.user)
    context = {"member": member}
    if member is not None:
        today = timezone.localdate(timezone=prop.tz)
        midnight = dt.datetime.combine(today, dt.time(0, 0), tzinfo=prop.tz)
        context.update(
            entry=timeclock.open_entry(staff=member),
            shift=timeclock.today_shift(property=prop, staff=member, today=today),
            today=today,
            entries=member.clock_entries.filter(clock_in__gte=midnight).order_by("clock_in"),
        )
    return render(request, "staff/timeclock/time_clock.html", context)


@require_POST
@desk_view()
def clock_in(request):
    try:
        entry = timeclock.clock_in(property=request.property, actor=request.user)
        messages.success(
            request, _("Clocked in at %(time)s.") % {"time": timezone.localtime(entry.clock_in).strftime("%H:%M")}
        )
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:time_clock")


@require_POST
@desk_view()
def clock_out(request):
    try:
        entry = timeclock.clock_out(property=request.property, actor=request.user)
        messages.success(
            request, _("Clocked out at %(time)s.") % {"time": timezone.localtime(entry.clock_out).strftime("%H:%M")}
        )
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:time_clock")


# --- timesheets ---------------------------------------------------------------------------


def _default_period(business_date: dt.date) -> tuple[dt.date, dt.date]:
    """The business date's month."""
    first = business_date.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def _period(request, data=None) -> tuple[dt.date, dt.date]:
    """``start`` and ``end`` (ISO dates) of the query, the business date's month by default;
    refused (InvalidInput) when unreadable, reversed or too long."""
    data = request.GET if data is None else data
    start, end = _default_period(request.property.business_date)
    try:
        if data.get("start"):
            start = dt.date.fromisoformat(data["start"])
        if data.get("end"):
            end = dt.date.fromisoformat(data["end"])
    except ValueError:
        raise InvalidInput(_("Give the dates as YYYY-MM-DD."), errors=[{"field": "start"}]) from None
    timeclock.period_check(start, end)
    return start, end


def _period_or_default(request) -> tuple[dt.date, dt.date]:
    try:
        return _period(request)
    except InvalidInput as refused:
        show_error(request, refused)
        return _default_period(request.property.business_date)


def _query(start: dt.date, end: dt.date) -> str:
    return f"?start={start.isoformat()}&end={end.isoformat()}"


@desk_view(timeclock.VIEW)
def timesheets(request):
    prop = request.property
    start, end = _period_or_default(request)
    rows = [
        {
            "staff": s.staff,
            "scheduled": hours(s.sheet.scheduled),
            "worked": hours(s.sheet.worked),
            "overtime": hours(s.sheet.overtime),
            "night": hours(s.sheet.night),
            "differences": len([d for d in s.sheet.differences if d.kind != sheet.OPEN_ENTRY]),
            "open": s.sheet.open_entries,
            "approval": s.approval,
        }
        for s in timeclock.timesheet_list(property=prop, start=start, end=end)
    ]
    return render(
        request,
        "staff/timeclock/timesheets.html",
        {"rows": rows, "start": start, "end": end, "query": _query(start, end)},
    )


@desk_view(timeclock.VIEW)
def timesheet_detail(request, pk: int):
    prop = request.property
    member = get_object_or_404(StaffMember, pk=pk, property=prop)
    start, end = _period_or_default(request)
    found = timeclock.timesheet(property=prop, staff=member, start=start, end=end)
    by_day: dict[dt.date, list] = {}
    for e in found.entries:
        by_day.setdefault(timezone.localtime(e.clock_in).date(), []).append(e)
    days = [
        {
            "date": d.date,
            "shifts": d.shifts,
            "entries": by_day.get(d.date, []),
            "scheduled": hours(d.scheduled),
            "worked": hours(d.worked),
            "overtime": hours(d.overtime),
            "night": hours(d.night),
            "differences": _differences(d.differences),
        }
        for d in found.sheet.days
    ]
    t = found.sheet
    return render(
        request,
        "staff/timeclock/timesheet.html",
        {
            "member": member,
            "start": start,
            "end": end,
            "query": _query(start, end),
            "days": days,
            "totals": {
                "scheduled": hours(t.scheduled),
                "worked": hours(t.worked),
                "overtime": hours(t.overtime),
                "night": hours(t.night),
            },
            "weekly": hours(t.weekly_minutes),
            "approval": found.approval,
            "open": t.open_entries,
        },
    )


@require_POST
@desk_view(timeclock.APPROVE)
def timesheet_approve(request, pk: int):
    prop = request.property
    member = get_object_or_404(StaffMember, pk=pk, property=prop)
    back = reverse("staff:timesheets")
    try:
        start, end = _period(request, request.POST)
        back = reverse("staff:timesheet", kwargs={"pk": pk}) + _query(start, end)
        timeclock.timesheet_approve(property=prop, staff=member, start=start, end=end, actor=request.user)
        messages.success(request, _("Timesheet of %(name)s approved.") % {"name": member.name})
    except DomainError as refused:
        show_error(request, refused)
    return redirect(back)


def _moment(value: str, tz) -> dt.datetime:
    try:
        naive = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise InvalidInput(_("Give the times as YYYY-MM-DD HH:MM.")) from None
    return naive if naive.tzinfo else naive.replace(tzinfo=tz)


@require_POST
@desk_view(timeclock.APPROVE)
def clock_entry_correct(request, pk: int):
    prop = request.property
    back = request.POST.get("next", "")
    if not back.startswith("/staff/timesheets/"):
        back = reverse("staff:timesheets")
    try:
        timeclock.clock_entry_correct(
            property=prop,
            entry_id=pk,
            actor=request.user,
            clock_in=_moment(request.POST.get("clock_in", ""), prop.tz),
            clock_out=_moment(request.POST.get("clock_out", ""), prop.tz),
            reason=request.POST.get("reason", ""),
        )
        messages.success(request, _("Clock entry corrected."))
    except DomainError as refused:
        show_error(request, refused)
    return redirect(back)


@desk_view(timeclock.VIEW)
def timesheets_export(request):
    prop = request.property
    try:
        start, end = _period(request)
    except InvalidInput as refused:
        show_error(request, refused)
        return redirect("staff:timesheets")
    body = timeclock.timesheets_csv(property=prop, start=start, end=end)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{prop.code}-timesheets-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    return response


urlpatterns = [
    path("staff/time-clock/", time_clock, name="time_clock"),
    path("staff/time-clock/in/", clock_in, name="clock_in"),
    path("staff/time-clock/out/", clock_out, name="clock_out"),
    path("staff/timesheets/", timesheets, name="timesheets"),
    path("staff/timesheets/export.csv", timesheets_export, name="timesheets_export"),
    path("staff/timesheets/<int:pk>/", timesheet_detail, name="timesheet"),
    path("staff/timesheets/<int:pk>/approve/", timesheet_approve, name="timesheet_approve"),
    path("staff/timesheets/entries/<int:pk>/correct/", clock_entry_correct, name="clock_entry_correct"),
]
