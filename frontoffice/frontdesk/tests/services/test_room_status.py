"""Room status writes: single and bulk, permission, audit trail, all-or-nothing."""

import pytest

from frontoffice.core.domain.errors import InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.frontdesk.services import room_mark_dirty, room_status_set, room_status_set_bulk
from frontoffice.rooms.models import Room


def fresh(room):
    return Room.objects.get(pk=room.pk)


def test_an_agent_marks_a_room_inspected_and_the_change_is_audited(hotel, agent):
    room = hotel.rooms[0]
    assert room.condition == "clean" and room.status_changed_at is None
    room_status_set(room=room, actor=agent, condition="inspected")
    room = fresh(room)
    assert room.condition == "inspected"
    assert room.status_changed_at is not None
    entry = AuditEntry.objects.get(entity="room", entity_id=room.number, action="status")
    assert entry.actor == agent
    assert entry.changes == {"condition": ["clean", "inspected"]}


def test_a_change_that_changes_nothing_writes_nothing(hotel, agent):
    room = hotel.rooms[0]
    room_status_set(room=room, actor=agent, condition="clean")
    assert fresh(room).status_changed_at is None
    assert not AuditEntry.objects.filter(entity="room", action="status").exists()


def test_dnd_switches_make_up_room_off_and_cleaning_ends_the_make_up_request(hotel, agent):
    room = hotel.rooms[0]
    room_status_set(room=room, actor=agent, make_up_room=True, condition="dirty")
    assert (fresh(room).make_up_room, fresh(room).do_not_disturb) == (True, False)
    room_status_set(room=room, actor=agent, do_not_disturb=True)
    assert (fresh(room).make_up_room, fresh(room).do_not_disturb) == (False, True)
    room_status_set(room=room, actor=agent, make_up_room=True)
    room_status_set(room=room, actor=agent, condition="clean")
    assert fresh(room).make_up_room is False


def test_housekeeping_found_is_recorded_and_can_be_cleared(hotel, agent):
    room = hotel.rooms[0]
    room_status_set(room=room, actor=agent, housekeeping_found="occupied")
    assert fresh(room).housekeeping_found == "occupied"
    room_status_set(room=room, actor=agent, housekeeping_found="")
    assert fresh(room).housekeeping_found == ""


@pytest.mark.parametrize(
    "change",
    [{"condition": "sparkling"}, {"housekeeping_found": "asleep"}, {"do_not_disturb": True, "make_up_room": True}, {}],
)
def test_nonsense_is_refused_and_nothing_changes(hotel, agent, change):
    room = hotel.rooms[0]
    with pytest.raises(InvalidInput):
        room_status_set(room=room, actor=agent, **change)
    assert fresh(room).status_changed_at is None


def test_a_porter_may_not_change_room_status(hotel, porter):
    with pytest.raises(PermissionDenied):
        room_status_set(room=hotel.rooms[0], actor=porter, condition="dirty")
    assert fresh(hotel.rooms[0]).condition == "clean"


def test_bulk_sets_every_room_named_in_one_go(hotel, agent):
    numbers = [r.number for r in hotel.rooms[:3]]
    changed = room_status_set_bulk(property=hotel.property, numbers=numbers, actor=agent, condition="dirty")
    assert [r.number for r in changed] == numbers
    assert set(Room.objects.filter(number__in=numbers).values_list("condition", flat=True)) == {"dirty"}
    assert Room.objects.exclude(number__in=numbers).filter(condition="dirty").count() == 0
    assert AuditEntry.objects.filter(entity="room", action="status").count() == 3


def test_bulk_with_an_unknown_room_changes_none(hotel, agent):
    numbers = [hotel.rooms[0].number, "999"]
    with pytest.raises(InvalidInput) as exc:
        room_status_set_bulk(property=hotel.property, numbers=numbers, actor=agent, condition="dirty")
    assert exc.value.code == "unknown_room" and "999" in exc.value.detail
    assert fresh(hotel.rooms[0]).condition == "clean"
    assert not AuditEntry.objects.filter(entity="room", action="status").exists()


def test_bulk_never_touches_another_propertys_room_of_the_same_number(hotel, other_hotel, agent):
    number = hotel.rooms[0].number
    room_status_set_bulk(property=hotel.property, numbers=[number], actor=agent, condition="dirty")
    assert Room.objects.get(property=other_hotel.property, number=number).condition == "clean"


def test_bulk_refuses_an_empty_selection(hotel, agent):
    with pytest.raises(InvalidInput):
        room_status_set_bulk(property=hotel.property, numbers=[" "], actor=agent, condition="dirty")


def test_mark_dirty_needs_no_permission_and_forgets_what_housekeeping_found(hotel, agent, porter):
    room = hotel.rooms[0]
    room_status_set(room=room, actor=agent, housekeeping_found="occupied", condition="inspected")
    returned = room_mark_dirty(room, porter)
    room = fresh(room)
    assert (room.condition, room.housekeeping_found) == ("dirty", "")
    assert returned.condition == "dirty"
    last = AuditEntry.objects.filter(entity="room", action="status").order_by("-id").first()
    assert last.changes["condition"] == ["inspected", "dirty"]
