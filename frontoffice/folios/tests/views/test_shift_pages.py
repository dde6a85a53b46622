"""Cashier shift pages: open the drawer, see running totals, close with the count, the report
and the list for managers."""

from decimal import Decimal

import pytest
from django.urls import reverse

from frontoffice.folios.models import CashierShift
from frontoffice.folios.services import cashier_shift_close, cashier_shift_open, folio_post_payment
from frontoffice.reservations.tests.factories import make_user

D = Decimal
MY_SHIFT = reverse("folios:my_shift")
LIST = reverse("folios:shift_list")


def close_data(**counted):
    data = {f"counted_{m}": "" for m in ("cash", "card", "bank_transfer", "voucher", "direct_bill")}
    data.update({f"counted_{k}": v for k, v in counted.items()})
    data["note"] = ""
    return data


def test_a_cashier_without_a_shift_is_offered_to_open_one_and_the_nav_links_to_it(client_as, agent, codes):
    page = client_as(agent).get(MY_SHIFT)
    assert page.status_code == 200
    assert "Open your shift" in page.text and 'name="opening_float"' in page.text
    assert 'id="nav-my-shift"' in page.text


def test_opening_a_shift_from_the_page(client_as, agent, hotel):
    client = client_as(agent)
    resp = client.post(reverse("folios:open_shift"), {"opening_float": "150.00"})
    assert resp.status_code == 302 and resp["Location"] == MY_SHIFT
    shift = CashierShift.objects.get(cashier=agent)
    assert (shift.status, shift.opening_float) == ("open", D("150.00"))
    page = client.get(MY_SHIFT).text
    assert "Shift opened with a float of 150.00 EUR." in page
    assert "Running totals" in page and 'name="counted_cash"' in page


@pytest.mark.parametrize("value", ["-5", "abc", ""])
def test_a_bad_float_is_shown_again_and_opens_nothing(client_as, agent, value):
    resp = client_as(agent).post(reverse("folios:open_shift"), {"opening_float": value})
    assert resp.status_code == 422
    assert "Please correct the highlighted fields." in resp.text
    assert not CashierShift.objects.exists()


def test_opening_a_second_shift_is_refused_with_409(client_as, agent, on_shift):
    resp = client_as(agent).post(reverse("folios:open_shift"), {"opening_float": "10"})
    assert resp.status_code == 409
    assert CashierShift.objects.filter(cashier=agent).count() == 1


def test_running_totals_show_what_was_taken_per_method(client_as, agent, folio, on_shift):
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("42.50"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("80"))
    page = client_as(agent).get(MY_SHIFT).text
    cash_row = page.split('id="method-cash"')[1].split("</tr>")[0]
    assert "42.50" in cash_row and "142.50" in cash_row  # payments, expected with the 100.00 float
    card_row = page.split('id="method-card"')[1].split("</tr>")[0]
    assert "80.00" in card_row


def test_closing_from_my_shift_shows_the_close_report_with_variance(client_as, agent, folio, on_shift):
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("50"))
    client = client_as(agent)
    resp = client.post(
        reverse("folios:close_shift", args=[on_shift["agent"].pk]), close_data(cash="148.00") | {"note": "Till roll"}
    )
    assert resp.status_code == 302 and resp["Location"] == reverse("folios:shift_report", args=[on_shift["agent"].pk])
    shift = CashierShift.objects.get(pk=on_shift["agent"].pk)
    assert shift.status == "closed" and shift.counted["cash"] == "148.00" and shift.note == "Till roll"
    report = client.get(resp["Location"]).text
    cash_row = report.split('id="method-cash"')[1].split("</tr>")[0]
    assert "150.00" in cash_row and "148.00" in cash_row and "-2.00" in cash_row and "Short" in cash_row
    assert "Shift closed. This is its report." in report and "window.print()" in report
    assert 'name="counted_cash"' not in report  # closed: nothing more to count
    assert "Open your shift" in client.get(MY_SHIFT).text


