"""The journal of two closed days with every kind of money movement (SQLite and PostgreSQL):
each day balances, each ledger's account moves as its folios do, and the Beancount export passes
``bean-check``."""

import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from frontoffice.backoffice.domain.journal import (
    DEPOSIT_LEDGER,
    GUEST_LEDGER,
    VAT_PAYABLE,
    account_balances,
    day_totals,
)
from frontoffice.backoffice.exports import journal_beancount, journal_csv
from frontoffice.backoffice.selectors import journal_entries
from frontoffice.folios.models import FolioKind, Posting
from frontoffice.folios.selectors import trial_balance
from frontoffice.folios.services import (
    deposit_take,
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_transfer_to_account,
    posting_transfer,
    receivable_account_create,
    receivable_payment_record,
)
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, in_house, room, stay
from frontoffice.guests.models import Company
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT


def bean_check() -> str:
    found = shutil.which("bean-check") or str(Path(sys.executable).with_name("bean-check"))
    assert Path(found).exists(), "bean-check is installed with the test dependencies"
    return found


@pytest.fixture
def two_days(hotel, codes, auditor, manager):
    """A guest in house two nights who eats, pays in advance, is refunded part of it, moves the
    dinner to a second window billed to a company that pays more than it owes; a deposit for a
    later guest."""
    guest = in_house(stay(hotel, nights=2), room(hotel, "101"))
    later = stay(hotel, arrival=TODAY + days(5))
    deposit_take(reservation=later, actor=manager, method="card", amount=Decimal("50.00"), card_brand="Visa",
                 card_last4="4242")  # fmt: skip
    folio = folio_for_reservation(reservation=guest, actor=manager)
    dinner = folio_post_charge(folio=folio, actor=manager, transaction_code=codes["FB"], unit_amount=Decimal("33.00"))
    folio_post_payment(folio=folio, actor=manager, method="card", amount=Decimal("200.00"), card_brand="Visa",
                       card_last4="4242")  # fmt: skip
    night_audit_run(property=hotel.property, actor=auditor, overrides={"arrivals_pending": "x"}, now=AFTER_MIDNIGHT)
    hotel.property.refresh_from_db()
    folio.refresh_from_db()
    second = folio_for_reservation(reservation=guest, actor=manager, window=2)
    posting_transfer(posting=dinner, target_folio=second, actor=manager, reason="Dinner on the other bill")
    folio_refund(folio=folio, actor=manager, method="card", amount=Decimal("10.00"), reason="Overcharged minibar")
    company = Company.objects.create(property=hotel.property, name="Acme SL", tax_id="B12345678")
    account = receivable_account_create(
        property=hotel.property, actor=manager, company=company, number="C001", credit_limit=Decimal("5000")
    )
    folio_transfer_to_account(folio=second, account=account, actor=manager)
    receivable_payment_record(account=account, actor=manager, amount=Decimal("100.00"), method="bank_transfer",
                              reference="TRF-1", auto=True)  # fmt: skip
    night_audit_run(property=hotel.property, actor=auditor, now=AFTER_MIDNIGHT + days(1))
    return guest


def test_every_closed_day_balances_and_each_ledger_moves_as_its_folios(hotel, two_days):
    entries = journal_entries(property=hotel.property, start=TODAY, end=TODAY + days(1))
    totals = day_totals(entries)
    assert set(totals) == {TODAY, TODAY + days(1)}
    assert all(debits == credits and debits > 0 for debits, credits in totals.values())
    balances = account_balances(entries)
    postings = Posting.objects.filter(property=hotel.property)
    guest_side = sum((p.gross for p in postings.exclude(folio__kind=FolioKind.DEPOSIT)), Decimal("0"))
    deposit_side = sum((p.gross for p in postings.filter(folio__kind=FolioKind.DEPOSIT)), Decimal("0"))
    assert balances[GUEST_LEDGER] == guest_side
    assert balances[DEPOSIT_LEDGER] == deposit_side == Decimal("-50.00")
    assert balances[VAT_PAYABLE] == -sum((p.tax for p in postings), Decimal("0"))
    # The city ledger: billed to the company, less what it paid.
    direct = -sum((p.gross for p in postings.filter(transaction_code__code="PAY-DIRECT")), Decimal("0"))
    assert balances["4300 City ledger"] == direct - Decimal("100.00")
    assert balances["5720 Bank"] == Decimal("100.00")
    # The journal's ledgers agree with the trial balance the night audit keeps.
    ledgers = trial_balance(property=hotel.property, business_date=TODAY + days(1))
    assert ledgers["guest"]["closing"] == guest_side
    assert ledgers["city"]["closing"] == balances["4300 City ledger"]
    # Revenue: two nights of room net of VAT, and the dinner (moved between windows, still revenue once).
    assert balances["7000 Room revenue"] == Decimal("-181.82")
    assert balances["7010 F&B revenue"] == Decimal("-30.00")


def test_the_beancount_export_passes_bean_check(hotel, two_days, tmp_path):
    entries = journal_entries(property=hotel.property, start=TODAY, end=TODAY + days(1))
    ledger = tmp_path / "journal.beancount"
    ledger.write_text(journal_beancount(hotel.property, entries))
    checked = subprocess.run([bean_check(), str(ledger)], capture_output=True, text=True, check=False)  # noqa: S603
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Income:RoomRevenue-7000" in ledger.read_text()


def test_a_broken_entry_is_caught_by_bean_check(hotel, two_days, tmp_path):
    """The check is real: a journal whose entry does not balance fails it."""
    entries = journal_entries(property=hotel.property, start=TODAY, end=TODAY)
    text = journal_beancount(hotel.property, entries).replace(
        "Assets:GuestLedger-4310  100.00", "Assets:GuestLedger-4310  101.00", 1
    )
    assert "101.00" in text
    ledger = tmp_path / "broken.beancount"
    ledger.write_text(text)
    checked = subprocess.run([bean_check(), str(ledger)], capture_output=True, text=True, check=False)  # noqa: S603
    assert checked.returncode != 0


def test_the_csv_has_one_row_per_line_with_debit_or_credit(hotel, two_days):
    entries = journal_entries(property=hotel.property, start=TODAY, end=TODAY + days(1))
    rows = journal_csv(entries).splitlines()
    assert rows[0] == "date,entry,account,debit,credit,narration"
    assert len(rows) - 1 == sum(len(e.lines) for e in entries)
    debit = sum(Decimal(r.split(",")[3] or "0") for r in rows[1:])
    credit = sum(Decimal(r.split(",")[4] or "0") for r in rows[1:])
    assert debit == credit
