"""What the staff and the manager add to a plan (pages): requests to work or not to work a day,
covers set by hand for a day, the sick call that re-plans the published days, and the progress of
a search. Every action is a plain form POST followed by a redirect."""

import datetime as dt

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error, show_form_errors
from frontoffice.reservations.views import desk_view
from frontoffice.staff.models import ROLE_CHOICES, CoverOverride, Schedule, ScheduleStatus, ShiftRequest, StaffMember
from frontoffice.staff.planning import cover_remove, cover_set, shift_request_add, shift_request_remove, sick_call
from frontoffice.staff.services import (
    schedule_solve,
    schedule_solve_in_background,
    schedule_stalled,
    scheduling_setup,
)

PLANNING = "core.manage_schedules"


def search(schedule: Schedule) -> None:
    """Solve in a thread of this process once the schedule is saved (the page shows the progress),
    or here and now where the settings say so."""
    if settings.SCHEDULE_SOLVE_IN_BACKGROUND:
        transaction.on_commit(lambda: schedule_solve_in_background(schedule.pk))
    else:
        schedule_solve(schedule.pk)


def progress_context(schedule: Schedule) -> dict:
    limit = float(schedule.problem.get("time_limit_seconds") or 10)
    elapsed = (timezone.now() - schedule.created_at).total_seconds()
    return {
        "schedule": schedule,
        "stalled": schedule_stalled(schedule),
        "time_limit": round(limit),
        "elapsed_percent": max(0, min(100, round(100 * elapsed / limit))),
    }


def _shift_choices(property) -> list[tuple[str, str]]:
    return [(s["id"], s["name"]) for s in scheduling_setup(property=property).shift_types]


class RequestForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    shift = forms.ChoiceField(label=gettext_lazy("Shift"), required=False)
    on = forms.TypedChoiceField(
        label=gettext_lazy("I would like"),
        choices=[("0", gettext_lazy("not to work")), ("1", gettext_lazy("to work"))],
        coerce=lambda v: v == "1",
    )
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=200, required=False)
    staff = forms.CharField(required=False, widget=forms.HiddenInput)
    weight = forms.IntegerField(label=gettext_lazy("Weight"), min_value=1, max_value=1000, required=False)

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].choices = [("", gettext_lazy("Any shift")), *_shift_choices(property)]


