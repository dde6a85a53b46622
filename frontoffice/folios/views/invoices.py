"""HTML pages for invoices: issue one from a folio window, see it, print it (PDF), correct it
with a credit note, and find any issued document of the property."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error
from frontoffice.folios.documents import invoice_context, invoice_filename, invoice_pdf
from frontoffice.folios.forms import CreditNoteForm, InvoiceForm
from frontoffice.folios.models import Folio, InvoiceKind
from frontoffice.folios.selectors import folio_get, invoice_get, invoice_list
from frontoffice.folios.services import invoice_credit, invoice_issue, invoice_payer_defaults
from frontoffice.reservations.views import desk_view

PAGE_SIZE = 50


def _folio_or_404(request, folio_id: int) -> Folio:
    folio = folio_get(property=request.property, pk=folio_id)
    if folio is None:
        raise Http404(_("No such folio."))
    return folio


def _invoice_or_404(request, invoice_id: int):
    invoice = invoice_get(property=request.property, pk=invoice_id)
    if invoice is None:
        raise Http404(_("No such invoice."))
    return invoice


def _folio_url(folio: Folio) -> str:
    if folio.reservation_id:
        return reverse("folios:folio", args=[folio.reservation.confirmation]) + f"#window-{folio.window}"
    return ""


@desk_view("core.issue_invoices")
def issue(request, folio_id: int):
    """The issue form, prefilled with the payer; on success, the invoice page."""
    folio = _folio_or_404(request, folio_id)
    payer = invoice_payer_defaults(folio=folio)
    status = 200
    if request.method == "POST":
        form = InvoiceForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                invoice = invoice_issue(
                    folio=folio,
                    actor=request.user,
                    simplified=d["simplified"],
                    payer_name=d["payer_name"],
                    payer_tax_id=d["payer_tax_id"],
                    payer_address=d["payer_address"],
                    language=d["language"],
                )
            except DomainError as exc:
                show_error(request, exc)
                form.add_domain_errors(exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("%(kind)s %(number)s issued: %(amount)s %(currency)s.")
                    % {
                        "kind": invoice.get_kind_display(),
                        "number": invoice.full_number,
                        "amount": invoice.gross,
                        "currency": invoice.currency,
                    },
                )
                return redirect("folios:invoice", invoice.pk)
        else:
            status = 422
    else:
        form = InvoiceForm(
            initial={
                "payer_name": payer["name"],
                "payer_tax_id": payer["tax_id"],
                "payer_address": payer["address"],
                "language": payer["language"],
            }
        )
    context = {
        "folio": folio,
        "form": form,
        "back": _folio_url(folio),
        "limit": request.property.simplified_invoice_limit,
        "currency": request.property.currency,
    }
    return render(request, "folios/invoices/issue.html", context, status=status)


@desk_view("core.view_folios")
def invoice_page(request, invoice_id: int):
    invoice = _invoice_or_404(request, invoice_id)
    note = getattr(invoice, "credit_note", None)
    can_credit = (
        request.user.has_perm("core.credit_invoices") and invoice.kind != InvoiceKind.CREDIT_NOTE and note is None
    )
    context = {
        **invoice_context(invoice),
        "credit_note": note,
        "credit_form": CreditNoteForm() if can_credit else None,
        "back": _folio_url(invoice.folio),
    }
    return render(request, "folios/invoices/detail.html", context)


@desk_view("core.view_folios")
def invoice_pdf_view(request, invoice_id: int):
    invoice = _invoice_or_404(request, invoice_id)
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice_filename(invoice)}"'
    return response


@require_POST
@desk_view("core.credit_invoices")
def credit(request, invoice_id: int):
    invoice = _invoice_or_404(request, invoice_id)
    form = CreditNoteForm(request.POST)
    if form.is_valid():
        try:
            note = invoice_credit(invoice=invoice, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            show_error(request, exc)
        else:
            messages.success(
                request,
                _("Credit note %(number)s issued; it corrects %(invoice)s.")
                % {"number": note.full_number, "invoice": invoice.full_number},
            )
            return redirect("folios:invoice", note.pk)
    else:
        messages.error(request, _("Give a reason."))
    return redirect("folios:invoice", invoice.pk)


@desk_view("core.view_folios")
def invoice_list_page(request):
    number = request.GET.get("number", "")[:24]
    kind = request.GET.get("kind", "")
    if kind not in InvoiceKind.values:
        kind = ""
    invoices = list(invoice_list(property=request.property, number=number, kind=kind)[:PAGE_SIZE])
    context = {"invoices": invoices, "number": number, "kind": kind, "kinds": InvoiceKind.choices}
    return render(request, "folios/invoices/list.html", context)
