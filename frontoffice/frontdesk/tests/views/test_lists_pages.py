"""The day at a glance, the desk's lists and the room-status board, as pages."""

import pytest
from django.urls import reverse

from frontoffice.core.models import AuditEntry
from frontoffice.frontdesk.tests.lists_helpers import TODAY, desk_day, room
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room


@pytest.fixture
def hotel(db):
    return make_hotel(rooms={"DBL": 12, "SGL": 2})


@pytest.fixture
def day(hotel):
    return desk_day(hotel, hotel.admin)


def test_the_dashboard_shows_the_day_as_tiles_linking_to_the_lists(client_as, hotel, day, agent):
    Room.objects.filter(pk=room(hotel, "101").pk).update(condition="dirty")
    resp = client_as(agent).get(reverse("frontdesk:dashboard"))
    assert resp.status_code == 200
    page = resp.text
    assert 'id="tile-arrivals" href="/front-desk/arrivals/?date=2026-06-01"' in page
    assert "Arrivals to come" in page and "Open balances at departure" in page
    assert "Lorca, Ana" in page and "55.00" in page  # not ready (and VIP); owes at departure
    assert 'accesskey="f"' in page and "Front desk" in page


def test_each_arrival_has_its_next_action_one_click_away(client_as, hotel, day, agent):
    page = client_as(agent).get(reverse("frontdesk:list", args=["arrivals"])).text
    machado, lorca = day["machado"].confirmation, day["lorca"].confirmation
    assert f'id="res-{machado}"' in page and f'id="res-{lorca}"' in page
    row = page.split(f'id="res-{lorca}"', 1)[1].split("</tr>", 1)[0]
    assert "VIP 2" in row and "101" in row and "code-tag code-VC" in row
    assert f'href="{reverse("frontdesk:check_in", args=[lorca])}">Check in</a>' in row
    unassigned = page.split(f'id="res-{machado}"', 1)[1].split("</tr>", 1)[0]
    assert f'href="{reverse("frontdesk:assign_room", args=[machado])}">Assign room</a>' in unassigned
    alberti = page.split(f'id="res-{day["alberti"].confirmation}"', 1)[1].split("</tr>", 1)[0]
    assert f'href="/reservations/{day["alberti"].confirmation}/folio/">Folio</a>' in alberti


def test_departures_offer_check_out_and_show_what_is_owed(client_as, hotel, day, agent):
    page = client_as(agent).get(reverse("frontdesk:list", args=["departures"])).text
    row = page.split(f'id="res-{day["cernuda"].confirmation}"', 1)[1].split("</tr>", 1)[0]
    assert 'class="num owes"' in row and "55.00" in row
    assert f'{reverse("frontdesk:check_out", args=[day["cernuda"].confirmation])}">Check out</a>' in row


