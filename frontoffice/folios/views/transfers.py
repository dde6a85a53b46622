"""HTML pages and actions for moving money between folios: move a posting, transfer a
balance, routing instructions, close and reopen a folio, its credit limit, and house folios
(a list of them and a page for each, where charges and payments are posted).

Views are thin: a form parses the input, one folios service decides, and the browser goes
back to the folio (post/redirect/get). A refusal shows the folio again with the message and
the HTTP status the API gives it.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from frontoffice.core.domain.errors import DomainError, InvalidInput
from frontoffice.core.web import show_error
from frontoffice.folios.forms import (
    BalanceTransferForm,
    ChargeForm,
    CreditLimitForm,
    HouseFolioForm,
    MoveForm,
    PayerForm,
    PaymentForm,
    ReverseForm,
    RoutingForm,
)
from frontoffice.folios.models import DEPARTMENT_LABELS, Folio, FolioKind, FolioStatus
from frontoffice.folios.selectors import (
    CHARGE_DEPARTMENTS,
    folio_balance,
    folio_get,
    folio_list_house,
    folio_over_credit_limit,
    posting_get,
    routing_instruction_get,
    routing_instruction_list,
)
from frontoffice.folios.services import (
    folio_close,
    folio_open_house,
    folio_reopen,
    folio_reverse_posting,
    folio_set_credit_limit,
    folio_set_payer,
    folio_transfer_balance,
    posting_transfer,
    routing_instruction_create,
    routing_instruction_end,
)
from frontoffice.folios.views import postings as folio_pages
from frontoffice.folios.views.postings import _reservation_or_404, folio_action
from frontoffice.guests.models import Company
from frontoffice.reservations.views import desk_view


def _label(folio: Folio) -> str:
    if folio.reservation_id:
        return _("Window %(n)d") % {"n": folio.window}
    return _("House: %(name)s") % {"name": folio.name}


def _departments():
    return [(d, str(DEPARTMENT_LABELS[d])) for d in CHARGE_DEPARTMENTS]


def transfer_context(request, res, folios: list[Folio]) -> dict:
    """What the folio page shows beyond postings: where things may move, the stay's routing
    instructions and their form, and who may close, reopen and set credit limits. A fixed
    number of queries, however many postings the folio has."""
    user, prop = request.user, request.property
    can_transfer = user.has_perm("core.transfer_postings")
    targets = [(f.pk, _label(f)) for f in folios if f.status == FolioStatus.OPEN and f.kind != FolioKind.DEPOSIT]
    if can_transfer:
        known = {pk for pk, _name in targets}
        targets += [(h.pk, _label(h)) for h in folio_list_house(property=prop) if h.pk not in known]
    context = {
        "can_transfer": can_transfer,
        "targets": targets,
        "can_close": user.has_perm("core.take_payments"),
        "can_manage": user.has_perm("core.void_postings"),
        "over_limit": {f.pk for f in folios if folio_over_credit_limit(folio=f, balance=f.balance)},
        "companies": list(Company.objects.filter(property=prop).order_by("name").values_list("pk", "name"))
        if can_transfer and res is not None
        else [],
        "routing": [],
        "routing_form": None,
    }
    if res is not None:
        context["routing"] = routing_instruction_list(reservation=res)
        windows = [f.window for f in folios if f.reservation_id]
        if can_transfer and windows and len(targets) > 0:
            context["routing_form"] = RoutingForm(
                prefix="routing",
                windows=windows,
                targets=targets,
                property=prop,
                departments=_departments(),
            )
    return context


def _back(folio: Folio):
    if folio.reservation_id:
        url = reverse("folios:folio", args=[folio.reservation.confirmation])
        return redirect(f"{url}#window-{folio.window}")
    return redirect("folios:house_folio", folio_id=folio.pk)


def _refused(request, folio: Folio, status: int):
    """Show the folio again, with the messages already queued, under ``status``."""
    if folio.reservation_id:
        return folio_pages._page(request, folio.reservation, status=status)
    return _house_page(request, folio, status=status)


def _form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)


def _folio_or_404(request, folio_id: int) -> Folio:
    folio = folio_get(property=request.property, pk=folio_id)
    if folio is None:
        raise Http404(_("No such folio."))
    return folio


def _target(request, pk: int) -> Folio:
    folio = folio_get(property=request.property, pk=pk)
    if folio is None:
        text = _("No such folio.")
        raise InvalidInput(text, errors=[{"field": "target", "message": text}])
    return folio


def _act(request, folio: Folio, form, act):
    """Validate ``form``; when valid, ``act(data)`` calls the service and returns the message."""
    if not form.is_valid():
        _form_errors(request, form)
        return _refused(request, folio, 422)
    try:
        text = act(form.cleaned_data)
    except DomainError as exc:
        show_error(request, exc)
        return _refused(request, folio, exc.status)
    messages.success(request, text)
    return _back(folio)


@folio_action("core.transfer_postings")
def move_posting(request, posting_id: int):
    posting = posting_get(property=request.property, pk=posting_id)
    if posting is None:
        raise Http404(_("No such posting."))

    def act(d):
        _out, into = posting_transfer(
            posting=posting,
            target_folio=_target(request, d["target"]),
            actor=request.user,
            reason=d["reason"],
            amount=d["amount"],
            percentage=d["percentage"],
        )
        return _("Moved %(amount)s to %(folio)s.") % {"amount": into.gross, "folio": _label(into.folio)}

    return _act(request, posting.folio, MoveForm(request.POST), act)


@folio_action("core.transfer_postings")
def transfer_balance(request, folio_id: int):
    folio = _folio_or_404(request, folio_id)

    def act(d):
        _out, into = folio_transfer_balance(
            source=folio,
            target=_target(request, d["target"]),
            actor=request.user,
            amount=d["amount"],
            reason=d["reason"],
        )
        return _("Balance of %(amount)s transferred to %(folio)s.") % {
            "amount": into.gross,
            "folio": _label(into.folio),
        }

    return _act(request, folio, BalanceTransferForm(request.POST), act)


@folio_action("core.transfer_postings")
def add_routing(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    folios = folio_pages.folio_list_for_reservation(reservation=res)
    if not folios:
        raise Http404(_("This reservation has no folio yet."))
    ctx = transfer_context(request, res, folios)
    form = RoutingForm(
        request.POST,
        prefix="routing",
        windows=[f.window for f in folios],
        targets=ctx["targets"],
        property=request.property,
        departments=_departments(),
    )

    def act(d):
        routing_instruction_create(
            reservation=res,
            target_folio=_target(request, d["target"]),
            actor=request.user,
            source_window=d["source_window"],
            transaction_codes=d["transaction_codes"],
            departments=d["departments"],
            start_date=d["start_date"],
            end_date=d["end_date"],
            percentage=d["percentage"],
            daily_cap=d["daily_cap"],
        )
        return _("Routing instruction added.")

    return _act(request, folios[0], form, act)


@folio_action("core.transfer_postings")
def end_routing(request, instruction_id: int):
    instruction = routing_instruction_get(property=request.property, pk=instruction_id)
    if instruction is None:
        raise Http404(_("No such routing instruction."))
    try:
        routing_instruction_end(instruction=instruction, actor=request.user)
    except DomainError as exc:
        show_error(request, exc)
        return folio_pages._page(request, instruction.reservation, status=exc.status)
    messages.success(request, _("Routing instruction ended; what it routed stays where it went."))
    return redirect(reverse("folios:folio", args=[instruction.reservation.confirmation]) + "#routing")


@folio_action("core.take_payments")
def close(request, folio_id: int):
    folio = _folio_or_404(request, folio_id)
    try:
        folio_close(folio=folio, actor=request.user)
    except DomainError as exc:
        show_error(request, exc)
        return _refused(request, folio, exc.status)
    messages.success(request, _("%(folio)s closed.") % {"folio": _label(folio)})
    return _back(folio)


@folio_action("core.void_postings")
def reopen(request, folio_id: int):
    folio = _folio_or_404(request, folio_id)

    def act(d):
        folio_reopen(folio=folio, actor=request.user, reason=d["reason"])
        return _("%(folio)s reopened.") % {"folio": _label(folio)}

    return _act(request, folio, ReverseForm(request.POST), act)


@folio_action("core.void_postings")
def credit_limit(request, folio_id: int):
    folio = _folio_or_404(request, folio_id)

    def act(d):
        folio_set_credit_limit(folio=folio, actor=request.user, credit_limit=d["credit_limit"])
        if d["credit_limit"] is None:
            return _("Credit limit removed.")
        return _("Credit limit set to %(limit)s.") % {"limit": d["credit_limit"]}

    return _act(request, folio, CreditLimitForm(request.POST), act)


@folio_action("core.transfer_postings")
def set_payer(request, folio_id: int):
    folio = _folio_or_404(request, folio_id)

    def act(d):
        company = None
        if d["company"] is not None:
            company = Company.objects.filter(property=request.property, pk=d["company"]).first()
            if company is None:
                raise InvalidInput(_("Unknown company."), errors=[{"field": "company"}])
        folio_set_payer(folio=folio, actor=request.user, company=company)
        if company is None:
            return _("%(folio)s is billed to the guest.") % {"folio": _label(folio)}
        return _("%(folio)s is billed to %(company)s.") % {"folio": _label(folio), "company": company.name}

    return _act(request, folio, PayerForm(request.POST), act)


# --- house folios --------------------------------------------------------------------------


@desk_view("core.view_folios")
def house_list(request):
    folios = folio_list_house(property=request.property, include_closed=request.GET.get("closed") == "1")
    form = HouseFolioForm() if request.user.has_perm("core.post_charges") else None
    return render(
        request,
        "folios/house_list.html",
        {"folios": folios, "form": form, "currency": request.property.currency, "closed": request.GET.get("closed")},
    )


@folio_action("core.post_charges")
def house_open(request):
    form = HouseFolioForm(request.POST)
    if form.is_valid():
        try:
            folio = folio_open_house(property=request.property, actor=request.user, name=form.cleaned_data["name"])
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(request, _("House folio “%(name)s” opened.") % {"name": folio.name})
            return redirect("folios:house_folio", folio_id=folio.pk)
    else:
        status = 422
    folios = folio_list_house(property=request.property)
    ctx = {"folios": folios, "form": form, "currency": request.property.currency}
    return render(request, "folios/house_list.html", ctx, status=status)


def _house_or_404(request, folio_id: int) -> Folio:
    folio = _folio_or_404(request, folio_id)
    if folio.reservation_id is not None or folio.kind != FolioKind.HOUSE:
        raise Http404(_("No such house folio."))
    return folio


def _house_page(request, folio: Folio, *, status: int = 200, **bound):
    folio = Folio.objects.filter(pk=folio.pk).prefetch_related("postings__transaction_code", "postings__actor").get()
    folio.balance = folio_balance(folio=folio)
    user, prop = request.user, request.property
    is_open = folio.status == FolioStatus.OPEN
    window = {
        "number": 1,
        "folio": folio,
        "open": is_open,
        "rows": folio_pages._rows(folio, user, prop.void_limit),
        "balance": folio.balance,
        "state": folio_pages._balance_state(folio.balance),
    }
    context = {
        "folio": folio,
        "w": window,
        "windows": [window],
        "currency": prop.currency,
        "card_brands": folio_pages.CARD_BRANDS,
        "tx": transfer_context(request, None, [folio]),
        "reverse_id": bound.get("reverse_id"),
        "reverse_form": bound.get("reverse_form"),
        "charge_form": None,
        "payment_form": None,
    }
    if is_open and user.has_perm("core.post_charges"):
        context["charge_form"] = bound.get("charge_form") or ChargeForm(prefix="charge", windows=[1], property=prop)
    if is_open and user.has_perm("core.take_payments"):
        context["payment_form"] = bound.get("payment_form") or PaymentForm(prefix="payment", windows=[1])
    return render(request, "folios/house_folio.html", context, status=status)


@desk_view("core.view_folios")
def house_folio(request, folio_id: int):
    return _house_page(request, _house_or_404(request, folio_id))


def _house_submit(request, folio_id: int, name: str, form, act):
    folio = _house_or_404(request, folio_id)
    status = 422
    if form.is_valid():
        try:
            text = act(folio, form.cleaned_data)
        except DomainError as exc:
            show_error(request, exc)
            form.add_domain_errors(exc)
            status = exc.status
        else:
            messages.success(request, text)
            return redirect("folios:house_folio", folio_id=folio.pk)
    return _house_page(request, folio, status=status, **{name: form})


@folio_action("core.post_charges")
def house_charge(request, folio_id: int):
    form = ChargeForm(request.POST, prefix="charge", windows=[1], property=request.property)
    return _house_submit(request, folio_id, "charge_form", form, folio_pages.charge_act(request))


@folio_action("core.take_payments")
def house_payment(request, folio_id: int):
    form = PaymentForm(request.POST, prefix="payment", windows=[1])
    return _house_submit(request, folio_id, "payment_form", form, folio_pages.payment_act(request))


@folio_action(None)  # the service asks for the right of the posting's kind
def house_reverse(request, folio_id: int, posting_id: int):
    folio = _house_or_404(request, folio_id)
    posting = posting_get(property=request.property, pk=posting_id)
    if posting is None or posting.folio_id != folio.pk:
        raise Http404(_("No such posting."))
    form = ReverseForm(request.POST)

    def act(_folio, d):
        folio_reverse_posting(posting=posting, actor=request.user, reason=d["reason"])
        return _("Posting %(id)s reversed.") % {"id": posting.pk}

    return _house_submit(request, folio_id, "reverse_form", form, act)
