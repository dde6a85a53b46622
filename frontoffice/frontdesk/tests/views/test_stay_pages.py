"""Check-in and check-out pages: what the agent sees, what a submit does, and who may."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from frontoffice.folios.services import folio_for_reservation, folio_post_charge, folio_post_payment
from frontoffice.frontdesk.models import KeyIssue, Traveller
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room


@pytest.fixture
def arriving(hotel, agent, codes):
    guest_today = hotel.property.business_date
    (res,) = book(hotel, agent, arrival=guest_today, nights=2, adults=2)
    guest = res.guest
    guest.document_type, guest.document_number, guest.document_country = "dni", "12345678Z", "ES"
    guest.nationality, guest.birth_date, guest.address = "ES", dt.date(1985, 3, 2), "Calle Mayor 1"
    guest.save()
    Room.objects.filter(pk=hotel.rooms[0].pk).update(condition="inspected")
    return res


def form_data(room="", **companion):
    data = {
        "room": room,
        "keys": "2",
        "t-TOTAL_FORMS": "2",
        "t-INITIAL_FORMS": "2",
        "t-MIN_NUM_FORMS": "0",
        "t-MAX_NUM_FORMS": "20",
        "t-0-first_name": "Ana",
        "t-0-last_name": "Ruiz",
        "t-0-document_type": "dni",
        "t-0-document_number": "12345678Z",
        "t-0-document_country": "ES",
        "t-0-nationality": "ES",
        "t-0-birth_date": "1985-03-02",
        "t-0-address": "Calle Mayor 1",
    }
    second = {
        "first_name": "Luis",
        "last_name": "Ruiz",
        "document_type": "passport",
        "document_number": "X99",
        "document_country": "FR",
        "nationality": "FR",
        "birth_date": "1984-07-09",
    } | companion
    data |= {f"t-1-{k}": v for k, v in second.items()}
    return data


def test_the_page_prefills_the_main_guest_and_checks_both_travellers_in(client_as, agent, hotel, arriving):
    client = client_as(agent)
    url = reverse("frontdesk:check_in", args=[arriving.confirmation])
    page = client.get(url)
    assert page.status_code == 200
    assert "12345678Z" in page.text and "Calle Mayor 1" in page.text and "Traveller 2" in page.text
    assert hotel.rooms[0].number in page.text  # the clean room is offered
    resp = client.post(url, form_data(room=hotel.rooms[0].number), follow=True)
    assert resp.redirect_chain[-1][0] == reverse("frontdesk:checked_in", args=[arriving.confirmation])
    assert "is checked in to room" in resp.text
    assert reverse("frontdesk:registration_card", args=[arriving.confirmation]) in resp.text
    arriving.refresh_from_db()
    assert arriving.status == "in_house" and arriving.room == hotel.rooms[0]
    assert Traveller.objects.filter(reservation=arriving).count() == 2
    assert KeyIssue.objects.get(reservation=arriving).count == 2
    card = client.get(reverse("frontdesk:registration_card", args=[arriving.confirmation]))
    assert card.status_code == 200 and card.content.startswith(b"%PDF")


def test_a_refusal_is_shown_with_the_override_the_agent_may_give(client_as, agent, hotel, arriving):
    Room.objects.filter(pk=hotel.rooms[0].pk).update(condition="dirty")
    client = client_as(agent)
    url = reverse("frontdesk:check_in", args=[arriving.confirmation])
    refused = client.post(url, form_data(room=hotel.rooms[0].number))
    assert refused.status_code == 409 and "is not ready" in refused.text
    assert 'name="override-room_not_ready"' in refused.text
    data = form_data(room=hotel.rooms[0].number) | {"override-room_not_ready": "Guest accepts it"}
    assert client.post(url, data).status_code == 302
    arriving.refresh_from_db()
    assert arriving.status == "in_house"


def test_an_incomplete_companion_is_refused(client_as, agent, hotel, arriving):
    url = reverse("frontdesk:check_in", args=[arriving.confirmation])
    resp = client_as(agent).post(url, form_data(room=hotel.rooms[0].number, document_number=""))
    assert resp.status_code == 409 and "2.document_number" in resp.text
    arriving.refresh_from_db()
    assert arriving.status == "confirmed"


def test_check_out_shows_the_balance_and_checks_out_when_settled(client_as, agent, hotel, arriving, codes):
    client = client_as(agent)
    client.post(reverse("frontdesk:check_in", args=[arriving.confirmation]), form_data(room=hotel.rooms[0].number))
    folio = folio_for_reservation(reservation=arriving, actor=agent)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=Decimal("30"))
    url = reverse("frontdesk:check_out", args=[arriving.confirmation])
    page = client.get(url)
    assert "30.00 EUR" in page.text and "Settle the bill first" in page.text
    assert client.post(url, {}).status_code == 409
    folio_post_payment(folio=folio, actor=agent, method="card", amount=Decimal("30"))
    resp = client.post(url, {}, follow=True)
    assert "is checked out" in resp.text
    assert Reservation.objects.get(pk=arriving.pk).status == "checked_out"


def test_the_guest_registry_downloads_for_a_manager_only(client_as, agent, manager, hotel, arriving):
    client_as(agent).post(
        reverse("frontdesk:check_in", args=[arriving.confirmation]), form_data(room=hotel.rooms[0].number)
    )
    day = hotel.property.business_date.isoformat()
    url = reverse("frontdesk:guest_registry")
    assert client_as(agent).get(url).status_code == 403
    resp = client_as(manager).get(url, {"date_from": day, "date_to": day})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    assert "12345678Z" in resp.content.decode() and "X99" in resp.content.decode()


def test_roles_without_the_permission_are_turned_away(client_as, hotel, arriving):
    porter = client_as(make_user("porter", "porter", hotel.property))
    for name in ("check_in", "check_out", "registration_card"):
        assert porter.get(reverse(f"frontdesk:{name}", args=[arriving.confirmation])).status_code == 403


def test_the_reservation_page_offers_the_next_step_at_the_desk(client_as, agent, hotel, arriving):
    client = client_as(agent)
    detail = reverse("reservations:detail", args=[arriving.confirmation])
    assert reverse("frontdesk:check_in", args=[arriving.confirmation]) in client.get(detail).text
    client.post(reverse("frontdesk:check_in", args=[arriving.confirmation]), form_data(room=hotel.rooms[0].number))
    page = client.get(detail).text
    assert reverse("frontdesk:check_out", args=[arriving.confirmation]) in page
    assert reverse("frontdesk:check_in", args=[arriving.confirmation]) not in page


def test_the_check_out_page_charges_a_late_check_out_and_offers_the_invoice(client_as, agent, hotel, arriving, codes):
    client = client_as(agent)
    client.post(reverse("frontdesk:check_in", args=[arriving.confirmation]), form_data(room=hotel.rooms[0].number))
    url = reverse("frontdesk:check_out", args=[arriving.confirmation])
    resp = client.post(reverse("frontdesk:late_fee", args=[arriving.confirmation]), {"amount": "30"}, follow=True)
    assert "Late check-out charged: 30.00 EUR" in resp.text and "30.00 EUR" in resp.text
    folio = folio_for_reservation(reservation=arriving, actor=agent)
    assert reverse("folios:issue_invoice", args=[folio.pk]) in client.get(url).text
    bad = client.post(reverse("frontdesk:late_fee", args=[arriving.confirmation]), {"amount": "NaN"}, follow=True)
    assert "Type the fee" in bad.text


def test_a_settled_guest_due_out_checks_out_in_one_click_from_the_departures_list(client_as, agent, hotel, codes):
    (res,) = book(hotel, agent, arrival=hotel.property.business_date, nights=1, adults=2)
    Room.objects.filter(pk=hotel.rooms[1].pk).update(condition="inspected")
    client = client_as(agent)
    client.post(reverse("frontdesk:check_in", args=[res.confirmation]), form_data(room=hotel.rooms[1].number))
    hotel.property.business_date += dt.timedelta(days=1)
    hotel.property.save()
    departures = reverse("frontdesk:list", args=["departures"])
    page = client.get(departures).text
    assert "Express check-out" in page and res.guest.last_name in page
    resp = client.post(reverse("frontdesk:check_out", args=[res.confirmation]), {"next": departures}, follow=True)
    assert resp.redirect_chain[-1][0] == departures and "is checked out" in resp.text
    assert Reservation.objects.get(pk=res.pk).status == "checked_out"
    # An outside address in "next" is ignored.
    (other,) = book(hotel, agent, arrival=hotel.property.business_date, nights=1, adults=2)
    Room.objects.filter(pk=hotel.rooms[2].pk).update(condition="inspected")
    client.post(reverse("frontdesk:check_in", args=[other.confirmation]), form_data(room=hotel.rooms[2].number))
    resp = client.post(reverse("frontdesk:check_out", args=[other.confirmation]), {"next": "https://evil.example/"})
    assert resp.status_code == 302 and "evil" not in resp["Location"]


def test_the_desk_starts_the_day_at_the_front_desk_and_reservations_at_availability(client_as, agent, hotel):
    assert client_as(agent).get("/")["Location"] == reverse("frontdesk:dashboard")
    resa = make_user("resa", "reservations_agent", hotel.property)
    assert client_as(resa).get("/")["Location"] == reverse("reservations:availability")


def test_a_walk_in_starts_from_the_dashboard_with_tonight_and_the_walk_in_channel(client_as, agent, hotel):
    page = client_as(agent).get(reverse("frontdesk:dashboard")).text
    today = hotel.property.business_date
    assert f"arrival={today:%Y-%m-%d}&amp;departure={today + dt.timedelta(days=1):%Y-%m-%d}&amp;channel=walk_in" in page
    form = client_as(agent).get(
        reverse("reservations:book"),
        {"arrival": today, "departure": today + dt.timedelta(days=1), "channel": "walk_in"},
    )
    assert form.status_code == 200 and 'value="walk_in" selected' in form.text
