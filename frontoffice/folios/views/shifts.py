"""HTML pages of cashier shifts: "My shift" (open the drawer with a float, see the running
totals, close it with the count), the close report per shift (printable), and the list of
every cashier's shifts for managers, accountants and night auditors.

Views are thin: a form parses input, one service acts, and the page redirects (post/redirect/get).
A refusal is shown on the page again with the status the API gives it.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error
from frontoffice.folios.domain.shifts import Result
from frontoffice.folios.forms_shifts import ShiftCloseForm, ShiftFilterForm, ShiftOpenForm
from frontoffice.folios.models import METHOD_LABELS, CashierShift, ShiftStatus
from frontoffice.folios.selectors import (
    cashier_shift_current,
    cashier_shift_get,
    cashier_shift_list,
    cashier_shift_report,
)
from frontoffice.folios.services import cashier_shift_close, cashier_shift_open
from frontoffice.reservations.views import desk_view

TAKE = "core.take_payments"
MANAGE = "core.manage_cashier_shifts"
PAGE_SIZE = 50

RESULT_LABELS = {
    Result.OVER: gettext_lazy("Over"),
    Result.SHORT: gettext_lazy("Short"),
    Result.EVEN: gettext_lazy("Balanced"),
}


def _may_see_shifts(user) -> bool:
    return user.has_perm(TAKE) or user.has_perm(MANAGE)


def _shift_or_404(request, shift_id: int) -> CashierShift:
    shift = cashier_shift_get(property=request.property, user=request.user, pk=shift_id)
    if shift is None:
        raise Http404(_("No such cashier shift."))
    return shift


def _report_rows(report) -> list[dict]:
    return [
        {
            "method": line.method.value,
            "label": METHOD_LABELS[line.method],
            "line": line,
            "result": line.result.value if line.result else "",
            "result_label": RESULT_LABELS[line.result] if line.result else "",
        }
        for line in report.lines
    ]


def _report_context(shift: CashierShift) -> dict:
    report = cashier_shift_report(shift=shift)
    return {
        "shift": shift,
        "report": report,
        "rows": _report_rows(report),
        "result": report.result.value if report.result else "",
        "result_label": RESULT_LABELS[report.result] if report.result else "",
    }


def _may_close(user, shift: CashierShift) -> bool:
    return shift.status == ShiftStatus.OPEN and (shift.cashier_id == user.pk or user.has_perm(MANAGE))


@desk_view(TAKE)
def my_shift(request):
    """The cashier's own drawer: open it, or see its running totals and close it."""
    return _my_shift_page(request)


def _my_shift_page(request, *, open_form=None, status: int = 200):
    shift = cashier_shift_current(property=request.property, user=request.user)
    context = {"currency": request.property.currency, "shift": shift}
    if shift is None:
        context["open_form"] = open_form or ShiftOpenForm()
        context["recent"] = list(cashier_shift_list(property=request.property, user=request.user)[:5])
        for past in context["recent"]:
            past.report = cashier_shift_report(shift=past)
    else:
        context.update(_report_context(shift))
        context["close_form"] = ShiftCloseForm()
    return render(request, "folios/shifts/my_shift.html", context, status=status)


@require_POST
@desk_view(TAKE)
def open_shift(request):
    form = ShiftOpenForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            cashier_shift_open(
                property=request.property, actor=request.user, opening_float=form.cleaned_data["opening_float"]
            )
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(
                request,
                _("Shift opened with a float of %(amount)s %(currency)s.")
                % {
                    "amount": floatformat(form.cleaned_data["opening_float"], "2g"),
                    "currency": request.property.currency,
                },
            )
            return redirect("folios:my_shift")
    return _my_shift_page(request, open_form=form, status=status)


@require_POST
@desk_view(None)
def close_shift(request, shift_id: int):
    if not _may_see_shifts(request.user):
        raise DjangoPermissionDenied
    shift = _shift_or_404(request, shift_id)
    form = ShiftCloseForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            cashier_shift_close(shift=shift, actor=request.user, counted=form.counted(), note=form.cleaned_data["note"])
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(request, _("Shift closed. This is its report."))
            return redirect("folios:shift_report", shift_id=shift.pk)
    return _report_page(request, shift, close_form=form, status=status)


def _report_page(request, shift: CashierShift, *, close_form=None, status: int = 200):
    context = _report_context(shift)
    context["currency"] = request.property.currency
    if _may_close(request.user, shift):
        context["close_form"] = close_form or ShiftCloseForm()
    return render(request, "folios/shifts/report.html", context, status=status)


@desk_view(None)
def shift_report(request, shift_id: int):
    """One shift's report: expected per method, and once closed counted and variance."""
    if not _may_see_shifts(request.user):
        raise DjangoPermissionDenied
    return _report_page(request, _shift_or_404(request, shift_id))


@desk_view(MANAGE)
def shift_list(request):
    """Every cashier's shifts, newest first, with their variance; filtered by date, cashier, status."""
    form = ShiftFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    shifts = cashier_shift_list(
        property=request.property,
        user=request.user,
        business_date=filters.get("business_date"),
        cashier=(filters.get("cashier") or "").strip(),
        status=filters.get("status") or "",
    )
    page = Paginator(shifts, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = []
    for shift in page.object_list:
        report = cashier_shift_report(shift=shift)
        rows.append(
            {
                "shift": shift,
                "report": report,
                "result": report.result.value if report.result else "",
                "result_label": RESULT_LABELS[report.result] if report.result else "",
            }
        )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "folios/shifts/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "currency": request.property.currency,
            "query": query.urlencode(),
            "list_url": reverse("folios:shift_list"),
        },
    )
