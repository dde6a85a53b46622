"""Housekeeping and the desk on the room-status board in real Chromium: rooms per floor with their
codes and overlays, dirty rooms made clean together in place, a skip reported, another user's
change arriving on its own; and the board by keyboard and on a tablet."""

import datetime as dt

import pytest

from frontoffice.frontdesk.tests.browser.test_desk_flows import login
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.browser.test_booking_flow import SHOTS, browser_page  # noqa: F401
from frontoffice.reservations.tests.factories import GuestFactory, make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import Room, RoomBlock

pytestmark = pytest.mark.browser

REFRESH = 31_000  # ms: past the board's 30-second refresh (the page's clock is fast-forwarded, nobody waits)


def _two_floors():
    """Floor 1 (doubles): 101 and 102 dirty, 103 clean, 104 inspected, 105 occupied dirty asking
    for make-up. Floor 2 (singles): 201 occupied clean with do-not-disturb, 202 out of order,
    203 out of service. A desk agent, "desk", keeps the rooms."""
    hotel = make_hotel(rooms={"DBL": 5, "SGL": 3})
    make_user("desk", "front_desk_agent", hotel.property)
    today = hotel.property.business_date
    rooms = {r.number: r for r in hotel.rooms}

    def state(number, **fields):
        Room.objects.filter(pk=rooms[number].pk).update(**fields)

    def in_house(number, last_name, type_code):
        guest = GuestFactory(property=hotel.property, first_name="Ana", last_name=last_name)
        (res,) = book(hotel, hotel.admin, guest=guest, arrival=today, nights=2, type_code=type_code, adults=1)
        Reservation.objects.filter(pk=res.pk).update(status="in_house", room=rooms[number])

    for number in ("101", "102"):
        state(number, condition="dirty")
    state("104", condition="inspected")
    state("105", condition="dirty", make_up_room=True)
    in_house("105", "Lorca", "DBL")
    state("201", do_not_disturb=True)
    in_house("201", "Guillen", "SGL")
    for number, kind in (("202", "out_of_order"), ("203", "out_of_service")):
        RoomBlock.objects.create(
            property=hotel.property,
            room=rooms[number],
            kind=kind,
            start=today,
            end=today + dt.timedelta(days=3),
            reason="Leak",
        )
    return hotel


# Tiles whose number or code line lies under the tick box (a code half hidden reads as another).
COVERED_BY_TICK_BOX = """tiles => tiles.filter(tile => {
  const box = tile.querySelector('input[name=rooms]').getBoundingClientRect();
  return [...tile.querySelectorAll('.number, .line')].some(text => {
    const r = text.getBoundingClientRect();
    return r.left < box.right && box.left < r.right && r.top < box.bottom && box.top < r.bottom;
  });
}).map(tile => tile.id)"""


def _codes(page) -> dict[str, str]:
    tiles = page.locator("#board .room-tile")
    return {tiles.nth(i).get_attribute("id")[5:]: tiles.nth(i).get_attribute("data-code") for i in range(tiles.count())}


def _board_requests(page) -> list[str]:
    """The board's own refreshes (HTMX GETs of the board), as they leave the page."""
    sent: list[str] = []

    def seen(request):
        if request.method == "GET" and "/room-status/" in request.url and request.headers.get("hx-request"):
            sent.append(request.url)

    page.on("request", seen)
    return sent


