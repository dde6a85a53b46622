import datetime as dt
from decimal import Decimal

from frontoffice.rates.models import DailyRate
from frontoffice.rooms.models import InventoryNight, Room


def test_room_types_list_counts_rooms_and_translates_names(hotel, manager, api_as):
    api = api_as(manager)
    body = api.get("/properties/TEST/room-types").json()
    by_code = {rt["code"]: rt for rt in body["items"]}
    assert by_code["DBL"]["rooms"] == 5 and by_code["DBL"]["name"] == "Double"
    assert by_code["DBL"]["name_es"] == "Doble"
    assert body["count"] == 2


def test_creating_a_room_adds_it_to_every_night_of_inventory(hotel, manager, agent, api_as):
    from frontoffice.reservations.tests.services.test_booking import book

    book(hotel, agent, type_code="SGL", adults=1)  # creates inventory rows for SGL
    before = InventoryNight.objects.get(room_type=hotel.room_types["SGL"], date=dt.date(2026, 6, 10)).physical
    resp = api_as(manager).post(
        "/properties/TEST/rooms", {"number": "310", "room_type": "SGL", "floor": 3, "features": ["accessible"]}
    )
    assert resp.status_code == 201 and resp.json()["features"] == ["accessible"]
    after = InventoryNight.objects.get(room_type=hotel.room_types["SGL"], date=dt.date(2026, 6, 10)).physical
    assert after == before + 1


def test_duplicate_room_numbers_and_unknown_features_are_refused(hotel, manager, api_as):
    api = api_as(manager)
    dup = api.post("/properties/TEST/rooms", {"number": "101", "room_type": "DBL"})
    assert dup.status_code == 409 and dup.json()["code"] == "duplicate"
    bad = api.post("/properties/TEST/rooms", {"number": "999", "room_type": "DBL", "features": ["jacuzzi"]})
    assert bad.status_code == 422
    assert not Room.objects.filter(number="999").exists()


def test_room_type_with_max_below_base_is_422(hotel, manager, api_as):
    resp = api_as(manager).post(
        "/properties/TEST/room-types", {"code": "BAD", "name": "Bad", "base_occupancy": 3, "max_occupancy": 2}
    )
    assert resp.status_code == 422


def test_bulk_rates_on_weekends_only(hotel, manager, api_as):
    api = api_as(manager)
    resp = api.put(
        "/properties/TEST/rates",
        {
            "room_type": "DBL",
            "rate_plan": "BAR",
            "from": "2026-06-01",
            "to": "2026-06-14",
            "weekdays": [6, 7],
            "price": "150.00",
            "min_stay": 2,
        },
    )
    assert resp.status_code == 200 and resp.json()["updated"] == 4
    saturday = DailyRate.objects.get(
        room_type=hotel.room_types["DBL"], rate_plan=hotel.plans["BAR"], date=dt.date(2026, 6, 6)
    )
    monday = DailyRate.objects.get(
        room_type=hotel.room_types["DBL"], rate_plan=hotel.plans["BAR"], date=dt.date(2026, 6, 8)
    )
    assert (saturday.price, saturday.min_stay) == (Decimal("150.00"), 2)
    assert (monday.price, monday.min_stay) == (Decimal("100.00"), None)
    avail = api.get("/properties/TEST/availability?arrival=2026-06-06&departure=2026-06-07&adults=2").json()
    bar = next(r for r in avail["room_types"][0]["rates"] if r["rate_plan"] == "BAR")
    assert not bar["bookable"] and bar["blocks"][0]["code"] == "min_stay"
    nrf = next(r for r in avail["room_types"][0]["rates"] if r["rate_plan"] == "NRF")
    assert nrf["room_total"] == "135.00" and not nrf["bookable"]  # follows BAR's price and restriction


def test_clearing_a_restriction(hotel, manager, api_as):
    api = api_as(manager)
    api.put("/properties/TEST/rates", {"rate_plan": "BAR", "from": "2026-06-10", "to": "2026-06-10", "min_stay": 3})
    api.put(
        "/properties/TEST/rates", {"rate_plan": "BAR", "from": "2026-06-10", "to": "2026-06-10", "clear": ["min_stay"]}
    )
    assert not DailyRate.objects.filter(date=dt.date(2026, 6, 10), min_stay__isnull=False).exists()


def test_a_derived_plan_price_cannot_be_set_directly(hotel, manager, api_as):
    resp = api_as(manager).put(
        "/properties/TEST/rates", {"rate_plan": "NRF", "from": "2026-06-10", "to": "2026-06-12", "price": "10"}
    )
    assert resp.status_code == 422


def test_bulk_rates_refuse_backwards_ranges_and_bad_weekdays(hotel, manager, api_as):
    api = api_as(manager)
    assert (
        api.put("/properties/TEST/rates", {"from": "2026-06-10", "to": "2026-06-01", "price": "10"}).status_code == 422
    )
    assert (
        api.put(
            "/properties/TEST/rates", {"from": "2026-06-01", "to": "2026-06-10", "weekdays": [8], "price": "1"}
        ).status_code
        == 422
    )
    assert api.put("/properties/TEST/rates", {"from": "2026-06-01", "to": "2026-06-10"}).status_code == 422


