"""Invoices as plain rules: which postings an invoice takes, what kind of document it may be,
its tax breakdown and totals, its number, and the credit note that corrects it.

- An invoice is issued from one folio window and takes every charge posted there that no
  standing invoice holds yet. A correction the guest never saw is left off: a posting and its
  reversal, or a charge and its move to another folio, when neither is invoiced, cancel out.
- Amounts are copied from the postings, which were rounded per line; the breakdown per tax
  rate is the sum of its lines, so the document adds up to the cent with the ledger.
- A full invoice names the payer with a tax id (for a private guest, the identity document);
  a simplified invoice (a ticket) needs neither and is allowed up to the property's limit.
  Unless someone chooses, a payer with a tax id gets a full invoice, anyone else a simplified
  one within the limit, and a full invoice above it.
- Numbers run per property, series and year without gaps: ``F2026-00001``. The series is F
  for invoices, S for simplified invoices and R for credit notes (rectifying invoices).
- A credit note corrects a whole invoice: the same lines with opposite amounts. Its charges
  may then be corrected on the folio and invoiced again.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from frontoffice.core.domain.money import ZERO, money


class DocumentKind(StrEnum):
    INVOICE = "invoice"
    SIMPLIFIED = "simplified"
    CREDIT_NOTE = "credit_note"


SERIES = {DocumentKind.INVOICE: "F", DocumentKind.SIMPLIFIED: "S", DocumentKind.CREDIT_NOTE: "R"}


class InvoiceRefusal(StrEnum):
    NOTHING_TO_INVOICE = "nothing_to_invoice"
    TOTAL_NOT_POSITIVE = "invoice_total_not_positive"
    SIMPLIFIED_OVER_LIMIT = "simplified_over_limit"
    PAYER_NAME_REQUIRED = "payer_name_required"
    PAYER_TAX_ID_REQUIRED = "payer_tax_id_required"
    ALREADY_CREDITED = "invoice_already_credited"
    CREDIT_OF_CREDIT_NOTE = "credit_of_credit_note"
    POSTING_INVOICED = "posting_invoiced"


@dataclass(frozen=True)
class Charge:
    """What the invoice rules need of one charge posting on the window."""

    id: int
    net: Decimal
    tax: Decimal
    gross: Decimal
    tax_rate: Decimal
    invoiced: bool = False
    reversal_of: int | None = None
    transfer_of: int | None = None


@dataclass(frozen=True)
class TaxLine:
    rate: Decimal
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass(frozen=True)
class Totals:
    net: Decimal
    tax: Decimal
    gross: Decimal


def charges_to_invoice(charges: Iterable[Charge]) -> list[Charge]:
    """The window's charges not yet on a standing invoice, in posting order, leaving off the
    pairs that cancel out before anyone was billed: a reversal and the posting it reverses, or
    the opposite copy left behind by a whole move and the charge moved, when neither is invoiced.
    """
    pending = [c for c in charges if not c.invoiced]
    by_id = {c.id: c for c in pending}
    dropped: set[int] = set()
    for c in pending:
        partner = c.reversal_of or c.transfer_of
        if partner is None or partner not in by_id or partner in dropped or c.id in dropped:
            continue
        other = by_id[partner]
        if other.gross + c.gross == 0 and other.net + c.net == 0:
            dropped.update((c.id, partner))
    return [c for c in pending if c.id not in dropped]


def tax_breakdown(lines: Iterable[Charge]) -> list[TaxLine]:
    """Net, tax and gross per tax rate, lowest rate first: sums of the lines, never recomputed."""
    rates: dict[Decimal, list[Decimal]] = {}
    for line in lines:
        acc = rates.setdefault(Decimal(line.tax_rate), [ZERO, ZERO, ZERO])
        acc[0] += line.net
        acc[1] += line.tax
        acc[2] += line.gross
    return [TaxLine(rate=r, net=money(n), tax=money(t), gross=money(g)) for r, (n, t, g) in sorted(rates.items())]


def totals(lines: Iterable[Charge]) -> Totals:
    lines = list(lines)
    return Totals(
        net=money(sum((c.net for c in lines), ZERO)),
        tax=money(sum((c.tax for c in lines), ZERO)),
        gross=money(sum((c.gross for c in lines), ZERO)),
    )


def check_issue(
    *,
    lines: list[Charge],
    simplified: bool,
    simplified_limit: Decimal,
    payer_name: str,
    payer_tax_id: str,
) -> InvoiceRefusal | None:
    """May these lines be issued as this kind of document to this payer?"""
    if not lines:
        return InvoiceRefusal.NOTHING_TO_INVOICE
    gross = totals(lines).gross
    if gross <= 0:
        return InvoiceRefusal.TOTAL_NOT_POSITIVE
    if simplified:
        return InvoiceRefusal.SIMPLIFIED_OVER_LIMIT if gross > Decimal(simplified_limit) else None
    if not payer_name.strip():
        return InvoiceRefusal.PAYER_NAME_REQUIRED
    if not payer_tax_id.strip():
        return InvoiceRefusal.PAYER_TAX_ID_REQUIRED
    return None


def suggested_kind(
    *,
    lines: list[Charge],
    simplified_limit: Decimal,
    payer_name: str,
    payer_tax_id: str,
) -> DocumentKind | None:
    """The document these lines call for when nobody says otherwise (e.g. at check-out): a full
    invoice when the payer can have one (a company, or a guest whose tax id is on file); else a
    simplified invoice when the total is within the property's limit; else a full invoice, which
    will ask for the payer's tax id. None when there is nothing ``check_issue`` would invoice."""
    facts = {"lines": lines, "simplified_limit": simplified_limit, "payer_name": payer_name}
    full = check_issue(simplified=False, payer_tax_id=payer_tax_id, **facts)
    if full is None:
        return DocumentKind.INVOICE
    if full in (InvoiceRefusal.NOTHING_TO_INVOICE, InvoiceRefusal.TOTAL_NOT_POSITIVE):
        return None
    if check_issue(simplified=True, payer_tax_id=payer_tax_id, **facts) is None:
        return DocumentKind.SIMPLIFIED
    return DocumentKind.INVOICE


def check_credit(*, kind: DocumentKind | str, already_credited: bool) -> InvoiceRefusal | None:
    """Only an invoice or a simplified invoice is credited, and only once."""
    if DocumentKind(kind) is DocumentKind.CREDIT_NOTE:
        return InvoiceRefusal.CREDIT_OF_CREDIT_NOTE
    if already_credited:
        return InvoiceRefusal.ALREADY_CREDITED
    return None


def full_number(*, series: str, year: int, number: int) -> str:
    """The printed number: series, year and a five-digit sequence, e.g. ``F2026-00042``."""
    return f"{series}{year}-{number:05d}"


def next_number(last_number: int) -> int:
    """The next number in a series: one more than the last issued, starting at 1."""
    return last_number + 1
