"""The room-status board: every room per floor, coloured by its code, with overlays and
discrepancies; refreshed every 30 seconds by HTMX; rooms ticked on it can be changed together."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error
from frontoffice.frontdesk.forms_lists import RoomStatusBulkForm
from frontoffice.frontdesk.selectors import board_codes, board_floors, room_status_board
from frontoffice.frontdesk.services import room_status_set_bulk
from frontoffice.frontdesk.services.room_status import room_status_readable
from frontoffice.reservations.views import desk_view, wants_partial


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@vary_on_headers("HX-Request")
@desk_view()
def board(request):
    if not room_status_readable(request.user):
        raise PermissionDenied
    prop = request.property
    floor = _int_or_none(request.GET.get("floor"))
    code = request.GET.get("code", "")
    code = code if code in board_codes() else ""
    context = {
        "floors": room_status_board(property=prop, floor=floor, code=code),
        "floor": floor,
        "code": code,
        "can_update": request.user.has_perm("core.update_room_status"),
        "can_view_reservations": request.user.has_perm("core.view_reservations"),
    }
    if wants_partial(request):
        return render(request, "frontdesk/_board.html", context)
    context.update({"all_floors": board_floors(property=prop), "codes": board_codes(), "form": RoomStatusBulkForm()})
    return render(request, "frontdesk/board.html", context)


@require_POST
@desk_view("core.update_room_status")
def board_update(request):
    form = RoomStatusBulkForm(request.POST)
    back = reverse("frontdesk:room_status")
    floor = _int_or_none(request.POST.get("floor"))
    if floor is not None:
        back += f"?floor={floor}"
    numbers = request.POST.getlist("rooms")
    if not form.is_valid():
        messages.error(request, _("Choose what to change."))
        return redirect(back)
    try:
        rooms = room_status_set_bulk(property=request.property, numbers=numbers, actor=request.user, **form.change())
    except DomainError as exc:
        show_error(request, exc)
        return redirect(back)
    messages.success(
        request,
        ngettext("Room %(rooms)s updated.", "%(n)d rooms updated: %(rooms)s.", len(rooms))
        % {"n": len(rooms), "rooms": ", ".join(r.number for r in rooms)},
    )
    return redirect(back)
