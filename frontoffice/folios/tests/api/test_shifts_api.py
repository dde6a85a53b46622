"""The cashier-shift API: open, current, list, detail with report, close; and its refusals."""

from decimal import Decimal

import pytest

from frontoffice.folios.models import CashierShift
from frontoffice.folios.services import cashier_shift_close, cashier_shift_open, folio_post_payment, folio_refund
from frontoffice.reservations.tests.factories import make_user

D = Decimal
BASE = "/properties/TEST/cashier-shifts"


@pytest.fixture
def desk(api_as, agent):
    return api_as(agent)


@pytest.fixture
def boss(api_as, manager):
    return api_as(manager)


def test_opening_a_shift_returns_it_with_an_empty_report(desk, agent):
    resp = desk.post(BASE, {"opening_float": "150.00"})
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert (body["cashier"], body["status"], body["business_date"], body["opening_float"]) == (
        "agent",
        "open",
        "2026-06-01",
        "150.00",
    )
    assert (body["expected"], body["counted"], body["variance"], body["closed_at"]) == ("150.00", None, None, None)
    cash = body["report"]["methods"][0]
    assert cash == {
        "method": "cash",
        "payments": "0.00",
        "refunds": "0.00",
        "net": "0.00",
        "expected": "150.00",
        "counted": None,
        "variance": None,
        "result": None,
    }
    assert CashierShift.objects.get().cashier == agent


@pytest.mark.parametrize(("body", "status", "code"), [({"opening_float": "-1"}, 422, "invalid"), ({}, 422, "invalid")])
def test_a_bad_float_is_422_and_opens_nothing(desk, body, status, code):
    resp = desk.post(BASE, body)
    assert resp.status_code == status and resp.json()["code"] == code
    assert not CashierShift.objects.exists()


def test_a_second_open_is_409(desk):
    assert desk.post(BASE, {"opening_float": "100"}).status_code == 201
    resp = desk.post(BASE, {"opening_float": "100"})
    assert resp.status_code == 409 and resp.json()["code"] == "shift_already_open"
    assert CashierShift.objects.count() == 1


def test_current_shows_running_totals_and_404_without_a_shift(desk, agent, manager, folio, on_shift):
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("60"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("40"))
    body = desk.get(BASE + "/current").json()
    assert body["id"] == on_shift["agent"].pk
    methods = {m["method"]: m for m in body["report"]["methods"]}
    assert (methods["cash"]["payments"], methods["cash"]["expected"]) == ("60.00", "160.00")
    assert methods["card"]["net"] == "40.00" and body["expected"] == "200.00"
    cashier_shift_close(shift=on_shift["agent"], actor=agent, counted={"cash": D("160"), "card": D("40")})
    resp = desk.get(BASE + "/current")
    assert resp.status_code == 404 and resp.json()["code"] == "no_open_shift"


def test_closing_returns_the_report_with_variance_and_a_second_close_is_409(desk, agent, folio, on_shift):
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("30"))
    url = f"{BASE}/{on_shift['agent'].pk}/close"
    resp = desk.post(url, {"counted": {"cash": "125.00", "card": "0"}, "note": "Short 5"})
    assert resp.status_code == 200, resp.content
    body = resp.json()
    assert (body["status"], body["closed_by"], body["note"]) == ("closed", "agent", "Short 5")
    assert (body["expected"], body["counted"], body["variance"], body["result"]) == (
        "130.00",
        "125.00",
        "-5.00",
        "short",
    )
    cash = body["report"]["methods"][0]
    assert (cash["expected"], cash["counted"], cash["variance"], cash["result"]) == (
        "130.00",
        "125.00",
        "-5.00",
        "short",
    )
    again = desk.post(url, {"counted": {"cash": "130"}})
    assert again.status_code == 409 and again.json()["code"] == "shift_closed"
    assert CashierShift.objects.get(pk=on_shift["agent"].pk).counted["cash"] == "125.00"


@pytest.mark.parametrize(
    ("counted", "field"), [({"cash": "-1"}, "counted.cash"), ({"gold": "1"}, "counted.gold"), ({"cash": "1.001"}, None)]
)
def test_a_bad_count_is_422_and_leaves_the_shift_open(desk, on_shift, counted, field):
    resp = desk.post(f"{BASE}/{on_shift['agent'].pk}/close", {"counted": counted})
    assert resp.status_code == 422
    if field:
        assert resp.json()["errors"][0]["field"] == field
    assert CashierShift.objects.get(pk=on_shift["agent"].pk).status == "open"


def test_a_cashier_sees_only_their_own_shifts_and_a_manager_sees_all(desk, boss, api_as, hotel, on_shift):
    mine = desk.get(BASE).json()
    assert mine["count"] == 1 and [s["cashier"] for s in mine["items"]] == ["agent"]
    assert desk.get(f"{BASE}/{on_shift['manager'].pk}").status_code == 404
    assert desk.post(f"{BASE}/{on_shift['manager'].pk}/close", {"counted": {}}).status_code == 404
    assert {s["cashier"] for s in boss.get(BASE).json()["items"]} == {"agent", "manager"}
    auditor = api_as(make_user("auditor", "night_auditor", hotel.property))
    assert auditor.get(f"{BASE}/{on_shift['agent'].pk}").json()["cashier"] == "agent"


def test_a_manager_closes_an_agents_shift(boss, agent, on_shift):
    resp = boss.post(f"{BASE}/{on_shift['agent'].pk}/close", {"counted": {"cash": "100"}})
    assert resp.status_code == 200 and resp.json()["closed_by"] == "manager" and resp.json()["cashier"] == "agent"
    assert resp.json()["result"] == "even"


def test_the_list_filters_and_paginates(boss, agent, manager, on_shift):
    cashier_shift_close(shift=on_shift["agent"], actor=agent, counted={"cash": D("100")})
    cashier_shift_open(property=on_shift["agent"].property, actor=agent, opening_float=D("20"))
    assert boss.get(BASE).json()["count"] == 3
    assert [s["status"] for s in boss.get(BASE + "?status=closed").json()["items"]] == ["closed"]
    assert boss.get(BASE + "?cashier=agent").json()["count"] == 2
    assert boss.get(BASE + "?business_date=2026-06-01").json()["count"] == 3
    assert boss.get(BASE + "?business_date=2026-06-02").json()["count"] == 0
    page = boss.get(BASE + "?limit=2&offset=2").json()
    assert page["count"] == 3 and len(page["items"]) == 1
    assert boss.get(BASE + "?status=bogus").status_code == 422


def test_the_list_costs_a_fixed_number_of_queries(boss, manager, folio, on_shift, django_assert_max_num_queries):
    for i in range(5):
        folio_post_payment(folio=folio, actor=manager, method="cash", amount=D(10 + i))
    folio_refund(folio=folio, actor=manager, method="cash", amount=D("5"), reason="Change")
    with django_assert_max_num_queries(12):
        body = boss.get(BASE).json()
    by_cashier = {s["cashier"]: s for s in body["items"]}
    assert by_cashier["manager"]["expected"] == "155.00"  # 100 float + 60 in − 5 out


def test_an_unknown_shift_is_404(desk):
    assert desk.get(f"{BASE}/999999").status_code == 404
    assert desk.get(f"{BASE}/0").status_code == 422
