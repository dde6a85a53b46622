"""Room status codes, overlays, discrepancies and housekeeping changes, over every combination."""

import itertools

import pytest

from frontoffice.core.domain.errors import InvalidInput
from frontoffice.frontdesk.domain.room_status import (
    Block,
    Code,
    Condition,
    Discrepancy,
    Found,
    Housekeeping,
    Overlay,
    discrepancy,
    housekeeping_change,
    is_ready,
    overlays,
    room_status,
    status_code,
)

EXPECTED_CODES = {
    (False, "clean"): "VC",
    (False, "dirty"): "VD",
    (False, "inspected"): "VI",
    (True, "clean"): "OC",
    (True, "dirty"): "OD",
    (True, "inspected"): "OC",
}


@pytest.mark.parametrize(("occupied", "condition"), list(EXPECTED_CODES))
def test_an_open_room_shows_occupancy_and_condition(occupied, condition):
    assert status_code(condition=condition, occupied=occupied) == EXPECTED_CODES[(occupied, condition)]


@pytest.mark.parametrize(
    ("occupied", "condition", "block"),
    list(itertools.product([False, True], list(Condition), list(Block))),
)
def test_a_blocked_room_shows_its_block_whatever_its_condition(occupied, condition, block):
    expected = Code.OOO if block == Block.OUT_OF_ORDER else Code.OOS
    assert status_code(condition=condition, occupied=occupied, block=block) == expected


@pytest.mark.parametrize("code", list(Code))
def test_only_vacant_clean_or_inspected_rooms_are_ready(code):
    assert is_ready(code) == (code in (Code.VC, Code.VI))


@pytest.mark.parametrize(("dnd", "mur"), list(itertools.product([False, True], repeat=2)))
def test_overlays_list_dnd_then_mur(dnd, mur):
    expected = tuple(o for o, on in ((Overlay.DND, dnd), (Overlay.MUR, mur)) if on)
    assert overlays(do_not_disturb=dnd, make_up_room=mur) == expected


@pytest.mark.parametrize(
    ("occupied", "found", "expected"),
    [
        (True, "vacant", Discrepancy.SKIP),
        (False, "occupied", Discrepancy.SLEEP),
        (True, "occupied", None),
        (False, "vacant", None),
        (True, "", None),
        (False, "", None),
        (True, None, None),
        (False, None, None),
    ],
)
def test_a_discrepancy_is_the_desk_disagreeing_with_housekeeping(occupied, found, expected):
    assert discrepancy(occupied=occupied, found=found) == expected


def test_room_status_puts_code_overlays_discrepancy_and_readiness_together():
    status = room_status(condition="inspected", occupied=True, do_not_disturb=True, found="vacant")
    assert (status.code, status.overlays, status.discrepancy, status.ready) == (
        Code.OC,
        (Overlay.DND,),
        Discrepancy.SKIP,
        False,
    )
    blocked = room_status(condition="inspected", occupied=False, block="out_of_order")
    assert blocked.code == Code.OOO and not blocked.ready


def test_room_status_rejects_an_unknown_condition():
    with pytest.raises(ValueError):
        status_code(condition="sparkling", occupied=False)


START = Housekeeping(condition=Condition.DIRTY, do_not_disturb=False, make_up_room=False, found="")


@pytest.mark.parametrize(
    ("before", "after"),
    list(itertools.product([False, True], repeat=2)),
)
def test_turning_dnd_on_turns_mur_off_and_the_reverse(before, after):
    current = Housekeeping(Condition.DIRTY, do_not_disturb=before, make_up_room=after, found="")
    dnd_on = housekeeping_change(current, do_not_disturb=True)
    assert (dnd_on.do_not_disturb, dnd_on.make_up_room) == (True, False)
    mur_on = housekeeping_change(current, make_up_room=True)
    assert (mur_on.do_not_disturb, mur_on.make_up_room) == (False, True)
    both_off = housekeeping_change(current, do_not_disturb=False, make_up_room=False)
    assert (both_off.do_not_disturb, both_off.make_up_room) == (False, False)


def test_asking_for_dnd_and_mur_at_once_is_refused():
    with pytest.raises(InvalidInput) as exc:
        housekeeping_change(START, do_not_disturb=True, make_up_room=True)
    assert exc.value.code == "dnd_and_mur"


@pytest.mark.parametrize(("condition", "mur_after"), [("clean", False), ("inspected", False), ("dirty", True)])
def test_a_room_made_clean_or_inspected_is_no_longer_waiting_to_be_made_up(condition, mur_after):
    waiting = Housekeeping(Condition.DIRTY, do_not_disturb=False, make_up_room=True, found="")
    assert housekeeping_change(waiting, condition=condition).make_up_room is mur_after


def test_a_change_leaves_what_it_does_not_name():
    current = Housekeeping(Condition.CLEAN, do_not_disturb=True, make_up_room=False, found="occupied")
    assert housekeeping_change(current) == current
    assert housekeeping_change(current, found="vacant") == Housekeeping(Condition.CLEAN, True, False, "vacant")
    assert housekeeping_change(current, found="").found == ""


@pytest.mark.parametrize("bad", [{"condition": "sparkling"}, {"found": "asleep"}])
def test_unknown_values_are_refused_as_invalid(bad):
    with pytest.raises(InvalidInput):
        housekeeping_change(START, **bad)


@pytest.mark.parametrize(
    ("condition", "occupied", "block", "dnd", "mur", "found"),
    list(itertools.product(list(Condition), [False, True], [None, *Block], [False, True], [False, True], ["", *Found])),
)
def test_every_combination_has_one_code_and_ready_means_a_guest_can_have_it(
    condition, occupied, block, dnd, mur, found
):
    status = room_status(
        condition=condition, occupied=occupied, block=block, do_not_disturb=dnd, make_up_room=mur, found=found
    )
    assert status.code in Code
    assert status.ready == (not occupied and block is None and condition != Condition.DIRTY)
    assert (Overlay.DND in status.overlays, Overlay.MUR in status.overlays) == (dnd, mur)
