"""The deposit API: schedule, take a deposit, set the schedule; refusals."""

import pytest

from frontoffice.folios.models import Posting
from frontoffice.reservations.tests.services.test_booking import book


@pytest.fixture
def nrf(hotel, codes, agent):
    (res,) = book(hotel, agent, plan="NRF", nights=2)
    return res


def test_a_deposit_taken_shows_on_the_schedule_and_the_deposit_ledger(api_as, agent, nrf):
    api = api_as(agent)
    base = f"/properties/TEST/reservations/{nrf.confirmation}"
    before = api.get(f"{base}/deposits").json()
    assert before["held"] == "0.00" and before["schedule"][0]["outstanding"] == str(nrf.total)
    resp = api.post(f"{base}/deposits", {"method": "card", "amount": "100", "card_brand": "Visa", "card_last4": "4242"})
    assert resp.status_code == 201 and resp.json()["balance"] == "-100.00"
    after = api.get(f"{base}/deposits").json()
    assert after["held"] == "100.00" and after["schedule"][0]["paid"] == "100.00"
    assert [p["gross"] for p in after["postings"]] == ["-100.00"]
    assert api.get(f"/properties/TEST/reservations/{nrf.confirmation}/folios").json() == []  # not on the bill


def test_setting_the_schedule_by_hand(api_as, agent, nrf):
    api = api_as(agent)
    url = f"/properties/TEST/reservations/{nrf.confirmation}/deposit-schedule"
    body = {"lines": [{"due_date": "2026-06-03", "amount": "40"}, {"due_date": "2026-06-09", "amount": "60"}]}
    resp = api.put(url, body)
    assert resp.status_code == 200
    assert [(line["due_date"], line["amount"]) for line in resp.json()["schedule"]] == [
        ("2026-06-03", "40.00"),
        ("2026-06-09", "60.00"),
    ]
    assert api.put(url, {"lines": [{"due_date": "2026-06-03", "amount": "0"}]}).status_code == 422


def test_no_deposit_after_cancellation_and_nothing_changes(api_as, agent, nrf):
    api = api_as(agent)
    api.post(f"/properties/TEST/reservations/{nrf.confirmation}/cancel", {"reason": "Plans changed"})
    resp = api.post(f"/properties/TEST/reservations/{nrf.confirmation}/deposits", {"method": "card", "amount": "10"})
    assert resp.status_code == 409 and resp.json()["code"] == "deposit_not_before_arrival"
    assert not Posting.objects.filter(folio__kind="deposit").exists()
