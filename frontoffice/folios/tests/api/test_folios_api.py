"""The folio API: status, body and side effects of every operation, and its refusals."""

from decimal import Decimal

import pytest
from django.utils import translation

from frontoffice.core.models import AuditEntry
from frontoffice.folios.models import Posting
from frontoffice.folios.services import folio_for_reservation, transaction_codes_install
from frontoffice.reservations.tests.factories import make_user

D = Decimal


@pytest.fixture
def desk(api_as, agent):
    return api_as(agent)


@pytest.fixture
def boss(api_as, manager):
    return api_as(manager)


def base(folio):
    return f"/properties/TEST/folios/{folio.pk}"


def test_listing_a_reservations_folios_reads_and_opening_a_window_is_a_post(desk, reservation, codes):
    url = f"/properties/TEST/reservations/{reservation.confirmation}/folios"
    assert desk.get(url).json() == []  # a look opens nothing
    opened = desk.post(url, {"window": 1})
    assert opened.status_code == 201
    window = opened.json()
    assert (window["window"], window["kind"], window["status"], window["balance"]) == (1, "guest", "open", "0.00")
    assert window["postings"] == []
    assert desk.post(url, {"window": 1}).status_code == 200  # already open: the same window
    assert desk.post(url, {"window": 9}).status_code == 422
    desk.post(f"/properties/TEST/folios/{window['id']}/postings", {"transaction_code": "mini", "unit_amount": "7.5"})
    folio_for_reservation(reservation=reservation, actor=None, window=2)
    body = desk.get(url).json()
    assert [w["window"] for w in body] == [1, 2]
    assert body[0]["balance"] == "7.50" and body[1]["balance"] == "0.00"
    (posting,) = body[0]["postings"]
    assert posting["transaction_code"] == "MINI" and posting["department"] == "minibar"
    assert (posting["net"], posting["tax"], posting["gross"]) == ("6.82", "0.68", "7.50")
    assert posting["actor"] == "agent" and posting["business_date"] == "2026-06-01"


def test_listing_the_folios_of_a_stay_costs_a_fixed_number_of_queries(
    desk, reservation, folio, agent, codes, django_assert_max_num_queries
):
    for i in range(10):
        desk.post(base(folio) + "/postings", {"transaction_code": "FB", "unit_amount": f"{i + 1}.00"})
    with django_assert_max_num_queries(12):
        resp = desk.get(f"/properties/TEST/reservations/{reservation.confirmation}/folios")
    assert resp.status_code == 200 and len(resp.json()[0]["postings"]) == 10


def test_posting_a_charge_returns_it_with_the_new_balance(desk, folio):
    resp = desk.post(
        base(folio) + "/postings",
        {"transaction_code": "PARK", "quantity": 2, "unit_amount": "12.10", "description": "Garage", "reference": "P9"},
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["balance"] == "24.20"
    assert body["posting"]["gross"] == "24.20" and body["posting"]["tax"] == "4.20"
    assert body["posting"]["description"] == "Garage" and body["posting"]["reference"] == "P9"
    assert Posting.objects.get().gross == D("24.20")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"transaction_code": "NOPE", "unit_amount": "5"}, "invalid"),
        ({"transaction_code": "PAY-CASH", "unit_amount": "5"}, "not_a_charge_code"),
        ({"transaction_code": "MINI", "unit_amount": "0"}, "invalid"),
        ({"transaction_code": "MINI", "unit_amount": "-4"}, "invalid"),
        ({"transaction_code": "MINI", "unit_amount": "1.234"}, "invalid"),
        ({"transaction_code": "MINI", "unit_amount": "5", "quantity": 0}, "invalid"),
        ({"transaction_code": "MINI", "unit_amount": "5", "reference": "4111111111111111"}, "card_number_refused"),
    ],
)
def test_a_bad_charge_is_422_and_posts_nothing(desk, folio, body, code):
    resp = desk.post(base(folio) + "/postings", body)
    assert resp.status_code == 422, resp.content
    assert resp.json()["code"] == code
    assert not Posting.objects.exists()


