import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from frontoffice.core.domain.errors import Conflict, IllegalTransition, InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.rates.services import rates_bulk_update
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.selectors import waitlist_confirmable
from frontoffice.reservations.services import (
    NoAvailability,
    overbooking_set,
    reservation_cancel,
    reservation_confirm,
    reservation_modify,
)
from frontoffice.reservations.tests.factories import GuestFactory, assert_inventory_matches_bookings
from frontoffice.reservations.tests.services.test_booking import D, book, sold
from frontoffice.rooms.models import InventoryNight
from frontoffice.rooms.services import room_block_create, room_block_release


def recount_matches(hotel):
    assert_inventory_matches_bookings(hotel.property)


def test_several_rooms_in_one_booking_share_a_party(hotel, agent):
    rooms = book(hotel, agent, rooms=3)
    assert len({r.confirmation for r in rooms}) == 3
    assert {r.party for r in rooms} == {rooms[0].confirmation}
    assert sold(hotel, "DBL", D) == 3


def test_asking_for_more_rooms_than_free_books_none(hotel, agent):
    with pytest.raises(NoAvailability):
        book(hotel, agent, rooms=6)
    assert Reservation.objects.count() == 0
    recount_matches(hotel)


def test_moving_dates_releases_old_nights_and_takes_new_ones(hotel, agent):
    (res,) = book(hotel, agent, nights=2)
    reservation_modify(
        reservation=res, actor=agent, arrival=D + dt.timedelta(days=5), departure=D + dt.timedelta(days=8)
    )
    res.refresh_from_db()
    assert (res.arrival, res.departure, res.room_total) == (
        D + dt.timedelta(days=5),
        D + dt.timedelta(days=8),
        Decimal("300.00"),
    )
    assert sold(hotel, "DBL", D) == 0
    assert sold(hotel, "DBL", D + dt.timedelta(days=6)) == 1
    recount_matches(hotel)


def test_extending_into_a_full_night_changes_nothing(hotel, agent):
    book(hotel, agent, type_code="SGL", adults=1, arrival=D + dt.timedelta(days=2))
    book(hotel, agent, type_code="SGL", adults=1, arrival=D + dt.timedelta(days=2))
    (res,) = book(hotel, agent, type_code="SGL", adults=1, nights=2)  # D, D+1: free
    with pytest.raises(NoAvailability):
        reservation_modify(reservation=res, actor=agent, departure=D + dt.timedelta(days=3))
    res.refresh_from_db()
    assert res.departure == D + dt.timedelta(days=2)
    recount_matches(hotel)


def test_shifting_a_stay_within_a_full_house_counts_its_own_room(hotel, agent):
    for _ in range(5):
        book(hotel, agent, nights=3)
    res = Reservation.objects.first()
    # All 5 doubles are sold on D..D+2; shortening the stay must still be allowed.
    reservation_modify(reservation=res, actor=agent, departure=D + dt.timedelta(days=2))
    assert sold(hotel, "DBL", D + dt.timedelta(days=2)) == 4
    recount_matches(hotel)


def test_changing_room_type_and_occupancy_reprices(hotel, agent):
    (res,) = book(hotel, agent, type_code="SGL", adults=1, nights=1)
    reservation_modify(reservation=res, actor=agent, room_type=hotel.room_types["DBL"], adults=3)
    res.refresh_from_db()
    assert res.room_type.code == "DBL"
    assert res.room_total == Decimal("120.00")  # 100 + one extra adult at 20
    assert sold(hotel, "SGL", D) == 0 and sold(hotel, "DBL", D) == 1


def test_changing_plan_reprices_with_the_derived_rate(hotel, agent):
    (res,) = book(hotel, agent, nights=2)
    reservation_modify(reservation=res, actor=agent, rate_plan=hotel.plans["NRF"])
    res.refresh_from_db()
    assert res.room_total == Decimal("180.00")
    # The deposit covers the room (VAT included); the city tax is collected at the hotel.
    assert res.guarantee == "deposit" and res.deposit_due == Decimal("180.00")


def test_every_change_is_in_the_audit_trail_with_before_and_after(hotel, agent):
    (res,) = book(hotel, agent, nights=2)
    reservation_modify(reservation=res, actor=agent, adults=1, details={"notes": "Late arrival"})
    entry = AuditEntry.objects.filter(entity="reservation", entity_id=res.confirmation, action="modify").get()
    assert entry.actor == agent
    assert entry.changes["adults"] == [2, 1]
    assert entry.changes["notes"] == ["", "Late arrival"]