def test_the_lists_search_and_filter_with_htmx(client_as, hotel, day, agent):
    client = client_as(agent)
    url = reverse("frontdesk:list", args=["arrivals"])
    partial = client.get(url, {"q": "machado"}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.text
    assert f'id="res-{day["machado"].confirmation}"' in partial.text
    assert f'id="res-{day["lorca"].confirmation}"' not in partial.text
    vips = client.get(url, {"vip": "on"}).text
    assert day["lorca"].confirmation in vips and day["rosalia"].confirmation not in vips
    stayovers = client.get(reverse("frontdesk:list", args=["stayovers"])).text
    assert day["guillen"].confirmation in stayovers and day["cernuda"].confirmation not in stayovers
    in_house = client.get(reverse("frontdesk:list", args=["in-house"])).text
    assert 'aria-current="page">In house <span class="count">3</span>' in in_house


def test_the_lists_speak_spanish(client_as, hotel, day, agent):
    client = client_as(agent)
    client.post(reverse("core:switch_language"), {"language": "es"})
    page = client.get(reverse("frontdesk:list", args=["arrivals"])).text
    assert "<th>Llegada</th>" in page and "<th>Salida</th>" in page and "Confirmada" in page


def test_an_unknown_list_is_404(client_as, hotel, agent):
    assert client_as(agent).get("/front-desk/nonsense/").status_code == 404


def test_the_arrivals_page_reads_in_a_fixed_number_of_queries(
    client_as, hotel, day, agent, django_assert_max_num_queries
):
    client = client_as(agent)
    url = reverse("frontdesk:list", args=["arrivals"])
    client.get(url)
    with django_assert_max_num_queries(12) as before:
        client.get(url)
    for i in range(5):
        (res,) = book(hotel, hotel.admin, arrival=TODAY, nights=1)
        res.room = hotel.rooms[6 + i]
        res.save(update_fields=["room"])
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(url).text
    assert page.count('class="button primary next-action"') == 9


def test_a_porter_may_not_see_the_desk_pages(client_as, hotel, porter):
    client = client_as(porter)
    assert client.get(reverse("frontdesk:dashboard")).status_code == 403
    assert client.get(reverse("frontdesk:list", args=["arrivals"])).status_code == 403
    assert client.get(reverse("frontdesk:room_status")).status_code == 403
    assert (
        client.post(reverse("frontdesk:room_status_update"), {"rooms": ["101"], "condition": "dirty"}).status_code
        == 403
    )
    assert Room.objects.get(property=hotel.property, number="101").condition == "clean"


def test_the_board_shows_rooms_per_floor_with_codes_and_flags(client_as, hotel, day, agent):
    Room.objects.filter(pk=room(hotel, "104").pk).update(do_not_disturb=True, housekeeping_found="vacant")
    resp = client_as(agent).get(reverse("frontdesk:room_status"))
    assert resp.status_code == 200
    page = resp.text
    assert 'id="floor-1"' in page and 'id="floor-2"' in page
    tile = page.split('id="room-104"', 1)[1].split("</label>", 1)[0]
    assert 'data-code="OC"' in page.split('id="room-104"', 1)[1][:40]
    assert "Guillen, Ana" in tile and ">DND<" in tile and ">skip<" in tile
    assert 'hx-trigger="every 30s' in page
    assert 'name="rooms" value="104"' in page


def test_the_board_polls_for_a_partial_and_filters_a_floor(client_as, hotel, day, agent):
    partial = client_as(agent).get(reverse("frontdesk:room_status"), {"floor": 2}, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.text
    assert 'id="room-201"' in partial.text and 'id="room-101"' not in partial.text


def test_a_concierge_sees_the_board_but_cannot_change_it(client_as, hotel, day):
    concierge = make_user("concierge", "concierge", hotel.property)
    page = client_as(concierge).get(reverse("frontdesk:room_status")).text
    assert 'id="room-101"' in page
    assert 'name="rooms"' not in page and "Update ticked rooms" not in page


def test_ticked_rooms_are_updated_together(client_as, hotel, agent):
    client = client_as(agent)
    resp = client.post(
        reverse("frontdesk:room_status_update"),
        {"rooms": ["101", "102"], "condition": "dirty", "make_up_room": "on", "floor": "1"},
    )
    assert resp.status_code == 302 and resp["Location"] == "/room-status/?floor=1"
    rooms = Room.objects.filter(property=hotel.property, number__in=["101", "102"])
    assert {(r.condition, r.make_up_room) for r in rooms} == {("dirty", True)}
    assert AuditEntry.objects.filter(entity="room", action="status").count() == 2
    page = client.get(resp["Location"]).text
    assert "2 rooms updated: 101, 102." in page


def test_an_empty_selection_is_refused_with_a_message(client_as, hotel, agent):
    client = client_as(agent)
    resp = client.post(reverse("frontdesk:room_status_update"), {"condition": "dirty"}, follow=True)
    assert "Choose at least one room." in resp.text
    assert not AuditEntry.objects.filter(entity="room", action="status").exists()


def test_the_lists_and_dashboard_show_another_date(client_as, hotel, day, agent):
    client = client_as(agent)
    page = client.get(reverse("frontdesk:list", args=["arrivals"]), {"date": "2026-06-02"}).text
    assert f'id="res-{day["ferrer"].confirmation}"' in page and f'id="res-{day["lorca"].confirmation}"' not in page
    assert 'type="date" name="date" value="2026-06-02"' in page
    dashboard = client.get(reverse("frontdesk:dashboard"), {"date": "2026-06-02"}).text
    assert 'href="/front-desk/arrivals/?date=2026-06-02"' in dashboard
