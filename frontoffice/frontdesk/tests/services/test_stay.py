"""Check-in, check-out, reverting a check-in, keys and walk-ins."""

import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.folios.models import Folio, Posting
from frontoffice.folios.services import deposit_held, deposit_take, folio_for_reservation, folio_post_charge
from frontoffice.folios.services import folio_post_payment as pay
from frontoffice.frontdesk.models import KeyIssue, StayRecord, Traveller
from frontoffice.frontdesk.services import check_in, check_in_revert, check_out, keys_issue, walk_in_create
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import InventoryNight, Room

D = Decimal


def today(hotel):
    return hotel.property.business_date


def person(first="Ana", last="Ruiz", main=True, **kw):
    return {
        "first_name": first,
        "last_name": last,
        "document_type": "dni",
        "document_number": "12345678Z",
        "document_country": "ES",
        "nationality": "ES",
        "birth_date": dt.date(1985, 3, 2),
        "address": "Calle Mayor 1, Madrid" if main else "",
        "is_main": main,
    } | kw


PAIR = [person(), person("Luis", "Ruiz", main=False, document_number="87654321X")]


@pytest.fixture
def arriving(hotel, agent, codes):
    """A couple arriving today in room 101, which is clean."""
    (res,) = book(hotel, agent, arrival=today(hotel), nights=2, adults=2)
    room = hotel.rooms[0]
    Reservation.objects.filter(pk=res.pk).update(room=room)
    Room.objects.filter(pk=room.pk).update(condition="inspected")
    res.refresh_from_db()
    return res


def test_checking_in_registers_both_travellers_issues_keys_and_puts_the_guest_in_house(arriving, agent):
    res = check_in(reservation=arriving, actor=agent, travellers=PAIR, keys=2)
    assert res.status == "in_house"
    names = list(Traveller.objects.filter(reservation=res).values_list("first_name", "is_main"))
    assert names == [("Ana", True), ("Luis", False)]
    assert KeyIssue.objects.get(reservation=res).count == 2
    record = StayRecord.objects.get(reservation=res)
    assert (record.event, record.actor, record.room_id, record.overrides) == ("check_in", agent, res.room_id, {})
    res.guest.refresh_from_db()
    assert res.guest.document_number == "12345678Z"  # the profile learns the document


def test_every_reason_is_given_at_once_and_nothing_changes(arriving, agent):
    Room.objects.filter(pk=arriving.room_id).update(condition="dirty")
    with pytest.raises(Conflict) as refused:
        check_in(reservation=arriving, actor=agent, travellers=[person(document_number="")])
    codes = [e["code"] for e in refused.value.errors]
    assert codes == ["room_not_ready", "registration_incomplete"]
    assert (
        "party_size" in refused.value.errors[1]["message"] and "document_number" in refused.value.errors[1]["message"]
    )
    arriving.refresh_from_db()
    assert arriving.status == "confirmed" and not Traveller.objects.exists()


def test_an_agent_takes_a_dirty_room_with_a_reason_which_is_recorded(arriving, agent):
    Room.objects.filter(pk=arriving.room_id).update(condition="dirty")
    res = check_in(
        reservation=arriving, actor=agent, travellers=PAIR, overrides={"room_not_ready": "Guest checked it, fine"}
    )
    assert res.status == "in_house"
    assert StayRecord.objects.get(reservation=res).overrides == {"room_not_ready": "Guest checked it, fine"}


def test_an_early_arrival_needs_a_manager(hotel, agent, manager, codes):
    (res,) = book(hotel, agent, arrival=today(hotel) + dt.timedelta(days=1), nights=2, adults=2)
    Reservation.objects.filter(pk=res.pk).update(room=hotel.rooms[1])
    res.refresh_from_db()
    reason = {"early_arrival": "Room free since yesterday"}
    with pytest.raises(Conflict) as refused:
        check_in(reservation=res, actor=agent, travellers=PAIR, overrides=reason)
    assert refused.value.code == "early_arrival"
    assert check_in(reservation=res, actor=manager, travellers=PAIR, overrides=reason).status == "in_house"