def test_payments_are_negative_and_keep_card_details_we_may_store(desk, folio):
    desk.post(base(folio) + "/postings", {"transaction_code": "FB", "unit_amount": "30"})
    resp = desk.post(
        base(folio) + "/payments",
        {"method": "card", "amount": "30", "card_brand": "VISA", "card_last4": "4242", "card_token": "tok_abc"},
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["balance"] == "0.00" and body["posting"]["gross"] == "-30.00"
    assert body["posting"]["payment_method"] == "card" and body["posting"]["card_last4"] == "4242"
    assert "card_token" not in body["posting"]


def test_a_card_number_sent_as_a_token_is_refused(desk, folio):
    resp = desk.post(base(folio) + "/payments", {"method": "card", "amount": "30", "card_token": "4111111111111111"})
    assert resp.status_code == 422 and resp.json()["code"] == "card_number_refused"
    assert not Posting.objects.exists()


def test_refunds_over_what_was_paid_are_409_and_within_it_201(desk, boss, folio, on_shift):
    desk.post(base(folio) + "/payments", {"method": "cash", "amount": "50"})
    resp = boss.post(base(folio) + "/refunds", {"method": "cash", "amount": "50.01", "reason": "Overpaid"})
    assert resp.status_code == 409 and resp.json()["code"] == "refund_exceeds_paid"
    resp = boss.post(base(folio) + "/refunds", {"method": "card", "amount": "1", "reason": "Overpaid"})
    assert resp.status_code == 409 and resp.json()["code"] == "refund_method_not_paid"
    resp = boss.post(base(folio) + "/refunds", {"method": "cash", "amount": "50", "reason": "Overpaid"})
    assert resp.status_code == 201 and resp.json()["balance"] == "0.00"
    assert resp.json()["posting"]["reason"] == "Overpaid"


def test_an_agent_may_not_refund(desk, folio, on_shift):
    desk.post(base(folio) + "/payments", {"method": "cash", "amount": "50"})
    resp = desk.post(base(folio) + "/refunds", {"method": "cash", "amount": "5", "reason": "x"})
    assert resp.status_code == 403 and resp.json()["code"] == "permission_denied"


def test_reversing_a_posting_and_the_refusals_that_follow(desk, boss, folio):
    small = desk.post(base(folio) + "/postings", {"transaction_code": "MINI", "unit_amount": "5"}).json()["posting"]
    big = desk.post(base(folio) + "/postings", {"transaction_code": "FB", "unit_amount": "80"}).json()["posting"]
    resp = desk.post(f"/properties/TEST/postings/{small['id']}/reverse", {"reason": "Not consumed"})
    assert resp.status_code == 201
    assert resp.json()["posting"]["reversal_of"] == small["id"] and resp.json()["posting"]["gross"] == "-5.00"
    again = desk.post(f"/properties/TEST/postings/{small['id']}/reverse", {"reason": "Again"})
    assert again.status_code == 409 and again.json()["code"] == "already_reversed"
    needs = desk.post(f"/properties/TEST/postings/{big['id']}/reverse", {"reason": "Wrong folio"})
    assert needs.status_code == 403 and needs.json()["code"] == "needs_manager"
    done = boss.post(f"/properties/TEST/postings/{big['id']}/reverse", {"reason": "Wrong folio"})
    assert done.status_code == 201 and done.json()["balance"] == "0.00"
    assert desk.post(f"/properties/TEST/postings/{big['id']}/reverse", {"reason": ""}).status_code == 422
    assert AuditEntry.objects.filter(entity="folio", action="reverse").count() == 2


def test_another_propertys_folio_and_posting_are_404(api_as, folio, other_hotel, codes):
    transaction_codes_install(property=other_hotel.property)
    outsider = api_as(make_user("outsider", "administrator", other_hotel.property))

    assert (
        outsider.post(
            f"/properties/OTHER/folios/{folio.pk}/postings", {"transaction_code": "MINI", "unit_amount": "1"}
        ).status_code
        == 404
    )
    assert (
        outsider.post(f"/properties/TEST/folios/{folio.pk}/payments", {"method": "cash", "amount": "1"}).status_code
        == 404
    )


def test_unknown_folio_and_posting_ids_are_404(desk, folio):
    assert desk.post("/properties/TEST/folios/999999/payments", {"method": "cash", "amount": "1"}).status_code == 404
    resp = desk.post("/properties/TEST/postings/999999/reverse", {"reason": "x"})
    assert resp.status_code == 404 and resp.json()["code"] == "not_found"
    assert desk.get("/properties/TEST/reservations/NOPE/folios").status_code == 404


def test_a_refund_refusal_speaks_spanish(boss, folio, on_shift):
    with translation.override(translation.get_language()):
        boss.headers["HTTP_ACCEPT_LANGUAGE"] = "es"
        boss.post(base(folio) + "/payments", {"method": "cash", "amount": "20"})
        resp = boss.post(base(folio) + "/refunds", {"method": "cash", "amount": "25", "reason": "Sobrepago"})
    assert resp.status_code == 409
    assert resp.json()["detail"] == (
        "En esta cuenta se pueden reembolsar como máximo 20.00 con la forma de pago Efectivo."
    )
