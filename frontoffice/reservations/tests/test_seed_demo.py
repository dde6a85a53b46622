import datetime as dt
import io
from collections import Counter, defaultdict

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Sum

from frontoffice.core.models import AuditEntry, Membership, Property
from frontoffice.guests.models import Company, Guest
from frontoffice.rates.models import DailyRate, RatePlan
from frontoffice.reservations.demo.logins import FRONT_OFFICE_ROLES, LOGINS
from frontoffice.reservations.domain.status import HOLDS_INVENTORY
from frontoffice.reservations.models import Reservation, ReservationNight
from frontoffice.rooms.models import InventoryNight, Room, RoomBlock

HOLDING = {s.value for s in HOLDS_INVENTORY}


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", "--months-back", "1", "--months-ahead", "1", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [Property, User, Membership, Room, RoomBlock, RatePlan, DailyRate, Company, Guest, Reservation, AuditEntry]
    return {m.__name__: m.objects.count() for m in [*models, ReservationNight, InventoryNight]}


@pytest.mark.django_db
def test_the_demo_seed_builds_two_consistent_properties_once():
    """One seed (a month each way, to stay fast), every invariant checked, then a second run."""
    output = seed()
    check_properties_and_logins(output)
    check_the_motel_is_run_by_one_user_holding_every_front_office_role()
    check_every_inventory_night_is_a_recount_of_the_stays_holding_it()
    check_no_room_holds_two_stays_on_one_night_and_in_house_guests_have_rooms()
    check_the_business_date_has_arrivals_departures_and_guests_in_house()
    check_prices_come_from_the_nights_and_totals_add_up()
    check_every_reservation_has_its_booking_in_its_history()
    before = counts()
    again = seed()
    assert counts() == before
    assert "demo-motel" in again and "http://127.0.0.1:8000" in again


def check_properties_and_logins(seeded: str):
    city = Property.objects.get(code="CITY")
    motel = Property.objects.get(code="MOTEL")
    assert Room.objects.filter(property=city).count() == 120
    assert Room.objects.filter(property=motel).count() == 8
    assert city.business_date == dt.date.today() == motel.business_date
    assert "http://127.0.0.1:8000" in seeded
    for login in LOGINS:
        assert login.username in seeded and login.password in seeded
        assert User.objects.get(username=login.username).check_password(login.password)


def check_the_motel_is_run_by_one_user_holding_every_front_office_role():
    motel_user = User.objects.get(username="motel")
    assert set(FRONT_OFFICE_ROLES) <= set(motel_user.groups.values_list("name", flat=True))
    assert list(Membership.objects.filter(user=motel_user).values_list("property__code", flat=True)) == ["MOTEL"]
    assert motel_user.has_perm("core.book") and motel_user.has_perm("core.manage_rates")


def check_every_inventory_night_is_a_recount_of_the_stays_holding_it():
    held: Counter = Counter()
    for res in Reservation.objects.filter(status__in=HOLDING):
        for i in range(res.nights):
            held[(res.room_type_id, res.arrival + dt.timedelta(days=i))] += 1
    rows = list(InventoryNight.objects.all())
    assert rows
    assert [(r.room_type_id, r.date, r.sold) for r in rows if r.sold != held[(r.room_type_id, r.date)]] == []
    assert set(held) <= {(r.room_type_id, r.date) for r in rows}
    assert all(r.sold <= r.physical - r.out_of_order + r.overbooking for r in rows)


def check_no_room_holds_two_stays_on_one_night_and_in_house_guests_have_rooms():
    by_room = defaultdict(list)
    for res in Reservation.objects.filter(status__in=HOLDING, room__isnull=False):
        assert res.room.room_type_id == res.room_type_id
        by_room[res.room_id].append((res.arrival, res.departure))
    assert by_room
    for stays in by_room.values():
        stays.sort()
        assert all(later[0] >= earlier[1] for earlier, later in zip(stays, stays[1:], strict=False))
    assert not Reservation.objects.filter(status="in_house", room__isnull=True).exists()
    assert not Reservation.objects.exclude(status__in=HOLDING).filter(room__isnull=False).exists()


def check_the_business_date_has_arrivals_departures_and_guests_in_house():
    city = Property.objects.get(code="CITY")
    today = city.business_date
    stays = Reservation.objects.filter(property=city)
    assert stays.filter(arrival=today, status__in=["confirmed", "in_house"]).exists()
    assert stays.filter(departure=today, status__in=["in_house", "checked_out"]).exists()
    assert stays.filter(arrival__lt=today, departure__gt=today, status="in_house").exists()
    assert not stays.filter(departure__lt=today, status__in=["in_house", "confirmed", "tentative"]).exists()
    assert not stays.filter(arrival__gt=today, status__in=["in_house", "checked_out", "no_show"]).exists()
    statuses = set(stays.values_list("status", flat=True))
    assert {"checked_out", "in_house", "confirmed", "cancelled", "no_show"} <= statuses


def check_prices_come_from_the_nights_and_totals_add_up():
    nights = Counter(ReservationNight.objects.values_list("reservation_id", flat=True))
    sums = dict(ReservationNight.objects.values_list("reservation_id").annotate(s=Sum("price")))
    for res in Reservation.objects.all():
        assert nights[res.pk] == res.nights
        assert sums[res.pk] == res.room_total
        assert res.total == res.room_total + res.city_tax_total  # prices include VAT
    nrf = Reservation.objects.filter(rate_plan__code="NRF", status="confirmed").first()
    if nrf is not None:
        assert nrf.deposit_due == nrf.room_total  # 100 % deposit
    assert len(set(Reservation.objects.values_list("property_id", "confirmation"))) == Reservation.objects.count()


def check_every_reservation_has_its_booking_in_its_history():
    """One "create" entry per reservation at its booking, by its agent; a "cancel" one for each cancellation."""
    entries = AuditEntry.objects.filter(entity="reservation")
    created = {(e.property_id, e.entity_id): e for e in entries.filter(action="create")}
    cancelled = {(e.property_id, e.entity_id): e for e in entries.filter(action="cancel")}
    assert entries.filter(action="create").count() == len(created) == Reservation.objects.count()
    for res in Reservation.objects.all():
        create = created[(res.property_id, res.confirmation)]
        assert create.actor_id == res.created_by_id
        assert abs((create.at.date() - res.booked_on).days) <= 1  # booked that day (in Madrid; stored in UTC)
        assert create.changes["arrival"] == res.arrival.isoformat()
        cancel = cancelled.pop((res.property_id, res.confirmation), None)
        if res.status == "cancelled":
            assert cancel is not None and cancel.at == res.cancelled_at >= create.at
            assert cancel.reason == res.cancel_reason and cancel.changes["status"][1] == "cancelled"
        else:
            assert cancel is None
    assert cancelled == {}
