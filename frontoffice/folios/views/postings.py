"""HTML pages: a reservation's folio (its windows, postings and balances) and the cashier's
actions on it — post a charge, take a payment, refund, reverse a posting, open a window.

Views are thin: they parse input with a form, call one folios service and redirect back to
the folio (post/redirect/get). A refusal is shown on the page again, with the message and
the HTTP status the API gives it. Window 1 opens on the first posting, not on a look.
"""

from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.domain.money import ZERO
from frontoffice.core.web import show_error, show_form_errors
from frontoffice.folios.domain.ledger import MAX_WINDOWS, Kind, balance, kind_of, reversal_needs_manager
from frontoffice.folios.forms import CARD_BRANDS, ChargeForm, PaymentForm, RefundForm, ReverseForm
from frontoffice.folios.models import METHOD_LABELS, Folio, FolioStatus
from frontoffice.folios.selectors import folio_list_for_reservation, posting_get
from frontoffice.folios.services import (
    KIND_PERMISSION,
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_reverse_posting,
)
from frontoffice.folios.views.deposits import deposit_context
from frontoffice.folios.views.receivables import transfer_to_account_context
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.selectors import reservation_get
from frontoffice.reservations.views import desk_view

FORMS = {
    # context name, form class, prefix, permission that shows the form
    "charge_form": (ChargeForm, "charge", "core.post_charges"),
    "payment_form": (PaymentForm, "payment", "core.take_payments"),
    "refund_form": (RefundForm, "refund", "core.refund"),
}


def folio_action(perm: str | None):
    """A POST by a user who may see folios and, when given, holds ``perm`` (403 otherwise)."""

    def decorator(view):
        @require_POST
        @desk_view("core.view_folios")
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if perm and not request.user.has_perm(perm):
                raise DjangoPermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _reservation_or_404(request, confirmation: str) -> Reservation:
    res = reservation_get(property=request.property, confirmation=confirmation)
    if res is None:
        raise Http404(_("No such reservation."))
    return res


def _back(res: Reservation, window: int | None = None):
    url = reverse("folios:folio", args=[res.confirmation])
    return redirect(f"{url}#window-{window}" if window else url)


def _amount(value: Decimal) -> str:
    return floatformat(value, "2g")


def _open_windows(folios: list[Folio]) -> list[int]:
    """The windows a posting may go to; window 1 before any is opened."""
    if not folios:
        return [1]
    return [f.window for f in folios if f.status == FolioStatus.OPEN]


def _rows(folio: Folio, user, void_limit: Decimal) -> list[dict]:
    """The folio's postings as table rows, each with the posting it reverses or is reversed by.

    Worked out from the postings already loaded (a reversal sits on the folio it corrects),
    so the page costs the same few queries however long the folio is.
    """
    postings = list(folio.postings.all())
    by_id = {p.pk: p for p in postings}
    reversed_by = {p.reversal_of_id: p for p in postings if p.reversal_of_id}
    rows = []
    for p in postings:
        kind = kind_of(p.transaction_code.department)
        reversal = reversed_by.get(p.pk)
        reversible = (
            folio.status == FolioStatus.OPEN
            and p.reversal_of_id is None
            and reversal is None
            and user.has_perm(KIND_PERMISSION[kind])
        )
        needs_manager = (
            reversible
            and reversal_needs_manager(gross=p.gross, limit=void_limit)
            and not user.has_perm("core.void_postings")
        )
        rows.append(
            {
                "posting": p,
                "kind": kind.value,
                "reversed_by": reversal,
                "reverses": by_id.get(p.reversal_of_id) if p.reversal_of_id else None,
                "reverses_id": p.reversal_of_id,
                "can_reverse": reversible and not needs_manager,
                "needs_manager": needs_manager,
                # A charge still standing may be moved (the page adds: open folio, right, somewhere to go).
                "may_move": kind is Kind.CHARGE and reversal is None and p.reversal_of_id is None and p.gross > 0,
            }
        )
    return rows


def _balance_state(amount: Decimal) -> str:
    return "due" if amount > 0 else "credit" if amount < 0 else "settled"


def _context(request, res: Reservation, folios: list[Folio], **bound) -> dict:
    user, prop = request.user, request.property
    windows = [
        {
            "number": f.window,
            "folio": f,
            "open": f.status == FolioStatus.OPEN,
            "rows": _rows(f, user, prop.void_limit),
            "balance": f.balance,
            "state": _balance_state(f.balance),
        }
        for f in folios
    ] or [{"number": 1, "folio": None, "open": True, "rows": [], "balance": ZERO, "state": "settled"}]
    total = balance(w["balance"] for w in windows)
    open_windows = _open_windows(folios)
    context = {
        "res": res,
        "windows": windows,
        "total": total,
        "total_state": _balance_state(total),
        "currency": prop.currency,
        "card_brands": CARD_BRANDS,
        "reverse_form": bound.get("reverse_form"),
        "reverse_id": bound.get("reverse_id"),
        "can_open_window": user.has_perm("core.post_charges") and _next_window(folios) <= MAX_WINDOWS,
    }
    context.update(transfer_to_account_context(request))
    context.update(deposit_context(request, res))
    for name, (form_class, prefix, perm) in FORMS.items():
        if not user.has_perm(perm) or not open_windows:
            context[name] = None
            continue
        extra = {"property": prop} if form_class is ChargeForm else {}
        context[name] = bound.get(name) or form_class(prefix=prefix, windows=open_windows, **extra)
    return context


def _next_window(folios: list[Folio]) -> int:
    return max((f.window for f in folios), default=1) + 1


