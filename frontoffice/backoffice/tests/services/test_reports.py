"""KPIs over periods and breakdowns, and the forecast with last year's pace (SQLite and
PostgreSQL), on closed nights built through the real services."""

from decimal import Decimal

import pytest

from frontoffice.backoffice.forecast import forecast
from frontoffice.backoffice.selectors import kpi_report
from frontoffice.core.models import Property
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, in_house, room, stay
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import reservation_cancel
from frontoffice.reservations.tests.factories import make_hotel
from frontoffice.reservations.tests.services.test_booking import book


@pytest.fixture
def three_nights(hotel, codes, auditor, manager):
    """Seven rooms. Night 1: two doubles in house (one corporate) and a no-show; night 2 the same
    two; night 3 one of them (the other left). A booking for night 2 is cancelled on night 1."""
    leisure = in_house(stay(hotel, nights=3), room(hotel, "101"))
    corporate = in_house(stay(hotel, nights=2, market_segment="corporate", channel="email"), room(hotel, "102"))
    stay(hotel, nights=1)  # does not come: a no-show on night 1
    later = stay(hotel, arrival=TODAY + days(1), nights=1, channel="ota")
    reservation_cancel(reservation=later, actor=manager, reason="Plans changed")
    night_audit_run(property=hotel.property, actor=auditor, overrides={"arrivals_pending": "x"}, now=AFTER_MIDNIGHT)
    night_audit_run(property=hotel.property, actor=auditor, now=AFTER_MIDNIGHT + days(1))
    Reservation.objects.filter(pk=corporate.pk).update(status="checked_out")  # left on the morning of night 3
    night_audit_run(property=hotel.property, actor=auditor, now=AFTER_MIDNIGHT + days(2))
    return leisure, corporate


def test_kpis_by_day_and_for_the_period_both_ways(hotel, three_nights):
    report = kpi_report(property=hotel.property, start=TODAY, end=TODAY + days(2), group_by="day")
    assert [r["key"] for r in report["rows"]] == ["2026-06-01", "2026-06-02", "2026-06-03"]
    assert [r["sold"] for r in report["rows"]] == [2, 2, 1]
    first = report["rows"][0]
    # 7 rooms, 2 sold at 90.91 net each.
    assert (first["occupancy_usali"], first["adr"], first["revpar_usali"]) == (
        Decimal("28.57"), Decimal("90.91"), Decimal("25.97"),
    )  # fmt: skip
    total = report["total"]
    assert (total["available_usali"], total["sold"], total["room_revenue"]) == (21, 5, Decimal("454.55"))
    assert (total["occupancy_usali"], total["adr"], total["revpar_usali"]) == (
        Decimal("23.81"), Decimal("90.91"), Decimal("21.65"),
    )  # fmt: skip
    # Arrivals in the period: 4 bookings, 2 came, 1 no-show, 1 cancelled.
    assert (total["arrivals"], total["no_show_rate"], total["cancellation_rate"]) == (
        2, Decimal("25.00"), Decimal("25.00"),
    )  # fmt: skip
    assert total["average_length_of_stay"] == Decimal("2.50")
    month = kpi_report(property=hotel.property, start=TODAY, end=TODAY + days(2), group_by="month")
    assert [r["key"] for r in month["rows"]] == ["2026-06"] and month["rows"][0]["sold"] == 5


def test_a_breakdown_shares_the_hotels_rooms_among_its_groups(hotel, three_nights):
    report = kpi_report(property=hotel.property, start=TODAY, end=TODAY + days(2), group_by="segment")
    rows = {r["key"]: r for r in report["rows"]}
    assert (rows["leisure"]["sold"], rows["corporate"]["sold"]) == (3, 2)
    assert rows["corporate"]["room_revenue"] == Decimal("181.82")
    assert rows["corporate"]["occupancy_usali"] == Decimal("9.52")  # 2 of 21 room-nights
    shares = sum(r["revpar_usali"] for r in report["rows"] if r["revpar_usali"] is not None)
    assert shares == pytest.approx(report["total"]["revpar_usali"], abs=Decimal("0.02"))
    by_channel = {r["key"]: r for r in kpi_report(property=hotel.property, start=TODAY, end=TODAY + days(2),
                                                   group_by="channel")["rows"]}  # fmt: skip
    assert by_channel["ota"]["cancellation_rate"] == Decimal("100.00")


def test_the_forecast_counts_whats_on_the_books_and_last_years_pace(hotel, codes, manager):
    for arrival in (days(10), days(10), days(11)):
        stay(hotel, arrival=TODAY + arrival, nights=2)
    ahead = {d.date: d for d in forecast(property=hotel.property, days=30)}
    assert (ahead[TODAY + days(10)].rooms, ahead[TODAY + days(11)].rooms, ahead[TODAY + days(12)].rooms) == (2, 3, 1)
    assert ahead[TODAY + days(10)].arrivals == 2 and ahead[TODAY + days(12)].departures == 2
    assert ahead[TODAY + days(11)].room_revenue == Decimal("272.73")  # three nights at 90.91 net
    assert ahead[TODAY + days(11)].occupancy == Decimal("42.86")
    assert ahead[TODAY + days(11)].last_year_rooms == 0 and ahead[TODAY + days(11)].pace == 3


def test_last_years_pace_is_the_books_as_they_stood_as_far_ahead(db, manager):
    year_ago = TODAY - days(364)
    hotel = make_hotel(code="PACE", business_date=year_ago, days=40)
    admin = hotel.admin
    target = year_ago + days(11)
    book(hotel, admin, arrival=target, nights=1)  # on the books a year ago, 11 days ahead: counted
    kept_then = book(hotel, admin, arrival=target, nights=1)[0]
    cancelled_same_day = book(hotel, admin, arrival=target, nights=1)[0]
    reservation_cancel(reservation=cancelled_same_day, actor=admin, reason="Changed plans")  # gone by then
    Property.objects.filter(pk=hotel.property.pk).update(business_date=year_ago + days(3))
    hotel.property.refresh_from_db()
    reservation_cancel(reservation=kept_then, actor=admin, reason="Changed plans")  # cancelled later: counted
    book(hotel, admin, arrival=target, nights=1)  # booked later: not yet on the books then
    Property.objects.filter(pk=hotel.property.pk).update(business_date=TODAY)
    hotel.property.refresh_from_db()
    ahead = {d.date: d for d in forecast(property=hotel.property, days=20)}
    this_night = ahead[TODAY + days(11)]
    assert this_night.last_year_date == target
    assert this_night.last_year_rooms == 2
    assert this_night.last_year_room_revenue == Decimal("181.82")


def test_the_dashboard_reads_the_last_nights_and_the_cancellations_by_channel(hotel, three_nights, manager):
    from frontoffice.backoffice.selectors import cancellations_by_channel, statistics_nights

    last_two = statistics_nights(property=hotel.property, through=TODAY + days(2), nights=2)
    assert [s.date for s in last_two] == [TODAY + days(1), TODAY + days(2)]
    for _ in range(2):
        reservation_cancel(reservation=stay(hotel, arrival=TODAY + days(5), channel="email"), actor=manager, reason="x")
    cancelled_on = Reservation.objects.filter(status="cancelled").values_list("cancelled_on", flat=True)
    first, last = min(cancelled_on), max(cancelled_on)
    assert cancellations_by_channel(property=hotel.property, start=first - days(1), end=last) == [
        ("email", 2), ("ota", 1),
    ]  # fmt: skip
    assert cancellations_by_channel(property=hotel.property, start=last, end=last + days(1)) == []
