"""The room-assignment pages: suggested rooms, one-click assignment, upgrade and move with a
reason, and automatic assignment of a date's arrivals."""

from django.urls import reverse

from frontoffice.core.models import AuditEntry
from frontoffice.frontdesk.models import RoomMove
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, add_suite, days, in_house, room, stay
from frontoffice.reservations.models import Reservation
from frontoffice.rooms.models import Room


def test_the_page_lists_suitable_rooms_best_first_with_their_status(hotel, agent, client_as):
    Room.objects.filter(property=hotel.property).update(condition="dirty")
    Room.objects.filter(number="103").update(condition="inspected")
    add_suite(hotel)
    res = stay(hotel)
    resp = client_as(agent).get(reverse("frontdesk:assign_room", args=[res.confirmation]))
    assert resp.status_code == 200
    html = resp.content.decode()
    rows = [n for n in ("103", "101", "102", "104", "105", "301") if f'id="choice-{n}"' in html]
    assert rows == ["103", "101", "102", "104", "105", "301"]
    assert html.index('id="choice-103"') < html.index('id="choice-101"') < html.index('id="choice-301"')
    assert ">VI<" in html and ">VD<" in html
    assert "201" not in html.split('id="room-choices"')[1]  # singles are not offered for a double


def test_one_click_assigns_the_room(hotel, agent, client_as):
    res = stay(hotel)
    resp = client_as(agent).post(reverse("frontdesk:assign_room_post", args=[res.confirmation]), {"room": "104"})
    assert resp.status_code == 302
    assert Reservation.objects.get(pk=res.pk).room.number == "104"


def test_a_taken_room_is_refused_on_the_page(hotel, agent, client_as):
    other, res = stay(hotel, nights=3), stay(hotel, arrival=TODAY + days(1))
    client = client_as(agent)
    client.post(reverse("frontdesk:assign_room_post", args=[other.confirmation]), {"room": "104"})
    resp = client.post(reverse("frontdesk:assign_room_post", args=[res.confirmation]), {"room": "104"}, follow=True)
    assert resp.status_code == 409
    assert "already assigned to another stay" in resp.content.decode()
    assert Reservation.objects.get(pk=res.pk).room is None


def test_an_upgrade_asks_for_a_reason_and_records_it(hotel, agent, client_as):
    suite = add_suite(hotel)
    res = stay(hotel)
    client = client_as(agent)
    url = reverse("frontdesk:assign_room_post", args=[res.confirmation])
    assert client.post(url, {"room": suite.number}).status_code == 422
    assert client.post(url, {"room": suite.number, "reason": "Honeymoon"}).status_code == 302
    assert AuditEntry.objects.get(entity_id=res.confirmation, action="room_upgrade").reason == "Honeymoon"


def test_a_guest_in_house_is_offered_a_move_with_a_reason(hotel, agent, client_as):
    res = in_house(stay(hotel), room(hotel, "101"))
    client = client_as(agent)
    page = client.get(reverse("frontdesk:assign_room", args=[res.confirmation])).content.decode()
    assert "Move here" in page
    resp = client.post(reverse("frontdesk:move_room", args=[res.confirmation]), {"room": "102", "reason": "Noise"})
    assert resp.status_code == 302
    assert RoomMove.objects.get(reservation=res).reason == "Noise"
    assert room(hotel, "101").condition == "dirty"


def test_unassign_from_the_page(hotel, agent, client_as):
    res = stay(hotel)
    client = client_as(agent)
    client.post(reverse("frontdesk:assign_room_post", args=[res.confirmation]), {"room": "104"})
    assert client.post(reverse("frontdesk:unassign_room", args=[res.confirmation])).status_code == 302
    assert Reservation.objects.get(pk=res.pk).room is None


def test_auto_assign_page_assigns_the_date_and_shows_the_summary(hotel, agent, client_as):
    stays = [stay(hotel) for _ in range(3)]
    client = client_as(agent)
    page = client.get(reverse("frontdesk:auto_assign")).content.decode()
    assert "3 arrivals without a room." in page
    resp = client.post(reverse("frontdesk:auto_assign"), {"date": TODAY.isoformat()})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'id="assigned-count">3<' in html
    assert all(Reservation.objects.get(pk=s.pk).room_id for s in stays)


def test_the_pages_need_the_assign_rooms_permission(hotel, porter, client_as):
    res = stay(hotel)
    client = client_as(porter)
    assert client.get(reverse("frontdesk:assign_room", args=[res.confirmation])).status_code == 403
    assert client.post(reverse("frontdesk:auto_assign"), {"date": TODAY.isoformat()}).status_code == 403
    assert Reservation.objects.get(pk=res.pk).room is None