def test_a_cancelled_reservation_cannot_be_changed_or_cancelled_again(hotel, agent):
    (res,) = book(hotel, agent)
    reservation_cancel(reservation=res, actor=agent, reason="duplicate")
    with pytest.raises(IllegalTransition):
        reservation_modify(reservation=res, actor=agent, adults=1)
    with pytest.raises(IllegalTransition):
        reservation_cancel(reservation=res, actor=agent, reason="again")
    assert sold(hotel, "DBL", D) == 0


def test_cancellation_inside_the_deadline_records_the_first_night_fee(hotel, agent):
    (res,) = book(hotel, agent, nights=3)
    arrival_at = dt.datetime.combine(D, hotel.property.check_in_time, tzinfo=hotel.property.tz)
    reservation_cancel(reservation=res, actor=agent, reason="ill", now=arrival_at - dt.timedelta(hours=10))
    res.refresh_from_db()
    assert res.cancellation_fee == Decimal("100.00")


def test_early_cancellation_is_free_and_non_refundable_is_not(hotel, agent):
    (flex,) = book(hotel, agent)
    (nrf,) = book(hotel, agent, plan="NRF")
    early = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
    reservation_cancel(reservation=flex, actor=agent, reason="plans changed", now=early)
    reservation_cancel(reservation=nrf, actor=agent, reason="plans changed", now=early)
    flex.refresh_from_db()
    nrf.refresh_from_db()
    assert flex.cancellation_fee == Decimal("0.00")
    assert nrf.cancellation_fee == Decimal("180.00")


def test_waiving_a_fee_needs_a_manager(hotel, agent, manager):
    (res,) = book(hotel, agent, plan="NRF")
    with pytest.raises(PermissionDenied):
        reservation_cancel(reservation=res, actor=agent, reason="goodwill", waive_fee=True)
    reservation_cancel(reservation=res, actor=manager, reason="goodwill", waive_fee=True)
    res.refresh_from_db()
    assert res.cancellation_fee == Decimal("0.00")


def test_a_full_house_goes_to_the_waitlist_and_is_confirmable_when_a_room_frees(hotel, agent):
    first = book(hotel, agent, type_code="SGL", adults=1)[0]
    book(hotel, agent, type_code="SGL", adults=1)
    (waiting,) = book(hotel, agent, type_code="SGL", adults=1, waitlist_if_full=True)
    assert waiting.status == "waitlisted"
    assert sold(hotel, "SGL", D) == 2
    assert waitlist_confirmable(property=hotel.property) == []
    with pytest.raises(NoAvailability):
        reservation_confirm(reservation=waiting, actor=agent)
    reservation_cancel(reservation=first, actor=agent, reason="cancelled")
    assert waitlist_confirmable(property=hotel.property) == [waiting]
    reservation_confirm(reservation=waiting, actor=agent)
    waiting.refresh_from_db()
    assert waiting.status == "confirmed" and sold(hotel, "SGL", D) == 2
    recount_matches(hotel)


def test_restrictions_are_not_waitlisted(hotel, agent):
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["DBL"]],
        rate_plans=[hotel.plans["BAR"]],
        start=D,
        end=D,
        values={"min_stay": 3},
    )
    with pytest.raises(NoAvailability) as exc:
        book(hotel, agent, nights=2, waitlist_if_full=True)
    assert exc.value.errors[0]["code"] == "min_stay"
    assert Reservation.objects.count() == 0


def test_an_option_expires_in_the_future_and_can_be_confirmed(hotel, agent):
    with pytest.raises(InvalidInput):
        book(hotel, agent, tentative_until=timezone.now() - dt.timedelta(hours=1))
    (res,) = book(hotel, agent, tentative_until=timezone.now() + dt.timedelta(days=3))
    assert res.status == "tentative" and sold(hotel, "DBL", D) == 1
    reservation_confirm(reservation=res, actor=agent)
    res.refresh_from_db()
    assert res.status == "confirmed" and res.option_expires_at is None


def test_a_do_not_rent_guest_needs_a_manager(hotel, agent, manager):
    banned = GuestFactory(property=hotel.property, do_not_rent=True, do_not_rent_reason="Damaged room 2025")
    with pytest.raises(PermissionDenied) as exc:
        book(hotel, agent, guest=banned)
    assert exc.value.code == "do_not_rent"
    (res,) = book(hotel, manager, guest=banned)
    assert res.guest == banned


