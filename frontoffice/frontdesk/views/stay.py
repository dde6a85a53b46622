"""Pages for check-in (registration of every traveller, room, keys, overrides), check-out (with
the invoices issued at it), the registration card and the guest registry export."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error
from frontoffice.folios.domain.ledger import balance
from frontoffice.folios.models import Folio, FolioKind, Posting
from frontoffice.folios.selectors import invoice_list
from frontoffice.frontdesk.documents import guest_registry_csv, registration_card_pdf
from frontoffice.frontdesk.domain.checkin import OVERRIDABLE, Override
from frontoffice.frontdesk.forms import CheckInForm, CheckOutForm, RegistryForm, TravellerFormSet
from frontoffice.frontdesk.models import Traveller
from frontoffice.frontdesk.selectors import check_out_windows
from frontoffice.frontdesk.services import check_in, check_in_revert, check_out, late_check_out_fee_post
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.selectors import reservation_get
from frontoffice.reservations.views import desk_view
from frontoffice.rooms.models import Room


def _reservation_or_404(request, confirmation: str) -> Reservation:
    res = reservation_get(property=request.property, confirmation=confirmation)
    if res is None:
        raise Http404(_("No such reservation."))
    return res


def _initial_travellers(res: Reservation) -> list[dict]:
    """The main guest from the profile (or what was registered before), then empty companions."""
    registered = list(Traveller.objects.filter(reservation=res))
    if registered:
        return [{f: getattr(t, f) for f in TravellerFormSet.form.base_fields} for t in registered]
    g = res.guest
    main = {
        "first_name": g.first_name,
        "last_name": g.last_name,
        "document_type": g.document_type,
        "document_number": g.document_number,
        "document_country": g.document_country,
        "document_expiry": g.document_expiry,
        "nationality": g.nationality,
        "birth_date": g.birth_date,
        "address": g.address,
    }
    companions = [{} for _ in range(res.adults + len(res.children_ages) - 1)]
    return [main, *companions]


def _rooms(res: Reservation) -> list[tuple[str, str]]:
    """Rooms of the booked type nobody is in, clean ones first, for a room chosen at the desk."""
    taken = set(
        Reservation.objects.filter(property=res.property, status="in_house", room__isnull=False).values_list(
            "room_id", flat=True
        )
    )
    rooms = Room.objects.filter(property=res.property, room_type=res.room_type, active=True).exclude(pk__in=taken)
    order = {"inspected": 0, "clean": 1, "dirty": 2}
    return [
        (r.number, f"{r.number} · {r.get_condition_display()}")
        for r in sorted(rooms, key=lambda r: (order.get(r.condition, 3), r.floor, r.number))
    ]


def _overridable(request, refused) -> list[dict]:
    """The refusals the person at the desk may override, with the reason field to fill."""
    manager = request.user.has_perm("core.override_front_desk")
    out = []
    for err in getattr(refused, "errors", []) or []:
        who = OVERRIDABLE.get(err.get("code"))
        if who is Override.AGENT or (who is Override.MANAGER and manager):
            out.append({"code": err["code"], "message": err["message"]})
    return out


@desk_view("core.check_in")
def check_in_page(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    rooms = _rooms(res)
    status, refused = 200, None
    if request.method == "POST":
        form = CheckInForm(request.POST, rooms=rooms)
        formset = TravellerFormSet(request.POST, prefix="t")
        if form.is_valid() and formset.is_valid():
            travellers = [
                {**f.cleaned_data, "is_main": i == 0} for i, f in enumerate(formset.forms) if f.has_changed() or i == 0
            ]
            room = None
            if form.cleaned_data["room"]:
                room = Room.objects.filter(property=request.property, number=form.cleaned_data["room"]).first()
            overrides = {k[len("override-") :]: v for k, v in request.POST.items() if k.startswith("override-") and v}
            try:
                res = check_in(
                    reservation=res,
                    actor=request.user,
                    travellers=travellers,
                    room=room,
                    keys=form.cleaned_data["keys"] or 0,
                    overrides=overrides,
                )
            except DomainError as exc:
                show_error(request, exc)
                status, refused = exc.status, exc
            else:
                messages.success(
                    request,
                    _("%(guest)s is checked in to room %(room)s.") % {"guest": res.guest.full_name, "room": res.room},
                )
                return redirect("frontdesk:checked_in", res.confirmation)
        else:
            status = 422
    else:
        form = CheckInForm(rooms=rooms, initial={"keys": 2})
        formset = TravellerFormSet(prefix="t", initial=_initial_travellers(res))
    context = {
        "res": res,
        "form": form,
        "formset": formset,
        "overridable": _overridable(request, refused),
        "refused": refused,
    }
    return render(request, "frontdesk/check_in.html", context, status=status)


@desk_view("core.check_in")
def checked_in(request, confirmation: str):
    """After check-in: the next actions (print the card, open the folio)."""
    res = _reservation_or_404(request, confirmation)
    return render(request, "frontdesk/checked_in.html", {"res": res})


def _bill(res: Reservation):
    grosses = Posting.objects.filter(folio__reservation=res).exclude(folio__kind=FolioKind.DEPOSIT)
    return balance(grosses.values_list("gross", flat=True))


def _safe_next(request, back: str) -> str:
    """``back`` if it is an address on this site, else nothing."""
    return back if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) else ""


@desk_view("core.check_in")
def check_out_page(request, confirmation: str):
    """The bill, the late check-out fee and the check-out itself, which issues the invoice chosen
    for each window with charges not yet invoiced (for whoever may issue invoices)."""
    res = _reservation_or_404(request, confirmation)
    can_invoice = request.user.has_perm("core.issue_invoices")
    invoice_windows = check_out_windows(reservation=res) if can_invoice and res.status == "in_house" else []
    status = 200
    if request.method == "POST":
        form = CheckOutForm(request.POST, windows=invoice_windows)
        if form.is_valid():
            try:
                done = check_out(
                    reservation=res,
                    actor=request.user,
                    override_reason=form.cleaned_data["override_reason"],
                    invoices=form.invoices(),
                )
            except DomainError as exc:
                show_error(request, exc)
                status = exc.status
            else:
                res = done.reservation
                messages.success(request, _("%(guest)s is checked out.") % {"guest": res.guest.full_name})
                back = _safe_next(request, request.POST.get("next", ""))
                if done.invoices:
                    url = reverse("frontdesk:checked_out", args=[res.confirmation])
                    return redirect(f"{url}?{urlencode({'next': back})}" if back else url)
                return redirect(back) if back else redirect("reservations:detail", res.confirmation)
        else:
            status = 422
    else:
        form = CheckOutForm(windows=invoice_windows)
    windows = list(Folio.objects.filter(reservation=res).exclude(kind=FolioKind.DEPOSIT).order_by("window"))
    context = {
        "res": res,
        "form": form,
        "windows": windows,
        "can_invoice": can_invoice,
        "can_charge": request.user.has_perm("core.post_charges") and res.status == "in_house",
        "owed": _bill(res),
        "currency": request.property.currency,
        "limit": request.property.simplified_invoice_limit,
        "can_override": request.user.has_perm("core.override_front_desk"),
    }
    return render(request, "frontdesk/check_out.html", context, status=status)


@desk_view("core.check_in")
def checked_out(request, confirmation: str):
    """After check-out: the stay's invoices to print or hand over, and the way back to the list."""
    res = _reservation_or_404(request, confirmation)
    context = {
        "res": res,
        "invoices": list(invoice_list(property=request.property, reservation=res)),
        "back": _safe_next(request, request.GET.get("next", "")),
    }
    return render(request, "frontdesk/checked_out.html", context)