def test_a_do_not_rent_guest_is_refused_even_by_a_manager(arriving, manager):
    guest = arriving.guest
    guest.do_not_rent = True
    guest.save()
    with pytest.raises(Conflict) as refused:
        check_in(reservation=arriving, actor=manager, travellers=PAIR, overrides={"do_not_rent": "VIP"})
    assert refused.value.code == "do_not_rent"


def test_a_missing_deposit_refuses_until_paid_and_the_deposit_then_moves_to_the_bill(hotel, agent, codes):
    (res,) = book(hotel, agent, plan="NRF", arrival=today(hotel), nights=2, adults=2)
    Reservation.objects.filter(pk=res.pk).update(room=hotel.rooms[2])
    res.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        check_in(reservation=res, actor=agent, travellers=PAIR)
    assert refused.value.code == "deposit_missing"
    deposit_take(reservation=res, actor=agent, method="card", amount=res.total, card_brand="Visa")
    check_in(reservation=res, actor=agent, travellers=PAIR)
    assert deposit_held(reservation=res) == D("0.00")
    window = Folio.objects.get(reservation=res, window=1, kind="guest")
    assert sum(Posting.objects.filter(folio=window).values_list("gross", flat=True)) == -res.total


def test_a_room_already_occupied_is_refused(hotel, arriving, agent):
    # Last night's guest, due out today, has not checked out yet.
    (other,) = book(hotel, agent, arrival=today(hotel), nights=1, adults=2)
    Reservation.objects.filter(pk=other.pk).update(
        room_id=arriving.room_id, status="in_house", arrival=today(hotel) - dt.timedelta(days=1), departure=today(hotel)
    )
    with pytest.raises(Conflict) as refused:
        check_in(reservation=arriving, actor=agent, travellers=PAIR)
    assert refused.value.code == "room_occupied"


def test_bad_registration_input_is_a_clear_422(arriving, agent):
    with pytest.raises(InvalidInput):
        check_in(reservation=arriving, actor=agent, travellers=[person(nationality="SPAIN")])
    with pytest.raises(InvalidInput):
        check_in(reservation=arriving, actor=agent, travellers=[person(shoe_size=42)])
    with pytest.raises(InvalidInput):
        check_in(reservation=arriving, actor=agent, travellers=PAIR, keys=11)
    with pytest.raises(InvalidInput):
        check_in(reservation=arriving, actor=agent, travellers=[person(birth_date="2nd of March")])
    assert check_in(reservation=arriving, actor=agent, travellers=[person(birth_date="1985-03-02"), PAIR[1]])


def test_check_out_is_refused_with_a_balance_and_goes_through_when_settled(hotel, arriving, agent, codes):
    res = check_in(reservation=arriving, actor=agent, travellers=PAIR)
    folio = folio_for_reservation(reservation=res, actor=agent)
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["ROOM"], unit_amount=D("100"))
    with pytest.raises(Conflict) as refused:
        check_out(reservation=res, actor=agent)
    assert refused.value.code == "balance_due" and "100.00" in refused.value.detail
    pay(folio=folio, actor=agent, method="card", amount=D("100"), card_brand="Visa")
    res = check_out(reservation=res, actor=agent).reservation
    assert res.status == "checked_out"
    assert Room.objects.get(pk=res.room_id).condition == "dirty"
    folio.refresh_from_db()
    assert folio.status == "closed"


def test_a_manager_checks_out_with_a_balance_giving_a_reason(arriving, agent, manager, codes):
    res = check_in(reservation=arriving, actor=agent, travellers=PAIR)
    folio_post_charge(
        folio=folio_for_reservation(reservation=res, actor=agent),
        actor=agent,
        transaction_code=codes["FB"],
        unit_amount=D("9"),
    )
    with pytest.raises(Conflict):
        check_out(reservation=res, actor=agent, override_reason="Will pay tomorrow")
    res = check_out(reservation=res, actor=manager, override_reason="Will pay tomorrow").reservation
    assert res.status == "checked_out"
    assert StayRecord.objects.get(reservation=res, event="check_out").overrides == {"balance_due": "Will pay tomorrow"}


