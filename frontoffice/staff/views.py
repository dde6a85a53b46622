"""Staff scheduling pages: the manager generates a schedule for a period, reads it as a grid with
required against scheduled per role, and publishes it; everyone reads their own shifts and
subscribes to them as a calendar."""

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.models import Property
from frontoffice.core.web import show_error, show_form_errors
from frontoffice.reservations.views import desk_view
from frontoffice.staff.models import (
    ROLE_CHOICES,
    LeaveRequest,
    LeaveStatus,
    Schedule,
    ScheduledShift,
    ScheduleStatus,
    StaffMember,
    SwapRequest,
    SwapStatus,
)
from frontoffice.staff.selectors import feed_owner, feed_token, ical, my_shifts, schedule_grid
from frontoffice.staff.services import (
    MAX_DAYS,
    leave_decide,
    leave_request,
    schedule_check,
    schedule_edit,
    schedule_prepare,
    schedule_publish,
    swap_decide,
    swap_request,
)
from frontoffice.staff.views_planning import my_requests, planning_context, progress_context, search


class GenerateForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    days = forms.IntegerField(label=gettext_lazy("Days"), min_value=1, max_value=MAX_DAYS, initial=14)
    time_limit = forms.IntegerField(label=gettext_lazy("Seconds to search"), min_value=1, max_value=60, initial=10)


@desk_view("core.manage_schedules")
def schedules(request):
    prop = request.property
    form = GenerateForm(initial={"start": prop.business_date, "days": 14, "time_limit": 10})
    listed = Schedule.objects.filter(property=prop).order_by("-created_at")[:20]
    staff = StaffMember.objects.filter(property=prop, active=True)
    swaps = SwapRequest.objects.filter(property=prop, status=SwapStatus.REQUESTED).select_related(
        "shift__staff", "to_staff"
    )
    leave = LeaveRequest.objects.filter(property=prop, status=LeaveStatus.REQUESTED).select_related("staff")
    context = {"form": form, "schedules": listed, "staff": staff, "swaps": swaps, "leave": leave}
    context |= planning_context(request)
    return render(request, "staff/schedules.html", context)


@require_POST
@desk_view("core.manage_schedules")
def generate(request):
    form = GenerateForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("staff:schedules")
    try:
        schedule = schedule_prepare(
            property=request.property,
            actor=request.user,
            start=form.cleaned_data["start"],
            days=form.cleaned_data["days"],
            time_limit=form.cleaned_data["time_limit"],
        )
    except DomainError as refused:
        show_error(request, refused)
        return redirect("staff:schedules")
    search(schedule)
    return redirect("staff:schedule", pk=schedule.pk)


@desk_view("core.manage_schedules")
def schedule(request, pk: int):
    found = get_object_or_404(Schedule, pk=pk, property=request.property)
    if found.status in (ScheduleStatus.SOLVING, ScheduleStatus.FAILED):
        dates = [found.start + dt.timedelta(days=i) for i in range(found.days)]
        context = {**progress_context(found), "grid": {"dates": dates}, "result": found.result}
        return render(request, "staff/schedule.html", context)
    check = schedule_check(found)
    return render(
        request,
        "staff/schedule.html",
        {
            "schedule": found,
            "grid": schedule_grid(found),
            "result": found.result,
            "violations": check["violations"],
            "penalty": check["penalties"].total,
            "staff": StaffMember.objects.filter(property=request.property, active=True),
            "shift_types": found.problem.get("shift_types", []),
            "roles": ROLE_CHOICES,
        },
    )


@require_POST
@desk_view("core.manage_schedules")
def edit(request, pk: int):
    """Change one person's day by hand; the rules are checked again and broken ones shown."""
    found = get_object_or_404(Schedule, pk=pk, property=request.property)
    member = StaffMember.objects.filter(property=request.property, code=request.POST.get("staff", "")).first()
    try:
        day = dt.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        day = None
    if member is None or day is None:
        messages.error(request, _("Choose a person and a day."))
        return redirect("staff:schedule", pk=pk)
    try:
        check = schedule_edit(
            schedule=found,
            actor=request.user,
            staff=member,
            date=day,
            shift=request.POST.get("shift", ""),
            role=request.POST.get("role", ""),
        )
    except DomainError as refused:
        show_error(request, refused)
        return redirect("staff:schedule", pk=pk)
    if check["violations"]:
        text = _("Changed, but the schedule now breaks %(n)s rule(s): see the warnings.")
        messages.warning(request, text % {"n": len(check["violations"])})
    else:
        messages.success(request, _("Changed; every rule still holds."))
    return redirect("staff:schedule", pk=pk)


