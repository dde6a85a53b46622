import datetime as dt
from decimal import Decimal

from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.api.conftest import ARRIVAL
from frontoffice.rooms.models import InventoryNight


def guest_body(**extra):
    return {
        "first_name": "Carmen",
        "last_name": "Vidal",
        "email": "carmen@example.com",
        "phone": "+34 612 345 678",
        **extra,
    }


def booking_body(**extra):
    return {
        "room_type": "DBL",
        "rate_plan": "BAR",
        "arrival": ARRIVAL.isoformat(),
        "departure": (ARRIVAL + dt.timedelta(days=2)).isoformat(),
        "adults": 2,
        "guest": guest_body(),
        **extra,
    }


def test_availability_lists_room_types_with_prices_and_reasons(hotel, agent, api_as):
    resp = api_as(agent).get(
        f"/properties/TEST/availability?arrival={ARRIVAL}&departure={ARRIVAL + dt.timedelta(days=2)}&adults=2"
    )
    assert resp.status_code == 200
    body = resp.json()
    by_type = {rt["room_type"]: rt for rt in body["room_types"]}
    assert by_type["DBL"]["available"] == 5
    bar = next(r for r in by_type["DBL"]["rates"] if r["rate_plan"] == "BAR")
    assert bar["bookable"] is True and bar["room_total"] == "200.00" and bar["total"] == "208.00"
    assert [n["price"] for n in bar["nights"]] == ["100.00", "100.00"]
    assert by_type["SGL"]["blocks"][0]["code"] == "over_occupancy"
    assert by_type["SGL"]["blocks"][0]["message"] == "At most 1 guest fits in this room type."


def test_availability_refuses_backwards_dates_with_422(hotel, agent, api_as):
    resp = api_as(agent).get(f"/properties/TEST/availability?arrival={ARRIVAL}&departure={ARRIVAL}")
    assert resp.status_code == 422 and resp.json()["code"] == "invalid"
    resp = api_as(agent).get("/properties/TEST/availability?arrival=not-a-date&departure=2026-01-01")
    assert resp.status_code == 422


def test_booking_through_the_api_returns_the_confirmation_and_takes_inventory(hotel, agent, api_as):
    resp = api_as(agent).post("/properties/TEST/reservations", booking_body(children=1, children_ages=[17]))
    assert resp.status_code == 201, resp.json()
    body = resp.json()
    assert body["status"] == "confirmed" and len(body["confirmation"]) == 7
    assert body["guest"]["last_name"] == "Vidal" and body["children"] == 1
    assert body["total"] == "232.00"  # 2 nights × (100 + child 10) + city tax: 3 people × 2 nights × 2.00
    assert body["history"][0]["action"] == "create" and body["history"][0]["actor"] == "agent"
    assert InventoryNight.objects.get(room_type=hotel.room_types["DBL"], date=ARRIVAL).sold == 1


def test_the_same_guest_booking_twice_keeps_one_profile(hotel, agent, api_as):
    api = api_as(agent)
    first = api.post("/properties/TEST/reservations", booking_body()).json()
    second = api.post("/properties/TEST/reservations", booking_body()).json()
    assert first["guest"]["id"] == second["guest"]["id"]


def test_booking_when_full_is_409_no_availability_and_changes_nothing(hotel, agent, api_as):
    api = api_as(agent)
    for _ in range(2):
        assert api.post("/properties/TEST/reservations", booking_body(room_type="SGL", adults=1)).status_code == 201
    resp = api.post("/properties/TEST/reservations", booking_body(room_type="SGL", adults=1))
    assert resp.status_code == 409
    assert resp.json()["code"] == "no_availability"
    assert resp.json()["errors"][0]["code"] == "no_availability"
    assert Reservation.objects.count() == 2


def test_bad_booking_input_is_422_with_field_errors(hotel, agent, api_as):
    api = api_as(agent)
    resp = api.post("/properties/TEST/reservations", booking_body(adults=0))
    assert resp.status_code == 422 and resp.json()["errors"]
    resp = api.post("/properties/TEST/reservations", booking_body(guest=guest_body(email="nope", phone="12")))
    assert resp.status_code == 422
    assert {e["field"] for e in resp.json()["errors"]} == {"email", "phone"}
    resp = api.post("/properties/TEST/reservations", booking_body(room_type="XXX"))
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "room_type"
    resp = api.call("POST", "/properties/TEST/reservations", None)
    assert resp.status_code in (400, 422)
    assert Reservation.objects.count() == 0


def test_listing_filters_by_status_text_and_dates_and_paginates(
    hotel, agent, api_as, booked, django_assert_max_num_queries
):
    api = api_as(agent)
    for _ in range(3):
        api.post("/properties/TEST/reservations", booking_body())
    with django_assert_max_num_queries(8):
        body = api.get("/properties/TEST/reservations?limit=2").json()
    assert body["count"] == 4 and len(body["items"]) == 2
    assert api.get("/properties/TEST/reservations?q=lorca").json()["count"] == 1
    assert api.get(f"/properties/TEST/reservations?q={booked.confirmation.lower()}").json()["count"] == 1
    assert api.get("/properties/TEST/reservations?status=cancelled").json()["count"] == 0
    assert api.get(f"/properties/TEST/reservations?arrival_from={ARRIVAL + dt.timedelta(days=1)}").json()["count"] == 0


def test_list_query_count_does_not_grow_with_the_page(hotel, agent, api_as, django_assert_max_num_queries):
    api = api_as(agent)
    for _ in range(5):
        api.post("/properties/TEST/reservations", booking_body(departure=(ARRIVAL + dt.timedelta(days=1)).isoformat()))
    with django_assert_max_num_queries(8):
        assert len(api.get("/properties/TEST/reservations?limit=50").json()["items"]) == 5


