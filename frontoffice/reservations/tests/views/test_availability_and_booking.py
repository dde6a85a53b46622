import datetime as dt
from decimal import Decimal

from django.urls import reverse

from frontoffice.guests.models import Guest
from frontoffice.rates.services import rates_bulk_update
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import GuestFactory, make_user
from frontoffice.reservations.tests.services.test_booking import book, sold

ARRIVAL = dt.date(2026, 6, 10)
SEARCH = {"arrival": "2026-06-10", "departure": "2026-06-12", "adults": 2, "children": 0, "ages": "", "rooms": 1}


def booking_post(**overrides):
    data = {
        **SEARCH,
        "room_type": "DBL",
        "rate_plan": "BAR",
        "first_name": "Rosalía",
        "last_name": "de Castro",
        "email": "rosalia@example.com",
        "phone": "+34 600 123 456",
        "language": "es",
        "nationality": "ES",
        "market_segment": "leisure",
        "channel": "phone",
        "customer_type": "transient",
        "eta": "18:30",
        "special_requests": "Quiet room",
        "notes": "",
        "tentative_until": "",
    }
    data.update(overrides)
    return data


def test_anonymous_visitors_are_sent_to_the_login_page(client, hotel):
    for name in ("availability", "list", "tape_chart", "book"):
        resp = client.get(reverse(f"reservations:{name}"))
        assert resp.status_code == 302
        assert resp["Location"].startswith(reverse("core:login"))


def test_the_search_form_starts_on_the_business_date(client_as, hotel, agent):
    resp = client_as(agent).get(reverse("reservations:availability"))
    assert resp.status_code == 200
    assert 'value="2026-06-01"' in resp.text
    assert 'value="2026-06-02"' in resp.text
    assert "rooms free" not in resp.text


def test_a_search_lists_each_room_type_with_its_rates_totals_and_book_links(client_as, hotel, agent):
    book(hotel, agent)
    resp = client_as(agent).get(reverse("reservations:availability"), SEARCH)
    assert resp.status_code == 200
    page = resp.text
    assert "<html" in page
    assert "4 rooms free" in page  # 5 doubles, one booked
    assert "208.00" in page  # BAR: 2 × 100 + city tax 2.00 × 2 adults × 2 nights
    assert "188.00" in page  # NRF follows BAR −10 %
    assert "At most 1 guest fits in this room type." in page  # two adults in a single
    assert reverse("reservations:book") + "?" in page
    assert "room_type=DBL" in page and "rate_plan=NRF" in page


def test_an_htmx_search_returns_only_the_results(client_as, hotel, agent):
    resp = client_as(agent).get(reverse("reservations:availability"), SEARCH, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert "<html" not in resp.text
    assert "5 rooms free" in resp.text
    assert "HX-Request" in resp["Vary"]


def test_a_restriction_is_explained_in_the_users_language(client_as, hotel, agent):
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["DBL"]],
        rate_plans=[hotel.plans["BAR"]],
        start=ARRIVAL,
        end=ARRIVAL,
        values={"min_stay": 3},
    )
    client = client_as(agent)
    resp = client.get(reverse("reservations:availability"), SEARCH)
    assert "Arriving on Wed 10 Jun 2026 needs a stay of at least 3 nights." in resp.text
    client.post(reverse("core:switch_language"), {"language": "es"})
    resp = client.get(reverse("reservations:availability"), SEARCH)
    assert "Disponibilidad" in resp.text
    assert "estancia mínima de 3 noches" in resp.text


def test_a_bad_search_shows_what_to_fix_instead_of_failing(client_as, hotel, agent):
    resp = client_as(agent).get(
        reverse("reservations:availability"), {**SEARCH, "departure": "2026-06-09", "children": 1, "ages": "4, x"}
    )
    assert resp.status_code == 200
    assert "Departure must be after arrival." in resp.text
    assert "Ages are whole numbers separated by commas." in resp.text


def test_a_concierge_cannot_see_availability(client_as, hotel):
    concierge = make_user("concierge", "concierge", hotel.property)
    assert client_as(concierge).get(reverse("reservations:availability"), SEARCH).status_code == 403


def test_the_booking_form_is_prefilled_from_the_chosen_rate(client_as, hotel, agent):
    query = {**SEARCH, "room_type": "DBL", "rate_plan": "NRF", "children": 1, "ages": "7"}
    resp = client_as(agent).get(reverse("reservations:book"), query)
    assert resp.status_code == 200
    page = resp.text
    assert '<option value="DBL" selected>' in page
    assert '<option value="NRF" selected>' in page
    assert 'name="ages" value="7"' in page
    assert "206.00" in page  # (90 + 9 child supplement) × 2 nights + 8.00 city tax (the child is exempt)
    assert 'name="nightly_price"' not in page  # an agent may not override prices


def test_booking_creates_the_reservation_and_shows_its_confirmation_number(client_as, hotel, agent):
    resp = client_as(agent).post(reverse("reservations:book"), booking_post())
    res = Reservation.objects.get()
    assert resp.status_code == 302
    assert resp["Location"] == reverse("reservations:detail", args=[res.confirmation])
    assert res.guest.last_name == "de Castro"
    assert res.guest.phone == "+34600123456"
    assert res.eta == dt.time(18, 30)
    assert res.created_by == agent
    assert sold(hotel, "DBL", ARRIVAL) == 1
    detail = client_as(agent).get(resp["Location"])
    assert res.confirmation in detail.text


