"""The deposit on the folio page: the schedule, what is held, and taking a deposit."""

from decimal import Decimal

import pytest
from django.urls import reverse

from frontoffice.folios.models import Posting
from frontoffice.reservations.tests.factories import make_user
from frontoffice.reservations.tests.services.test_booking import book

D = Decimal


@pytest.fixture
def nrf(hotel, codes, agent):
    (res,) = book(hotel, agent, plan="NRF", nights=2)
    return res


def test_the_folio_shows_the_deposit_due_and_takes_it(client_as, agent, nrf):
    client = client_as(agent)
    page = client.get(reverse("folios:folio", args=[nrf.confirmation])).text
    assert 'id="deposit-schedule"' in page and "Take deposit" in page
    data = {
        "deposit-method": "card",
        "deposit-amount": "75",
        "deposit-card_brand": "Visa",
        "deposit-card_last4": "4242",
    }
    resp = client.post(reverse("folios:take_deposit", args=[nrf.confirmation]), data, follow=True)
    assert resp.status_code == 200 and "Deposit taken: 75.00 EUR" in resp.text
    assert "Visa •••• 4242" in resp.text
    (payment,) = Posting.objects.all()
    assert payment.folio.kind == "deposit" and payment.gross == D("-75.00")


def test_a_card_number_is_refused_and_nothing_is_taken(client_as, agent, nrf):
    data = {"deposit-method": "card", "deposit-amount": "75", "deposit-reference": "4111 1111 1111 1111"}
    resp = client_as(agent).post(reverse("folios:take_deposit", args=[nrf.confirmation]), data, follow=True)
    assert "Card numbers must not be stored" in resp.text
    assert not Posting.objects.exists()


def test_a_stay_without_a_deposit_policy_shows_no_deposit_section(client_as, agent, reservation, codes):
    page = client_as(agent).get(reverse("folios:folio", args=[reservation.confirmation])).text
    assert 'id="deposit"' not in page


def test_only_cashiers_take_deposits(client_as, hotel, nrf):
    accountant = client_as(make_user("acct", "accountant", hotel.property))
    data = {"deposit-method": "card", "deposit-amount": "75"}
    assert accountant.post(reverse("folios:take_deposit", args=[nrf.confirmation]), data).status_code == 403
    page = accountant.get(reverse("folios:folio", args=[nrf.confirmation])).text
    assert 'id="deposit-schedule"' in page and "Take deposit" not in page
    assert not Posting.objects.exists()
