"""The double-entry journal the front office hands to accounting, derived from its own records.

Every posting is one journal entry, dated on its business date, in which the folio's ledger and
the transaction code's account meet (amounts signed: positive is a debit, negative a credit):

* the folio's ledger (the guest ledger for guest, company and house folios, the deposit ledger for
  deposit folios) takes the posting's gross;
* the transaction code's account takes minus the net: revenue for a charge (room revenue, F&B
  revenue, fees), the city tax payable for the city tax, the cash, card clearing, bank or voucher
  account for a payment or refund, the city ledger for a direct bill, the transfer clearing
  account for a balance transfer (whose two sides cancel there);
* VAT payable takes minus the tax.

So a charge debits the guest and credits revenue and VAT; a payment credits the guest and debits
the cash; a reversal or a move to another folio is the same entry with the opposite signs. A
company's payment into its city-ledger account is one more entry: the method's account is debited
and the city ledger credited. Allocations only match payments to items and move no money.

Each entry balances because ``gross = net + tax`` for every posting (a database constraint), so
every day and every period balances. Plain Python: the selectors load the rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.00")
GUEST_LEDGER = "4310 Guest ledger"
DEPOSIT_LEDGER = "4385 Deposit ledger"
VAT_PAYABLE = "4770 VAT payable"


@dataclass(frozen=True)
class PostingRow:
    """A folio posting as the journal needs it."""

    id: int
    business_date: object  # dt.date
    deposit_folio: bool
    code: str
    account: str
    net: Decimal
    tax: Decimal
    gross: Decimal
    description: str = ""
    folio: int = 0


@dataclass(frozen=True)
class CompanyPayment:
    """Money a company paid into its city-ledger account."""

    id: int
    business_date: object
    method_account: str
    city_ledger: str
    amount: Decimal
    account_number: str = ""
    reference: str = ""


@dataclass(frozen=True)
class Line:
    account: str
    amount: Decimal  # positive: debit; negative: credit

    @property
    def debit(self) -> Decimal:
        return self.amount if self.amount > 0 else ZERO

    @property
    def credit(self) -> Decimal:
        return -self.amount if self.amount < 0 else ZERO


@dataclass(frozen=True)
class Entry:
    date: object
    ref: str  # P<posting id> or R<company payment id>
    narration: str
    lines: tuple[Line, ...]

    @property
    def balance(self) -> Decimal:
        return sum((line.amount for line in self.lines), ZERO)


def posting_entry(row: PostingRow) -> Entry:
    ledger = DEPOSIT_LEDGER if row.deposit_folio else GUEST_LEDGER
    lines = [Line(ledger, Decimal(row.gross)), Line(row.account, -Decimal(row.net))]
    if row.tax:
        lines.append(Line(VAT_PAYABLE, -Decimal(row.tax)))
    narration = f"{row.code} folio {row.folio}" + (f" {row.description}" if row.description else "")
    return Entry(row.business_date, f"P{row.id}", narration, tuple(line for line in lines if line.amount))


def company_payment_entry(payment: CompanyPayment) -> Entry:
    amount = Decimal(payment.amount)
    narration = f"Company payment {payment.account_number} {payment.reference}".strip()
    return Entry(
        payment.business_date,
        f"R{payment.id}",
        narration,
        (Line(payment.method_account, amount), Line(payment.city_ledger, -amount)),
    )


def journal(postings: Iterable[PostingRow], payments: Iterable[CompanyPayment] = ()) -> list[Entry]:
    """The entries in date order (postings before company payments on a date, each by id)."""
    entries = [posting_entry(p) for p in postings] + [company_payment_entry(p) for p in payments]
    entries.sort(key=lambda e: (e.date, e.ref[0] != "P", int(e.ref[1:])))
    return entries


def day_totals(entries: Iterable[Entry]) -> dict[object, tuple[Decimal, Decimal]]:
    """(debits, credits) per date: equal on every date of a sound journal."""
    totals: dict[object, list[Decimal]] = {}
    for e in entries:
        t = totals.setdefault(e.date, [ZERO, ZERO])
        for line in e.lines:
            t[0] += line.debit
            t[1] += line.credit
    return {d: (t[0], t[1]) for d, t in totals.items()}


def account_balances(entries: Iterable[Entry]) -> dict[str, Decimal]:
    """Each account's movement over the entries (debits minus credits): a trial balance."""
    out: dict[str, Decimal] = {}
    for e in entries:
        for line in e.lines:
            out[line.account] = out.get(line.account, ZERO) + line.amount
    return dict(sorted(out.items()))


# --- Beancount ----------------------------------------------------------------------------------

ROOTS_BY_DIGIT = {"1": "Equity", "2": "Assets", "3": "Assets", "5": "Assets", "6": "Expenses", "7": "Income"}
LIABILITY_WORDS = ("payable", "deposit", "voucher", "advance")


def beancount_account(account: str) -> str:
    """``"7000 Room revenue"`` → ``"Income:RoomRevenue-7000"``: the root from the account number
    (4xxx receivables are assets, unless the name says payable, deposit, voucher or advance),
    the name in CamelCase, the number kept so that two accounts never merge."""
    number, _, name = account.strip().partition(" ")
    if not number.isdigit():
        number, name = "", account
    words = re.findall(r"[A-Za-z0-9]+", name) or ["Account"]
    camel = "".join(w[:1].upper() + w[1:] for w in words)
    if not camel[:1].isalpha():
        camel = "A" + camel
    lowered = name.lower()
    if number[:1] == "4":
        root = "Liabilities" if any(w in lowered for w in LIABILITY_WORDS) else "Assets"
    else:
        root = ROOTS_BY_DIGIT.get(number[:1], "Assets")
    return f"{root}:{camel}" + (f"-{number}" if number else "")


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', "'") + '"'


def beancount_text(entries: list[Entry], *, currency: str, title: str) -> str:
    """The journal as a Beancount ledger: every account opened on its first date, one
    transaction per entry (flag ``*``), amounts to the cent."""
    first_use: dict[str, object] = {}
    for e in entries:
        for line in e.lines:
            name = beancount_account(line.account)
            if name not in first_use or e.date < first_use[name]:
                first_use[name] = e.date
    out = [f'option "title" {_quote(title)}', f'option "operating_currency" "{currency}"', ""]
    for name, date in sorted(first_use.items(), key=lambda kv: (kv[1], kv[0])):
        out.append(f"{date.isoformat()} open {name} {currency}")
    out.append("")
    for e in entries:
        out.append(f"{e.date.isoformat()} * {_quote(e.narration)} ^{e.ref}")
        for line in e.lines:
            out.append(f"  {beancount_account(line.account)}  {line.amount:.2f} {currency}")
        out.append("")
    return "\n".join(out)