def test_patch_changes_dates_and_reprices(hotel, agent, api_as, booked):
    resp = api_as(agent).patch(
        f"/properties/TEST/reservations/{booked.confirmation}",
        {"departure": (ARRIVAL + dt.timedelta(days=4)).isoformat(), "notes": "Quiet room please"},
    )
    assert resp.status_code == 200, resp.json()
    body = resp.json()
    assert body["nights"] == 4 and body["room_total"] == "400.00" and body["notes"] == "Quiet room please"
    assert [h["action"] for h in body["history"]][:1] == ["modify"]


def test_cancel_records_the_fee_and_releases_the_room(hotel, agent, api_as, booked):
    resp = api_as(agent).post(
        f"/properties/TEST/reservations/{booked.confirmation}/cancel", {"reason": "Flight cancelled"}
    )
    assert resp.status_code == 200
    assert resp.json()["status"] == "cancelled"
    assert Decimal(resp.json()["cancellation_fee"]) >= 0
    assert InventoryNight.objects.get(room_type=hotel.room_types["DBL"], date=ARRIVAL).sold == 0
    again = api_as(agent).post(f"/properties/TEST/reservations/{booked.confirmation}/cancel", {"reason": "again"})
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"


def test_unknown_confirmation_is_404(hotel, agent, api_as):
    resp = api_as(agent).get("/properties/TEST/reservations/ZZZZZZZ")
    assert resp.status_code == 404 and resp.json()["code"] == "not_found"


def test_another_propertys_reservation_is_404_not_403(hotel, other_hotel, api_as, booked):
    from frontoffice.reservations.tests.factories import make_user

    outsider = make_user("outsider", "front_office_manager", other_hotel.property)
    api = api_as(outsider)
    assert api.get(f"/properties/TEST/reservations/{booked.confirmation}").status_code == 404
    assert api.get(f"/properties/OTHER/reservations/{booked.confirmation}").status_code == 404
    assert api.get("/properties/TEST/reservations").status_code == 404


def test_without_a_token_the_api_answers_401(hotel, api_as):
    resp = api_as().get("/properties/TEST/reservations")
    assert resp.status_code == 401 and resp.json()["code"] == "unauthenticated"
    bad = api_as()
    bad.headers["HTTP_AUTHORIZATION"] = "Bearer fo_nope_nope"
    assert bad.get("/properties").status_code == 401


def test_waitlist_and_confirm_through_the_api(hotel, agent, api_as):
    api = api_as(agent)
    for _ in range(2):
        api.post("/properties/TEST/reservations", booking_body(room_type="SGL", adults=1))
    waiting = api.post("/properties/TEST/reservations", booking_body(room_type="SGL", adults=1, waitlist_if_full=True))
    assert waiting.status_code == 201 and waiting.json()["status"] == "waitlisted"
    assert api.get("/properties/TEST/waitlist/confirmable").json() == []
    first = Reservation.objects.filter(status="confirmed").first()
    api.post(f"/properties/TEST/reservations/{first.confirmation}/cancel", {"reason": "x"})
    assert [r["confirmation"] for r in api.get("/properties/TEST/waitlist/confirmable").json()] == [
        waiting.json()["confirmation"]
    ]
    resp = api.post(f"/properties/TEST/reservations/{waiting.json()['confirmation']}/confirm")
    assert resp.status_code == 200 and resp.json()["status"] == "confirmed"


def test_several_rooms_in_one_post(hotel, agent, api_as):
    resp = api_as(agent).post("/properties/TEST/reservations", booking_body(rooms=3))
    assert resp.status_code == 201
    assert len(resp.json()["party_rooms"]) == 3


def test_booker_and_companions_are_recorded(hotel, agent, api_as):
    body = booking_body(
        booker={"first_name": "Marta", "last_name": "Ruiz", "email": "marta@agency.example"},
        companions=[{"first_name": "Pablo", "last_name": "Vidal"}],
    )
    resp = api_as(agent).post("/properties/TEST/reservations", body)
    assert resp.status_code == 201, resp.json()
    assert resp.json()["booker"]["last_name"] == "Ruiz"
    assert [c["first_name"] for c in resp.json()["companions"]] == ["Pablo"]


def test_nul_characters_are_refused_with_422(hotel, agent, api_as):
    api = api_as(agent)
    resp = api.post("/properties/TEST/guests", {"first_name": "A\u0000", "last_name": "B"})
    assert resp.status_code == 422 and resp.json()["code"] == "invalid"
    assert api.get("/properties/TEST/reservations?q=%00x").status_code == 422


def test_a_refused_booking_leaves_no_new_guest_profile(hotel, agent, api_as):
    from frontoffice.guests.models import Guest

    before = Guest.objects.count()
    resp = api_as(agent).post("/properties/TEST/reservations", booking_body(room_type="SGL", adults=3))
    assert resp.status_code == 409
    assert Guest.objects.count() == before


def test_an_option_expiry_without_a_time_zone_is_read_in_the_hotels_time(hotel, agent, api_as):
    resp = api_as(agent).post("/properties/TEST/reservations", booking_body(tentative_until="2026-06-05T12:00:00"))
    assert resp.status_code == 201, resp.json()
    assert resp.json()["status"] == "tentative"
    assert resp.json()["option_expires_at"].startswith("2026-06-05T10:00:00")  # 12:00 in Madrid, summer time
