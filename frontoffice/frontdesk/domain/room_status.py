"""Room status as the desk and housekeeping read it: the standard display code, the overlays and
the discrepancies between what the desk believes and what housekeeping found.

* Condition (housekeeping) × occupancy (the desk: a guest is in house in the room) gives the
  code: VC, VD, VI (vacant clean, dirty, inspected), OC, OD (occupied clean, dirty; an occupied
  room that was inspected shows OC, as the standard codes have no "OI").
* A room out of order today shows OOO, out of service OOS, whatever its condition.
* Do not disturb (DND) and make up room (MUR) are overlays: a guest asks for one or the other,
  never both.
* A discrepancy compares the desk with housekeeping's last check: the desk says occupied but
  housekeeping found it vacant is a "skip" (the guest may have left without checking out); the
  desk says vacant but housekeeping found it occupied is a "sleep" (someone is in a room the desk
  thinks is empty).
* A room is ready for an arriving guest when it is vacant, clean or inspected, and not blocked.
"""

from dataclasses import dataclass, replace
from enum import StrEnum

from frontoffice.core.domain.errors import InvalidInput


class Condition(StrEnum):
    DIRTY = "dirty"
    CLEAN = "clean"
    INSPECTED = "inspected"


class Found(StrEnum):
    """What housekeeping found at its last check ("" when it has not checked)."""

    VACANT = "vacant"
    OCCUPIED = "occupied"


class Block(StrEnum):
    OUT_OF_ORDER = "out_of_order"
    OUT_OF_SERVICE = "out_of_service"


class Code(StrEnum):
    VC = "VC"
    VD = "VD"
    VI = "VI"
    OC = "OC"
    OD = "OD"
    OOO = "OOO"
    OOS = "OOS"


class Overlay(StrEnum):
    DND = "DND"
    MUR = "MUR"


class Discrepancy(StrEnum):
    SKIP = "skip"
    SLEEP = "sleep"


_OPEN_CODES = {
    (False, Condition.CLEAN): Code.VC,
    (False, Condition.DIRTY): Code.VD,
    (False, Condition.INSPECTED): Code.VI,
    (True, Condition.CLEAN): Code.OC,
    (True, Condition.DIRTY): Code.OD,
    (True, Condition.INSPECTED): Code.OC,
}
READY_CODES = frozenset({Code.VC, Code.VI})


def status_code(*, condition: Condition | str, occupied: bool, block: Block | str | None = None) -> Code:
    """The display code: OOO/OOS when the room is blocked today, else occupancy × condition."""
    if block:
        return Code.OOO if Block(block) == Block.OUT_OF_ORDER else Code.OOS
    return _OPEN_CODES[(bool(occupied), Condition(condition))]


def overlays(*, do_not_disturb: bool, make_up_room: bool) -> tuple[Overlay, ...]:
    return tuple(o for o, on in ((Overlay.DND, do_not_disturb), (Overlay.MUR, make_up_room)) if on)


def discrepancy(*, occupied: bool, found: Found | str | None) -> Discrepancy | None:
    """Skip: the desk says occupied, housekeeping found it vacant. Sleep: the reverse."""
    if not found:
        return None
    found = Found(found)
    if occupied and found == Found.VACANT:
        return Discrepancy.SKIP
    if not occupied and found == Found.OCCUPIED:
        return Discrepancy.SLEEP
    return None


def is_ready(code: Code | str) -> bool:
    """Whether a guest can be given the room now: vacant, clean or inspected, not blocked."""
    return Code(code) in READY_CODES


@dataclass(frozen=True)
class RoomStatus:
    """Everything the board shows of one room."""

    code: Code
    overlays: tuple[Overlay, ...]
    discrepancy: Discrepancy | None
    ready: bool


def room_status(
    *,
    condition: Condition | str,
    occupied: bool,
    block: Block | str | None = None,
    do_not_disturb: bool = False,
    make_up_room: bool = False,
    found: Found | str | None = None,
) -> RoomStatus:
    code = status_code(condition=condition, occupied=occupied, block=block)
    return RoomStatus(
        code=code,
        overlays=overlays(do_not_disturb=do_not_disturb, make_up_room=make_up_room),
        discrepancy=discrepancy(occupied=occupied, found=found),
        ready=is_ready(code),
    )


@dataclass(frozen=True)
class Housekeeping:
    """The housekeeping fields of one room, as stored."""

    condition: Condition
    do_not_disturb: bool
    make_up_room: bool
    found: str  # a Found value or ""


def housekeeping_change(
    current: Housekeeping,
    *,
    condition: Condition | str | None = None,
    do_not_disturb: bool | None = None,
    make_up_room: bool | None = None,
    found: Found | str | None = None,
) -> Housekeeping:
    """The room's housekeeping fields after a change (``None``: leave as is).

    Rules: DND and MUR exclude each other, so turning one on turns the other off (asking for both
    at once is refused); a room made clean or inspected has been made up, so MUR goes off unless
    the same change asks for it.
    """
    if do_not_disturb and make_up_room:
        raise InvalidInput("A room cannot be both do-not-disturb and make-up-room.", code="dnd_and_mur")
    try:
        new_condition = Condition(condition) if condition is not None else current.condition
        new_found = Found(found).value if found else ("" if found == "" else current.found)
    except ValueError as exc:
        raise InvalidInput(str(exc), code="invalid_room_status") from exc
    dnd = current.do_not_disturb if do_not_disturb is None else do_not_disturb
    mur = current.make_up_room if make_up_room is None else make_up_room
    if do_not_disturb:
        mur = False
    if make_up_room:
        dnd = False
    if make_up_room is None and condition is not None and new_condition != Condition.DIRTY:
        mur = False
    return replace(current, condition=new_condition, do_not_disturb=dnd, make_up_room=mur, found=new_found)
