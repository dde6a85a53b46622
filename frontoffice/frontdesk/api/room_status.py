"""Room status: the board per floor, and changes to one room or many."""

from django.utils.translation import gettext as _
from ninja import Router

from frontoffice.core.api import scoped, user_of
from frontoffice.core.domain.errors import NotFound, PermissionDenied
from frontoffice.frontdesk.schemas_lists import (
    BoardFloorOut,
    RoomStatusBulkIn,
    RoomStatusChangedOut,
    RoomStatusIn,
)
from frontoffice.frontdesk.selectors import room_status_board
from frontoffice.frontdesk.services import room_status_set, room_status_set_bulk
from frontoffice.frontdesk.services.room_status import room_status_readable
from frontoffice.rooms.models import Room

router = Router()


def _changed(room: Room) -> dict:
    return {
        "number": room.number,
        "condition": room.condition,
        "do_not_disturb": room.do_not_disturb,
        "make_up_room": room.make_up_room,
        "housekeeping_found": room.housekeeping_found,
        "status_changed_at": room.status_changed_at,
    }


@router.get("/properties/{code}/room-status", response=list[BoardFloorOut], summary="Room-status board")
def board(request, code: str, floor: int | None = None):
    """Every active room per floor: display code (VC, VD, VI, OC, OD, OOO, OOS), overlays (DND,
    MUR), discrepancy (skip, sleep), the guest in house and the guest arriving today. Needs
    ``core.view_reservations`` or ``core.update_room_status``."""
    prop = scoped(request, code)
    if not room_status_readable(user_of(request)):
        raise PermissionDenied(_("Your role does not allow this action."))
    return room_status_board(property=prop, floor=floor)


@router.patch("/properties/{code}/rooms/{number}/status", response=RoomStatusChangedOut, summary="Set a room's status")
def set_status(request, code: str, number: str, payload: RoomStatusIn):
    """Set any of condition, do-not-disturb, make-up-room and what housekeeping found. DND and MUR
    exclude each other; a room made clean or inspected is no longer waiting to be made up."""
    prop = scoped(request, code, "core.update_room_status")
    room = Room.objects.filter(property=prop, number=number).first()
    if room is None:
        raise NotFound(_("No room %(number)s.") % {"number": number})
    changed = room_status_set(room=room, actor=user_of(request), **payload.dict())
    return _changed(changed)


@router.post(
    "/properties/{code}/room-status/bulk", response=list[RoomStatusChangedOut], summary="Set many rooms' status"
)
def set_status_bulk(request, code: str, payload: RoomStatusBulkIn):
    """The same change to every room in ``rooms``, all or none: an unknown room number refuses the
    whole change (422, code ``unknown_room``)."""
    prop = scoped(request, code, "core.update_room_status")
    data = payload.dict()
    numbers = data.pop("rooms")
    rooms = room_status_set_bulk(property=prop, numbers=numbers, actor=user_of(request), **data)
    return [_changed(r) for r in rooms]