def test_a_manager_overrides_the_price_with_a_reason(hotel, manager):
    with pytest.raises(InvalidInput):
        book(hotel, manager, nightly_price=Decimal("80"))
    (res,) = book(hotel, manager, nightly_price=Decimal("80"), override_reason="Loyal guest", nights=2)
    assert res.room_total == Decimal("160.00") and res.price_overridden
    assert AuditEntry.objects.get(entity_id=res.confirmation, action="create").reason == "Loyal guest"


def test_out_of_order_removes_a_room_from_sale(hotel, agent):
    room = next(r for r in hotel.rooms if r.room_type.code == "SGL")
    room_block_create(
        room=room, actor=hotel.admin, kind="out_of_order", start=D, end=D + dt.timedelta(days=3), reason="Leak"
    )
    book(hotel, agent, type_code="SGL", adults=1)
    with pytest.raises(NoAvailability):
        book(hotel, agent, type_code="SGL", adults=1)


def test_out_of_service_keeps_the_room_sellable(hotel, agent):
    room = next(r for r in hotel.rooms if r.room_type.code == "SGL")
    room_block_create(
        room=room, actor=hotel.admin, kind="out_of_service", start=D, end=D + dt.timedelta(days=3), reason="Paint"
    )
    book(hotel, agent, type_code="SGL", adults=1)
    book(hotel, agent, type_code="SGL", adults=1)


def test_out_of_order_is_refused_when_it_would_oversell_and_release_returns_the_room(hotel, agent):
    book(hotel, agent, type_code="SGL", adults=1)
    book(hotel, agent, type_code="SGL", adults=1)
    room = next(r for r in hotel.rooms if r.room_type.code == "SGL")
    with pytest.raises(Conflict) as exc:
        room_block_create(
            room=room, actor=hotel.admin, kind="out_of_order", start=D, end=D + dt.timedelta(days=1), reason="Leak"
        )
    assert exc.value.code == "would_oversell"
    later = D + dt.timedelta(days=20)
    block = room_block_create(
        room=room, actor=hotel.admin, kind="out_of_order", start=later, end=later + dt.timedelta(days=2), reason="Leak"
    )
    assert InventoryNight.objects.get(room_type=room.room_type, date=later).out_of_order == 1
    room_block_release(block=block, actor=hotel.admin)
    assert InventoryNight.objects.get(room_type=room.room_type, date=later).out_of_order == 0


def test_overbooking_allowance_lets_a_room_type_sell_past_its_rooms(hotel, agent, manager):
    overbooking_set(
        property=hotel.property,
        actor=manager,
        room_type=hotel.room_types["SGL"],
        start=D,
        end=D + dt.timedelta(days=1),
        rooms=1,
    )
    for _ in range(3):
        book(hotel, agent, type_code="SGL", adults=1)
    with pytest.raises(NoAvailability):
        book(hotel, agent, type_code="SGL", adults=1)
    with pytest.raises(Conflict):
        overbooking_set(
            property=hotel.property, actor=manager, room_type=hotel.room_types["SGL"], start=D, end=D, rooms=0
        )
    recount_matches(hotel)


def test_booking_on_a_closed_date_names_the_restriction(hotel, agent):
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["DBL"]],
        rate_plans=[hotel.plans["BAR"]],
        start=D + dt.timedelta(days=1),
        end=D + dt.timedelta(days=1),
        values={"closed": True},
    )
    with pytest.raises(NoAvailability) as exc:
        book(hotel, agent, nights=3)
    assert exc.value.errors[0]["code"] == "closed"
    assert "11 Jun 2026" in exc.value.detail


def test_arrival_before_the_business_date_is_refused(hotel, agent):
    with pytest.raises(NoAvailability) as exc:
        book(hotel, agent, arrival=hotel.property.business_date - dt.timedelta(days=1))
    assert any(e["code"] == "arrival_in_past" for e in exc.value.errors)


def test_booking_needs_the_right(hotel):
    from frontoffice.reservations.tests.factories import make_user

    concierge = make_user("concierge", "concierge", hotel.property)
    with pytest.raises(PermissionDenied):
        book(hotel, concierge)


def test_releasing_a_running_block_keeps_the_past_nights(hotel):
    room = next(r for r in hotel.rooms if r.room_type.code == "SGL")
    today = hotel.property.business_date
    start = today - dt.timedelta(days=2)
    block = room_block_create(
        room=room, actor=hotel.admin, kind="out_of_order", start=start, end=today + dt.timedelta(days=3), reason="Flood"
    )
    room_block_release(block=block, actor=hotel.admin)
    block.refresh_from_db()
    assert block.end == today and block.released_at is None
    ooo = dict(InventoryNight.objects.filter(room_type=room.room_type).values_list("date", "out_of_order"))
    assert ooo[start] == 1 and ooo[today - dt.timedelta(days=1)] == 1
    assert ooo[today] == 0 and ooo[today + dt.timedelta(days=2)] == 0


