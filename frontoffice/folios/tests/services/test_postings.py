"""Posting charges and payments, opening windows, the audit trail and the append-only table."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.folios.models import Folio, Posting
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    transaction_codes_install,
)

D = Decimal


def charge(folio, actor, codes, code="MINI", amount="11.00", quantity=1, **kw):
    return folio_post_charge(
        folio=folio, actor=actor, transaction_code=codes[code], unit_amount=D(amount), quantity=quantity, **kw
    )


def test_installing_transaction_codes_twice_creates_them_once(hotel, codes):
    assert {"ROOM", "MINI", "CITYTAX", "PAY-CASH", "PAY-CARD", "REFUND-CARD"} <= set(codes)
    assert codes["ROOM"].tax_rate == hotel.property.vat_rate
    assert codes["PAY-CASH"].is_payment and codes["PAY-CASH"].payment_method == "cash"
    assert codes["ROOM"].ledger_account.startswith("7000")
    assert transaction_codes_install(property=hotel.property) == 0


def test_a_reservation_gets_window_one_once_and_more_windows_on_request(reservation, agent):
    first = folio_for_reservation(reservation=reservation, actor=agent)
    assert folio_for_reservation(reservation=reservation, actor=agent) == first
    second = folio_for_reservation(reservation=reservation, actor=agent, window=2)
    assert (first.window, second.window) == (1, 2)
    assert first.payer_guest == reservation.guest and first.kind == "guest" and first.status == "open"
    assert Folio.objects.filter(reservation=reservation).count() == 2
    assert AuditEntry.objects.filter(entity="folio", action="open").count() == 2


@pytest.mark.parametrize("window", [0, 9])
def test_there_are_at_most_eight_windows(reservation, agent, window):
    with pytest.raises(InvalidInput):
        folio_for_reservation(reservation=reservation, actor=agent, window=window)
    assert not Folio.objects.exists()


def test_a_charge_is_priced_with_the_codes_tax_on_the_business_date_and_audited(hotel, folio, agent, codes):
    posting = charge(folio, agent, codes, amount="4.50", quantity=3, description="Water", reference="R-1")
    assert (posting.net, posting.tax, posting.gross) == (D("12.27"), D("1.23"), D("13.50"))
    assert posting.business_date == hotel.property.business_date
    assert posting.actor == agent and posting.description == "Water" and posting.reference == "R-1"
    assert folio_balance(folio=folio) == D("13.50")
    entry = AuditEntry.objects.get(entity="folio", action="charge")
    assert entry.entity_id == str(folio.pk) and entry.changes["gross"] == "13.50" and entry.actor == agent


def test_charges_are_tax_exclusive_where_the_propertys_prices_are(hotel, folio, agent, codes):
    hotel.property.prices_include_vat = False
    hotel.property.save()
    posting = charge(folio, agent, codes, code="PARK", amount="10.00")
    assert (posting.net, posting.tax, posting.gross) == (D("10.00"), D("2.10"), D("12.10"))


def test_a_payment_lowers_the_balance_and_keeps_only_brand_last_four_and_token(folio, agent, codes, on_shift):
    charge(folio, agent, codes, amount="100.00")
    posting = folio_post_payment(
        folio=folio,
        actor=agent,
        method="card",
        amount=D("60"),
        card_brand="VISA",
        card_last4="4242",
        card_token="tok_9",
    )
    assert posting.gross == D("-60.00") and posting.tax == 0 and posting.transaction_code.code == "PAY-CARD"
    assert (posting.card_brand, posting.card_last4, posting.card_token) == ("VISA", "4242", "tok_9")
    assert folio_balance(folio=folio) == D("40.00")
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("50"))
    assert folio_balance(folio=folio) == D("-10.00")


@pytest.mark.parametrize(
    "fields",
    [
        {"card_token": "4111111111111111"},
        {"card_token": "tok 4111 1111 1111 1111"},
        {"reference": "4111-1111-1111-1111"},
        {"card_last4": "42"},
        {"card_last4": "abcd"},
        {"card_brand": "VISA 5555555555554444"},
    ],
)
def test_card_numbers_and_bad_last_four_are_refused_and_nothing_is_posted(folio, agent, codes, fields):
    with pytest.raises(InvalidInput):
        folio_post_payment(folio=folio, actor=agent, method="card", amount=D("10"), **fields)
    assert not Posting.objects.exists()


@pytest.mark.parametrize(
    ("kw", "error"),
    [
        ({"method": "bitcoin", "amount": D("10")}, InvalidInput),
        ({"method": "cash", "amount": D("0")}, InvalidInput),
        ({"method": "cash", "amount": D("-5")}, InvalidInput),
        ({"method": "cash", "amount": D("10"), "card_last4": "4242"}, InvalidInput),
    ],
)
def test_bad_payments_change_nothing(folio, agent, codes, kw, error):
    with pytest.raises(error):
        folio_post_payment(folio=folio, actor=agent, **kw)
    assert not Posting.objects.exists() and not AuditEntry.objects.filter(action="payment").exists()


@pytest.mark.parametrize(
    ("code", "amount", "quantity"),
    [("PAY-CASH", "10", 1), ("REFUND-CASH", "10", 1), ("MINI", "0", 1), ("MINI", "-3", 1), ("MINI", "3", 0)],
)
def test_bad_charges_change_nothing(folio, agent, codes, code, amount, quantity):
    with pytest.raises(InvalidInput):
        charge(folio, agent, codes, code=code, amount=amount, quantity=quantity)
    assert not Posting.objects.exists()


def test_a_charge_code_of_another_property_is_refused(folio, agent, other_hotel):
    transaction_codes_install(property=other_hotel.property)
    foreign = {c.code: c for c in other_hotel.property.transaction_codes.all()}
    with pytest.raises(InvalidInput):
        charge(folio, agent, foreign)
    assert not Posting.objects.exists()


def test_a_method_without_a_transaction_code_is_refused(folio, agent, codes):
    codes["PAY-VOUCHER"].active = False
    codes["PAY-VOUCHER"].save()
    with pytest.raises(Conflict) as exc:
        folio_post_payment(folio=folio, actor=agent, method="voucher", amount=D("10"))
    assert exc.value.code == "no_transaction_code"


def test_a_closed_folio_takes_no_postings(folio, agent, codes):
    Folio.objects.filter(pk=folio.pk).update(status="closed")
    with pytest.raises(Conflict) as exc:
        charge(folio, agent, codes)
    assert exc.value.code == "folio_closed"
    assert not Posting.objects.exists()


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("porter", False),
        ("concierge", False),
        ("accountant", False),
        ("night_auditor", True),
        ("front_desk_agent", True),
    ],
)
def test_who_may_post_charges(hotel, folio, codes, role, allowed):
    from frontoffice.reservations.tests.factories import make_user

    user = make_user(f"u-{role}", role, hotel.property)
    if allowed:
        charge(folio, user, codes)
    else:
        with pytest.raises(PermissionDenied):
            charge(folio, user, codes)
        assert not Posting.objects.exists()


def test_the_night_auditor_may_not_take_payments(hotel, folio, codes):
    from frontoffice.reservations.tests.factories import make_user

    auditor = make_user("auditor", "night_auditor", hotel.property)
    with pytest.raises(PermissionDenied):
        folio_post_payment(folio=folio, actor=auditor, method="cash", amount=D("5"))


def test_the_database_refuses_to_update_or_delete_a_posting(folio, agent, codes):
    posting = charge(folio, agent, codes)
    for sql in (
        "UPDATE folios_posting SET gross = 0, net = 0, tax = 0 WHERE id = %s",
        "DELETE FROM folios_posting WHERE id = %s",
    ):
        with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [posting.pk])
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).update(description="changed")
    with pytest.raises((IntegrityError, DatabaseError)), transaction.atomic():
        Posting.objects.filter(pk=posting.pk).delete()
    posting.refresh_from_db()
    assert posting.gross == D("11.00") and posting.description == codes["MINI"].name


def test_the_database_refuses_a_gross_that_is_not_net_plus_tax_and_a_bad_last_four(folio, agent, codes):
    base = {
        "property": folio.property,
        "folio": folio,
        "business_date": folio.property.business_date,
        "transaction_code": codes["MINI"],
        "unit_amount": D("1"),
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(**base, net=D("1"), tax=D("0.10"), gross=D("1.20"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(**base, net=D("1"), tax=D("0"), gross=D("1"), card_last4="12a4")
    assert not Posting.objects.exists()


def test_amounts_whose_float_sum_is_inexact_still_post(folio, agent, codes):
    # 19.70 + 1.97 is 21.669999… in floating point, which SQLite uses for decimals.
    posting = charge(folio, agent, codes, code="ROOM", amount="21.67")
    assert (posting.net, posting.tax, posting.gross) == (D("19.70"), D("1.97"), D("21.67"))
