"""Cashier shifts: open with a float, cash only in an open shift, close with a count, never change after."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.folios.models import CashierShift, Posting, ShiftStatus
from frontoffice.folios.selectors import cashier_shift_current, cashier_shift_report
from frontoffice.folios.services import (
    cashier_shift_close,
    cashier_shift_open,
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_reverse_posting,
)
from frontoffice.reservations.tests.factories import make_user

D = Decimal


def test_opening_a_shift_records_the_float_on_the_business_date(hotel, agent):
    shift = cashier_shift_open(property=hotel.property, actor=agent, opening_float=D("150"))
    assert (shift.status, shift.opening_float, shift.business_date) == (
        "open",
        D("150.00"),
        hotel.property.business_date,
    )
    assert cashier_shift_current(property=hotel.property, user=agent) == shift
    assert AuditEntry.objects.get(entity="cashier_shift", action="open").changes["opening_float"] == "150.00"


def test_a_second_open_shift_for_the_same_cashier_is_refused(hotel, agent, manager):
    cashier_shift_open(property=hotel.property, actor=agent, opening_float=D("100"))
    with pytest.raises(Conflict) as exc:
        cashier_shift_open(property=hotel.property, actor=agent, opening_float=D("50"))
    assert exc.value.code == "shift_already_open"
    cashier_shift_open(property=hotel.property, actor=manager, opening_float=D("50"))  # another cashier may
    assert CashierShift.objects.filter(status="open").count() == 2


def test_the_database_allows_one_open_shift_per_cashier_whatever_the_code_does(hotel, agent):
    cashier_shift_open(property=hotel.property, actor=agent, opening_float=D("100"))
    with pytest.raises(IntegrityError), transaction.atomic():
        CashierShift.objects.create(
            property=hotel.property, cashier=agent, business_date=hotel.property.business_date, opening_float=1
        )


@pytest.mark.parametrize("amount", [D("-1"), D("0.001"), "abc", D("1E+9")])
def test_a_bad_float_is_refused_and_opens_nothing(hotel, agent, amount):
    with pytest.raises(InvalidInput) as exc:
        cashier_shift_open(property=hotel.property, actor=agent, opening_float=amount)
    assert exc.value.errors[0]["field"] == "opening_float"
    assert not CashierShift.objects.exists()


@pytest.mark.parametrize("role", ["night_auditor", "accountant", "concierge", "porter"])
def test_only_those_who_take_payments_open_a_drawer(hotel, role):
    with pytest.raises(PermissionDenied):
        cashier_shift_open(property=hotel.property, actor=make_user("u", role, hotel.property), opening_float=D("0"))
    assert not CashierShift.objects.exists()


def test_cash_without_an_open_shift_is_refused_and_posts_nothing(folio, agent, manager, codes):
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("50"))
    with pytest.raises(Conflict, match="Open your cashier shift first") as exc:
        folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("50"))
    assert exc.value.code == "no_open_shift"
    assert not Posting.objects.filter(payment_method="cash").exists()


def test_a_cash_refund_without_an_open_shift_is_refused(folio, agent, manager, codes):
    cashier_shift_open(property=folio.property, actor=agent, opening_float=D("0"))
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("50"))
    with pytest.raises(Conflict) as exc:
        folio_refund(folio=folio, actor=manager, method="cash", amount=D("10"), reason="Overpaid")
    assert exc.value.code == "no_open_shift"
    assert not Posting.objects.filter(transaction_code__code="REFUND-CASH").exists()


def test_other_methods_need_no_shift_but_carry_it_when_one_is_open(folio, agent, codes):
    without = folio_post_payment(folio=folio, actor=agent, method="card", amount=D("10"))
    assert without.shift is None
    shift = cashier_shift_open(property=folio.property, actor=agent, opening_float=D("0"))
    card = folio_post_payment(folio=folio, actor=agent, method="card", amount=D("10"))
    cash = folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("5"))
    assert card.shift == shift and cash.shift == shift


def test_the_report_of_an_open_shift_runs_with_the_postings(folio, agent, manager, on_shift, codes):
    shift = on_shift["agent"]
    folio_post_charge(folio=folio, actor=agent, transaction_code=codes["FB"], unit_amount=D("170"))
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("80"))
    wrong = folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("20"))
    folio_reverse_posting(posting=wrong, actor=agent, reason="Typed twice")
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("120"))
    folio_refund(folio=folio, actor=manager, method="cash", amount=D("30"), reason="Overpaid")  # the manager's drawer
    report = cashier_shift_report(shift=shift)
    cash = report.line("cash")
    assert (cash.payments, cash.refunds, cash.expected) == (D("80.00"), D("0.00"), D("180.00"))
    assert report.line("card").expected == D("120.00")
    assert report.counted_total is None
    manager_cash = cashier_shift_report(shift=on_shift["manager"]).line("cash")
    assert (manager_cash.refunds, manager_cash.expected) == (D("30.00"), D("70.00"))


def test_closing_stores_the_count_and_the_variance_follows(folio, agent, manager, on_shift, codes):
    shift = on_shift["agent"]
    folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("45.50"))
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("60"))
    closed = cashier_shift_close(
        shift=shift, actor=agent, counted={"cash": D("145.00"), "card": D("60")}, note="  Coins short  "
    )
    assert (closed.status, closed.closed_by, closed.note) == ("closed", agent, "Coins short")
    assert closed.closed_at is not None
    assert closed.counted == {
        "cash": "145.00",
        "card": "60.00",
        "bank_transfer": "0.00",
        "voucher": "0.00",
        "direct_bill": "0.00",
    }
    report = cashier_shift_report(shift=closed)
    assert (report.line("cash").variance, report.line("cash").result) == (D("-0.50"), "short")
    assert report.variance_total == D("-0.50") and report.result == "short"
    assert cashier_shift_current(property=folio.property, user=agent) is None
    assert AuditEntry.objects.get(entity="cashier_shift", action="close").changes["variance"] == "-0.50"


def test_after_closing_cash_needs_a_new_shift_and_the_closed_report_does_not_move(folio, agent, on_shift, codes):
    shift = cashier_shift_close(shift=on_shift["agent"], actor=agent, counted={"cash": D("100")})
    with pytest.raises(Conflict):
        folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("5"))
    card = folio_post_payment(folio=folio, actor=agent, method="card", amount=D("5"))
    assert card.shift is None
    assert cashier_shift_report(shift=shift).variance_total == D("0.00")
    second = cashier_shift_open(property=folio.property, actor=agent, opening_float=D("100"))
    assert folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("5")).shift == second


def test_a_closed_shift_refuses_a_second_close_and_keeps_its_count(agent, on_shift):
    shift = cashier_shift_close(shift=on_shift["agent"], actor=agent, counted={"cash": D("100")})
    with pytest.raises(Conflict, match="already closed") as exc:
        cashier_shift_close(shift=shift, actor=agent, counted={"cash": D("999")})
    assert exc.value.code == "shift_closed"
    shift.refresh_from_db()
    assert shift.counted["cash"] == "100.00"


@pytest.mark.parametrize(
    ("counted", "field"),
    [
        ({"cash": D("-5")}, "counted.cash"),
        ({"cash": D("1.234")}, "counted.cash"),
        ({"bitcoin": D("1")}, "counted.bitcoin"),
        ({"cash": "lots"}, "counted.cash"),
        ({"cash": 10.5}, "counted.cash"),
    ],
)
def test_a_bad_count_is_refused_and_leaves_the_shift_open(agent, on_shift, counted, field):
    with pytest.raises(InvalidInput) as exc:
        cashier_shift_close(shift=on_shift["agent"], actor=agent, counted=counted)
    assert exc.value.errors[0]["field"] == field
    assert CashierShift.objects.get(pk=on_shift["agent"].pk).status == "open"


def test_a_manager_closes_a_cashiers_shift_but_another_cashier_may_not(hotel, agent, manager, on_shift):
    colleague = make_user("colleague", "front_desk_agent", hotel.property)
    with pytest.raises(PermissionDenied):
        cashier_shift_close(shift=on_shift["agent"], actor=colleague, counted={"cash": D("100")})
    auditor = make_user("auditor", "night_auditor", hotel.property)
    closed = cashier_shift_close(shift=on_shift["agent"], actor=auditor, counted={"cash": D("100")})
    assert closed.closed_by == auditor and closed.cashier == agent


def test_a_closed_shift_cannot_be_changed_or_deleted_even_by_the_orm(agent, on_shift):
    shift = cashier_shift_close(shift=on_shift["agent"], actor=agent, counted={"cash": D("100")})
    with pytest.raises(DatabaseError, match="closed cashier shift"), transaction.atomic():
        CashierShift.objects.filter(pk=shift.pk).update(counted={"cash": "1000.00"})
    with pytest.raises(DatabaseError, match="closed cashier shift"), transaction.atomic():
        CashierShift.objects.filter(pk=shift.pk).update(status=ShiftStatus.OPEN)
    with pytest.raises(DatabaseError, match="closed cashier shift"), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM folios_cashiershift WHERE id = %s", [shift.pk])
    shift.refresh_from_db()
    assert (shift.status, shift.counted["cash"]) == ("closed", "100.00")