def test_waiving_restrictions_never_waives_capacity_or_the_business_date(hotel, agent):
    with pytest.raises(NoAvailability) as exc:
        book(hotel, agent, type_code="SGL", adults=2, check_restrictions=False)
    assert exc.value.errors[0]["code"] == "over_occupancy"
    with pytest.raises(NoAvailability) as exc:
        book(hotel, agent, arrival=hotel.property.business_date - dt.timedelta(days=3), check_restrictions=False)
    assert exc.value.errors[0]["code"] == "arrival_in_past"
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["DBL"]],
        rate_plans=[hotel.plans["BAR"]],
        start=D,
        end=D,
        values={"min_stay": 5},
    )
    (res,) = book(hotel, agent, nights=1, check_restrictions=False)
    assert res.status == "confirmed"


def test_a_negotiated_rate_is_sold_only_to_its_company_or_by_a_manager(hotel, agent, manager):
    from frontoffice.guests.services import company_create
    from frontoffice.rates.services import rate_plan_create
    from frontoffice.reservations.selectors import availability_get

    corp = rate_plan_create(
        property=hotel.property,
        actor=hotel.admin,
        code="CORP",
        name="Corporate",
        parent=hotel.plans["BAR"],
        derive_percent=Decimal("-20"),
        public=False,
    )
    acme = company_create(property=hotel.property, actor=hotel.admin, data={"name": "Acme"}, rate_plans=[corp])
    other = company_create(property=hotel.property, actor=hotel.admin, data={"name": "Other"})
    hotel.plans["CORP"] = corp

    def offered(**kw):
        (dbl, _sgl) = availability_get(
            property=hotel.property, arrival=D, departure=D + dt.timedelta(days=1), adults=2, children_ages=[], **kw
        )
        return [o.plan_code for o in dbl.result.rates]

    assert offered() == ["BAR", "NRF"]
    assert offered(negotiated={"CORP"}) == ["BAR", "CORP", "NRF"]  # by sort order, then code
    assert "CORP" in offered(include_restricted=True)
    with pytest.raises(PermissionDenied) as exc:
        book(hotel, agent, plan="CORP")
    assert exc.value.code == "restricted_rate"
    with pytest.raises(PermissionDenied):
        book(hotel, agent, plan="CORP", company=other)
    (res,) = book(hotel, agent, plan="CORP", company=acme)
    assert res.room_total == Decimal("160.00")
    (by_manager,) = book(hotel, manager, plan="CORP")
    (flex,) = book(hotel, agent)
    with pytest.raises(PermissionDenied):
        reservation_modify(reservation=flex, actor=agent, rate_plan=corp)


def test_out_of_order_is_refused_for_a_room_with_a_guest_assigned_and_when_only_overbooking_is_left(
    hotel, agent, manager
):
    single = [r for r in hotel.rooms if r.room_type.code == "SGL"]
    (res,) = book(hotel, agent, type_code="SGL", adults=1)
    Reservation.objects.filter(pk=res.pk).update(room=single[0])
    with pytest.raises(Conflict) as exc:
        room_block_create(
            room=single[0], actor=hotel.admin, kind="out_of_order", start=D, end=D + dt.timedelta(days=1), reason="Leak"
        )
    assert exc.value.code == "room_occupied"
    overbooking_set(property=hotel.property, actor=manager, room_type=hotel.room_types["SGL"], start=D, end=D, rooms=1)
    book(hotel, agent, type_code="SGL", adults=1)
    with pytest.raises(Conflict) as exc:  # both singles sold: an allowance is not a bed
        room_block_create(
            room=single[1], actor=hotel.admin, kind="out_of_order", start=D, end=D + dt.timedelta(days=1), reason="Leak"
        )
    assert exc.value.code == "would_oversell"


def test_a_new_room_counts_from_the_business_date_on(hotel, agent):
    from frontoffice.rooms.services import room_create

    book(hotel, agent, type_code="SGL", adults=1)
    past = hotel.property.business_date - dt.timedelta(days=3)
    InventoryNight.objects.create(property=hotel.property, room_type=hotel.room_types["SGL"], date=past, physical=2)
    room_create(property=hotel.property, actor=hotel.admin, number="999", room_type=hotel.room_types["SGL"])
    assert InventoryNight.objects.get(room_type=hotel.room_types["SGL"], date=past).physical == 2
    assert InventoryNight.objects.get(room_type=hotel.room_types["SGL"], date=D).physical == 3
