"""HTML pages of the city ledger: company accounts with balances and aging, an account's open
items and payments (recording and allocating payments), statements (printable and CSV), and
transferring a folio's balance to a company account at check-out.

Views are thin: a form parses the input, one service or selector does the work, and a
refusal is shown on the page again with the message and the status the API gives it.
"""

import csv
import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError, InvalidInput
from frontoffice.core.web import show_error, show_form_errors
from frontoffice.folios.domain.ledger import MAX_AMOUNT
from frontoffice.folios.domain.receivables import BUCKETS
from frontoffice.folios.forms_receivables import (
    AccountForm,
    AccountPaymentForm,
    NewAccountForm,
    StatementForm,
    TransferToAccountForm,
)
from frontoffice.folios.models import Folio
from frontoffice.folios.selectors import folio_balance, folio_get
from frontoffice.folios.selectors_receivables import (
    open_items,
    receivable_account_get,
    receivable_accounts_for_direct_bill,
    receivable_payment_get,
    receivable_payments,
    receivable_statement,
    receivables_aging,
)
from frontoffice.folios.services import (
    folio_transfer_to_account,
    receivable_account_create,
    receivable_account_update,
    receivable_payment_allocate,
    receivable_payment_record,
)
from frontoffice.reservations.views import desk_view

BUCKET_LABELS = {
    "current": gettext_lazy("Current"),
    "1_30": gettext_lazy("1–30 days"),
    "31_60": gettext_lazy("31–60 days"),
    "61_90": gettext_lazy("61–90 days"),
    "over_90": gettext_lazy("Over 90 days"),
}


def _amount(value: Decimal) -> str:
    return floatformat(value, "2g")


def _bucket_labels():
    return [(b.value, str(BUCKET_LABELS[b.value])) for b in BUCKETS]


def _aging_cells(summary) -> list[Decimal]:
    return [summary.aging[b] for b in BUCKETS]


def _account_or_404(request, pk: int):
    account = receivable_account_get(property=request.property, pk=pk)
    if account is None:
        raise Http404(_("No such account."))
    return account


