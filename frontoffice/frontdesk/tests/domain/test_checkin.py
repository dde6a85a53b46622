"""Check-in, check-out and revert rules without a database."""

import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.frontdesk.domain.checkin import (
    CheckInFacts,
    Refusal,
    TravellerData,
    check_in_refusals,
    check_out_refusals,
    registration_problems,
    revert_refusals,
    traveller_problems,
    unresolved,
)

TODAY = dt.date(2026, 6, 10)


def facts(**kw):
    base = {
        "status": "confirmed",
        "arrival": TODAY,
        "departure": TODAY + dt.timedelta(days=2),
        "business_date": TODAY,
        "room_assigned": True,
        "room_condition": "inspected",
    }
    return CheckInFacts(**(base | kw))


def test_an_expected_guest_in_a_ready_room_checks_in():
    assert check_in_refusals(facts()) == []
    assert check_in_refusals(facts(room_condition="clean")) == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"status": "in_house"}, [Refusal.NOT_EXPECTED]),
        ({"status": "cancelled"}, [Refusal.NOT_EXPECTED]),
        ({"departure": TODAY, "arrival": TODAY - dt.timedelta(days=2)}, [Refusal.NOT_EXPECTED]),
        ({"arrival": TODAY + dt.timedelta(days=1), "departure": TODAY + dt.timedelta(days=3)}, [Refusal.EARLY_ARRIVAL]),
        ({"arrival": TODAY - dt.timedelta(days=1)}, [Refusal.LATE_ARRIVAL]),
        ({"room_assigned": False}, [Refusal.ROOM_NOT_ASSIGNED]),
        ({"room_condition": "dirty"}, [Refusal.ROOM_NOT_READY]),
        ({"room_out_of_order": True}, [Refusal.ROOM_OUT_OF_ORDER]),
        ({"room_occupied": True, "room_condition": "dirty"}, [Refusal.ROOM_OCCUPIED, Refusal.ROOM_NOT_READY]),
        ({"deposit_outstanding": Decimal("50")}, [Refusal.DEPOSIT_MISSING]),
        ({"do_not_rent": True}, [Refusal.DO_NOT_RENT]),
        ({"registration_problems": ("1.document_number",)}, [Refusal.REGISTRATION_INCOMPLETE]),
    ],
)
def test_each_refusal_has_its_reason(changes, expected):
    assert check_in_refusals(facts(**changes)) == expected


def test_an_agent_overrides_a_dirty_room_with_a_reason_but_only_a_manager_an_early_arrival():
    refusals = [Refusal.ROOM_NOT_READY, Refusal.EARLY_ARRIVAL]
    reasons = {"room_not_ready": "Checked by hand", "early_arrival": "Flight landed early"}
    assert unresolved(refusals, reasons, manager=False) == [Refusal.EARLY_ARRIVAL]
    assert unresolved(refusals, reasons, manager=True) == []
    assert unresolved(refusals, {"room_not_ready": "  "}, manager=True) == refusals  # a reason is required


@pytest.mark.parametrize(
    "refusal", [Refusal.DO_NOT_RENT, Refusal.ROOM_OCCUPIED, Refusal.ROOM_NOT_ASSIGNED, Refusal.REGISTRATION_INCOMPLETE]
)
def test_some_refusals_are_never_overridden(refusal):
    assert unresolved([refusal], {refusal.value: "Please"}, manager=True) == [refusal]


def adult(**kw):
    base = {
        "first_name": "Ana",
        "last_name": "Ruiz",
        "document_type": "dni",
        "document_number": "12345678Z",
        "document_country": "ES",
        "nationality": "ES",
        "birth_date": dt.date(1985, 3, 2),
        "address": "Calle Mayor 1, Madrid",
        "is_main": True,
    }
    return TravellerData(**(base | kw))


def test_a_complete_adult_has_no_problems_and_each_missing_field_is_named():
    assert traveller_problems(adult(), arrival=TODAY) == []
    assert traveller_problems(adult(document_number=""), arrival=TODAY) == ["document_number"]
    assert traveller_problems(adult(address=""), arrival=TODAY) == ["address"]
    assert traveller_problems(adult(address="", is_main=False), arrival=TODAY) == []
    assert traveller_problems(adult(document_expiry=TODAY - dt.timedelta(days=1)), arrival=TODAY) == ["document_expiry"]
    assert traveller_problems(adult(birth_date=None), arrival=TODAY) == ["birth_date"]


def test_a_child_under_fourteen_is_registered_without_a_document():
    child = adult(birth_date=dt.date(2016, 1, 1), document_type="", document_number="", document_country="")
    assert traveller_problems(child, arrival=TODAY) == []
    fourteen = adult(birth_date=dt.date(2012, 6, 10), document_number="")
    assert traveller_problems(fourteen, arrival=TODAY) == ["document_number"]


def test_the_registration_has_one_main_guest_and_one_entry_per_person():
    main, companion = adult(), adult(first_name="Luis", is_main=False)
    assert registration_problems([main, companion], party_size=2, arrival=TODAY) == []
    assert registration_problems([main], party_size=2, arrival=TODAY) == ["party_size"]
    assert registration_problems([companion, companion], party_size=2, arrival=TODAY) == ["main_guest"]
    assert registration_problems([main, adult(is_main=False, nationality="")], party_size=2, arrival=TODAY) == [
        "2.nationality"
    ]


def test_check_out_needs_a_guest_in_house_and_a_settled_bill():
    assert check_out_refusals(status="in_house", balance=Decimal("0")) == []
    assert check_out_refusals(status="in_house", balance=Decimal("12.50")) == [Refusal.BALANCE_DUE]
    assert check_out_refusals(status="in_house", balance=Decimal("-5")) == [Refusal.BALANCE_DUE]
    assert check_out_refusals(status="confirmed", balance=Decimal("0")) == [Refusal.NOT_IN_HOUSE]


def test_a_check_in_is_reverted_the_same_day_before_anything_is_posted():
    assert revert_refusals(checked_in_on=TODAY, business_date=TODAY, other_postings=0) == []
    assert revert_refusals(checked_in_on=TODAY - dt.timedelta(days=1), business_date=TODAY, other_postings=0) == [
        Refusal.REVERT_NOT_SAME_DAY
    ]
    assert revert_refusals(checked_in_on=TODAY, business_date=TODAY, other_postings=2) == [Refusal.REVERT_HAS_POSTINGS]
