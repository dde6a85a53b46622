"""Pages for room assignment: one reservation's room (suggested rooms, one-click assignment,
upgrade with a reason, a move for a guest in house) and automatic assignment of a date's arrivals.

Thin: parse the form, call one service, redirect back (post/redirect/get). A refusal is shown
on the page again with the message and the HTTP status the API gives it.
"""

import datetime as dt

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error
from frontoffice.frontdesk.assignment_selectors import room_choices
from frontoffice.frontdesk.services import room_assign, room_move, room_unassign, rooms_auto_assign
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.selectors import reservation_get
from frontoffice.reservations.views import desk_view
from frontoffice.rooms.models import Room

PERMISSION = "core.assign_rooms"
NOTE_LABELS = {
    "due_out": gettext_lazy("guest due out"),
    "party_adjacent": gettext_lazy("next to the booking's other rooms"),
    "party_same_floor": gettext_lazy("same floor as the booking's other rooms"),
}


def _reservation_or_404(request, confirmation: str) -> Reservation:
    res = reservation_get(property=request.property, confirmation=confirmation)
    if res is None:
        raise Http404(_("No such reservation."))
    res.property = request.property
    return res


def _page(request, res: Reservation, status: int = 200):
    choices, wishes = room_choices(reservation=res)
    context = {
        "res": res,
        "choices": choices,
        "wishes": wishes,
        "note_labels": NOTE_LABELS,
        "in_house": res.status == "in_house",
        "assignable": res.status in ("tentative", "confirmed"),
    }
    return render(request, "frontdesk/assign_room.html", context, status=status)


def _room(request) -> Room:
    room = Room.objects.filter(property=request.property, number=request.POST.get("room", "").strip()).first()
    if room is None:
        raise Http404(_("No such room."))
    return room


@desk_view(PERMISSION)
def room_page(request, confirmation: str):
    return _page(request, _reservation_or_404(request, confirmation))


def _act(request, confirmation: str, action, success: str):
    res = _reservation_or_404(request, confirmation)
    try:
        action(res)
    except DomainError as exc:
        show_error(request, exc)
        return _page(request, res, status=exc.status)
    messages.success(request, success % {"code": res.confirmation, "room": res.room.number if res.room else "—"})
    return redirect("frontdesk:assign_room", confirmation=res.confirmation)


@require_POST
@desk_view(PERMISSION)
def assign(request, confirmation: str):
    room, reason = _room(request), request.POST.get("reason", "")
    return _act(
        request,
        confirmation,
        lambda res: room_assign(reservation=res, room=room, actor=request.user, reason=reason),
        _("Room %(room)s assigned to %(code)s."),
    )


@require_POST
@desk_view(PERMISSION)
def unassign(request, confirmation: str):
    return _act(
        request,
        confirmation,
        lambda res: room_unassign(reservation=res, actor=request.user),
        _("Room taken away from %(code)s."),
    )


@require_POST
@desk_view(PERMISSION)
def move(request, confirmation: str):
    room, reason = _room(request), request.POST.get("reason", "")
    return _act(
        request,
        confirmation,
        lambda res: room_move(reservation=res, to_room=room, actor=request.user, reason=reason),
        _("Guest of %(code)s moved to room %(room)s."),
    )


@require_http_methods(["GET", "POST"])
@desk_view(PERMISSION)
def auto_assign_page(request):
    prop = request.property
    raw = request.POST.get("date") or request.GET.get("date") or prop.business_date.isoformat()
    try:
        day = dt.date.fromisoformat(raw)
    except ValueError:
        day, status = prop.business_date, 422
        messages.error(request, _("Enter a valid date."))
    else:
        status = 200
    summary = None
    if request.method == "POST" and status == 200:
        try:
            summary = rooms_auto_assign(
                property=prop, date=day, actor=request.user, reshuffle=request.POST.get("reshuffle") == "on"
            )
        except DomainError as exc:
            show_error(request, exc)
            status = exc.status
    unassigned = Reservation.objects.filter(
        property=prop, arrival=day, status__in=("tentative", "confirmed"), room__isnull=True
    ).count()
    context = {"day": day, "summary": summary, "unassigned": unassigned}
    return render(request, "frontdesk/auto_assign.html", context, status=status)
