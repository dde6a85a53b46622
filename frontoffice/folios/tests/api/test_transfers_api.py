"""The transfers API: moves, balance transfers, routing, house folios, closing, credit limits."""

from decimal import Decimal

import pytest

from frontoffice.folios.models import Folio, Posting, RoutingInstruction
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    folio_close,
    folio_for_reservation,
    folio_post_charge,
    routing_instruction_create,
)

D = Decimal
P = "/properties/TEST"


@pytest.fixture
def desk(api_as, agent):
    return api_as(agent)


@pytest.fixture
def boss(api_as, manager):
    return api_as(manager)


@pytest.fixture
def window2(reservation, folio, agent):
    return folio_for_reservation(reservation=reservation, actor=agent, window=2)


@pytest.fixture
def room(folio, agent, codes):
    return folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("110"))


def test_moving_part_of_a_posting_returns_both_sides_and_balances(desk, room, folio, window2):
    resp = desk.post(
        f"{P}/postings/{room.pk}/transfer", {"target_folio": window2.pk, "amount": "55", "reason": "Split"}
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["source"]["gross"] == "-55.00" and body["target"]["gross"] == "55.00"
    assert body["source"]["tax"] == "-5.00" and body["target"]["transaction_code"] == "ROOM"
    assert (body["source_balance"], body["target_balance"]) == ("55.00", "55.00")
    assert Posting.objects.filter(transfer_id=body["transfer_id"]).count() == 2


def test_a_move_refusal_is_a_clear_error_and_changes_nothing(desk, room, folio, window2):
    resp = desk.post(f"{P}/postings/{room.pk}/transfer", {"target_folio": window2.pk, "amount": "200", "reason": "x"})
    assert resp.status_code == 409 and resp.json()["code"] == "transfer_exceeds_remaining"
    resp = desk.post(f"{P}/postings/{room.pk}/transfer", {"target_folio": folio.pk, "reason": "x"})
    assert resp.status_code == 422 and resp.json()["code"] == "same_folio"
    resp = desk.post(f"{P}/postings/{room.pk}/transfer", {"target_folio": 999999, "reason": "x"})
    assert resp.status_code == 404
    resp = desk.post(f"{P}/postings/999999/transfer", {"target_folio": window2.pk, "reason": "x"})
    assert resp.status_code == 404
    assert not Posting.objects.filter(transfer_id__isnull=False).exists()


def test_transferring_a_balance(desk, room, folio, window2):
    resp = desk.post(f"{P}/folios/{folio.pk}/transfer-balance", {"target_folio": window2.pk, "reason": "To company"})
    assert resp.status_code == 201
    body = resp.json()
    assert body["source"]["transaction_code"] == body["target"]["transaction_code"] == "TRANSFER"
    assert (body["source_balance"], body["target_balance"]) == ("0.00", "110.00")
    resp = desk.post(f"{P}/folios/{folio.pk}/transfer-balance", {"target_folio": window2.pk})
    assert resp.status_code == 409 and resp.json()["code"] == "zero_balance"


def test_creating_listing_and_ending_routing_instructions(desk, reservation, folio, window2, codes, agent):
    url = f"{P}/reservations/{reservation.confirmation}/routing-instructions"
    resp = desk.post(url, {"target_folio": window2.pk, "transaction_codes": ["room"], "daily_cap": "120"})
    assert resp.status_code == 201, resp.content
    created = resp.json()
    assert created["transaction_codes"] == ["ROOM"] and created["daily_cap"] == "120.00" and created["active"]
    assert created["target_folio"] == window2.pk and created["reservation"] == reservation.confirmation
    charge = desk.post(f"{P}/folios/{folio.pk}/postings", {"transaction_code": "ROOM", "unit_amount": "110"})
    assert charge.status_code == 201 and charge.json()["balance"] == "110.00"
    assert folio_balance(folio=window2) == D("110.00")
    (listed,) = desk.get(url).json()
    assert listed["id"] == created["id"]
    resp = desk.post(f"{P}/routing-instructions/{created['id']}/end", {"reason": "Company no longer pays"})
    assert resp.status_code == 200 and resp.json()["active"] is False and resp.json()["ended_at"]
    assert desk.post(f"{P}/routing-instructions/{created['id']}/end", {}).status_code == 409


def test_a_bad_routing_instruction_is_refused_with_the_field(desk, reservation, window2):
    url = f"{P}/reservations/{reservation.confirmation}/routing-instructions"
    resp = desk.post(url, {"target_folio": window2.pk})
    assert resp.status_code == 422
    assert resp.json()["errors"][0]["field"] == "transaction_codes"
    resp = desk.post(url, {"target_folio": window2.pk, "departments": ["rooms"], "percentage": "0"})
    assert resp.status_code == 422 and resp.json()["code"] == "percentage_out_of_range"
    assert not RoutingInstruction.objects.exists()


def test_opening_and_listing_house_folios(desk, codes):
    resp = desk.post(f"{P}/folios/house", {"name": "Staff meals"})
    assert resp.status_code == 201
    body = resp.json()
    assert (body["kind"], body["name"], body["reservation"], body["balance"]) == ("house", "Staff meals", None, "0.00")
    desk.post(f"{P}/folios/{body['id']}/postings", {"transaction_code": "FB", "unit_amount": "12"})
    listing = desk.get(f"{P}/folios/house").json()
    assert listing["count"] == 1 and listing["items"][0]["balance"] == "12.00"
    assert desk.post(f"{P}/folios/house", {"name": ""}).status_code == 422


def test_closing_needs_a_zero_balance_and_reopening_a_manager(desk, boss, room, folio):
    resp = desk.post(f"{P}/folios/{folio.pk}/close")
    assert resp.status_code == 409 and "110.00" in resp.json()["detail"]
    desk.post(f"{P}/folios/{folio.pk}/payments", {"method": "card", "amount": "110"})
    resp = desk.post(f"{P}/folios/{folio.pk}/close")
    assert resp.status_code == 200 and resp.json()["status"] == "closed"
    assert (
        desk.post(f"{P}/folios/{folio.pk}/postings", {"transaction_code": "FB", "unit_amount": "1"}).status_code == 409
    )
    assert desk.post(f"{P}/folios/{folio.pk}/reopen", {"reason": "Late"}).status_code == 403
    resp = boss.post(f"{P}/folios/{folio.pk}/reopen", {"reason": "Late minibar"})
    assert resp.status_code == 200 and resp.json()["status"] == "open"
    assert Folio.objects.get(pk=folio.pk).status == "open"


def test_the_credit_limit_is_set_by_a_manager_and_flags_charges_over_it(desk, boss, folio, reservation):
    assert desk.put(f"{P}/folios/{folio.pk}/credit-limit", {"credit_limit": "100"}).status_code == 403
    resp = boss.put(f"{P}/folios/{folio.pk}/credit-limit", {"credit_limit": "100"})
    assert resp.status_code == 200 and resp.json()["credit_limit"] == "100.00"
    first = desk.post(f"{P}/folios/{folio.pk}/postings", {"transaction_code": "FB", "unit_amount": "80"})
    assert first.status_code == 201 and first.json()["over_credit_limit"] is False
    second = desk.post(f"{P}/folios/{folio.pk}/postings", {"transaction_code": "FB", "unit_amount": "30"})
    assert second.status_code == 201 and second.json()["over_credit_limit"] is True
    (window,) = desk.get(f"{P}/reservations/{reservation.confirmation}/folios").json()
    assert window["over_credit_limit"] is True and window["credit_limit"] == "100.00"
    resp = boss.put(f"{P}/folios/{folio.pk}/credit-limit", {"credit_limit": None})
    assert resp.status_code == 200 and resp.json()["credit_limit"] is None and not resp.json()["over_credit_limit"]
    assert boss.put(f"{P}/folios/{folio.pk}/credit-limit", {"credit_limit": "-5"}).status_code == 422


def test_another_propertys_folio_is_not_found(desk, room, other_hotel, agent, codes):
    from frontoffice.folios.services import folio_open_house

    foreign = folio_open_house(property=other_hotel.property, actor=other_hotel.admin, name="Theirs")
    resp = desk.post(f"{P}/postings/{room.pk}/transfer", {"target_folio": foreign.pk, "reason": "x"})
    assert resp.status_code == 404
    assert desk.post(f"{P}/folios/{foreign.pk}/close").status_code == 404


def test_routing_to_a_closed_folio_is_a_conflict(desk, reservation, folio, window2, agent):
    folio_close(folio=window2, actor=agent)
    url = f"{P}/reservations/{reservation.confirmation}/routing-instructions"
    resp = desk.post(url, {"target_folio": window2.pk, "departments": ["rooms"]})
    assert resp.status_code == 409 and resp.json()["code"] == "folio_closed"
    routing_instruction_create(
        reservation=reservation, target_folio=folio, actor=agent, source_window=2, departments=["spa"]
    )
    assert len(desk.get(url).json()) == 1


def test_a_window_is_billed_to_a_company_and_back(desk, hotel, reservation, agent):
    from frontoffice.folios.services import folio_for_reservation
    from frontoffice.guests.models import Company

    acme = Company.objects.create(property=hotel.property, name="Acme SL")
    window = folio_for_reservation(reservation=reservation, actor=agent, window=2)
    resp = desk.put(f"/properties/TEST/folios/{window.pk}/payer", {"company": acme.pk})
    assert resp.status_code == 200 and resp.json()["kind"] == "company"
    assert Folio.objects.get(pk=window.pk).payer_company == acme
    assert desk.put(f"/properties/TEST/folios/{window.pk}/payer", {"company": 999999}).status_code == 422
    back = desk.put(f"/properties/TEST/folios/{window.pk}/payer", {"company": None})
    assert back.status_code == 200 and back.json()["kind"] == "guest"
