"""Printed documents: an invoice or credit note as HTML and as PDF (WeasyPrint), in the
language it was issued in, with the property's legal details and the tax breakdown per rate.

Rendering only reads the issued invoice and its lines; nothing here changes data.
"""

from django.template.loader import render_to_string
from django.utils import translation

from frontoffice.folios.domain.invoice import Charge, tax_breakdown
from frontoffice.folios.models import Invoice


def invoice_context(invoice: Invoice) -> dict:
    lines = list(invoice.lines.order_by("id"))
    breakdown = tax_breakdown(
        Charge(id=line.pk, net=line.net, tax=line.tax, gross=line.gross, tax_rate=line.tax_rate) for line in lines
    )
    prop = invoice.property
    return {
        "invoice": invoice,
        "property": prop,
        "lines": lines,
        "breakdown": breakdown,
        "due": invoice.gross - invoice.paid,
        "corrects": invoice.corrects,
        "reservation": invoice.folio.reservation,
    }


def invoice_html(invoice: Invoice) -> str:
    """The document as a standalone HTML page in the invoice's language."""
    with translation.override(invoice.language):
        return render_to_string("folios/invoices/document.html", invoice_context(invoice))


def invoice_pdf(invoice: Invoice) -> bytes:
    """The document as PDF. WeasyPrint is imported here: it is only needed when printing."""
    from weasyprint import HTML

    return HTML(string=invoice_html(invoice)).write_pdf()


def invoice_filename(invoice: Invoice) -> str:
    return f"{invoice.full_number}.pdf"
