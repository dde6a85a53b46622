import datetime as dt
from decimal import Decimal

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontoffice.core.models import AuditEntry
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import reservation_modify
from frontoffice.reservations.tests.factories import GuestFactory, make_user
from frontoffice.reservations.tests.services.test_booking import D, book, sold


def test_the_list_shows_each_reservation_with_its_status_and_total(client_as, hotel, agent, booked):
    resp = client_as(agent).get(reverse("reservations:list"))
    assert resp.status_code == 200
    page = resp.text
    assert booked.confirmation in page
    assert "Lorca, Federico" in page
    assert 'class="status status-confirmed"' in page
    assert "208.00" in page
    assert "data-search" in page


def test_the_list_speaks_spanish_after_switching_language(client_as, hotel, agent, booked):
    client = client_as(agent)
    resp = client.post(reverse("core:switch_language"), {"language": "es"})
    assert resp.status_code == 302
    page = client.get(reverse("reservations:list")).text
    assert "Reservas" in page and "Llegada" in page and "Confirmada" in page
    assert "Nombre, localizador o correo electrónico" in page


def test_the_list_finds_by_name_confirmation_or_email(client_as, hotel, agent, booked):
    other = book(
        hotel, agent, guest=GuestFactory(property=hotel.property, last_name="Machado", email="am@example.com")
    )[0]
    client = client_as(agent)
    by_name = client.get(reverse("reservations:list"), {"q": "lorca"}).text
    assert booked.confirmation in by_name and other.confirmation not in by_name
    by_code = client.get(reverse("reservations:list"), {"q": other.confirmation.lower()}).text
    assert other.confirmation in by_code and booked.confirmation not in by_code
    by_email = client.get(reverse("reservations:list"), {"q": "AM@example.com"}, HTTP_HX_REQUEST="true")
    assert "<html" not in by_email.text
    assert other.confirmation in by_email.text and booked.confirmation not in by_email.text


def test_the_list_filters_by_status_and_arrival(client_as, hotel, agent, booked):
    later = book(hotel, agent, arrival=D + dt.timedelta(days=20))[0]
    client = client_as(agent)
    page = client.get(reverse("reservations:list"), {"arrival_from": "2026-06-20"}).text
    assert later.confirmation in page and booked.confirmation not in page
    page = client.get(reverse("reservations:list"), {"status": "cancelled"}).text
    assert "No reservations match." in page


def test_the_list_never_shows_another_propertys_reservations(client_as, hotel, other_hotel, agent, booked):
    theirs = book(other_hotel, other_hotel.admin)[0]
    page = client_as(agent).get(reverse("reservations:list")).text
    assert booked.confirmation in page
    assert theirs.confirmation not in page


def test_the_list_pages_fifty_at_a_time(client_as, hotel, agent):
    for i in range(51):
        book(
            hotel, agent, arrival=D + dt.timedelta(days=i % 40), nights=1, type_code="DBL" if i % 3 else "SGL", adults=1
        )
    client = client_as(agent)
    first = client.get(reverse("reservations:list"))
    assert first.text.count("status status-confirmed") == 50
    assert "Page 1 of 2" in first.text
    second = client.get(reverse("reservations:list"), {"page": 2})
    assert second.text.count("status status-confirmed") == 1


def test_the_list_costs_the_same_few_queries_for_3_or_30_reservations(
    client_as, hotel, agent, django_assert_num_queries
):
    client = client_as(agent)
    for i in range(3):
        book(hotel, agent, arrival=D + dt.timedelta(days=i), nights=1)
    with CaptureQueriesContext(connection) as with_3:
        resp = client.get(reverse("reservations:list"))
    assert resp.text.count("status status-confirmed") == 3
    assert len(with_3.captured_queries) <= 10
    for i in range(3, 30):
        book(hotel, agent, arrival=D + dt.timedelta(days=i), nights=1)
    with django_assert_num_queries(len(with_3.captured_queries)):
        resp = client.get(reverse("reservations:list"))
    assert resp.text.count("status status-confirmed") == 30


def test_a_porter_may_not_see_the_reservation_list(client_as, hotel):
    porter = make_user("porter", "porter", hotel.property)
    assert client_as(porter).get(reverse("reservations:list")).status_code == 403


def test_the_detail_shows_the_stay_prices_party_and_history(client_as, hotel, agent):
    first, second = book(hotel, agent, rooms=2, guest=GuestFactory(property=hotel.property, last_name="Lorca"))
    reservation_modify(reservation=first, actor=agent, details={"notes": "Late arrival"})
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        resp = client_as(agent).get(reverse("reservations:detail", args=[first.confirmation]))
    assert resp.status_code == 200
    page = resp.text
    assert first.confirmation in page
    assert second.confirmation in page  # the other room of the party
    assert "Wed 10 Jun 2026" in page and "Thu 11 Jun 2026" in page  # nightly prices
    assert "100.00" in page
    assert "Late arrival" in page
    assert "Booked" in page and "Modified" in page  # history
    assert "<ins>Late arrival</ins>" in page
    assert "agent" in page
    assert "Cancelling now is free of charge." in page


def test_another_propertys_reservation_is_not_found(client_as, hotel, other_hotel, agent):
    theirs = book(other_hotel, other_hotel.admin)[0]
    client = client_as(agent)
    assert client.get(reverse("reservations:detail", args=[theirs.confirmation])).status_code == 404
    resp = client.post(reverse("reservations:cancel", args=[theirs.confirmation]), {"reason": "x"})
    assert resp.status_code == 404
    assert Reservation.objects.get(pk=theirs.pk).status == "confirmed"