def test_an_early_departure_gives_the_unused_nights_back(hotel, agent, codes):
    (res,) = book(hotel, agent, arrival=today(hotel), nights=3, adults=2)
    Reservation.objects.filter(pk=res.pk).update(room=hotel.rooms[3])
    res.refresh_from_db()
    res = check_in(reservation=res, actor=agent, travellers=PAIR)
    total_before = res.total
    hotel.property.business_date += dt.timedelta(days=1)
    hotel.property.save()
    res = check_out(reservation=res, actor=agent).reservation
    assert res.departure == today(hotel) and res.nights == 1
    assert res.total < total_before
    rt = res.room_type
    sold = dict(InventoryNight.objects.filter(room_type=rt).values_list("date", "sold"))
    assert sold[today(hotel) - dt.timedelta(days=1)] == 1
    assert sold[today(hotel)] == 0 and sold[today(hotel) + dt.timedelta(days=1)] == 0


def test_a_check_in_made_by_mistake_is_reverted_the_same_day_with_its_deposit(hotel, agent, manager, codes):
    (res,) = book(hotel, agent, plan="NRF", arrival=today(hotel), nights=2, adults=2)
    Reservation.objects.filter(pk=res.pk).update(room=hotel.rooms[2])
    res.refresh_from_db()
    deposit_take(reservation=res, actor=agent, method="card", amount=res.total, card_brand="Visa")
    res = check_in(reservation=res, actor=agent, travellers=PAIR)
    with pytest.raises(PermissionDenied):
        check_in_revert(reservation=res, actor=agent, reason="Wrong guest")
    res = check_in_revert(reservation=res, actor=manager, reason="Wrong guest")
    assert res.status == "confirmed" and deposit_held(reservation=res) == res.total
    assert list(StayRecord.objects.filter(reservation=res).values_list("event", flat=True)) == [
        "check_in",
        "check_in_reverted",
    ]


def test_a_check_in_with_charges_posted_since_is_not_reverted(arriving, agent, manager, codes):
    res = check_in(reservation=arriving, actor=agent, travellers=PAIR)
    folio_post_charge(
        folio=folio_for_reservation(reservation=res, actor=agent),
        actor=agent,
        transaction_code=codes["MINI"],
        unit_amount=D("4"),
    )
    with pytest.raises(Conflict) as refused:
        check_in_revert(reservation=res, actor=manager, reason="Oops")
    assert refused.value.code == "revert_has_postings"


def test_more_keys_for_a_guest_in_house(arriving, agent):
    res = check_in(reservation=arriving, actor=agent, travellers=PAIR, keys=1)
    keys_issue(reservation=res, actor=agent, count=1)
    assert sum(KeyIssue.objects.filter(reservation=res).values_list("count", flat=True)) == 2
    with pytest.raises(InvalidInput):
        keys_issue(reservation=res, actor=agent, count=0)


def test_a_walk_in_is_a_reservation_for_tonight_with_the_walk_in_channel(hotel, agent):
    from frontoffice.reservations.tests.factories import GuestFactory

    res = walk_in_create(
        property=hotel.property,
        actor=agent,
        room_type=hotel.room_types["DBL"],
        rate_plan=hotel.plans["BAR"],
        nights=2,
        guest=GuestFactory(property=hotel.property),
        adults=2,
    )
    assert (res.channel, res.arrival, res.nights, res.status) == ("walk_in", today(hotel), 2, "confirmed")
    assert res.total > 0


def test_a_late_check_out_fee_goes_on_the_bill_before_settling(arriving, agent, codes):
    from frontoffice.frontdesk.services import late_check_out_fee_post

    with pytest.raises(Conflict):
        late_check_out_fee_post(reservation=arriving, actor=agent, amount=D("30"))  # not in house yet
    res = check_in(reservation=arriving, actor=agent, travellers=PAIR)
    fee = late_check_out_fee_post(reservation=res, actor=agent, amount=D("30"))
    assert fee.transaction_code.code == "LATE-CO" and fee.gross == D("30.00") and fee.folio.window == 1
    with pytest.raises(Conflict) as refused:
        check_out(reservation=res, actor=agent)
    assert refused.value.code == "balance_due" and "30.00" in refused.value.detail
