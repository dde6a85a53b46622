"""The desk's lists, the day at a glance and the room-status board, as the selectors read them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontoffice.frontdesk.selectors import (
    DeskFilters,
    desk_counts,
    desk_list,
    desk_summary,
    room_status_board,
)
from frontoffice.frontdesk.tests.lists_helpers import TODAY, desk_day, room
from frontoffice.reservations.tests.factories import make_hotel
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room
from frontoffice.rooms.services import room_block_create


@pytest.fixture
def hotel(db):
    return make_hotel(rooms={"DBL": 12, "SGL": 2})


@pytest.fixture
def day(hotel):
    return desk_day(hotel, hotel.admin)


def names(rows):
    return [r.guest_name.split(",")[0] for r in rows]


def test_arrivals_come_by_eta_then_name_with_those_already_checked_in(hotel, day):
    rows = desk_list(property=hotel.property, kind="arrivals")
    assert names(rows) == ["Rosalia", "Lorca", "Alberti", "Machado"]
    lorca = rows[1]
    assert (lorca.vip_level, lorca.room_number, lorca.room_code, lorca.nights) == (2, "101", "VC", 2)
    assert lorca.room_ready is True
    assert lorca.in_group and rows[3].in_group and not rows[0].in_group
    assert rows[0].company == "Acme SL" and rows[0].status == "tentative"
    assert rows[2].status == "in_house" and rows[2].room_code == "OC"
    assert rows[3].room_number is None and rows[3].room_status is None


def test_departures_in_house_and_stayovers_on_the_business_date(hotel, day):
    assert names(desk_list(property=hotel.property, kind="departures")) == ["Cernuda", "Salinas"]
    assert names(desk_list(property=hotel.property, kind="in_house")) == ["Alberti", "Cernuda", "Guillen"]
    assert names(desk_list(property=hotel.property, kind="stayovers")) == ["Guillen"]
    assert desk_counts(property=hotel.property) == {"arrivals": 4, "departures": 2, "in_house": 3, "stayovers": 1}


def test_another_date_lists_the_stays_planned_for_it(hotel, day):
    tomorrow = TODAY + dt.timedelta(days=1)
    assert names(desk_list(property=hotel.property, kind="arrivals", date=tomorrow)) == ["Ferrer"]
    in_house = names(desk_list(property=hotel.property, kind="in_house", date=tomorrow))
    assert sorted(in_house) == ["Alberti", "Ferrer", "Guillen", "Lorca", "Machado", "Rosalia"]
    assert "Ferrer" not in names(desk_list(property=hotel.property, kind="stayovers", date=tomorrow))


def test_the_balance_is_what_the_guest_owes_to_the_cent(hotel, day):
    (cernuda,) = [r for r in desk_list(property=hotel.property, kind="departures") if r.status == "in_house"]
    assert cernuda.balance == Decimal("55.00")
    assert isinstance(cernuda.balance, Decimal)
    owing = desk_list(property=hotel.property, kind="in_house", filters=DeskFilters(balance_due=True))
    assert names(owing) == ["Cernuda"]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (DeskFilters(vip=True), ["Lorca"]),
        (DeskFilters(unassigned=True), ["Rosalia", "Machado"]),
        (DeskFilters(group=True), ["Lorca", "Machado"]),
        (DeskFilters(eta_from=dt.time(12, 0)), ["Lorca"]),
        (DeskFilters(eta_to=dt.time(12, 0)), ["Rosalia"]),
        (DeskFilters(text="machado"), ["Machado"]),
        (DeskFilters(text="101"), ["Lorca"]),
    ],
)
def test_arrivals_filters(hotel, day, filters, expected):
    assert names(desk_list(property=hotel.property, kind="arrivals", filters=filters)) == expected


def test_search_and_party_find_by_confirmation(hotel, day):
    conf = day["lorca"].confirmation
    by_code = desk_list(property=hotel.property, kind="arrivals", filters=DeskFilters(text=conf.lower()))
    assert names(by_code) == ["Lorca", "Machado"]  # the party's first room names the party
    by_party = desk_list(property=hotel.property, kind="arrivals", filters=DeskFilters(party=conf))
    assert names(by_party) == ["Lorca", "Machado"]


def test_a_list_reads_in_the_same_number_of_queries_however_long(hotel, day):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            desk_list(property=hotel.property, kind="arrivals")
        return len(captured)

    before = queries()
    for i in range(4):
        (res,) = book(hotel, hotel.admin, arrival=TODAY, nights=1)
        res.room = hotel.rooms[7 + i]
        res.save(update_fields=["room"])
    assert len(desk_list(property=hotel.property, kind="arrivals")) == 8
    assert queries() == before <= 4


def test_the_summary_gives_the_day_at_a_glance(hotel, day):
    Room.objects.filter(pk=room(hotel, "101").pk).update(condition="dirty")
    summary = desk_summary(property=hotel.property)
    assert (summary.arrivals_expected, summary.arrivals_checked_in) == (3, 1)
    assert (summary.departures_expected, summary.departures_checked_out) == (1, 1)
    assert (summary.in_house, summary.stayovers) == (3, 1)
    assert summary.arrivals_unassigned == 2
    assert names(summary.rooms_not_ready) == ["Lorca"]
    assert names(summary.vips_arriving) == ["Lorca"]
    assert names(summary.open_balances) == ["Cernuda"] and summary.open_balance_total == Decimal("55.00")
    # 12 DBL + 2 SGL; the seven DBL stays were all booked from today (two moved back by hand
    # without giving their nights back), so seven DBL nights are sold tonight.
    assert summary.rooms_to_sell == 14 - 7


def test_the_board_shows_each_floor_with_codes_guests_and_discrepancies(hotel, day, agent):
    Room.objects.filter(pk=room(hotel, "104").pk).update(
        condition="dirty", do_not_disturb=True, housekeeping_found="vacant"
    )
    Room.objects.filter(pk=room(hotel, "106").pk).update(housekeeping_found="occupied")
    room_block_create(
        room=room(hotel, "107"), actor=hotel.admin, kind="out_of_order", start=TODAY, end=TODAY + dt.timedelta(days=2),
        reason="Leak",
    )  # fmt: skip
    floors = room_status_board(property=hotel.property)
    assert [f.floor for f in floors] == [1, 2]
    by_number = {r.number: r for f in floors for r in f.rooms}
    assert by_number["101"].status.code == "VC" and by_number["101"].arriving.name == "Lorca, Ana"
    assert by_number["103"].status.code == "OC" and by_number["103"].due_out
    guillen = by_number["104"]
    assert (guillen.status.code, guillen.status.overlays, guillen.status.discrepancy) == ("OD", ("DND",), "skip")
    assert guillen.guest.name == "Guillen, Ana" and not guillen.due_out
    assert by_number["106"].status.discrepancy == "sleep"
    assert by_number["107"].status.code == "OOO"
    assert floors[0].counts["OC"] == 2
    only_second = room_status_board(property=hotel.property, floor=2)
    assert [r.number for f in only_second for r in f.rooms] == ["201", "202"]
    dirty = room_status_board(property=hotel.property, code="OD")
    assert [r.number for f in dirty for r in f.rooms] == ["104"]


def test_lists_and_board_never_show_another_property(hotel, day, other_hotel):
    book(other_hotel, other_hotel.admin, arrival=TODAY)
    assert len(desk_list(property=other_hotel.property, kind="arrivals")) == 1
    assert len(desk_list(property=hotel.property, kind="arrivals")) == 4
    theirs = room_status_board(property=other_hotel.property)
    assert all(r.guest is None and r.arriving is None for f in theirs for r in f.rooms)