class CoverForm(forms.Form):
    date = forms.DateField(label=gettext_lazy("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    shift = forms.ChoiceField(label=gettext_lazy("Shift"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=ROLE_CHOICES)
    min = forms.IntegerField(label=gettext_lazy("At least"), min_value=0, max_value=200)
    max = forms.IntegerField(label=gettext_lazy("At most"), min_value=0, max_value=200, required=False)
    hard = forms.BooleanField(label=gettext_lazy("Must be met"), required=False)
    note = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shift"].choices = _shift_choices(property)


class SickForm(forms.Form):
    staff = forms.ChoiceField(label=gettext_lazy("Person"))
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=gettext_lazy("Note"), max_length=200, required=False)

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        staff = StaffMember.objects.filter(property=property, active=True).order_by("name")
        self.fields["staff"].choices = [(m.code, m.name) for m in staff]


def planning_context(request) -> dict:
    """The forms and lists the schedules page shows for requests, covers and the sick call."""
    prop = request.property
    today = prop.business_date
    return {
        "cover_form": CoverForm(property=prop, initial={"date": today}),
        "sick_form": SickForm(property=prop, initial={"start": today, "end": today}),
        "covers": CoverOverride.objects.filter(property=prop, date__gte=today).order_by("date", "shift", "role")[:100],
        "shift_requests": ShiftRequest.objects.filter(property=prop, date__gte=today)
        .select_related("staff")
        .order_by("date", "staff__name")[:100],
    }


@require_POST
@desk_view()
def request_add(request):
    """Ask to work or not (oneself; the manager for anyone, with a weight)."""
    prop = request.property
    form = RequestForm(request.POST, property=prop)
    back = "staff:schedules" if request.POST.get("staff") else "staff:my_schedule"
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect(back)
    data = form.cleaned_data
    staff = None
    if data["staff"]:
        staff = StaffMember.objects.filter(property=prop, code=data["staff"]).first()
        if staff is None:
            messages.error(request, _("Choose a person."))
            return redirect(back)
    try:
        shift_request_add(
            property=prop, actor=request.user, staff=staff, date=data["date"], shift=data["shift"], on=data["on"],
            weight=data["weight"], reason=data["reason"],
        )  # fmt: skip
        messages.success(request, _("Request noted: the next schedules take it into account."))
    except DomainError as refused:
        show_error(request, refused)
    return redirect(back)


@require_POST
@desk_view()
def request_remove(request, pk: int):
    found = get_object_or_404(ShiftRequest, pk=pk, property=request.property)
    try:
        shift_request_remove(request=found, actor=request.user)
        messages.success(request, _("Request withdrawn."))
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:schedules" if request.POST.get("back") == "schedules" else "staff:my_schedule")


@require_POST
@desk_view(PLANNING)
def cover_add(request):
    form = CoverForm(request.POST, property=request.property)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("staff:schedules")
    try:
        cover_set(property=request.property, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Cover set: the next schedules plan for it."))
    except DomainError as refused:
        show_error(request, refused)
    return redirect("staff:schedules")


@require_POST
@desk_view(PLANNING)
def cover_delete(request, pk: int):
    found = get_object_or_404(CoverOverride, pk=pk, property=request.property)
    cover_remove(cover=found, actor=request.user)
    messages.success(request, _("Cover removed: the staffing rules apply to that day again."))
    return redirect("staff:schedules")


@require_POST
@desk_view(PLANNING)
def sick(request):
    """Record a sick call and re-plan the published days from it (searching with progress)."""
    prop = request.property
    form = SickForm(request.POST, property=prop)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("staff:schedules")
    data = form.cleaned_data
    member = get_object_or_404(StaffMember, property=prop, code=data["staff"])
    try:
        _leave, schedule = sick_call(
            property=prop, actor=request.user, staff=member, start=data["start"], end=data["end"],
            reason=data["reason"],
        )  # fmt: skip
    except DomainError as refused:
        show_error(request, refused)
        return redirect("staff:schedules")
    if schedule is None:
        messages.success(request, _("Sick leave recorded; nothing published from that day needs re-planning."))
        return redirect("staff:schedules")
    search(schedule)
    messages.success(request, _("Sick leave recorded. Review the re-plan and publish it."))
    return redirect("staff:schedule", pk=schedule.pk)


@desk_view(PLANNING)
def progress(request, pk: int):
    """The progress panel while the solver searches; the whole page again once it has finished."""
    found = get_object_or_404(Schedule, pk=pk, property=request.property)
    if found.status != ScheduleStatus.SOLVING:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, "staff/_progress.html", progress_context(found))


def my_requests(*, property, member) -> dict:
    """What My schedule shows for requests: the form and one's own requests from today."""
    if member is None:
        return {}
    today = property.business_date
    return {
        "request_form": RequestForm(property=property, initial={"date": today + dt.timedelta(days=1)}),
        "my_requests": ShiftRequest.objects.filter(staff=member, date__gte=today).order_by("date"),
    }


urlpatterns = [
    path("staff/requests/", request_add, name="request_add"),
    path("staff/requests/<int:pk>/withdraw/", request_remove, name="request_remove"),
    path("staff/covers/", cover_add, name="cover_add"),
    path("staff/covers/<int:pk>/remove/", cover_delete, name="cover_remove"),
    path("staff/sick-call/", sick, name="sick_call"),
    path("staff/schedules/<int:pk>/progress/", progress, name="progress"),
]
