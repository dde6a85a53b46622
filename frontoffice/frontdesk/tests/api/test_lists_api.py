"""The desk's lists, the day at a glance and room status over the REST API."""

import datetime as dt

import pytest

from frontoffice.core.models import AuditEntry
from frontoffice.frontdesk.tests.lists_helpers import TODAY, desk_day, room
from frontoffice.reservations.tests.factories import make_hotel
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room


@pytest.fixture
def hotel(db):
    return make_hotel(rooms={"DBL": 12, "SGL": 2})


@pytest.fixture
def day(hotel):
    return desk_day(hotel, hotel.admin)


def guests(body):
    return [row["guest_name"].split(",")[0] for row in body["items"]]


def test_arrivals_list_each_guest_with_room_status_and_balance(hotel, day, agent, api_as):
    resp = api_as(agent).get("/properties/TEST/arrivals")
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] == 4 and guests(body) == ["Rosalia", "Lorca", "Alberti", "Machado"]
    lorca = body["items"][1]
    assert lorca["confirmation"] == day["lorca"].confirmation
    assert (lorca["vip_level"], lorca["room"], lorca["room_type"], lorca["nights"]) == (2, "101", "DBL", 2)
    assert lorca["room_status"] == {"code": "VC", "overlays": [], "discrepancy": None, "ready": True}
    assert lorca["eta"] == "14:00:00" and lorca["balance"] == "0.00"
    assert body["items"][0]["company"] == "Acme SL"


def test_arrivals_filter_and_page(hotel, day, agent, api_as):
    api = api_as(agent)
    assert guests(api.get("/properties/TEST/arrivals?vip=true").json()) == ["Lorca"]
    assert guests(api.get("/properties/TEST/arrivals?unassigned=true").json()) == ["Rosalia", "Machado"]
    assert guests(api.get("/properties/TEST/arrivals?q=macha").json()) == ["Machado"]
    assert guests(api.get("/properties/TEST/arrivals?eta_from=12:00").json()) == ["Lorca"]
    page = api.get("/properties/TEST/arrivals?limit=2&offset=2").json()
    assert page["count"] == 4 and guests(page) == ["Alberti", "Machado"]
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    assert guests(api.get(f"/properties/TEST/arrivals?date={tomorrow}").json()) == ["Ferrer"]


def test_a_bad_date_or_time_is_a_422(hotel, agent, api_as):
    api = api_as(agent)
    assert api.get("/properties/TEST/arrivals?date=2026-13-40").status_code == 422
    assert api.get("/properties/TEST/arrivals?eta_from=25:99").status_code == 422


def test_the_arrivals_list_reads_in_a_fixed_number_of_queries(hotel, day, agent, api_as, django_assert_max_num_queries):
    api = api_as(agent)
    api.get("/properties/TEST/arrivals")  # warm: content types, permissions
    for i in range(5):
        (res,) = book(hotel, hotel.admin, arrival=TODAY, nights=1)
        res.room = hotel.rooms[6 + i]
        res.save(update_fields=["room"])
    with django_assert_max_num_queries(8):  # token, property, permissions (2); the list (4)
        body = api.get("/properties/TEST/arrivals?limit=200").json()
    assert body["count"] == 9


def test_departures_show_what_the_leaving_guest_owes(hotel, day, agent, api_as):
    body = api_as(agent).get("/properties/TEST/departures?balance_due=true").json()
    assert guests(body) == ["Cernuda"] and body["items"][0]["balance"] == "55.00"


def test_in_house_and_stayovers(hotel, day, agent, api_as, django_assert_max_num_queries):
    api = api_as(agent)
    api.get("/properties/TEST/in-house")
    with django_assert_max_num_queries(8):  # token, property, permissions (2); the list (4)
        assert guests(api.get("/properties/TEST/in-house").json()) == ["Alberti", "Cernuda", "Guillen"]
    with django_assert_max_num_queries(8):  # token, property, permissions (2); the list (4)
        assert guests(api.get("/properties/TEST/stayovers").json()) == ["Guillen"]


def test_the_summary_counts_the_day(hotel, day, agent, api_as):
    body = api_as(agent).get("/properties/TEST/front-desk/summary").json()
    assert body["date"] == "2026-06-01"
    assert (body["arrivals_expected"], body["arrivals_checked_in"]) == (3, 1)
    assert (body["departures_expected"], body["in_house"], body["stayovers"]) == (1, 3, 1)
    assert body["open_balance_total"] == "55.00"
    assert [r["guest_name"] for r in body["vips_arriving"]] == ["Lorca, Ana"]


def test_the_board_reads_per_floor_and_by_floor(hotel, day, agent, api_as):
    Room.objects.filter(pk=room(hotel, "104").pk).update(do_not_disturb=True, housekeeping_found="vacant")
    api = api_as(agent)
    floors = api.get("/properties/TEST/room-status").json()
    assert [f["floor"] for f in floors] == [1, 2]
    r104 = next(r for r in floors[0]["rooms"] if r["number"] == "104")
    assert r104["status"] == {"code": "OC", "overlays": ["DND"], "discrepancy": "skip", "ready": False}
    assert r104["guest"]["name"] == "Guillen, Ana"
    second = api.get("/properties/TEST/room-status?floor=2").json()
    assert [r["number"] for f in second for r in f["rooms"]] == ["201", "202"]


def test_an_agent_sets_one_rooms_status(hotel, agent, api_as):
    resp = api_as(agent).patch("/properties/TEST/rooms/101/status", {"condition": "dirty", "make_up_room": True})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["condition"], body["make_up_room"], body["do_not_disturb"]) == ("dirty", True, False)
    assert Room.objects.get(property=hotel.property, number="101").condition == "dirty"
    assert AuditEntry.objects.filter(entity="room", entity_id="101", action="status").exists()


def test_refusals_on_one_room(hotel, agent, api_as):
    api = api_as(agent)
    unknown = api.patch("/properties/TEST/rooms/999/status", {"condition": "dirty"})
    assert unknown.status_code == 404
    bad = api.patch("/properties/TEST/rooms/101/status", {"condition": "sparkling"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "condition"
    both = api.patch("/properties/TEST/rooms/101/status", {"do_not_disturb": True, "make_up_room": True})
    assert both.status_code == 422


def test_bulk_sets_many_rooms_or_none(hotel, agent, api_as):
    api = api_as(agent)
    resp = api.post("/properties/TEST/room-status/bulk", {"rooms": ["101", "102", "201"], "condition": "inspected"})
    assert resp.status_code == 200, resp.content
    assert [r["number"] for r in resp.json()] == ["101", "102", "201"]
    refused = api.post("/properties/TEST/room-status/bulk", {"rooms": ["103", "nope"], "condition": "dirty"})
    assert refused.status_code == 422 and refused.json()["code"] == "unknown_room"
    assert Room.objects.get(property=hotel.property, number="103").condition == "clean"
    assert api.post("/properties/TEST/room-status/bulk", {"rooms": [], "condition": "dirty"}).status_code == 422


def test_an_eta_sent_with_a_time_zone_is_read_as_the_hotels_clock(api_as, agent):
    resp = api_as(agent).get("/properties/TEST/arrivals?eta_from=00:00:00Z&eta_to=23:00:00%2B02:00")
    assert resp.status_code == 200 and "items" in resp.json()
