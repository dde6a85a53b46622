"""Issuing invoices and credit notes.

The folio row is locked first (so two clerks cannot invoice the same charges twice), then the
series counter row (so numbers are handed out one at a time). The number, the invoice and its
lines are written in the same transaction: if anything fails, nothing is issued and the number
is not used — the series has no gaps. Issued documents are immutable (database triggers).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.domain.money import ZERO, money
from frontoffice.folios.domain.invoice import (
    SERIES,
    Charge,
    DocumentKind,
    InvoiceRefusal,
    Totals,
    charges_to_invoice,
    check_credit,
    check_issue,
    full_number,
    next_number,
    suggested_kind,
    totals,
)
from frontoffice.folios.domain.ledger import Department
from frontoffice.folios.messages import invoice_refusal_text
from frontoffice.folios.models import Folio, Invoice, InvoiceCounter, InvoiceLine, Posting
from frontoffice.folios.selectors import standing_invoice_lines
from frontoffice.folios.services.inputs import plain_text
from frontoffice.folios.services.postings import _required_reason, _text

CHARGE_EXCLUDED = (Department.PAYMENT.value, Department.REFUND.value, Department.TRANSFER.value)
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _refuse(refusal: InvoiceRefusal | None, **params) -> None:
    if refusal is not None:
        raise Conflict(invoice_refusal_text(refusal, **params), code=refusal.value)


def _charges(folio: Folio) -> list[Posting]:
    return list(
        Posting.objects.filter(folio=folio)
        .exclude(transaction_code__department__in=CHARGE_EXCLUDED)
        .select_related("transaction_code")
        .annotate(invoiced=Exists(standing_invoice_lines().filter(posting=OuterRef("pk"))))
        .order_by("id")
    )


def _as_charge(p: Posting) -> Charge:
    return Charge(
        id=p.pk,
        net=p.net,
        tax=p.tax,
        gross=p.gross,
        tax_rate=p.transaction_code.tax_rate,
        invoiced=p.invoiced,
        reversal_of=p.reversal_of_id,
        transfer_of=p.transfer_of_id,
    )


def _payer_defaults(folio: Folio) -> dict:
    """Who the invoice is made out to unless the clerk says otherwise: the window's company, else
    its guest, else the reservation's guest. A private guest's tax id is their identity document."""
    if folio.payer_company_id:
        c = folio.payer_company
        return {"company": c, "guest": None, "name": c.name, "tax_id": c.tax_id, "address": c.address}
    guest = folio.payer_guest or (folio.reservation.guest if folio.reservation_id else None)
    if guest is not None:
        return {
            "company": None,
            "guest": guest,
            "name": guest.full_name,
            "tax_id": guest.document_number,
            "address": guest.address,
        }
    return {"company": None, "guest": None, "name": folio.name, "tax_id": "", "address": ""}


def invoice_payer_defaults(*, folio: Folio) -> dict:
    """The payer's name, tax id, address and language the issue form starts from."""
    payer = _payer_defaults(folio)
    return {**payer, "language": _language(folio, payer, None)}


@dataclass(frozen=True)
class InvoicePreview:
    """What an invoice issued from a window now would hold: its payer (as on file), the totals of
    the charges not yet invoiced, and the document those call for (None: nothing to invoice)."""

    folio: Folio
    payer_name: str
    payer_tax_id: str
    totals: Totals
    suggested: DocumentKind | None


def invoice_preview(*, folio: Folio) -> InvoicePreview:
    """The invoice the window's charges not yet invoiced would make, with the payer's details on
    file and the suggested kind (``domain.invoice.suggested_kind``), for a form to start from."""
    payer = _payer_defaults(folio)
    postings = _charges(folio)
    lines = charges_to_invoice(_as_charge(p) for p in postings)
    return InvoicePreview(
        folio=folio,
        payer_name=payer["name"],
        payer_tax_id=payer["tax_id"],
        totals=totals(lines),
        suggested=suggested_kind(
            lines=lines,
            simplified_limit=folio.property.simplified_invoice_limit,
            payer_name=payer["name"],
            payer_tax_id=payer["tax_id"],
        ),
    )


def _language(folio: Folio, payer: dict, requested: str | None) -> str:
    if requested:
        if requested not in LANGUAGES:
            text = _("One of %(choices)s.") % {"choices": ", ".join(sorted(LANGUAGES))}
            raise InvalidInput(text, errors=[{"field": "language", "message": text}])
        return requested
    guest_language = getattr(payer["guest"], "language", "")
    return guest_language if guest_language in LANGUAGES else folio.property.default_language


def _number(property, kind: DocumentKind, year: int) -> tuple[str, int]:
    """Take the next number of the series for ``year``, holding the counter's lock until commit."""
    series = SERIES[kind]
    InvoiceCounter.objects.bulk_create(
        [InvoiceCounter(property=property, series=series, year=year)], ignore_conflicts=True
    )
    counter = InvoiceCounter.objects.select_for_update().get(property=property, series=series, year=year)
    counter.last_number = next_number(counter.last_number)
    counter.save(update_fields=["last_number"])
    return series, counter.last_number


def _paid(folio: Folio) -> Decimal:
    """What the window has been paid, net of refunds and balance transfers (positive)."""
    grosses = Posting.objects.filter(folio=folio, transaction_code__department__in=CHARGE_EXCLUDED).values_list(
        "gross", flat=True
    )
    return money(-sum(grosses, ZERO))