def test_cancelling_releases_the_rooms_and_records_the_reason(client_as, hotel, agent, booked):
    assert sold(hotel, "DBL", D) == 1
    client = client_as(agent)
    resp = client.post(reverse("reservations:cancel", args=[booked.confirmation]), {"reason": "Flight cancelled"})
    assert resp.status_code == 302
    booked.refresh_from_db()
    assert booked.status == "cancelled"
    assert booked.cancel_reason == "Flight cancelled"
    assert sold(hotel, "DBL", D) == 0
    page = client.get(resp["Location"]).text
    assert f"Reservation {booked.confirmation} cancelled" in page
    assert "Flight cancelled" in page
    assert AuditEntry.objects.filter(entity_id=booked.confirmation, action="cancel").exists()


def test_a_cancellation_inside_the_penalty_window_shows_the_fee_first(client_as, hotel, agent, booked):
    # BAR cancels free until 48 h before arrival (10 June, 15:00 in Madrid), then costs the first night.
    url = reverse("reservations:detail", args=[booked.confirmation])
    with time_machine.travel(dt.datetime(2026, 6, 9, 12, 0, tzinfo=dt.UTC), tick=False):
        page = client_as(agent).get(url).text
    assert "Cancelling now costs the guest <strong>100.00 EUR</strong>" in page
    with time_machine.travel(dt.datetime(2026, 6, 9, 12, 0, tzinfo=dt.UTC), tick=False):
        client_as(agent).post(reverse("reservations:cancel", args=[booked.confirmation]), {"reason": "Too late"})
    booked.refresh_from_db()
    assert booked.cancellation_fee == Decimal("100.00")


def test_a_cancellation_needs_a_reason(client_as, hotel, agent, booked):
    client = client_as(agent)
    resp = client.post(reverse("reservations:cancel", args=[booked.confirmation]), {"reason": ""}, follow=True)
    assert "Say why the reservation is cancelled." in resp.text
    booked.refresh_from_db()
    assert booked.status == "confirmed"


def test_cancelling_twice_shows_the_refusal_instead_of_failing(client_as, hotel, agent, booked):
    client = client_as(agent)
    client.post(reverse("reservations:cancel", args=[booked.confirmation]), {"reason": "Once"})
    resp = client.post(reverse("reservations:cancel", args=[booked.confirmation]), {"reason": "Twice"}, follow=True)
    assert resp.status_code == 200
    assert "cannot be cancelled" in resp.text


def test_a_concierge_sees_no_action_buttons_and_cannot_post_them(client_as, hotel, booked):
    concierge = make_user("concierge", "concierge", hotel.property)
    client = client_as(concierge)
    page = client.get(reverse("reservations:detail", args=[booked.confirmation])).text
    assert reverse("reservations:cancel", args=[booked.confirmation]) not in page
    assert reverse("reservations:modify", args=[booked.confirmation]) not in page
    assert client.post(reverse("reservations:cancel", args=[booked.confirmation]), {"reason": "x"}).status_code == 403
    assert client.post(reverse("reservations:confirm", args=[booked.confirmation])).status_code == 403
    assert client.get(reverse("reservations:modify", args=[booked.confirmation])).status_code == 403
    booked.refresh_from_db()
    assert booked.status == "confirmed"


def test_confirming_an_option_makes_it_confirmed(client_as, hotel, agent):
    from django.utils import timezone

    res = book(hotel, agent, tentative_until=timezone.now() + dt.timedelta(days=3))[0]
    client = client_as(agent)
    page = client.get(reverse("reservations:detail", args=[res.confirmation])).text
    assert reverse("reservations:confirm", args=[res.confirmation]) in page
    resp = client.post(reverse("reservations:confirm", args=[res.confirmation]))
    assert resp.status_code == 302
    res.refresh_from_db()
    assert res.status == "confirmed"


def test_modifying_the_dates_reprices_and_moves_the_nights(client_as, hotel, agent, booked):
    client = client_as(agent)
    url = reverse("reservations:modify", args=[booked.confirmation])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="2026-06-10"' in form.text
    data = {
        "arrival": "2026-06-10",
        "departure": "2026-06-13",
        "room_type": "DBL",
        "rate_plan": "BAR",
        "adults": 2,
        "children": 0,
        "ages": "",
        "eta": "",
        "special_requests": "Cot please",
        "notes": "",
    }
    resp = client.post(url, data)
    assert resp.status_code == 302
    booked.refresh_from_db()
    assert booked.departure == dt.date(2026, 6, 13)
    assert booked.room_total == Decimal("300.00")
    assert booked.special_requests == "Cot please"
    assert sold(hotel, "DBL", dt.date(2026, 6, 12)) == 1


def test_a_modification_that_cannot_be_sold_changes_nothing_and_says_why(client_as, hotel, agent, booked):
    client = client_as(agent)
    url = reverse("reservations:modify", args=[booked.confirmation])
    data = {"arrival": "2026-06-10", "departure": "2026-06-12", "room_type": "SGL", "rate_plan": "BAR", "adults": 2}
    resp = client.post(url, data)
    assert resp.status_code == 409
    assert "At most 1 guest fits in this room type." in resp.text
    booked.refresh_from_db()
    assert booked.room_type.code == "DBL"
