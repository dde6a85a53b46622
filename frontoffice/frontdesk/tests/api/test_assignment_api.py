"""The room-assignment endpoints: one test per operation, status, body and what changed."""

from frontoffice.core.models import AuditEntry
from frontoffice.frontdesk.models import RoomMove
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, in_house, room, stay
from frontoffice.reservations.models import Reservation


def test_assign_room_gives_the_stay_the_room_and_refuses_a_taken_one(hotel, agent, api_as):
    api = api_as(agent)
    first, second = stay(hotel), stay(hotel)
    resp = api.post(f"/properties/TEST/reservations/{first.confirmation}/assign-room", {"room": "102"})
    assert resp.status_code == 200, resp.content
    assert resp.json() == {"confirmation": first.confirmation, "status": "confirmed", "room_type": "DBL", "room": "102"}
    resp = api.post(f"/properties/TEST/reservations/{second.confirmation}/assign-room", {"room": "102"})
    assert resp.status_code == 409
    assert resp.json()["code"] == "room_taken"
    resp = api.post(f"/properties/TEST/reservations/{second.confirmation}/assign-room", {"room": "999"})
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "room"


def test_unassign_room_takes_the_room_away(hotel, agent, api_as):
    api = api_as(agent)
    res = stay(hotel)
    api.post(f"/properties/TEST/reservations/{res.confirmation}/assign-room", {"room": "102"})
    resp = api.post(f"/properties/TEST/reservations/{res.confirmation}/unassign-room")
    assert resp.status_code == 200
    assert resp.json()["room"] is None
    assert Reservation.objects.get(pk=res.pk).room is None


def test_auto_assign_places_the_arrivals_of_the_date(hotel, agent, api_as):
    stays = [stay(hotel) for _ in range(3)]
    resp = api_as(agent).post("/properties/TEST/arrivals/auto-assign", {"date": TODAY.isoformat()})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["arrivals"], body["assigned"], body["kept"], body["upgraded"], body["unplaced"]) == (3, 3, 0, 0, [])
    assert set(body["rooms"]) == {s.confirmation for s in stays}
    assert len(set(body["rooms"].values())) == 3
    assert body["preferences_met"] is None
    assert AuditEntry.objects.filter(action="room_assign").count() == 3


def test_move_room_moves_a_guest_in_house(hotel, agent, api_as):
    res = in_house(stay(hotel), room(hotel, "101"))
    resp = api_as(agent).post(
        f"/properties/TEST/reservations/{res.confirmation}/move-room", {"room": "103", "reason": "Broken shower"}
    )
    assert resp.status_code == 200, resp.content
    assert resp.json() == {
        "confirmation": res.confirmation,
        "from_room": "101",
        "to_room": "103",
        "reason": "Broken shower",
        "business_date": TODAY.isoformat(),
    }
    assert RoomMove.objects.get(reservation=res).to_room.number == "103"
    assert room(hotel, "101").condition == "dirty"
    resp = api_as(agent).post(f"/properties/TEST/reservations/{res.confirmation}/move-room", {"room": "104"})
    assert resp.status_code == 422  # no reason
