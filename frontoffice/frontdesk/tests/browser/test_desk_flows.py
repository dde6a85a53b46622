"""The desk in real Chromium: check in an arriving couple (room, registration, card), and check out
a guest paying the balance, with the invoice issued at check-out."""

import datetime as dt
import re

import pytest

from frontoffice.folios.services import folio_for_reservation, folio_post_charge, transaction_codes_install
from frontoffice.frontdesk.models import Traveller
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.browser.test_booking_flow import SHOTS, browser_page  # noqa: F401
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room

pytestmark = pytest.mark.browser


def login(page, live_server, username):
    page.goto(live_server.url + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"pass-{username}")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/(availability|front-desk)/"))


def test_an_agent_checks_in_a_couple_and_checks_out_a_guest_paying_the_balance(
    live_server,
    transactional_db,
    browser_page,  # noqa: F811
):
    hotel = make_hotel()
    transaction_codes_install(property=hotel.property)
    make_user("desk", "front_desk_agent", hotel.property)
    today = hotel.property.business_date
    (couple,) = book(hotel, hotel.admin, arrival=today, nights=2, adults=2)
    room = hotel.rooms[0]
    Room.objects.filter(pk=room.pk).update(condition="inspected")
    page = browser_page
    SHOTS.mkdir(parents=True, exist_ok=True)
    login(page, live_server, "desk")

    # Check-in from the reservation: the next action is one click away.
    page.goto(f"{live_server.url}/reservations/{couple.confirmation}/")
    page.locator("#check-in").click()
    page.wait_for_url(re.compile(r"/check-in/$"))
    page.select_option("select[name=room]", room.number)
    main = page.locator("#traveller-1")
    main.locator("input[name=t-0-first_name]").fill("Clara")
    main.locator("input[name=t-0-last_name]").fill("Campoamor")
    main.locator("select[name=t-0-document_type]").select_option("dni")
    main.locator("input[name=t-0-document_number]").fill("12345678Z")
    main.locator("input[name=t-0-document_country]").fill("ES")
    main.locator("input[name=t-0-nationality]").fill("ES")
    main.locator("input[name=t-0-birth_date]").fill("1988-11-12")
    main.locator("input[name=t-0-address]").fill("Calle Mayor 1, Madrid")
    companion = page.locator("#traveller-2")
    companion.locator("input[name=t-1-first_name]").fill("Pierre")
    companion.locator("input[name=t-1-last_name]").fill("Curie")
    companion.locator("select[name=t-1-document_type]").select_option("passport")
    companion.locator("input[name=t-1-document_number]").fill("FR1234567")
    companion.locator("input[name=t-1-document_country]").fill("FR")
    companion.locator("input[name=t-1-nationality]").fill("FR")
    companion.locator("input[name=t-1-birth_date]").fill("1987-05-15")
    page.screenshot(path=str(SHOTS / "check-in.png"), full_page=True)
    page.locator("#check-in-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/checked-in/$"))
    assert "is checked in to room" in page.locator(".messages").inner_text()
    card = page.request.get(live_server.url + page.locator("#registration-card").get_attribute("href"))
    assert card.ok and card.body().startswith(b"%PDF")
    couple.refresh_from_db()
    assert couple.status == "in_house" and couple.room_id == room.pk
    assert list(Traveller.objects.filter(reservation=couple).values_list("last_name", flat=True)) == [
        "Campoamor",
        "Curie",
    ]

    # The next day the guest pays the bill at the folio and checks out.
    hotel.property.business_date = today + dt.timedelta(days=1)
    hotel.property.save()
    folio = folio_for_reservation(reservation=couple, actor=hotel.admin)
    folio_post_charge(
        folio=folio,
        actor=hotel.admin,
        transaction_code=hotel.property.transaction_codes.get(code="ROOM"),
        unit_amount=110,
    )
    page.goto(f"{live_server.url}/reservations/{couple.confirmation}/check-out/")
    assert "110.00 EUR" in page.locator("#bill-balance").inner_text()
    page.get_by_role("link", name="Folio").first.click()
    page.wait_for_url(re.compile(r"/folio/$"))
    payment = page.locator("#payment")
    payment.locator("select[name=payment-method]").select_option("card")
    payment.locator("input[name=payment-amount]").fill("110")
    payment.locator("input[name=payment-card_brand]").fill("Visa")
    payment.locator("input[name=payment-card_last4]").fill("4242")
    payment.locator("button[type=submit]").click()
    page.wait_for_selector(".msg-success")
    page.goto(f"{live_server.url}/reservations/{couple.confirmation}/check-out/")
    assert "0.00 EUR" in page.locator("#bill-balance").inner_text()
    # The guest's identity document is on file: the check-out issues a full invoice unless told otherwise.
    assert page.locator("#check-out-invoices select").input_value() == "full"
    page.get_by_role("button", name="Check out").click()
    page.wait_for_url(re.compile(rf"/reservations/{couple.confirmation}/checked-out/$"))
    assert "is checked out" in page.locator(".messages").inner_text()
    invoice = page.locator("#stay-invoices tbody tr").first
    assert "F2026-00001" in invoice.inner_text() and "110.00 EUR" in invoice.inner_text()
    pdf = page.request.get(live_server.url + invoice.get_by_role("link", name="Print (PDF)").get_attribute("href"))
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    page.screenshot(path=str(SHOTS / "checked-out.png"), full_page=True)
    couple.refresh_from_db()
    assert couple.status == "checked_out" and couple.departure == today + dt.timedelta(days=1)
    assert Room.objects.get(pk=room.pk).condition == "dirty"
    assert Reservation.objects.filter(status="in_house").count() == 0
