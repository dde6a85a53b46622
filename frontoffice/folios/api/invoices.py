"""Invoices and credit notes: issue from a folio window, list, read, print (PDF), correct."""

from typing import Annotated

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import NotFound
from frontoffice.folios.documents import invoice_filename, invoice_pdf
from frontoffice.folios.models import InvoiceLine
from frontoffice.folios.schemas import CreditNoteIn, InvoiceIn, InvoiceOut
from frontoffice.folios.selectors import folio_get, invoice_get, invoice_list
from frontoffice.folios.services import invoice_credit, invoice_issue

router = Router()

RowId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class InvoiceFilters(Schema):
    number: str = Field("", max_length=24)
    kind: str = Field("", pattern="^(|invoice|simplified|credit_note)$")


def _invoice(prop, pk: int):
    invoice = invoice_get(property=prop, pk=pk)
    if invoice is None:
        raise NotFound(_("No invoice %(id)s.") % {"id": pk})
    return invoice


@router.post("/properties/{code}/folios/{folio_id}/invoices", response={201: InvoiceOut})
def issue_invoice(request, code: str, folio_id: RowId, payload: InvoiceIn):
    """Issue an invoice (or simplified invoice) for the window's charges not yet invoiced.
    409 ``nothing_to_invoice``, ``payer_tax_id_required`` or ``simplified_over_limit`` when refused."""
    prop = scoped(request, code, "core.issue_invoices")
    folio = folio_get(property=prop, pk=folio_id)
    if folio is None:
        raise NotFound(_("No folio %(id)s.") % {"id": folio_id})
    invoice = invoice_issue(folio=folio, actor=user_of(request), **payload.dict())
    return Status(201, _invoice(prop, invoice.pk))


@router.get("/properties/{code}/invoices", response=list[InvoiceOut])
@paginate(Pagination)
def list_invoices(request, code: str, filters: Query[InvoiceFilters]):
    """Issued documents, newest first; filter by part of the number or by kind."""
    prop = scoped(request, code, "core.view_folios")
    lines = InvoiceLine.objects.order_by("id")
    return invoice_list(property=prop, number=filters.number, kind=filters.kind).prefetch_related(
        Prefetch("lines", queryset=lines)
    )


@router.get("/properties/{code}/invoices/{invoice_id}", response=InvoiceOut)
def get_invoice(request, code: str, invoice_id: RowId):
    prop = scoped(request, code, "core.view_folios")
    return _invoice(prop, invoice_id)


@router.get("/properties/{code}/invoices/{invoice_id}/pdf", response={200: bytes})
def get_invoice_pdf(request, code: str, invoice_id: RowId):
    """The document as PDF, in the language it was issued in."""
    prop = scoped(request, code, "core.view_folios")
    invoice = _invoice(prop, invoice_id)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice_filename(invoice)}"'
    return response


@router.post("/properties/{code}/invoices/{invoice_id}/credit-note", response={201: InvoiceOut})
def credit_invoice(request, code: str, invoice_id: RowId, payload: CreditNoteIn):
    """Correct an invoice with a credit note (series R, opposite amounts). 409 if already credited."""
    prop = scoped(request, code, "core.credit_invoices")
    note = invoice_credit(invoice=_invoice(prop, invoice_id), actor=user_of(request), reason=payload.reason)
    return Status(201, _invoice(prop, note.pk))