def invoice_issue(
    *,
    folio: Folio,
    actor,
    simplified: bool = False,
    payer_name: str | None = None,
    payer_tax_id: str | None = None,
    payer_address: str | None = None,
    language: str | None = None,
) -> Invoice:
    """Issue an invoice (or a simplified invoice) for the window's charges not yet invoiced."""
    require(actor, "core.issue_invoices")
    with transaction.atomic():
        folio = (
            Folio.objects.select_for_update(of=("self",))
            .select_related("property", "payer_company", "payer_guest", "reservation__guest")
            .get(pk=folio.pk)
        )
        payer = _payer_defaults(folio)
        name = _text(payer["name"] if payer_name is None else payer_name, "payer_name", 200)
        tax_id = plain_text(payer["tax_id"] if payer_tax_id is None else payer_tax_id, "payer_tax_id", 30)
        address = _text(payer["address"] if payer_address is None else payer_address, "payer_address", 500)
        lang = _language(folio, payer, language)
        postings = _charges(folio)
        chosen_ids = {c.id for c in charges_to_invoice(_as_charge(p) for p in postings)}
        chosen = [p for p in postings if p.pk in chosen_ids]
        lines = [_as_charge(p) for p in chosen]
        prop = folio.property
        _refuse(
            check_issue(
                lines=lines,
                simplified=simplified,
                simplified_limit=prop.simplified_invoice_limit,
                payer_name=name,
                payer_tax_id=tax_id,
            ),
            limit=prop.simplified_invoice_limit,
            currency=prop.currency,
        )
        kind = DocumentKind.SIMPLIFIED if simplified else DocumentKind.INVOICE
        year = prop.business_date.year
        series, number = _number(prop, kind, year)
        sums = totals(lines)
        invoice = Invoice.objects.create(
            property=prop,
            kind=kind.value,
            series=series,
            year=year,
            number=number,
            full_number=full_number(series=series, year=year, number=number),
            folio=folio,
            issue_date=prop.business_date,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            language=lang,
            currency=prop.currency,
            payer_guest=payer["guest"],
            payer_company=payer["company"],
            payer_name=name or _("Customer"),
            payer_tax_id=tax_id,
            payer_address=address,
            net=sums.net,
            tax=sums.tax,
            gross=sums.gross,
            paid=min(max(_paid(folio), ZERO), sums.gross),
        )
        InvoiceLine.objects.bulk_create(
            [
                InvoiceLine(
                    invoice=invoice,
                    posting=p,
                    business_date=p.business_date,
                    code=p.transaction_code.code,
                    description=p.description or p.transaction_code.name,
                    quantity=p.quantity,
                    unit_amount=p.unit_amount,
                    tax_rate=p.transaction_code.tax_rate,
                    net=p.net,
                    tax=p.tax,
                    gross=p.gross,
                )
                for p in chosen
            ]
        )
        audit_record(
            property=prop,
            entity="invoice",
            entity_id=invoice.pk,
            action="issue",
            actor=actor,
            changes={"number": invoice.full_number, "folio": folio.pk, "gross": invoice.gross, "kind": kind.value},
        )
    return invoice


def invoice_credit(*, invoice: Invoice, actor, reason: str) -> Invoice:
    """Correct an issued invoice with a credit note: the same lines, opposite amounts, series R.
    The invoice's charges are then free to be corrected on the folio and invoiced again."""
    require(actor, "core.credit_invoices")
    reason = _required_reason(reason)
    with transaction.atomic():
        Folio.objects.select_for_update(of=("self",)).filter(pk=invoice.folio_id).first()
        original = Invoice.objects.select_related("property").get(pk=invoice.pk)
        _refuse(
            check_credit(kind=original.kind, already_credited=Invoice.objects.filter(corrects=original).exists()),
            number=original.full_number,
        )
        prop = original.property
        year = prop.business_date.year
        series, number = _number(prop, DocumentKind.CREDIT_NOTE, year)
        note = Invoice.objects.create(
            property=prop,
            kind=DocumentKind.CREDIT_NOTE.value,
            series=series,
            year=year,
            number=number,
            full_number=full_number(series=series, year=year, number=number),
            folio_id=original.folio_id,
            issue_date=prop.business_date,
            issued_by=actor if getattr(actor, "is_authenticated", False) else None,
            language=original.language,
            currency=original.currency,
            payer_guest_id=original.payer_guest_id,
            payer_company_id=original.payer_company_id,
            payer_name=original.payer_name,
            payer_tax_id=original.payer_tax_id,
            payer_address=original.payer_address,
            net=-original.net,
            tax=-original.tax,
            gross=-original.gross,
            paid=ZERO,
            corrects=original,
            reason=reason,
        )
        InvoiceLine.objects.bulk_create(
            [
                InvoiceLine(
                    invoice=note,
                    posting_id=line.posting_id,
                    business_date=line.business_date,
                    code=line.code,
                    description=line.description,
                    quantity=-line.quantity,
                    unit_amount=line.unit_amount,
                    tax_rate=line.tax_rate,
                    net=-line.net,
                    tax=-line.tax,
                    gross=-line.gross,
                )
                for line in original.lines.order_by("id")
            ]
        )
        audit_record(
            property=prop,
            entity="invoice",
            entity_id=note.pk,
            action="credit",
            actor=actor,
            changes={"number": note.full_number, "corrects": original.full_number, "gross": note.gross},
            reason=reason,
        )
    return note