@pytest.mark.parametrize("data", [close_data(cash="-1"), close_data(cash=""), close_data(cash="1", card="x")])
def test_a_bad_count_is_shown_again_and_leaves_the_shift_open(client_as, agent, on_shift, data):
    resp = client_as(agent).post(reverse("folios:close_shift", args=[on_shift["agent"].pk]), data)
    assert resp.status_code == 422
    assert CashierShift.objects.get(pk=on_shift["agent"].pk).status == "open"


def test_a_closed_shift_cannot_be_closed_again_from_the_page(client_as, agent, on_shift):
    cashier_shift_close(shift=on_shift["agent"], actor=agent, counted={"cash": D("100")})
    resp = client_as(agent).post(reverse("folios:close_shift", args=[on_shift["agent"].pk]), close_data(cash="5"))
    assert resp.status_code == 409 and "already closed" in resp.text
    assert CashierShift.objects.get(pk=on_shift["agent"].pk).counted["cash"] == "100.00"


def test_a_cashier_cannot_see_or_close_a_colleagues_shift(client_as, agent, on_shift):
    client = client_as(agent)
    other = on_shift["manager"]
    assert client.get(reverse("folios:shift_report", args=[other.pk])).status_code == 404
    assert client.post(reverse("folios:close_shift", args=[other.pk]), close_data(cash="1")).status_code == 404
    assert client.get(LIST).status_code == 403
    assert CashierShift.objects.get(pk=other.pk).status == "open"


def test_the_list_shows_every_cashiers_shift_with_variance_and_filters(client_as, hotel, agent, manager, on_shift):
    cashier_shift_close(shift=on_shift["agent"], actor=agent, counted={"cash": D("103.25")})
    auditor = make_user("auditor", "night_auditor", hotel.property)
    client = client_as(auditor)
    page = client.get(LIST).text
    assert f'id="shift-{on_shift["agent"].pk}"' in page and f'id="shift-{on_shift["manager"].pk}"' in page
    agent_row = page.split(f'id="shift-{on_shift["agent"].pk}"')[1].split("</tr>")[0]
    assert "3.25" in agent_row and "Over" in agent_row
    assert 'id="nav-shifts"' in page
    closed_only = client.get(LIST, {"status": "closed"}).text
    assert f'id="shift-{on_shift["manager"].pk}"' not in closed_only
    assert "No shifts match." in client.get(LIST, {"cashier": "nobody"}).text


def test_a_manager_closes_an_agents_shift_from_its_report(client_as, agent, manager, on_shift):
    client = client_as(manager)
    url = reverse("folios:shift_report", args=[on_shift["agent"].pk])
    assert 'name="counted_cash"' in client.get(url).text
    resp = client.post(reverse("folios:close_shift", args=[on_shift["agent"].pk]), close_data(cash="100"))
    assert resp.status_code == 302
    assert CashierShift.objects.get(pk=on_shift["agent"].pk).closed_by == manager


def test_the_list_costs_the_same_queries_for_2_or_12_shifts(client_as, hotel, manager, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cashiers = [make_user(f"c{i}", "front_desk_agent", hotel.property) for i in range(12)]
    for c in cashiers[:2]:
        cashier_shift_open(property=hotel.property, actor=c, opening_float=D("10"))
    client = client_as(manager)
    with CaptureQueriesContext(connection) as with_2:
        assert client.get(LIST).status_code == 200
    for c in cashiers[2:]:
        cashier_shift_open(property=hotel.property, actor=c, opening_float=D("10"))
    with django_assert_num_queries(len(with_2.captured_queries)):
        page = client.get(LIST).text
    assert page.count('id="shift-') == 12


@pytest.mark.parametrize("role", ["reservations_agent", "concierge", "porter"])
def test_roles_without_cashiering_get_403(client_as, hotel, role, on_shift):
    client = client_as(make_user("u", role, hotel.property))
    assert client.get(MY_SHIFT).status_code == 403
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("folios:shift_report", args=[on_shift["agent"].pk])).status_code == 403