def test_rate_plans_show_their_parent_and_policies(hotel, manager, api_as):
    plans = {p["code"]: p for p in api_as(manager).get("/properties/TEST/rate-plans").json()["items"]}
    assert plans["NRF"]["parent"] == "BAR" and plans["NRF"]["derive_percent"] == "-10.00"
    assert plans["NRF"]["refundable"] is False and plans["BAR"]["meal_plan"] == "BB"


def test_guest_creation_flags_likely_duplicates(hotel, agent, api_as):
    api = api_as(agent)
    first = api.post(
        "/properties/TEST/guests",
        {
            "first_name": "Luis",
            "last_name": "Mora",
            "email": "luis@example.com",
            "document_type": "dni",
            "document_number": "12345678Z",
        },
    )
    assert first.status_code == 201 and first.json()["possible_duplicates"] == []
    second = api.post("/properties/TEST/guests", {"first_name": "L.", "last_name": "Mora", "email": "LUIS@example.com"})
    assert second.json()["possible_duplicates"] == [first.json()["id"]]
    by_doc = api.post(
        "/properties/TEST/guests", {"first_name": "Luis", "last_name": "Mora Gil", "document_number": "12345678z"}
    )
    assert first.json()["id"] in by_doc.json()["possible_duplicates"]
    assert api.get("/properties/TEST/guests?q=mora").json()["count"] == 3


def test_guest_phone_is_stored_in_international_form(hotel, agent, api_as):
    resp = api_as(agent).post(
        "/properties/TEST/guests",
        {"first_name": "Ada", "last_name": "Byron", "phone": "612 345 678", "nationality": "gb"},
    )
    assert resp.status_code == 201
    assert resp.json()["phone"] == "+34612345678" and resp.json()["nationality"] == "GB"


def test_only_a_manager_marks_a_guest_do_not_rent(hotel, agent, manager, api_as):
    body = {"first_name": "Bad", "last_name": "Guest", "do_not_rent": True, "do_not_rent_reason": "Fraud"}
    assert api_as(agent).post("/properties/TEST/guests", body).status_code == 403
    assert api_as(manager).post("/properties/TEST/guests", body).status_code == 201


def test_companies_with_negotiated_plans(hotel, manager, api_as):
    api = api_as(manager)
    resp = api.post(
        "/properties/TEST/companies", {"name": "Acme SL", "tax_id": "b12345678", "negotiated_rate_plans": ["BAR"]}
    )
    assert resp.status_code == 201
    assert resp.json()["tax_id"] == "B12345678" and resp.json()["negotiated_rate_plans"] == ["BAR"]
    assert api.post("/properties/TEST/companies", {"name": "X", "negotiated_rate_plans": ["NOPE"]}).status_code == 422
    assert api.get("/properties/TEST/companies?q=acme").json()["count"] == 1


def test_out_of_order_through_the_api_needs_a_free_room(hotel, manager, agent, api_as):
    from frontoffice.reservations.tests.services.test_booking import book

    book(hotel, agent, type_code="SGL", adults=1)
    book(hotel, agent, type_code="SGL", adults=1)
    room = next(r for r in hotel.rooms if r.room_type.code == "SGL")
    body = {"kind": "out_of_order", "start": "2026-06-10", "end": "2026-06-11", "reason": "Leak"}
    resp = api_as(manager).post(f"/properties/TEST/rooms/{room.number}/blocks", body)
    assert resp.status_code == 409 and resp.json()["code"] == "would_oversell"
    body["start"], body["end"] = "2026-07-01", "2026-07-03"
    assert api_as(manager).post(f"/properties/TEST/rooms/{room.number}/blocks", body).status_code == 201


def test_an_overbooking_allowance_lets_the_api_sell_past_the_rooms(hotel, manager, agent, api_as):
    from frontoffice.reservations.tests.api.test_reservations_api import booking_body

    resp = api_as(manager).put(
        "/properties/TEST/overbooking", {"room_type": "SGL", "from": "2026-06-10", "to": "2026-06-11", "rooms": 1}
    )
    assert resp.status_code == 200 and resp.json()["nights"] == 2
    api = api_as(agent)
    codes = [
        api.post("/properties/TEST/reservations", booking_body(room_type="SGL", adults=1)).status_code for _ in range(4)
    ]
    assert codes == [201, 201, 201, 409]
    back = api_as(manager).put(
        "/properties/TEST/overbooking", {"room_type": "SGL", "from": "2026-06-10", "to": "2026-06-10", "rooms": 0}
    )
    assert back.status_code == 409 and back.json()["code"] == "would_oversell"


def test_availability_lists_a_companys_negotiated_plan(hotel, manager, agent, api_as):
    api = api_as(manager)
    assert (
        api.post(
            "/properties/TEST/rate-plans",
            {"code": "CORP", "name": "Corporate", "parent": "BAR", "derive_percent": "-15", "public": False},
        ).status_code
        == 201
    )
    company = api.post("/properties/TEST/companies", {"name": "Acme", "negotiated_rate_plans": ["CORP"]}).json()
    url = "/properties/TEST/availability?arrival=2026-06-10&departure=2026-06-11&adults=2"
    plans = lambda body: [r["rate_plan"] for r in body["room_types"][0]["rates"]]  # noqa: E731
    assert "CORP" not in plans(api_as(agent).get(url).json())
    assert "CORP" in plans(api_as(agent).get(url + f"&company={company['id']}").json())
    assert "CORP" in plans(api.get(url).json())
