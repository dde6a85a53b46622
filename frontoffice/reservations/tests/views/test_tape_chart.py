import datetime as dt

from django.urls import reverse

from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import GuestFactory, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.services import room_block_create


def assign(res, room):
    """Rooms are assigned by the front-desk feature; tests put the guest in the room directly."""
    Reservation.objects.filter(pk=res.pk).update(room=room)


def test_the_tape_chart_shows_assigned_stays_as_bars_and_lists_the_rest(client_as, hotel, agent):
    in_room = book(
        hotel, agent, guest=GuestFactory(property=hotel.property, first_name="Clara", last_name="Campoamor")
    )[0]
    waiting = book(hotel, agent, guest=GuestFactory(property=hotel.property, first_name="Emilia", last_name="Pardo"))[0]
    assign(in_room, hotel.rooms[0])
    resp = client_as(agent).get(reverse("reservations:tape_chart"))
    assert resp.status_code == 200
    page = resp.text
    # 10 June is the 10th day from the business date (1 June): grid column 11 (column 1 holds room numbers).
    assert 'class="bar status-confirmed"' in page
    assert "grid-column: 11 / span 2" in page
    assert "Clara Campoamor</a>" in page
    assert reverse("reservations:detail", args=[in_room.confirmation]) in page
    unassigned = page.split("Not yet in a room")[1]
    assert waiting.confirmation in unassigned and in_room.confirmation not in unassigned
    assert page.count('class="tc-day') == 14


def test_the_tape_chart_counts_free_rooms_per_type_and_night(client_as, hotel, agent):
    book(hotel, agent, type_code="SGL", adults=1)
    book(hotel, agent, type_code="SGL", adults=1)
    page = client_as(agent).get(reverse("reservations:tape_chart"), {"start": "2026-06-10"}).text
    assert "Free SGL" in page
    assert 'class="tc-num none" style="grid-column: 2">0<' in page
    assert 'class="tc-num" style="grid-column: 4">2<' in page


def test_out_of_order_and_out_of_service_rooms_are_coloured(client_as, hotel, agent):
    room = hotel.rooms[1]
    room_block_create(
        room=room,
        actor=hotel.admin,
        kind="out_of_order",
        start=dt.date(2026, 6, 3),
        end=dt.date(2026, 6, 5),
        reason="Leak",
    )
    room_block_create(
        room=hotel.rooms[2],
        actor=hotel.admin,
        kind="out_of_service",
        start=dt.date(2026, 6, 1),
        end=dt.date(2026, 6, 2),
        reason="Paint",
    )
    page = client_as(agent).get(reverse("reservations:tape_chart")).text
    assert 'class="bar block-out_of_order" style="grid-column: 4 / span 2"' in page
    assert "OOO · Leak" in page
    assert 'class="bar block-out_of_service"' in page


def test_navigation_swaps_only_the_chart_and_toggles_to_31_days(client_as, hotel, agent):
    client = client_as(agent)
    resp = client.get(reverse("reservations:tape_chart"), {"start": "2026-06-15", "days": 31}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    page = resp.text
    assert "<html" not in page
    assert '<div id="tape"' in page[:200]
    assert page.count('class="tc-day') == 31
    assert "start=2026-05-15&amp;days=31" in page  # previous
    assert "start=2026-07-16&amp;days=31" in page  # next
    assert 'hx-target="#tape"' in page and 'hx-push-url="true"' in page
    full = client.get(reverse("reservations:tape_chart"), {"days": 99})
    assert full.status_code == 200
    assert full.text.count('class="tc-day') == 14  # anything but 14 or 31 falls back to 14


def test_a_stay_running_past_the_window_is_clipped(client_as, hotel, agent):
    res = book(hotel, agent, arrival=dt.date(2026, 6, 12), nights=5)[0]
    assign(res, hotel.rooms[0])
    page = client_as(agent).get(reverse("reservations:tape_chart"), {"start": "2026-06-14"}).text
    assert "bar status-confirmed from-before" in page
    assert "grid-column: 2 / span 3" in page


def test_a_porter_may_not_see_the_tape_chart(client_as, hotel):
    porter = make_user("porter", "porter", hotel.property)
    assert client_as(porter).get(reverse("reservations:tape_chart")).status_code == 403


def test_the_tape_chart_costs_the_same_queries_for_a_busy_fortnight(client_as, hotel, agent, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(agent)
    url = reverse("reservations:tape_chart")
    for i in range(2):
        assign(book(hotel, agent, arrival=dt.date(2026, 6, 2 + i))[0], hotel.rooms[i])
    client.get(url)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(2, 5):
        assign(book(hotel, agent, arrival=dt.date(2026, 6, 2 + i))[0], hotel.rooms[i])
    for i in range(6):
        book(hotel, agent, type_code="SGL", adults=1, nights=1, arrival=dt.date(2026, 6, 3 + i))
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_reservation_page_costs_the_same_queries_however_long_its_history(
    client_as, hotel, agent, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from frontoffice.reservations.services import reservation_modify

    res = book(hotel, agent, nights=2)[0]
    client = client_as(agent)
    url = reverse("reservations:detail", args=[res.confirmation])
    client.get(url)
    with CaptureQueriesContext(connection) as short:
        client.get(url)
    for note in ("a", "b", "c", "d"):
        reservation_modify(reservation=res, actor=agent, details={"notes": note})
    reservation_modify(reservation=res, actor=agent, departure=dt.date(2026, 6, 15))
    with django_assert_num_queries(len(short.captured_queries)):
        client.get(url)
