"""The ledger rules, without a database: pricing a line, signs, balances, reversals, refunds."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.folios.domain.card import looks_like_card_number, valid_last4
from frontoffice.folios.domain.ledger import (
    Amounts,
    Department,
    Entry,
    Kind,
    PaymentMethod,
    Refusal,
    balance,
    check_amount,
    check_payment_reversal,
    check_quantity,
    check_refund,
    check_reversal,
    check_window,
    kind_of,
    money_amounts,
    price_line,
    refundable,
    reversal_needs_manager,
)

D = Decimal
amounts = st.decimals(min_value=D("0.01"), max_value=D("9999.99"), places=2)
rates = st.sampled_from([D("0"), D("4"), D("10"), D("21"), D("7.5")])
quantities = st.integers(min_value=1, max_value=50)


@pytest.mark.parametrize(
    ("quantity", "unit", "rate", "inclusive", "net", "tax", "gross"),
    [
        (1, "110.00", "10", True, "100.00", "10.00", "110.00"),
        (1, "100.00", "10", False, "100.00", "10.00", "110.00"),
        (3, "4.50", "10", True, "12.27", "1.23", "13.50"),
        (3, "4.50", "21", False, "13.50", "2.84", "16.34"),
        (1, "0.05", "10", False, "0.05", "0.01", "0.06"),  # 0.005 rounds half up
        (1, "0.01", "21", True, "0.01", "0.00", "0.01"),
        (2, "19.99", "0", True, "39.98", "0.00", "39.98"),
    ],
)
def test_a_line_is_priced_per_line_and_rounded_half_up_to_the_cent(quantity, unit, rate, inclusive, net, tax, gross):
    line = price_line(quantity=quantity, unit_amount=D(unit), tax_rate=D(rate), amounts_include_tax=inclusive)
    assert (line.net, line.tax, line.gross) == (D(net), D(tax), D(gross))


@given(quantities, amounts, rates, st.booleans())
def test_net_plus_tax_is_always_gross_and_no_cent_is_created_or_lost(quantity, unit, rate, inclusive):
    line = price_line(quantity=quantity, unit_amount=unit, tax_rate=rate, amounts_include_tax=inclusive)
    assert line.net + line.tax == line.gross
    entered = quantity * unit
    assert (line.gross if inclusive else line.net) == entered
    for value in (line.net, line.tax, line.gross):
        assert value == value.quantize(D("0.01"))
    assert line.tax >= 0 and line.net >= 0


@pytest.mark.parametrize(
    ("department", "kind"),
    [
        *[
            (d, Kind.CHARGE)
            for d in Department
            if d not in (Department.PAYMENT, Department.REFUND, Department.TRANSFER)
        ],
        (Department.PAYMENT, Kind.PAYMENT),
        (Department.REFUND, Kind.REFUND),
        (Department.TRANSFER, Kind.TRANSFER),
    ],
)
def test_every_department_has_a_kind(department, kind):
    assert kind_of(department) is kind
    assert kind_of(department.value) is kind


def test_charges_and_refunds_raise_the_balance_and_payments_lower_it():
    line = money_amounts(D("20"))
    assert line.signed(Kind.CHARGE).gross == D("20.00")
    assert line.signed(Kind.REFUND).gross == D("20.00")
    assert line.signed(Kind.PAYMENT).gross == D("-20.00")


def test_amounts_refuse_a_gross_that_is_not_net_plus_tax():
    with pytest.raises(ValueError, match="net"):
        Amounts(net=D("1.00"), tax=D("0.10"), gross=D("1.11"))


@given(st.lists(st.tuples(quantities, amounts, rates, st.sampled_from(list(Kind))), max_size=40), st.booleans())
def test_the_balance_is_exactly_the_sum_of_the_signed_lines(lines, inclusive):
    signed = [
        price_line(quantity=q, unit_amount=u, tax_rate=r, amounts_include_tax=inclusive).signed(k)
        for q, u, r, k in lines
    ]
    total = balance(s.gross for s in signed)
    assert total == sum((s.net for s in signed), D("0")) + sum((s.tax for s in signed), D("0"))
    assert total == sum((s.gross for s in signed), D("0"))


@given(quantities, amounts, rates, st.booleans(), st.sampled_from(list(Kind)))
def test_a_posting_and_its_reversal_net_to_zero(quantity, unit, rate, inclusive, kind):
    line = price_line(quantity=quantity, unit_amount=unit, tax_rate=rate, amounts_include_tax=inclusive).signed(kind)
    reversal = line.negated()
    assert balance([line.gross, reversal.gross]) == 0
    assert line.net + reversal.net == 0 and line.tax + reversal.tax == 0


def test_the_empty_folio_balances_to_zero():
    assert balance([]) == D("0.00")


@pytest.mark.parametrize(
    ("is_reversal", "already", "refusal"),
    [
        (False, False, None),
        (False, True, Refusal.ALREADY_REVERSED),
        (True, False, Refusal.REVERSAL_OF_REVERSAL),
        (True, True, Refusal.REVERSAL_OF_REVERSAL),
    ],
)
def test_a_posting_is_reversed_at_most_once_and_a_reversal_never(is_reversal, already, refusal):
    assert check_reversal(is_reversal=is_reversal, already_reversed=already) == refusal


@pytest.mark.parametrize(
    ("gross", "limit", "needs"),
    [("50.00", "50.00", False), ("50.01", "50.00", True), ("-80.00", "50.00", True), ("-10", "50", False)],
)
def test_reversals_above_the_void_limit_need_a_manager(gross, limit, needs):
    assert reversal_needs_manager(gross=D(gross), limit=D(limit)) is needs


def pay(amount, method="card"):
    return Entry(kind=Kind.PAYMENT, gross=-D(amount), method=method)


def refund(amount, method="card"):
    return Entry(kind=Kind.REFUND, gross=D(amount), method=method)


def charge(amount):
    return Entry(kind=Kind.CHARGE, gross=D(amount))


@pytest.mark.parametrize(
    ("entries", "method", "amount", "refusal"),
    [
        ([pay("100")], "card", "100", None),
        ([pay("100")], "card", "100.01", Refusal.REFUND_EXCEEDS_PAID),
        # paid 100, charged 60: 40 is still the guest's, however much the card paid
        ([charge("60"), pay("100")], "card", "40", None),
        ([charge("60"), pay("100")], "card", "40.01", Refusal.REFUND_EXCEEDS_CREDIT),
        ([charge("100"), pay("100")], "card", "1", Refusal.REFUND_EXCEEDS_CREDIT),
        # a deposit moved to another folio (a transfer out) is no longer there to refund
        ([pay("100"), Entry(Kind.TRANSFER, D("70"))], "card", "30.01", Refusal.REFUND_EXCEEDS_CREDIT),
        ([charge("100"), pay("100")], "cash", "1", Refusal.REFUND_METHOD_NOT_PAID),
        ([pay("100"), refund("60")], "card", "40", None),
        ([pay("100"), refund("60")], "card", "40.01", Refusal.REFUND_EXCEEDS_PAID),
        ([pay("100"), refund("100")], "card", "0.01", Refusal.REFUND_METHOD_NOT_PAID),
        # a reversed refund is owed again; a reversed payment no longer counts
        ([pay("100"), refund("100"), Entry(Kind.REFUND, D("-100"), "card", True)], "card", "100", None),
        ([pay("100"), Entry(Kind.PAYMENT, D("100"), "card", True)], "card", "1", Refusal.REFUND_METHOD_NOT_PAID),
        ([pay("30", "cash"), pay("70")], "cash", "30", None),
        ([pay("30", "cash"), pay("70")], "cash", "31", Refusal.REFUND_EXCEEDS_PAID),
        ([pay("30")], "card", "0", Refusal.AMOUNT_NOT_POSITIVE),
        ([pay("30")], "card", "-5", Refusal.AMOUNT_NOT_POSITIVE),
    ],
)
def test_a_refund_goes_only_to_a_method_paid_and_not_beyond_it(entries, method, amount, refusal):
    assert check_refund(entries=entries, method=method, amount=D(amount)) == refusal


methods = st.sampled_from(list(PaymentMethod))


@given(
    st.lists(st.tuples(st.sampled_from([Kind.PAYMENT, Kind.REFUND]), amounts, methods), max_size=30),
    methods,
    amounts,
)
def test_refunds_allowed_one_by_one_never_exceed_what_was_paid(moves, method, extra):
    entries: list[Entry] = []
    for kind, amount, m in [*moves, (Kind.REFUND, extra, method)]:
        if kind is Kind.PAYMENT:
            entries.append(pay(amount, m.value))
        elif check_refund(entries=entries, method=m, amount=amount) is None:
            entries.append(refund(amount, m.value))
    for m in PaymentMethod:
        paid = sum((-e.gross for e in entries if e.method == m.value and e.kind is Kind.PAYMENT), D("0"))
        refunded = sum((e.gross for e in entries if e.method == m.value and e.kind is Kind.REFUND), D("0"))
        assert 0 <= refunded <= paid
        assert refundable(entries, m) == paid - refunded


def test_a_refunded_payment_cannot_be_reversed_until_the_refund_is():
    entries = [pay("100"), refund("60")]
    assert check_payment_reversal(entries=entries, method="card", amount=D("100")) == Refusal.PAYMENT_ALREADY_REFUNDED
    assert check_payment_reversal(entries=[pay("100")], method="card", amount=D("100")) is None


@pytest.mark.parametrize(
    ("amount", "refusal"),
    [("0.01", None), ("0", Refusal.AMOUNT_NOT_POSITIVE), ("0.004", Refusal.AMOUNT_NOT_POSITIVE),
     ("-1", Refusal.AMOUNT_NOT_POSITIVE), ("999999.99", None), ("1000000", Refusal.AMOUNT_TOO_LARGE)],
)  # fmt: skip
def test_amounts_are_positive_and_bounded(amount, refusal):
    assert check_amount(D(amount)) == refusal


def test_quantities_and_windows_are_bounded():
    assert check_quantity(1) is None and check_quantity(9999) is None
    assert check_quantity(0) == Refusal.QUANTITY_OUT_OF_RANGE
    assert check_window(1) is None and check_window(8) is None
    assert check_window(0) == check_window(9) == Refusal.WINDOW_OUT_OF_RANGE


@pytest.mark.parametrize(
    ("text", "pan"),
    [
        ("4111111111111111", True),
        ("4111 1111 1111 1111", True),
        ("4111-1111-1111-1111", True),
        ("tok_4111111111111111", True),
        ("378282246310005", True),
        ("tok_1a2b3c", False),
        ("AUTH 123456", False),
        ("12345678901", False),  # 11 digits
        ("", False),
    ],
)
def test_anything_that_looks_like_a_card_number_is_recognised(text, pan):
    assert looks_like_card_number(text) is pan


@pytest.mark.parametrize(
    ("text", "ok"), [("", True), ("1234", True), ("123", False), ("12a4", False), ("12345", False)]
)
def test_last_four_is_four_digits_or_nothing(text, ok):
    assert valid_last4(text) is ok
