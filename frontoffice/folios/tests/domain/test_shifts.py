"""Cashier shift rules without a database: who needs a shift, the count, and the close report."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.folios.domain.ledger import Kind, PaymentMethod
from frontoffice.folios.domain.shifts import (
    CountRefusal,
    Result,
    ShiftEntry,
    check_counted,
    check_float,
    needs_shift,
    result_of,
    shift_report,
)

D = Decimal
amounts = st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2)
methods = st.sampled_from([m.value for m in PaymentMethod])


def pay(amount, method="cash"):
    return ShiftEntry(kind=Kind.PAYMENT, method=method, gross=-D(amount))


def refund(amount, method="cash"):
    return ShiftEntry(kind=Kind.REFUND, method=method, gross=D(amount))


def reversal(entry):
    return ShiftEntry(kind=entry.kind, method=entry.method, gross=-entry.gross)


def charge(amount):
    return ShiftEntry(kind=Kind.CHARGE, method="", gross=D(amount))


@pytest.mark.parametrize(
    ("kind", "method", "needed"),
    [
        (Kind.PAYMENT, "cash", True),
        (Kind.REFUND, "cash", True),
        (Kind.PAYMENT, "card", False),
        (Kind.REFUND, "card", False),
        (Kind.PAYMENT, "bank_transfer", False),
        (Kind.PAYMENT, "voucher", False),
        (Kind.PAYMENT, "direct_bill", False),
        (Kind.CHARGE, "", False),
        (Kind.TRANSFER, "", False),
        ("payment", PaymentMethod.CASH, True),
    ],
)
def test_only_cash_in_or_out_of_the_drawer_needs_an_open_shift(kind, method, needed):
    assert needs_shift(kind=kind, method=method) is needed


def test_an_empty_shift_expects_the_float_in_the_drawer_and_nothing_else():
    report = shift_report(opening_float=D("150"), entries=[])
    assert [line.method for line in report.lines] == list(PaymentMethod)
    assert report.line("cash").expected == D("150.00")
    assert all(line.expected == 0 for line in report.lines[1:])
    assert report.expected_total == D("150.00")
    assert (report.counted_total, report.variance_total, report.result) == (None, None, None)
    assert report.line("cash").result is None


def test_cash_expected_is_float_plus_payments_minus_refunds():
    report = shift_report(
        opening_float=D("100.00"),
        entries=[pay("80"), pay("45.50"), refund("20"), pay("200", "card"), charge("300")],
    )
    cash = report.line("cash")
    assert (cash.payments, cash.refunds, cash.net, cash.expected) == (D("125.50"), D("20.00"), D("105.50"), D("205.50"))
    card = report.line(PaymentMethod.CARD)
    assert (card.payments, card.refunds, card.net, card.expected) == (D("200.00"), D("0.00"), D("200.00"), D("200.00"))
    assert report.expected_total == D("405.50")


def test_a_reversed_payment_counts_back_out_and_a_reversed_refund_counts_back_in():
    wrong = pay("60")
    wrong_refund = refund("15", "card")
    report = shift_report(
        opening_float=D("50"),
        entries=[pay("40"), wrong, reversal(wrong), pay("100", "card"), wrong_refund, reversal(wrong_refund)],
    )
    cash = report.line("cash")
    assert (cash.payments, cash.refunds, cash.expected) == (D("40.00"), D("0.00"), D("90.00"))
    card = report.line("card")
    assert (card.payments, card.refunds, card.net) == (D("100.00"), D("0.00"), D("100.00"))


def test_a_reversal_of_a_payment_taken_in_an_earlier_shift_shows_as_negative_payments():
    report = shift_report(opening_float=D("0"), entries=[reversal(pay("30"))])
    cash = report.line("cash")
    assert (cash.payments, cash.net, cash.expected) == (D("-30.00"), D("-30.00"), D("-30.00"))


@pytest.mark.parametrize(
    ("counted_cash", "variance", "result"),
    [("230.00", "0.00", Result.EVEN), ("231.50", "1.50", Result.OVER), ("229.99", "-0.01", Result.SHORT)],
)
def test_variance_is_counted_minus_expected_and_says_over_or_short(counted_cash, variance, result):
    report = shift_report(
        opening_float=D("200"),
        entries=[pay("50"), refund("20"), pay("75", "card")],
        counted={"cash": D(counted_cash), "card": D("75")},
    )
    cash = report.line("cash")
    assert cash.expected == D("230.00")
    assert (cash.counted, cash.variance, cash.result) == (D(counted_cash), D(variance), result)
    assert report.line("card").result is Result.EVEN
    assert report.variance_total == D(variance) and report.result is result
    assert report.counted_total == D(counted_cash) + D("75.00")


def test_a_method_not_counted_counts_as_zero_and_is_short_by_its_net():
    report = shift_report(opening_float=D("10"), entries=[pay("40", "voucher")], counted={"cash": D("10")})
    voucher = report.line("voucher")
    assert (voucher.counted, voucher.variance, voucher.result) == (D("0.00"), D("-40.00"), Result.SHORT)
    assert report.variance_total == D("-40.00") and report.result is Result.SHORT


@pytest.mark.parametrize(("variance", "result"), [("0.01", "over"), ("0", "even"), ("-0.00", "even"), ("-5", "short")])
def test_result_wording(variance, result):
    assert result_of(D(variance)) == result


@pytest.mark.parametrize(
    ("counted", "problems"),
    [
        ({"cash": D("0")}, {}),
        ({"cash": D("120.50"), "card": "30.1", "voucher": 0}, {}),
        ({"cash": D("-0.01")}, {"cash": CountRefusal.NEGATIVE}),
        ({"cash": D("1.005")}, {"cash": CountRefusal.TOO_PRECISE}),
        ({"cash": "abc"}, {"cash": CountRefusal.NOT_A_NUMBER}),
        ({"cash": None}, {"cash": CountRefusal.NOT_A_NUMBER}),
        ({"cash": 1.5}, {"cash": CountRefusal.NOT_A_NUMBER}),
        ({"cash": D("NaN")}, {"cash": CountRefusal.NOT_A_NUMBER}),
        ({"cash": D("Infinity")}, {"cash": CountRefusal.NOT_A_NUMBER}),
        ({"cash": D("1E+40")}, {"cash": CountRefusal.TOO_LARGE}),
        ({"bitcoin": D("1")}, {"bitcoin": CountRefusal.UNKNOWN_METHOD}),
        ({"cash": D("-1"), "card": D("2")}, {"cash": CountRefusal.NEGATIVE}),
    ],
)
def test_a_count_is_a_non_negative_amount_in_cents_per_known_method(counted, problems):
    assert check_counted(counted) == problems


@pytest.mark.parametrize(
    ("amount", "refusal"),
    [("0", None), ("150.00", None), ("-1", CountRefusal.NEGATIVE), ("0.001", CountRefusal.TOO_PRECISE)],
)
def test_an_opening_float_is_a_non_negative_amount_in_cents(amount, refusal):
    assert check_float(D(amount)) == refusal


entries_strategy = st.lists(
    st.builds(
        lambda kind, method, amount, reversed_: ShiftEntry(
            kind=kind, method=method, gross=(amount if kind is Kind.REFUND else -amount) * (-1 if reversed_ else 1)
        ),
        st.sampled_from([Kind.PAYMENT, Kind.REFUND]),
        methods,
        amounts,
        st.booleans(),
    ),
    max_size=40,
)
counts = st.dictionaries(methods, st.decimals(min_value=D("0"), max_value=D("99999.99"), places=2))


@given(st.decimals(min_value=D("0"), max_value=D("5000"), places=2), entries_strategy, counts)
def test_the_report_adds_up(opening_float, entries, counted):
    report = shift_report(opening_float=opening_float, entries=entries, counted=counted)
    money_taken = -sum((e.gross for e in entries), D("0"))
    assert sum(line.net for line in report.lines) == money_taken
    assert report.expected_total == opening_float + money_taken
    for line in report.lines:
        assert line.net == line.payments - line.refunds
        assert line.variance == line.counted - line.expected
        assert line.counted == counted.get(line.method.value, D("0"))
    assert report.counted_total == sum(counted.values(), D("0"))
    assert report.variance_total == report.counted_total - report.expected_total
    assert report.variance_total == sum(line.variance for line in report.lines)


@given(st.decimals(min_value=D("0"), max_value=D("5000"), places=2), entries_strategy)
def test_reversing_every_entry_leaves_only_the_float(opening_float, entries):
    report = shift_report(opening_float=opening_float, entries=entries + [reversal(e) for e in entries])
    assert report.expected_total == opening_float
    assert all(line.net == 0 for line in report.lines)