@require_POST
@desk_view("core.override_front_desk")
def revert_page(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    try:
        check_in_revert(reservation=res, actor=request.user, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("The check-in of %(conf)s is reverted.") % {"conf": res.confirmation})
    return redirect("reservations:detail", res.confirmation)


@desk_view("core.check_in")
def registration_card(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    response = HttpResponse(registration_card_pdf(res), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="registration-{res.confirmation}.pdf"'
    return response


@desk_view("core.export_guest_registry")
def guest_registry(request):
    day = request.property.business_date
    form = RegistryForm(request.GET or None, initial={"date_from": day, "date_to": day})
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
        if start <= end and (end - start).days <= 366:
            response = HttpResponse(guest_registry_csv(request.property, start, end), content_type="text/csv")
            response["Content-Disposition"] = f'attachment; filename="guest-registry-{start}-{end}.csv"'
            return response
        messages.error(request, _("A range of at most a year, from before to."))
    return render(request, "frontdesk/guest_registry.html", {"form": form}, status=422 if request.GET else 200)


@require_POST
@desk_view("core.post_charges")
def late_fee(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    try:
        amount = Decimal(request.POST.get("amount", "").strip())
        if not amount.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        messages.error(request, _("Type the fee, e.g. 30.00."))
        return redirect("frontdesk:check_out", res.confirmation)
    try:
        posting = late_check_out_fee_post(reservation=res, actor=request.user, amount=amount)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(
            request,
            _("Late check-out charged: %(amount)s %(currency)s.")
            % {"amount": posting.gross, "currency": request.property.currency},
        )
    return redirect("frontdesk:check_out", res.confirmation)