def test_housekeeping_cleans_rooms_together_reports_a_skip_and_sees_other_changes_arrive(
    live_server,
    transactional_db,
    browser_page,  # noqa: F811
):
    hotel = _two_floors()
    page = browser_page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.clock.install()  # the board's refresh timer is the page's: the test moves its clock on
    login(page, live_server, "desk")
    page.goto(live_server.url + "/room-status/")
    page.evaluate("window.sameBoardPage = true")  # gone if the page reloads

    # 1. The rooms per floor, with their codes and overlays.
    assert page.locator("#floor-1 .room-tile").evaluate_all("ts => ts.map(t => t.id)") == [
        f"room-10{n}" for n in range(1, 6)
    ]
    assert page.locator("#floor-2 .room-tile").evaluate_all("ts => ts.map(t => t.id)") == [
        f"room-20{n}" for n in range(1, 4)
    ]
    assert _codes(page) == {
        "101": "VD",
        "102": "VD",
        "103": "VC",
        "104": "VI",
        "105": "OD",
        "201": "OC",
        "202": "OOO",
        "203": "OOS",
    }
    assert page.locator("#room-202 .line").inner_text() == "SGL · OOO"  # the code is read, not only coloured
    assert page.locator("#room-105 .flag.mur").inner_text() == "MUR"
    assert page.locator("#room-201 .flag.dnd").inner_text() == "DND"
    assert page.locator("#room-201 .flag.mur").count() == 0
    assert "Guillen, Ana" in page.locator("#room-201").inner_text()
    assert "VD 2" in page.locator("#floor-1 h2").inner_text()
    page.screenshot(path=str(SHOTS / "room-status.png"), full_page=True)

    # 2. Tick the two dirty rooms (a tap on the tile ticks it), make them clean: the board changes
    # in place, and so does the database.
    page.locator("#room-101").click()
    page.locator("#room-102 .number").click()
    assert page.locator("#board input[name=rooms]:checked").count() == 2
    page.select_option("select[name=condition]", "clean")
    with page.expect_response(lambda r: r.url.endswith("/room-status/update/")) as posted:
        page.get_by_role("button", name="Update ticked rooms").click()
    assert posted.value.status == 200 and posted.value.request.headers.get("hx-request") == "true"
    page.wait_for_selector("#room-101[data-code=VC]")
    assert _codes(page)["102"] == "VC"
    assert page.locator("#board-messages").inner_text() == "2 rooms updated: 101, 102."
    page.screenshot(path=str(SHOTS / "room-status-cleaned.png"), full_page=True)
    assert page.locator("#board input[name=rooms]:checked").count() == 0
    assert page.locator("select[name=condition]").input_value() == ""  # the next change starts afresh
    assert page.evaluate("window.sameBoardPage") is True
    assert set(
        Room.objects.filter(property=hotel.property, number__in=["101", "102"]).values_list("condition", flat=True)
    ) == {"clean"}

    # 3. Housekeeping finds 201 empty while the desk has Guillen in it: a skip on the board.
    page.locator("#tick-201").check()
    page.select_option("select[name=housekeeping_found]", "vacant")
    page.get_by_role("button", name="Update ticked rooms").click()
    skip = page.locator("#room-201 .flag.discrepancy")
    skip.wait_for()
    assert skip.inner_text() == "skip"
    assert "housekeeping found the room vacant" in skip.get_attribute("title")
    assert _codes(page)["201"] == "OC"  # still occupied for the desk until someone checks
    assert Room.objects.get(property=hotel.property, number="201").housekeeping_found == "vacant"

    # A refused change keeps the ticks, to try again.
    page.locator("#tick-103").check()
    page.get_by_role("button", name="Update ticked rooms").click()
    page.locator("#board-messages .msg-error").wait_for()
    assert page.locator("#tick-103").is_checked()

    # 4. Another user makes 104 dirty. While a room is ticked the board does not refresh (it would
    # drop the tick), nor does a refresh already on its way replace it.
    Room.objects.filter(property=hotel.property, number="104").update(condition="dirty", make_up_room=True)
    refreshes = _board_requests(page)
    page.clock.run_for(REFRESH)
    page.wait_for_timeout(200)
    assert refreshes == []
    page.evaluate("htmx.ajax('GET', location.pathname, {source: '#board', target: '#board', swap: 'innerHTML'})")
    assert page.locator("#tick-103").is_checked() and _codes(page)["104"] == "VI"
    # Untick: the next refresh brings the change, without a reload, and the focus stays put.
    page.locator("#tick-103").uncheck()
    page.locator("#tick-103").focus()
    page.clock.run_for(REFRESH)
    page.wait_for_selector("#room-104[data-code=VD]")
    assert page.locator("#room-104 .flag.mur").count() == 1
    assert len(refreshes) >= 1
    assert page.evaluate("document.activeElement.id") == "tick-103"
    assert page.evaluate("window.sameBoardPage") is True


def test_the_board_works_by_keyboard_and_on_a_tablet(
    live_server,
    transactional_db,
    browser_page,  # noqa: F811
):
    hotel = _two_floors()
    page = browser_page
    login(page, live_server, "desk")
    page.set_viewport_size({"width": 800, "height": 1280})
    page.goto(live_server.url + "/room-status/")

    # A tablet in portrait: nothing wider than the screen, the tiles side by side.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    first, second = (page.locator(f"#room-10{n}").bounding_box() for n in (1, 2))
    assert first["y"] == second["y"] and first["x"] + first["width"] <= second["x"]
    covered = page.locator("#board .room-tile").evaluate_all(COVERED_BY_TICK_BOX)
    assert covered == [], f"the tick box hides the number or the code of {covered}"
    page.screenshot(path=str(SHOTS / "room-status-tablet.png"), full_page=True)

    # Keyboard only: from the status filter, Tab reaches the first room; Space ticks it; Tab on
    # reaches the change and the button; Enter sends it.
    page.locator("select[name=code]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tick-101"
    page.keyboard.press("Space")
    assert page.locator("#tick-101").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "tick-102"
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "condition":
            break
    assert page.evaluate("document.activeElement.name") == "condition"
    page.keyboard.press("i")  # type-ahead in the closed list: Inspected
    for _ in range(4):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Update ticked rooms"
    page.keyboard.press("Enter")
    page.wait_for_selector("#room-101[data-code=VI]")
    assert Room.objects.get(property=hotel.property, number="101").condition == "inspected"
