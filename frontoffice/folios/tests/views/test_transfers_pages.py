"""Moving money between folios from the desk: moves, balance transfers, routing, closing,
credit limits and house folios."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from frontoffice.folios.models import Folio, Posting, RoutingInstruction
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    folio_close,
    folio_for_reservation,
    folio_open_house,
    folio_post_charge,
    folio_set_credit_limit,
    routing_instruction_create,
)
from frontoffice.reservations.tests.factories import make_user

D = Decimal


def page(res):
    return reverse("folios:folio", args=[res.confirmation])


@pytest.fixture
def window2(reservation, folio, agent):
    return folio_for_reservation(reservation=reservation, actor=agent, window=2)


@pytest.fixture
def room(folio, agent, codes):
    return folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("110"))


def test_the_folio_page_shows_windows_side_by_side_with_move_and_transfer_actions(
    client_as, agent, reservation, room, window2
):
    client = client_as(agent)
    text = client.get(page(reservation)).text
    assert 'class="folio-windows"' in text and "grid-template-columns" in text
    # Each row offers its actions; the forms come when asked for (HTMX swaps them into the row).
    actions = reverse("folios:posting_actions", args=[room.pk])
    assert f'hx-get="{actions}"' in text and "Move or reverse" in text
    partial = client.get(actions, headers={"HX-Request": "true"}).text
    assert reverse("folios:move", args=[room.pk]) in partial and "<html" not in partial
    full = client.get(actions).text
    assert reverse("folios:move", args=[room.pk]) in full and "Back to the folio" in full
    assert reverse("folios:transfer_balance", args=[room.folio.pk]) in text and "Transfer balance" in text
    assert reverse("folios:close", args=[window2.pk]) in text  # window 2 is settled
    assert reverse("folios:close", args=[room.folio.pk]) not in text  # window 1 owes 110
    assert "Routing instructions" in text and reverse("folios:add_routing", args=[reservation.confirmation]) in text
    assert 'accesskey="b"' in text and 'accesskey="o"' in text


def test_moving_a_posting_from_the_page(client_as, agent, reservation, room, folio, window2):
    client = client_as(agent)
    resp = client.post(
        reverse("folios:move", args=[room.pk]), {"target": window2.pk, "amount": "55", "reason": "Company pays half"}
    )
    assert resp.status_code == 302 and resp["Location"].startswith(page(reservation))
    assert folio_balance(folio=folio) == D("55.00") and folio_balance(folio=window2) == D("55.00")
    text = client.get(page(reservation)).text
    assert "Moved 55.00 to Window 2." in text and "moved out" in text and "moved in" in text


def test_a_refused_move_shows_the_reason_and_changes_nothing(client_as, agent, reservation, room, window2):
    client = client_as(agent)
    resp = client.post(reverse("folios:move", args=[room.pk]), {"target": window2.pk, "amount": "500", "reason": "x"})
    assert resp.status_code == 409
    assert "At most 110.00 is left of this posting to move." in resp.text
    resp = client.post(reverse("folios:move", args=[room.pk]), {"target": window2.pk, "amount": "5"})
    assert resp.status_code == 422 and "Reason" in resp.text
    assert not Posting.objects.filter(transfer_id__isnull=False).exists()


def test_transferring_a_balance_and_closing_the_settled_window(client_as, agent, reservation, room, folio, window2):
    client = client_as(agent)
    resp = client.post(reverse("folios:transfer_balance", args=[folio.pk]), {"target": window2.pk, "reason": ""})
    assert resp.status_code == 302
    assert folio_balance(folio=folio) == D("0.00") and folio_balance(folio=window2) == D("110.00")
    resp = client.post(reverse("folios:close", args=[window2.pk]))
    assert resp.status_code == 409 and "its balance is 110.00" in resp.text
    resp = client.post(reverse("folios:close", args=[folio.pk]))
    assert resp.status_code == 302
    assert Folio.objects.get(pk=folio.pk).status == "closed"
    text = client.get(page(reservation)).text
    assert "Closed" in text and reverse("folios:reopen", args=[folio.pk]) not in text  # agents do not reopen


def test_a_manager_reopens_a_closed_folio_with_a_reason(client_as, manager, reservation, folio):
    folio_close(folio=folio, actor=manager)
    client = client_as(manager)
    assert reverse("folios:reopen", args=[folio.pk]) in client.get(page(reservation)).text
    assert client.post(reverse("folios:reopen", args=[folio.pk]), {"reason": ""}).status_code == 422
    resp = client.post(reverse("folios:reopen", args=[folio.pk]), {"reason": "Late minibar"})
    assert resp.status_code == 302 and Folio.objects.get(pk=folio.pk).status == "open"


def test_adding_and_ending_a_routing_instruction(client_as, agent, reservation, folio, window2, codes):
    client = client_as(agent)
    data = {
        "routing-source_window": "1",
        "routing-target": str(window2.pk),
        "routing-transaction_codes": ["ROOM"],
        "routing-departments": [],
        "routing-start_date": "",
        "routing-end_date": "",
        "routing-percentage": "",
        "routing-daily_cap": "120",
    }
    resp = client.post(reverse("folios:add_routing", args=[reservation.confirmation]), data)
    assert resp.status_code == 302, resp.content[:2000]
    rule = RoutingInstruction.objects.get()
    assert rule.transaction_codes == ["ROOM"] and rule.daily_cap == D("120.00") and rule.target_folio == window2
    posting = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("110"))
    assert posting.folio == window2
    text = client.get(page(reservation)).text
    assert f'id="routing-{rule.pk}"' in text and "120.00" in text and "Active" in text
    resp = client.post(reverse("folios:end_routing", args=[rule.pk]))
    assert resp.status_code == 302
    rule.refresh_from_db()
    assert not rule.active
    assert "Ended" in client.get(page(reservation)).text


def test_a_routing_instruction_without_codes_is_refused(client_as, agent, reservation, folio, window2):
    data = {"routing-source_window": "1", "routing-target": str(window2.pk)}
    resp = client_as(agent).post(reverse("folios:add_routing", args=[reservation.confirmation]), data)
    assert resp.status_code == 422
    assert "Choose at least one transaction code or department to route." in resp.text
    assert not RoutingInstruction.objects.exists()


def test_the_page_warns_when_a_folio_is_over_its_credit_limit(client_as, agent, manager, reservation, room, folio):
    folio_set_credit_limit(folio=folio, actor=manager, credit_limit=D("100"))
    text = client_as(agent).get(page(reservation)).text
    assert f'id="credit-warning-{folio.pk}"' in text and "Over the credit limit" in text
    assert reverse("folios:credit_limit", args=[folio.pk]) not in text  # agents do not set limits
    client = client_as(manager)
    assert client.post(reverse("folios:credit_limit", args=[folio.pk]), {"credit_limit": "500"}).status_code == 302
    assert Folio.objects.get(pk=folio.pk).credit_limit == D("500.00")
    assert "Over the credit limit" not in client.get(page(reservation)).text


def test_house_folios_are_listed_opened_and_take_charges_and_payments(client_as, agent, hotel, codes):
    client = client_as(agent)
    resp = client.post(reverse("folios:house_open"), {"name": "Staff meals"})
    house = Folio.objects.get(kind="house")
    assert resp.status_code == 302 and resp["Location"] == reverse("folios:house_folio", args=[house.pk])
    charge = {"charge-window": 1, "charge-transaction_code": "FB", "charge-quantity": 2, "charge-unit_amount": "9.50"}
    resp = client.post(reverse("folios:house_charge", args=[house.pk]), charge)
    assert resp.status_code == 302
    payment = {"payment-window": 1, "payment-method": "card", "payment-amount": "4", "payment-card_last4": "4242"}
    resp = client.post(reverse("folios:house_payment", args=[house.pk]), payment)
    assert resp.status_code == 302
    assert folio_balance(folio=house) == D("15.00")
    text = client.get(reverse("folios:house_folio", args=[house.pk])).text
    assert "Staff meals" in text and "15.00" in text and "•••• 4242" in text
    listing = client.get(reverse("folios:house_list")).text
    assert "Staff meals" in listing and "15.00 EUR" in listing
    assert client.post(reverse("folios:house_open"), {"name": ""}).status_code == 422


def test_a_charge_moves_from_a_stay_to_a_house_folio(client_as, agent, hotel, room):
    house = folio_open_house(property=hotel.property, actor=agent, name="Sales")
    resp = client_as(agent).post(
        reverse("folios:move", args=[room.pk]), {"target": house.pk, "percentage": "10", "reason": "Courtesy"}
    )
    assert resp.status_code == 302
    assert folio_balance(folio=house) == D("11.00")


def test_roles_without_the_right_get_403_and_nothing_changes(client_as, hotel, reservation, room, window2, folio):
    auditor = make_user("auditor", "night_auditor", hotel.property)
    client = client_as(auditor)
    assert reverse("folios:move", args=[room.pk]) not in client.get(page(reservation)).text
    move = {"target": window2.pk, "reason": "x"}
    assert client.post(reverse("folios:move", args=[room.pk]), move).status_code == 403
    assert client.post(reverse("folios:transfer_balance", args=[folio.pk]), move).status_code == 403
    assert client.post(reverse("folios:close", args=[window2.pk])).status_code == 403
    assert client.post(reverse("folios:credit_limit", args=[folio.pk]), {"credit_limit": "1"}).status_code == 403
    assert not Posting.objects.filter(transfer_id__isnull=False).exists()
    assert Folio.objects.get(pk=window2.pk).status == "open"
    porter = make_user("porter", "porter", hotel.property)
    assert client_as(porter).get(reverse("folios:house_list")).status_code == 403


def test_csrf_stays_enforced(agent, reservation, room, window2):
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent, backend="django.contrib.auth.backends.ModelBackend")
    resp = client.post(reverse("folios:move", args=[room.pk]), {"target": window2.pk, "reason": "x"})
    assert resp.status_code == 403
    assert client.post(reverse("folios:house_open"), {"name": "Sneaky"}).status_code == 403
    assert not Posting.objects.filter(transfer_id__isnull=False).exists() and not Folio.objects.filter(kind="house")


def test_another_propertys_folio_is_not_found(client_as, agent, other_hotel, room):
    foreign = folio_open_house(property=other_hotel.property, actor=other_hotel.admin, name="Theirs")
    client = client_as(agent)
    assert client.get(reverse("folios:house_folio", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("folios:close", args=[foreign.pk])).status_code == 404
    resp = client.post(reverse("folios:move", args=[room.pk]), {"target": foreign.pk, "reason": "x"})
    assert resp.status_code == 422 and folio_balance(folio=foreign) == D("0.00")


def test_routing_instructions_are_listed_with_their_targets(client_as, agent, hotel, reservation, folio):
    house = folio_open_house(property=hotel.property, actor=agent, name="Marketing")
    routing_instruction_create(reservation=reservation, target_folio=house, actor=agent, departments=["spa"])
    text = client_as(agent).get(page(reservation)).text
    assert "Marketing" in text and "spa" in text


def test_a_window_is_billed_to_a_company_from_the_folio_page(client_as, hotel, agent, reservation, codes):
    from frontoffice.folios.models import Folio
    from frontoffice.folios.services import folio_for_reservation
    from frontoffice.guests.models import Company

    acme = Company.objects.create(property=hotel.property, name="Acme SL")
    window = folio_for_reservation(reservation=reservation, actor=agent, window=2)
    client = client_as(agent)
    page = client.get(reverse("folios:folio", args=[reservation.confirmation])).text
    assert reverse("folios:set_payer", args=[window.pk]) in page and "Acme SL" in page
    resp = client.post(reverse("folios:set_payer", args=[window.pk]), {"company": acme.pk}, follow=True)
    assert "is billed to Acme SL" in resp.text
    assert Folio.objects.get(pk=window.pk).payer_company == acme
