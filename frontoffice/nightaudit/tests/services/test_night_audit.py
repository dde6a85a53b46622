"""Closing a business date (SQLite and PostgreSQL): what the night audit posts, marks, stores and
refuses, and that a second or interrupted run never does anything twice."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from frontoffice.core.domain.errors import Conflict, PermissionDenied
from frontoffice.core.models import Property
from frontoffice.folios.models import Folio, Posting
from frontoffice.folios.services import folio_for_reservation, folio_post_charge, routing_instruction_create
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, in_house, room, stay
from frontoffice.nightaudit.models import AuditReport, DailyStatistics, NightAudit
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT
from frontoffice.rates.models import RatePlan
from frontoffice.reservations.models import Reservation
from frontoffice.rooms.models import Room

ARRIVALS = {"arrivals_pending": "Guests did not come"}


def close(hotel, actor, **kw):
    kw.setdefault("now", AFTER_MIDNIGHT)
    return night_audit_run(property=hotel.property, actor=actor, **kw)


def business_date(hotel):
    return Property.objects.get(pk=hotel.property.pk).business_date


def nightly(res):
    return Posting.objects.filter(nightly_stay=res).order_by("nightly_kind", "folio_id")


def test_closing_a_day_charges_the_night_marks_no_shows_and_opens_the_next_date(hotel, codes, auditor):
    guest = in_house(stay(hotel, nights=2), room(hotel, "101"))
    Room.objects.filter(number="101").update(condition="inspected")
    absent = stay(hotel, nights=2)  # guaranteed by card: the first night is the no-show fee
    audit = close(hotel, auditor, overrides=ARRIVALS)

    assert business_date(hotel) == TODAY + days(1)
    assert audit.business_date == TODAY and audit.actor == auditor
    assert [s["step"] for s in audit.steps] == [
        "prechecks", "no_shows", "room_and_tax", "rooms_dirty", "statistics", "reports", "business_date",
    ]  # fmt: skip
    assert audit.overrides == [{"code": "arrivals_pending", "reason": "Guests did not come"}]
    # The night: 100.00 with 10 % VAT included, and the city tax of two adults.
    city_tax, room_charge = nightly(guest)
    assert (room_charge.nightly_kind, room_charge.net, room_charge.tax, room_charge.gross) == (
        "room", Decimal("90.91"), Decimal("9.09"), Decimal("100.00"),
    )  # fmt: skip
    assert (city_tax.nightly_kind, city_tax.gross, city_tax.business_date) == ("city_tax", Decimal("4.00"), TODAY)
    # The no-show: status, inventory given back, fee on the bill.
    absent.refresh_from_db()
    assert (absent.status, absent.cancelled_on, absent.cancellation_fee) == ("no_show", TODAY, Decimal("100.00"))
    fee = Posting.objects.get(folio__reservation=absent, transaction_code__code="NOSHOW-FEE")
    assert fee.gross == Decimal("100.00")
    # Housekeeping finds the occupied room dirty tomorrow.
    assert room(hotel, "101").condition == "dirty"
    stats = DailyStatistics.objects.get(property=hotel.property, date=TODAY)
    assert (stats.physical_rooms, stats.occupied, stats.no_shows, stats.guests) == (7, 1, 1, 2)
    assert stats.room_revenue == Decimal("90.91") and stats.fees == Decimal("100.00")
    kept = set(AuditReport.objects.filter(business_date=TODAY).values_list("kind", "format"))
    assert kept == {
        ("flash", "csv"), ("flash", "pdf"), ("trial_balance", "csv"), ("cashier", "csv"), ("no_shows", "csv"),
        ("in_house", "csv"),
    }  # fmt: skip
    in_house_csv = bytes(AuditReport.objects.get(kind="in_house", format="csv").content).decode()
    assert guest.confirmation in in_house_csv and "104.00" in in_house_csv  # the balance after the night


def test_blocking_pre_checks_refuse_the_close_and_change_nothing(hotel, codes, auditor):
    in_house(stay(hotel, nights=2), room(hotel, "101"))
    absent = stay(hotel)
    with pytest.raises(Conflict) as refused:
        close(hotel, auditor)
    assert refused.value.code == "prechecks_blocking"
    assert [e["code"] for e in refused.value.errors] == ["arrivals_pending"]
    assert refused.value.errors[0]["items"][0].startswith(absent.confirmation)
    assert business_date(hotel) == TODAY
    assert not Posting.objects.exists() and not NightAudit.objects.exists()
    assert Reservation.objects.get(pk=absent.pk).status == "confirmed"


def test_an_override_needs_a_reason(hotel, codes, auditor):
    stay(hotel)
    with pytest.raises(Conflict):
        close(hotel, auditor, overrides={"arrivals_pending": "   "})
    assert business_date(hotel) == TODAY


def test_a_second_run_for_the_same_date_finds_it_closed(hotel, codes, auditor):
    guest = in_house(stay(hotel, nights=3), room(hotel, "101"))
    close(hotel, auditor, date=TODAY)
    with pytest.raises(Conflict) as refused:
        close(hotel, auditor, date=TODAY)
    assert refused.value.code == "already_closed"
    assert nightly(guest).count() == 2
    assert NightAudit.objects.count() == 1 and business_date(hotel) == TODAY + days(1)


def test_the_day_must_be_over_unless_closed_early(hotel, codes, auditor):
    evening = dt.datetime(2026, 6, 1, 21, 0, tzinfo=dt.UTC)  # 23:00 in Madrid, still the business date
    with pytest.raises(Conflict) as refused:
        close(hotel, auditor, now=evening)
    assert refused.value.code == "day_not_over"
    close(hotel, auditor, now=evening, early=True)
    assert business_date(hotel) == TODAY + days(1)


def test_an_interrupted_audit_leaves_the_day_open_and_a_rerun_gives_the_same_figures(
    hotel, codes, auditor, monkeypatch
):
    guest = in_house(stay(hotel, nights=2), room(hotel, "101"))
    absent = stay(hotel)

    def crash(*args, **kwargs):
        raise RuntimeError("the process was killed")

    monkeypatch.setattr("frontoffice.nightaudit.services.audit_reports_build", crash)
    with pytest.raises(RuntimeError):
        close(hotel, auditor, overrides=ARRIVALS)
    assert business_date(hotel) == TODAY
    assert not Posting.objects.exists() and not DailyStatistics.objects.exists()
    assert Reservation.objects.get(pk=absent.pk).status == "confirmed"

    monkeypatch.undo()
    close(hotel, auditor, overrides=ARRIVALS)
    stats = DailyStatistics.objects.get(date=TODAY)
    assert (stats.occupied, stats.no_shows, stats.room_revenue) == (1, 1, Decimal("90.91"))
    assert nightly(guest).count() == 2


def test_nothing_can_be_posted_to_a_closed_date(hotel, codes, auditor, agent):
    guest = in_house(stay(hotel, nights=3), room(hotel, "101"))
    close(hotel, auditor)
    folio = Folio.objects.get(reservation=guest, window=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Posting.objects.create(
            property=hotel.property,
            folio=folio,
            business_date=TODAY,
            transaction_code=codes["MISC"],
            unit_amount=Decimal("5.00"),
            net=Decimal("5.00"),
            tax=Decimal("0.00"),
            gross=Decimal("5.00"),
        )
    folio = folio_for_reservation(reservation=Reservation.objects.get(pk=guest.pk), actor=agent)
    posted = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MISC"], unit_amount=Decimal("5"))
    assert posted.business_date == TODAY + days(1)


def test_a_folio_opened_before_the_close_posts_on_the_new_date(hotel, codes, auditor, agent):
    guest = in_house(stay(hotel, nights=3), room(hotel, "101"))
    folio = folio_for_reservation(reservation=guest, actor=agent)  # the page was loaded before the close
    close(hotel, auditor)
    posted = folio_post_charge(folio=folio, actor=agent, transaction_code=codes["MISC"], unit_amount=Decimal("5"))
    assert posted.business_date == TODAY + days(1)


def test_a_company_routing_takes_room_and_tax_up_to_its_daily_cap(hotel, codes, auditor, manager):
    guest = in_house(stay(hotel, nights=2), room(hotel, "101"))
    guest_folio = folio_for_reservation(reservation=guest, actor=manager)
    company_folio = folio_for_reservation(reservation=guest, actor=manager, window=2)
    routing_instruction_create(
        reservation=guest,
        target_folio=company_folio,
        actor=manager,
        departments=["rooms", "taxes"],
        daily_cap=Decimal("102.00"),
    )
    close(hotel, auditor)
    on_company = [(p.nightly_kind, p.gross) for p in Posting.objects.filter(folio=company_folio).order_by("id")]
    on_guest = [(p.nightly_kind, p.gross) for p in Posting.objects.filter(folio=guest_folio).order_by("id")]
    assert on_company == [("room", Decimal("100.00")), ("city_tax", Decimal("2.00"))]  # 102.00, the cap
    assert on_guest == [("city_tax", Decimal("2.00"))]


def test_a_guest_kept_past_departure_pays_the_last_nights_price_again(hotel, codes, auditor):
    guest = in_house(stay(hotel, nights=1), room(hotel, "101"))
    close(hotel, auditor)  # the one night booked
    with pytest.raises(Conflict) as refused:
        close(hotel, auditor, now=AFTER_MIDNIGHT + days(1))
    assert [e["code"] for e in refused.value.errors] == ["departures_pending"]
    close(
        hotel,
        auditor,
        now=AFTER_MIDNIGHT + days(1),
        overrides={"departures_pending": "Leaves at noon, late check-out agreed"},
    )
    assert nightly(guest).filter(nightly_kind="room").count() == 2
    room_charge = nightly(guest).get(nightly_kind="room", business_date=TODAY + days(1))
    assert room_charge.gross == Decimal("100.00") and "past departure" in room_charge.description


def test_only_the_night_auditor_and_managers_close_the_day(hotel, codes, agent):
    with pytest.raises(PermissionDenied):
        close(hotel, agent)
    assert business_date(hotel) == TODAY


def test_breakfast_included_in_the_price_goes_to_food_and_beverage(hotel, codes, auditor):
    RatePlan.objects.filter(pk=hotel.plans["BAR"].pk).update(package_per_guest=Decimal("12.00"))
    guest = in_house(stay(hotel, nights=2), room(hotel, "101"))  # two adults on bed and breakfast
    close(hotel, auditor)
    charges = {p.nightly_kind: p for p in nightly(guest)}
    assert (charges["room"].gross, charges["package"].gross) == (Decimal("76.00"), Decimal("24.00"))
    assert charges["package"].transaction_code.code == "FB" and charges["package"].net == Decimal("21.82")
    stats = DailyStatistics.objects.get(date=TODAY)
    assert stats.room_revenue == Decimal("69.09")  # 76.00 less its 10 % VAT: the breakfast is not room revenue
    assert stats.revenue_by_department["food_beverage"] == "21.82"
