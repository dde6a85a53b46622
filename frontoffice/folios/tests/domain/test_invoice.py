"""Invoice rules without a database: what goes on an invoice, kinds, breakdown, numbers."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.folios.domain.invoice import (
    Charge,
    DocumentKind,
    InvoiceRefusal,
    charges_to_invoice,
    check_credit,
    check_issue,
    full_number,
    next_number,
    suggested_kind,
    tax_breakdown,
    totals,
)
from frontoffice.folios.domain.ledger import price_line

D = Decimal


def line(id, gross, rate="10", **kw):
    amounts = price_line(quantity=1, unit_amount=abs(D(gross)), tax_rate=D(rate), amounts_include_tax=True)
    sign = 1 if D(gross) >= 0 else -1
    return Charge(id=id, net=sign * amounts.net, tax=sign * amounts.tax, gross=D(gross), tax_rate=D(rate), **kw)


def test_already_invoiced_charges_stay_off_a_new_invoice():
    lines = [line(1, "100", invoiced=True), line(2, "20")]
    assert [c.id for c in charges_to_invoice(lines)] == [2]


def test_a_charge_and_its_reversal_never_reach_the_invoice():
    lines = [line(1, "100"), line(2, "30"), line(3, "-100", reversal_of=1)]
    assert [c.id for c in charges_to_invoice(lines)] == [2]


def test_a_charge_moved_away_whole_leaves_nothing_behind_but_a_partial_move_shows_both_lines():
    whole = [line(1, "100"), line(2, "-100", transfer_of=1)]
    assert charges_to_invoice(whole) == []
    partial = [line(1, "100"), line(2, "-40", transfer_of=1)]
    assert [c.id for c in charges_to_invoice(partial)] == [1, 2]


def test_a_reversal_of_an_invoiced_charge_is_invoiced_on_its_own():
    lines = [line(1, "100", invoiced=True), line(2, "-100", reversal_of=1)]
    assert [c.id for c in charges_to_invoice(lines)] == [2]


def test_breakdown_groups_lines_by_rate_and_adds_up_to_the_totals():
    lines = [line(1, "110", "10"), line(2, "12.10", "21"), line(3, "55", "10"), line(4, "2", "0")]
    breakdown = tax_breakdown(lines)
    assert [t.rate for t in breakdown] == [D("0"), D("10"), D("21")]
    ten = breakdown[1]
    assert (ten.net, ten.tax, ten.gross) == (D("150.00"), D("15.00"), D("165.00"))
    total = totals(lines)
    assert sum(t.gross for t in breakdown) == total.gross == D("179.10")
    assert sum(t.tax for t in breakdown) == total.tax


@given(st.lists(st.tuples(st.integers(1, 100000), st.sampled_from(["0", "4", "10", "21"])), min_size=1, max_size=40))
def test_the_breakdown_never_creates_or_loses_a_cent(items):
    lines = [line(i, D(cents) / 100, rate) for i, (cents, rate) in enumerate(items)]
    breakdown = tax_breakdown(lines)
    total = totals(lines)
    assert sum(t.net for t in breakdown) == total.net
    assert sum(t.tax for t in breakdown) == total.tax
    assert sum(t.gross for t in breakdown) == total.gross == sum(c.gross for c in lines)
    assert all(t.net + t.tax == t.gross for t in breakdown)


def issue(lines, simplified=False, limit="400", name="Ana Ruiz", tax_id="12345678Z"):
    return check_issue(
        lines=lines, simplified=simplified, simplified_limit=D(limit), payer_name=name, payer_tax_id=tax_id
    )


def test_a_full_invoice_needs_the_payers_name_and_tax_id():
    lines = [line(1, "100")]
    assert issue(lines) is None
    assert issue(lines, name=" ") is InvoiceRefusal.PAYER_NAME_REQUIRED
    assert issue(lines, tax_id="") is InvoiceRefusal.PAYER_TAX_ID_REQUIRED


@pytest.mark.parametrize(("gross", "expected"), [("400.00", None), ("400.01", InvoiceRefusal.SIMPLIFIED_OVER_LIMIT)])
def test_a_simplified_invoice_is_allowed_up_to_the_limit_without_tax_id(gross, expected):
    assert issue([line(1, gross)], simplified=True, tax_id="", name="") is expected


def test_nothing_or_a_negative_total_cannot_be_invoiced():
    assert issue([]) is InvoiceRefusal.NOTHING_TO_INVOICE
    assert issue([line(1, "-5")]) is InvoiceRefusal.TOTAL_NOT_POSITIVE


@pytest.mark.parametrize(
    ("gross", "tax_id", "expected"),
    [
        ("900.00", "B12345678", DocumentKind.INVOICE),  # a payer with a tax id: full, whatever the total
        ("50.00", "12345678Z", DocumentKind.INVOICE),
        ("400.00", "", DocumentKind.SIMPLIFIED),  # no tax id, within the limit: a ticket
        ("400.01", "", DocumentKind.INVOICE),  # above it: full (which will ask for the tax id)
        ("-5.00", "12345678Z", None),  # nothing an invoice could take
    ],
)
def test_the_suggested_document_follows_the_payers_tax_id_then_the_simplified_limit(gross, tax_id, expected):
    payer = {"simplified_limit": D("400"), "payer_name": "Ana Ruiz", "payer_tax_id": tax_id}
    assert suggested_kind(lines=[line(1, gross)], **payer) is expected
    assert suggested_kind(lines=[], **payer) is None


def test_an_invoice_is_credited_once_and_a_credit_note_never():
    assert check_credit(kind=DocumentKind.INVOICE, already_credited=False) is None
    assert check_credit(kind="simplified", already_credited=False) is None
    assert check_credit(kind=DocumentKind.INVOICE, already_credited=True) is InvoiceRefusal.ALREADY_CREDITED
    assert check_credit(kind="credit_note", already_credited=False) is InvoiceRefusal.CREDIT_OF_CREDIT_NOTE


def test_numbers_run_from_one_and_print_with_series_and_year():
    assert next_number(0) == 1 and next_number(41) == 42
    assert full_number(series="F", year=2026, number=42) == "F2026-00042"