def _page(request, res: Reservation, folios: list[Folio] | None = None, *, status: int = 200, **bound):
    if folios is None:
        folios = folio_list_for_reservation(reservation=res)
    return render(request, "folios/folio.html", _context(request, res, folios, **bound), status=status)


@desk_view("core.view_folios")
def folio_page(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    return _page(request, res)


def _submit(request, confirmation: str, name: str, act):
    """Bind the form ``name``; when valid, ``act(res, data)`` posts and returns the success message."""
    res = _reservation_or_404(request, confirmation)
    folios = folio_list_for_reservation(reservation=res)
    form_class, prefix, _perm = FORMS[name]
    extra = {"property": request.property} if form_class is ChargeForm else {}
    form = form_class(request.POST, prefix=prefix, windows=_open_windows(folios), **extra)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            folio = folio_for_reservation(reservation=res, actor=request.user, window=data["window"])
            text = act(folio, data)
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(request, text)
            return _back(res, data["window"])
    return _page(request, res, folios, status=status, **{name: form})


def charge_act(request):
    """Post the charge form's line to a folio; returns the message for the cashier."""

    def act(folio, d):
        posting = folio_post_charge(
            folio=folio,
            actor=request.user,
            transaction_code=d["transaction_code"],
            quantity=d["quantity"],
            unit_amount=d["unit_amount"],
            description=d["description"],
            reference=d["reference"],
        )
        return _("Charge posted: %(description)s, %(amount)s %(currency)s.") % {
            "description": posting.description,
            "amount": _amount(posting.gross),
            "currency": request.property.currency,
        }

    return act


def payment_act(request):
    """Take the payment form's payment on a folio; returns the message for the cashier."""

    def act(folio, d):
        posting = folio_post_payment(
            folio=folio,
            actor=request.user,
            method=d["method"],
            amount=d["amount"],
            card_brand=d["card_brand"],
            card_last4=d["card_last4"],
            card_token=d["card_token"],
            reference=d["reference"],
        )
        return _("Payment taken: %(amount)s %(currency)s by %(method)s.") % {
            "amount": _amount(-posting.gross),
            "currency": request.property.currency,
            "method": METHOD_LABELS[posting.payment_method],
        }

    return act


@folio_action("core.post_charges")
def post_charge(request, confirmation: str):
    return _submit(request, confirmation, "charge_form", charge_act(request))


@folio_action("core.take_payments")
def take_payment(request, confirmation: str):
    return _submit(request, confirmation, "payment_form", payment_act(request))


@folio_action("core.refund")
def refund(request, confirmation: str):
    def act(folio, d):
        posting = folio_refund(
            folio=folio, actor=request.user, method=d["method"], amount=d["amount"], reason=d["reason"]
        )
        return _("Refund posted: %(amount)s %(currency)s by %(method)s.") % {
            "amount": _amount(posting.gross),
            "currency": request.property.currency,
            "method": METHOD_LABELS[posting.payment_method],
        }

    return _submit(request, confirmation, "refund_form", act)


@folio_action(None)  # the service asks for the right of the posting's kind, and a manager above the void limit
def reverse_posting(request, confirmation: str, posting_id: int):
    res = _reservation_or_404(request, confirmation)
    posting = posting_get(property=request.property, pk=posting_id)
    if posting is None or posting.folio.reservation_id != res.pk:
        raise Http404(_("No such posting."))
    form = ReverseForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            folio_reverse_posting(posting=posting, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(request, _("Posting %(id)s reversed.") % {"id": posting.pk})
            return _back(res, posting.folio.window)
    else:
        show_form_errors(request, form)
    return _page(request, res, status=status, reverse_form=form, reverse_id=posting.pk)


@folio_action("core.post_charges")
def open_window(request, confirmation: str):
    """Open the next folio window (window 1 too, when nothing has been posted yet)."""
    res = _reservation_or_404(request, confirmation)
    folios = folio_list_for_reservation(reservation=res)
    window = _next_window(folios)
    try:
        if not folios:
            folio_for_reservation(reservation=res, actor=request.user, window=1)
        folio_for_reservation(reservation=res, actor=request.user, window=window)
    except DomainError as exc:
        show_error(request, exc)
        return _page(request, res, status=exc.status)
    messages.success(request, _("Window %(n)d opened.") % {"n": window})
    return _back(res, window)


@desk_view("core.view_folios")
def posting_actions(request, posting_id: int):
    """The move and reverse forms of one posting, loaded when the cashier asks for them (HTMX
    swaps them into the row; without JavaScript it is a page of its own). Rendering these forms
    for every row of a long folio would cost more than the rest of the page."""
    from frontoffice.folios.views.transfers import transfer_context  # that module builds on this one

    posting = posting_get(property=request.property, pk=posting_id)
    if posting is None:
        raise Http404(_("No such posting."))
    res = posting.folio.reservation
    if res is not None:
        folios = folio_list_for_reservation(reservation=res)
    else:
        folios = list(Folio.objects.filter(pk=posting.folio_id).prefetch_related("postings__transaction_code"))
        folios[0].balance = balance(p.gross for p in folios[0].postings.all())
    folio = next(f for f in folios if f.pk == posting.folio_id)
    rows = _rows(folio, request.user, request.property.void_limit)
    window = {"number": folio.window, "folio": folio, "open": folio.status == FolioStatus.OPEN, "rows": rows}
    context = {
        "row": next(r for r in rows if r["posting"].pk == posting.pk),
        "w": window,
        "res": res,
        "tx": transfer_context(request, res, folios),
        "currency": request.property.currency,
        "back": reverse("folios:folio", args=[res.confirmation])
        if res
        else reverse("folios:house_folio", args=[folio.pk]),
    }
    template = "folios/_posting_actions.html" if request.htmx else "folios/posting_actions.html"
    return render(request, template, context)