def _require(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise DjangoPermissionDenied


# --- accounts list ---------------------------------------------------------------------------


def _list_page(request, *, new_form=None, status=200):
    prop = request.property
    report = receivables_aging(property=prop)
    for account in report["accounts"]:
        account.aging_cells = _aging_cells(account.summary)
    can_manage = request.user.has_perm("core.manage_receivables")
    context = {
        "accounts": report["accounts"],
        "total": report["total"],
        "total_aging": _aging_cells(report["total"]),
        "as_of": report["as_of"],
        "buckets": _bucket_labels(),
        "currency": prop.currency,
        "new_form": (new_form or NewAccountForm(property=prop, prefix="new")) if can_manage else None,
    }
    return render(request, "folios/receivables/accounts.html", context, status=status)


@desk_view("core.view_receivables")
def accounts_page(request):
    return _list_page(request)


@require_POST
@desk_view("core.manage_receivables")
def account_create(request):
    form = NewAccountForm(request.POST, property=request.property, prefix="new")
    status = 422
    if form.is_valid():
        d = form.cleaned_data
        try:
            account = receivable_account_create(
                property=request.property,
                actor=request.user,
                company=d["company"],
                number=d["number"],
                credit_limit=d["credit_limit"],
                payment_terms_days=d["payment_terms_days"],
                direct_bill_allowed=d["direct_bill_allowed"],
                active=d["active"],
            )
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(request, _("Account %(number)s opened.") % {"number": account.number})
            return redirect("folios:receivable_account", account.pk)
    return _list_page(request, new_form=form, status=status)


# --- one account -----------------------------------------------------------------------------


def _account_page(request, account, *, payment_form=None, edit_form=None, ticked=None, status=200):
    prop = request.property
    can_manage = request.user.has_perm("core.manage_receivables")
    items = open_items(account=account)
    ticked = ticked or {}
    for item in items:
        item.ticked = item.pk in ticked
        item.typed = ticked.get(item.pk, item.open_amount)
    payments = receivable_payments(account=account)
    end = prop.business_date
    context = {
        "account": account,
        "summary": account.summary,
        "aging": list(zip(_bucket_labels(), _aging_cells(account.summary), strict=True)),
        "items": items,
        "payments": payments,
        "unallocated": [p for p in payments if p.unallocated > 0],
        "currency": prop.currency,
        "can_manage": can_manage,
        "payment_form": (payment_form or AccountPaymentForm(prefix="pay")) if can_manage else None,
        "edit_form": (edit_form or _edit_form(account)) if can_manage else None,
        "statement_form": StatementForm(initial={"start": end.replace(day=1), "end": end}),
    }
    return render(request, "folios/receivables/account.html", context, status=status)


def _edit_form(account, data=None):
    initial = {f: getattr(account, f) for f in AccountForm.base_fields}
    return AccountForm(data, initial=initial, prefix="edit")


@desk_view("core.view_receivables")
def account_page(request, pk: int):
    return _account_page(request, _account_or_404(request, pk))


@require_POST
@desk_view("core.manage_receivables")
def account_edit(request, pk: int):
    account = _account_or_404(request, pk)
    form = _edit_form(account, request.POST)
    status = 422
    if form.is_valid():
        try:
            receivable_account_update(account=account, actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(request, _("Account %(number)s saved.") % {"number": form.cleaned_data["number"]})
            return redirect("folios:receivable_account", account.pk)
    return _account_page(request, account, edit_form=form, status=status)


def _ticked(request) -> dict[int, Decimal]:
    """The items ticked on the form with the amount typed beside each."""
    ticked = {}
    for raw in request.POST.getlist("item"):
        try:
            pk = int(raw)
            amount = Decimal(request.POST.get(f"item-amount-{pk}", "").strip())
            if not amount.is_finite() or abs(amount) > MAX_AMOUNT:
                raise ValueError(amount)
            ticked[pk] = amount
        except (ValueError, InvalidOperation):
            raise InvalidInput(
                _("Type an amount for each ticked item."), errors=[{"field": "allocations", "message": ""}]
            ) from None
    return ticked


@require_POST
@desk_view("core.manage_receivables")
def account_payment(request, pk: int):
    account = _account_or_404(request, pk)
    form = AccountPaymentForm(request.POST, prefix="pay")
    status = 422
    ticked = {}
    if form.is_valid():
        d = form.cleaned_data
        try:
            ticked = _ticked(request)
            payment = receivable_payment_record(
                account=account,
                actor=request.user,
                amount=d["amount"],
                method=d["method"],
                reference=d["reference"],
                allocations=list(ticked.items()),
                auto=d["auto"],
            )
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            payment = receivable_payment_get(property=request.property, pk=payment.pk)
            messages.success(
                request,
                _("Payment of %(amount)s %(currency)s recorded; %(unallocated)s left unallocated.")
                % {
                    "amount": _amount(payment.amount),
                    "currency": request.property.currency,
                    "unallocated": _amount(payment.unallocated),
                },
            )
            return redirect("folios:receivable_account", account.pk)
    return _account_page(request, account, payment_form=form, ticked=ticked, status=status)


@require_POST
@desk_view("core.manage_receivables")
def payment_allocate(request, pk: int):
    """Apply a payment's unallocated cash oldest first."""
    payment = receivable_payment_get(property=request.property, pk=pk)
    if payment is None:
        raise Http404(_("No such payment."))
    try:
        made = receivable_payment_allocate(payment=payment, actor=request.user, auto=True)
    except DomainError as exc:
        show_error(request, exc)
        return _account_page(request, _account_or_404(request, payment.account_id), status=exc.status)
    messages.success(
        request,
        _("%(amount)s %(currency)s allocated.")
        % {"amount": _amount(sum((a.amount for a in made), Decimal(0))), "currency": request.property.currency},
    )
    return redirect("folios:receivable_account", payment.account_id)


# --- statements ------------------------------------------------------------------------------


def _period(request) -> tuple[dt.date, dt.date] | None:
    end = request.property.business_date
    form = StatementForm(request.GET or {"start": end.replace(day=1), "end": end})
    if not form.is_valid():
        return None
    return form.cleaned_data["start"], form.cleaned_data["end"]


@desk_view("core.view_receivables")
def statement_page(request, pk: int):
    account = _account_or_404(request, pk)
    period = _period(request)
    if period is None:
        messages.error(request, _("Choose a valid period: from a date to a later one."))
        return _account_page(request, account, status=422)
    st = receivable_statement(account=account, start=period[0], end=period[1])
    query = f"?start={period[0].isoformat()}&end={period[1].isoformat()}"
    context = {
        "account": account,
        "st": st,
        "currency": request.property.currency,
        "csv_url": reverse("folios:receivable_statement_csv", args=[account.pk]) + query,
    }
    return render(request, "folios/receivables/statement.html", context)


@desk_view("core.view_receivables")
def statement_csv(request, pk: int):
    account = _account_or_404(request, pk)
    period = _period(request)
    if period is None:
        return HttpResponse(_("Choose a valid period: from a date to a later one."), status=422)
    st = receivable_statement(account=account, start=period[0], end=period[1])
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"statement-{account.number}-{st.start.isoformat()}-{st.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow([_("Date"), _("Type"), _("Number"), _("Description"), _("Amount"), _("Balance")])
    writer.writerow([st.start.isoformat(), "", "", _("Opening balance"), "", str(st.opening)])
    for line in st.lines:
        kind = _("Item") if line.kind == "item" else _("Payment")
        writer.writerow([line.date.isoformat(), kind, line.id, line.description, str(line.amount), str(line.balance)])
    writer.writerow([st.end.isoformat(), "", "", _("Closing balance"), "", str(st.closing)])
    return response


# --- transfer a folio's balance to a company account ----------------------------------------


def transfer_to_account_context(request) -> dict:
    """What ``folios/_transfer_to_account.html`` needs besides ``folio``: the accounts a balance
    may go to (none when the user may not bill companies)."""
    if not request.user.has_perm("core.direct_bill"):
        return {"transfer_accounts": []}
    return {"transfer_accounts": list(receivable_accounts_for_direct_bill(property=request.property))}


def _folio_or_404(request, folio_id: int) -> Folio:
    folio = folio_get(property=request.property, pk=folio_id)
    if folio is None:
        raise Http404(_("No such folio."))
    return folio


def _folio_url(folio: Folio) -> str:
    if folio.reservation_id:
        return reverse("folios:folio", args=[folio.reservation.confirmation]) + f"#window-{folio.window}"
    return reverse("core:home")


def _transfer_page(request, folio: Folio, *, form=None, status=200):
    context = {
        "folio": folio,
        "balance": folio_balance(folio=folio),
        "currency": request.property.currency,
        "transfer_form": form,
        "back_url": _folio_url(folio),
        **transfer_to_account_context(request),
    }
    template = "folios/_transfer_to_account.html" if request.htmx else "folios/receivables/transfer.html"
    return render(request, template, context, status=status)


@desk_view("core.direct_bill")
def folio_transfer(request, folio_id: int):
    """GET: the transfer form for one folio (the partial alone for HTMX). POST: transfer."""
    folio = _folio_or_404(request, folio_id)
    if request.method != "POST":
        return _transfer_page(request, folio)
    accounts = receivable_accounts_for_direct_bill(property=request.property)
    form = TransferToAccountForm(request.POST, accounts=accounts)
    status = 422
    if form.is_valid():
        d = form.cleaned_data
        try:
            item = folio_transfer_to_account(
                folio=folio,
                account=accounts.get(pk=d["account"]),
                actor=request.user,
                amount=d["amount"],
                override_reason=d["override_reason"],
            )
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(
                request,
                _("%(amount)s %(currency)s transferred to account %(number)s (%(company)s).")
                % {
                    "amount": _amount(item.amount),
                    "currency": request.property.currency,
                    "number": item.account.number,
                    "company": item.account.company.name,
                },
            )
            url = _folio_url(folio)
            if request.htmx:
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return redirect(url)
    else:
        show_form_errors(request, form)
    return _transfer_page(request, folio, form=form, status=status)
