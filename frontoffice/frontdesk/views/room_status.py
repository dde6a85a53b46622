"""The room-status board: every room per floor, coloured by its code, with overlays and
discrepancies; refreshed every 30 seconds by HTMX, except while rooms are ticked; rooms ticked on
it can be changed together, in place with HTMX or by a plain form post without JavaScript."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers
from django_htmx.http import reswap, trigger_client_event

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


def _board_context(request, *, floor: int | None, code: str) -> dict:
    code = code if code in board_codes() else ""
    return {
        "floors": room_status_board(property=request.property, floor=floor, code=code),
        "floor": floor,
        "code": code,
        "can_update": request.user.has_perm("core.update_room_status"),
        "can_view_reservations": request.user.has_perm("core.view_reservations"),
    }


@vary_on_headers("HX-Request")
@desk_view()
def board(request):
    if not room_status_readable(request.user):
        raise PermissionDenied
    floor = _int_or_none(request.GET.get("floor"))
    context = _board_context(request, floor=floor, code=request.GET.get("code", ""))
    if wants_partial(request):
        return render(request, "frontdesk/_board.html", context)
    context.update(
        {"all_floors": board_floors(property=request.property), "codes": board_codes(), "form": RoomStatusBulkForm()}
    )
    return render(request, "frontdesk/board.html", context)


def _change_ticked_rooms(request) -> bool:
    """Apply the bulk form to the ticked rooms; say how it went as a message. True when done."""
    form = RoomStatusBulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to change."))
        return False
    numbers = request.POST.getlist("rooms")
    try:
        rooms = room_status_set_bulk(property=request.property, numbers=numbers, actor=request.user, **form.change())
    except DomainError as exc:
        show_error(request, exc)
        return False
    messages.success(
        request,
        ngettext("Room %(rooms)s updated.", "%(n)d rooms updated: %(rooms)s.", len(rooms))
        % {"n": len(rooms), "rooms": ", ".join(r.number for r in rooms)},
    )
    return True


@require_POST
@desk_view("core.update_room_status")
def board_update(request):
    """Change the ticked rooms. From HTMX: the board as it is now, the message out of band; on a
    refusal only the message, so the ticks and the change stay for another try. Without
    JavaScript: back to the board, on the same floor and status filter."""
    floor = _int_or_none(request.POST.get("floor"))
    code = request.POST.get("code", "")
    code = code if code in board_codes() else ""
    done = _change_ticked_rooms(request)
    if request.htmx:
        if not done:
            return reswap(
                render(request, "frontdesk/_board.html", {"with_messages": True, "messages_only": True}), "none"
            )
        context = {**_board_context(request, floor=floor, code=code), "with_messages": True}
        # "rooms-changed" resets the change form, as a fresh page would: the next rooms ticked
        # must not inherit this change unseen.
        return trigger_client_event(render(request, "frontdesk/_board.html", context), "rooms-changed")
    query = urlencode({k: v for k, v in (("floor", floor), ("code", code)) if v not in (None, "")})
    back = reverse("frontdesk:room_status")
    return redirect(f"{back}?{query}" if query else back)