def test_booking_the_same_guest_again_reuses_the_profile(client_as, hotel, agent):
    client = client_as(agent)
    client.post(reverse("reservations:book"), booking_post())
    client.post(reverse("reservations:book"), booking_post(arrival="2026-06-20", departure="2026-06-21"))
    assert Reservation.objects.count() == 2
    assert Guest.objects.filter(property=hotel.property).count() == 1


def test_an_option_date_makes_a_tentative_booking(client_as, hotel, agent):
    client_as(agent).post(reverse("reservations:book"), booking_post(tentative_until="2099-06-05T12:00"))
    res = Reservation.objects.get()
    assert res.status == "tentative"
    assert res.option_expires_at is not None


def test_a_refused_booking_shows_why_and_leaves_nothing_behind(client_as, hotel, agent):
    data = booking_post(room_type="SGL", adults=1, rooms=3)
    resp = client_as(agent).post(reverse("reservations:book"), data)
    assert resp.status_code == 409
    assert "No room of this type is free" in resp.text
    assert 'value="de Castro"' in resp.text  # the form keeps what was typed
    assert Reservation.objects.count() == 0
    assert not Guest.objects.filter(last_name="de Castro").exists()


def test_a_full_house_can_go_on_the_waitlist(client_as, hotel, agent):
    for _ in range(2):
        book(hotel, agent, type_code="SGL", adults=1)
    resp = client_as(agent).post(
        reverse("reservations:book"), booking_post(room_type="SGL", adults=1, waitlist_if_full="on")
    )
    assert resp.status_code == 302
    assert Reservation.objects.filter(status="waitlisted").count() == 1
    assert sold(hotel, "SGL", ARRIVAL) == 2


def test_invalid_guest_details_are_shown_next_to_the_fields(client_as, hotel, agent):
    resp = client_as(agent).post(reverse("reservations:book"), booking_post(phone="12", last_name=""))
    assert resp.status_code == 422
    assert "This field is required." in resp.text
    assert Reservation.objects.count() == 0
    resp = client_as(agent).post(reverse("reservations:book"), booking_post(phone="12"))
    assert resp.status_code == 422
    assert "Not a valid phone number" in resp.text


def test_a_do_not_rent_guest_needs_a_manager(client_as, hotel, agent):
    GuestFactory(
        property=hotel.property,
        first_name="Rosalía",
        last_name="de Castro",
        email="rosalia@example.com",
        do_not_rent=True,
        do_not_rent_reason="Damage",
    )
    resp = client_as(agent).post(reverse("reservations:book"), booking_post())
    assert resp.status_code == 403
    assert "do-not-rent" in resp.text
    assert Reservation.objects.count() == 0


def test_a_manager_can_override_the_nightly_price_with_a_reason(client_as, hotel, manager):
    client = client_as(manager)
    assert 'name="nightly_price"' in client.get(reverse("reservations:book")).text
    resp = client.post(reverse("reservations:book"), booking_post(nightly_price="80", override_reason=""))
    assert resp.status_code == 422
    assert "Say why the price is overridden." in resp.text
    resp = client.post(reverse("reservations:book"), booking_post(nightly_price="80", override_reason="Regular"))
    assert resp.status_code == 302
    res = Reservation.objects.get()
    assert res.price_overridden and res.room_total == Decimal("160.00")


def test_an_agent_cannot_sneak_a_price_override_into_the_post(client_as, hotel, agent):
    client_as(agent).post(reverse("reservations:book"), booking_post(nightly_price="1", override_reason="x"))
    assert Reservation.objects.get().room_total == Decimal("200.00")


def test_a_concierge_gets_403_when_posting_a_booking(client_as, hotel):
    concierge = make_user("concierge", "concierge", hotel.property)
    resp = client_as(concierge).post(reverse("reservations:book"), booking_post())
    assert resp.status_code == 403
    assert Reservation.objects.count() == 0


def test_an_agent_finds_and_books_a_companys_negotiated_rate(client_as, hotel, agent):
    from frontoffice.guests.services import company_create
    from frontoffice.rates.services import rate_plan_create

    corp = rate_plan_create(
        property=hotel.property,
        actor=hotel.admin,
        code="CORP",
        name="Corporate",
        parent=hotel.plans["BAR"],
        derive_percent=Decimal("-20"),
        public=False,
    )
    acme = company_create(property=hotel.property, actor=hotel.admin, data={"name": "Acme"}, rate_plans=[corp])
    client = client_as(agent)
    url = reverse("reservations:availability")
    assert "Corporate" not in client.get(url, SEARCH).text
    page = client.get(url, {**SEARCH, "company": acme.pk}).text
    assert "Corporate" in page and f"company={acme.pk}" in page
    refused = client.post(reverse("reservations:book"), booking_post(rate_plan="CORP"))
    assert refused.status_code == 403 and not Reservation.objects.exists()
    resp = client.post(reverse("reservations:book"), booking_post(rate_plan="CORP", company=acme.pk))
    assert resp.status_code == 302
    res = Reservation.objects.get()
    assert (res.company, res.rate_plan, res.room_total) == (acme, corp, Decimal("160.00"))