@require_POST
@desk_view()
def offer_shift(request, pk: int):
    shift = get_object_or_404(ScheduledShift, pk=pk, schedule__property=request.property)
    colleague = StaffMember.objects.filter(property=request.property, code=request.POST.get("to_staff", "")).first()
    if colleague is None:
        messages.error(request, _("Choose a colleague."))
        return redirect("staff:my_schedule")
    try:
        swap_request(shift=shift, actor=request.user, to_staff=colleague, reason=request.POST.get("reason", ""))
        messages.success(request, _("Offered to %(name)s; the manager decides.") % {"name": colleague.name})
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:my_schedule")


@require_POST
@desk_view("core.manage_schedules")
def decide_swap(request, pk: int):
    swap = get_object_or_404(SwapRequest, pk=pk, property=request.property)
    return _decided(request, lambda approve: swap_decide(swap=swap, actor=request.user, approve=approve))


def _decided(request, decide):
    """Approve or refuse (the ``decision`` posted), show a refusal, and go back to the schedules."""
    try:
        decide(request.POST.get("decision") == "approve")
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:schedules")


@require_POST
@desk_view("core.manage_schedules")
def publish(request, pk: int):
    found = get_object_or_404(Schedule, pk=pk, property=request.property)
    try:
        schedule_publish(schedule=found, actor=request.user)
        messages.success(request, _("The schedule is published: the staff see their shifts."))
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:schedule", pk=pk)


@desk_view()
def my_schedule(request):
    prop = request.property
    start = prop.business_date - dt.timedelta(days=7)
    shifts = my_shifts(user=request.user, property=prop, start=start, end=start + dt.timedelta(days=42))
    feed = request.build_absolute_uri(
        reverse("staff:ical", kwargs={"token": feed_token(user=request.user, property=prop)})
    )
    member = StaffMember.objects.filter(property=prop, user=request.user).first()
    colleagues = StaffMember.objects.filter(property=prop, active=True).exclude(pk=member.pk if member else None)
    return render(
        request,
        "staff/my_schedule.html",
        {
            "shifts": shifts,
            "feed": feed,
            "member": member,
            "colleagues": colleagues,
            "today": prop.business_date,
            "leave": LeaveRequest.objects.filter(staff=member).order_by("-start")[:10] if member else [],
            **my_requests(property=prop, member=member),
        },
    )


def ical_feed(request, token: str):
    """The calendar feed: no session (calendar apps have none), the signed token is the key."""
    owner = feed_owner(token)
    if owner is None:
        raise Http404
    user_id, property_id = owner
    prop = Property.objects.filter(pk=property_id).first()
    member = (
        StaffMember.objects.filter(property_id=property_id, user_id=user_id, active=True).select_related("user").first()
    )
    if prop is None or member is None or not member.user or not member.user.is_active:
        raise Http404
    start = prop.business_date - dt.timedelta(days=30)
    shifts = my_shifts(user=member.user, property=prop, start=start, end=start + dt.timedelta(days=120))
    names = {}
    for s in shifts:
        names.update({t["id"]: t["name"] for t in s.schedule.problem.get("shift_types", [])})
    response = HttpResponse(ical(shifts, property=prop, names=names), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{prop.code}-shifts.ics"'
    return response


@require_POST
@desk_view()
def ask_leave(request):
    try:
        start = dt.date.fromisoformat(request.POST.get("start", ""))
        end = dt.date.fromisoformat(request.POST.get("end", ""))
    except ValueError:
        messages.error(request, _("Give the first and the last day of leave."))
        return redirect("staff:my_schedule")
    try:
        leave_request(property=request.property, actor=request.user, start=start, end=end,
                      reason=request.POST.get("reason", ""))  # fmt: skip
        messages.success(request, _("Leave requested; the manager decides."))
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:my_schedule")


@require_POST
@desk_view("core.manage_schedules")
def decide_leave(request, pk: int):
    leave = get_object_or_404(LeaveRequest, pk=pk, property=request.property)
    return _decided(request, lambda approve: leave_decide(leave=leave, actor=request.user, approve=approve))
