"""HTML pages: availability and booking, the reservation list and detail, and the tape chart.

Views are thin: they parse input with a form, call one service or selector, and render.
HTMX requests get the partial template (its name starts with "_"); without JavaScript
the same URL renders the full page.
"""

import datetime as dt
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers
from django_countries import countries

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.models import AuditEntry
from frontoffice.core.web import show_error, show_form_errors, staff_view
from frontoffice.rates.selectors import rate_plan_list
from frontoffice.reservations.domain.status import MODIFIABLE, Status, can_transition
from frontoffice.reservations.forms import (
    AvailabilityForm,
    BookingForm,
    CancelForm,
    ListFilterForm,
    ModifyForm,
    TapeChartForm,
)
from frontoffice.reservations.messages import block_text
from frontoffice.reservations.models import STATUS_CHOICES, Channel, CustomerType, MarketSegment, Reservation
from frontoffice.reservations.presenters import availability_rows
from frontoffice.reservations.selectors import (
    availability_get,
    reservation_get,
    reservation_list,
    tape_chart,
    waitlist_overview,
)
from frontoffice.reservations.services import (
    booking_create,
    cancellation_fee_preview,
    reservation_cancel,
    reservation_confirm,
    reservation_modify,
)
from frontoffice.rooms.models import RoomType

PAGE_SIZE = 50

# Labels for the fields the audit trail records on a reservation.
FIELD_LABELS = {
    "status": gettext_lazy("Status"),
    "room_type": gettext_lazy("Room type"),
    "rate_plan": gettext_lazy("Rate plan"),
    "arrival": gettext_lazy("Arrival"),
    "departure": gettext_lazy("Departure"),
    "adults": gettext_lazy("Adults"),
    "children_ages": gettext_lazy("Children's ages"),
    "guest": gettext_lazy("Guest"),
    "total": gettext_lazy("Total"),
    "market_segment": gettext_lazy("Market segment"),
    "channel": gettext_lazy("Channel"),
    "customer_type": gettext_lazy("Customer type"),
    "eta": gettext_lazy("Estimated arrival time"),
    "special_requests": gettext_lazy("Special requests"),
    "parking": gettext_lazy("Parking"),
    "notes": gettext_lazy("Internal notes"),
    "option_expires_at": gettext_lazy("Option until"),
    "cancellation_fee": gettext_lazy("Cancellation fee"),
    "company": gettext_lazy("Company"),
}
ACTION_LABELS = {
    "create": gettext_lazy("Booked"),
    "modify": gettext_lazy("Modified"),
    "cancel": gettext_lazy("Cancelled"),
    "confirm": gettext_lazy("Confirmed"),
}


def desk_view(perm: str | None = None):
    """``staff_view`` that also shows times in the property's time zone."""

    def decorator(view):
        @staff_view(perm)
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            with timezone.override(request.property.tz):
                return view(request, *args, **kwargs)

        return wrapper

    return decorator


def wants_partial(request) -> bool:
    """An HTMX swap (not a history restore, which needs the whole page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def _reservation_or_404(request, confirmation: str) -> Reservation:
    res = reservation_get(property=request.property, confirmation=confirmation)
    if res is None:
        raise Http404(_("No such reservation."))
    return res


# --- availability and booking -------------------------------------------------------------


@vary_on_headers("HX-Request")
@desk_view("core.view_rates")
def availability(request):
    prop = request.property
    initial = {
        "arrival": prop.business_date,
        "departure": prop.business_date + dt.timedelta(days=1),
        "adults": 2,
        "children": 0,
        "rooms": 1,
    }
    form = AvailabilityForm(request.GET if "arrival" in request.GET else None, initial=initial, property=prop)
    rows = None
    search = {}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        results = availability_get(
            property=prop,
            arrival=d["arrival"],
            departure=d["departure"],
            adults=d["adults"],
            children_ages=d["children_ages"],
            rooms=d["rooms"],
            negotiated=form.negotiated(),
            include_restricted=request.user.has_perm("core.override_price"),
        )
        search = {
            "arrival": d["arrival"].isoformat(),
            "departure": d["departure"].isoformat(),
            "adults": d["adults"],
            "children": d["children"],
            "ages": ", ".join(str(a) for a in d["children_ages"] if a is not None),
            "rooms": d["rooms"],
        }
        if d.get("company"):
            search["company"] = d["company"].pk
        rows = availability_rows(results, search)
        search["nights"] = (d["departure"] - d["arrival"]).days
    context = {"form": form, "rows": rows, "search": search}
    template = "reservations/_availability_results.html" if wants_partial(request) else "reservations/availability.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@desk_view("core.book")
def book(request):
    prop = request.property
    can_override = request.user.has_perm("core.override_price")
    if request.method == "POST":
        form = BookingForm(request.POST, property=prop, can_override=can_override)
        status = 422
        if form.is_valid():
            d = form.cleaned_data
            try:
                created = booking_create(
                    property=prop,
                    actor=request.user,
                    guest=form.guest_data(),
                    room_type=d["room_type"],
                    rate_plan=d["rate_plan"],
                    arrival=d["arrival"],
                    departure=d["departure"],
                    adults=d["adults"],
                    children_ages=d["children_ages"],
                    rooms=d["rooms"],
                    tentative_until=d.get("tentative_until"),
                    waitlist_if_full=d.get("waitlist_if_full", False),
                    company=d.get("company"),
                    market_segment=d["market_segment"],
                    channel=d["channel"],
                    customer_type=d["customer_type"],
                    eta=d.get("eta"),
                    special_requests=d.get("special_requests", ""),
                    parking=d.get("parking", False),
                    notes=d.get("notes", ""),
                    nightly_price=d.get("nightly_price"),
                    override_reason=d.get("override_reason") or "",
                )
            except DomainError as exc:
                show_error(request, exc)
                form.add_domain_errors(exc)
                status = exc.status
            else:
                first = created[0]
                codes = ", ".join(r.confirmation for r in created)
                if first.status == Status.WAITLISTED:
                    messages.warning(request, _("Fully booked: waitlisted as %(codes)s.") % {"codes": codes})
                else:
                    messages.success(
                        request,
                        ngettext(
                            "Booked. Confirmation number: %(codes)s.",
                            "Booked %(n)d rooms. Confirmation numbers: %(codes)s.",
                            len(created),
                        )
                        % {"codes": codes, "n": len(created)},
                    )
                return redirect("reservations:detail", confirmation=first.confirmation)
        return render(request, "reservations/book.html", {"form": form, "quote": None}, status=status)

    initial = {
        "arrival": prop.business_date,
        "departure": prop.business_date + dt.timedelta(days=1),
        "adults": 2,
        "children": 0,
        "rooms": 1,
        "language": prop.default_language,
    }
    initial.update({k: v for k, v in request.GET.items() if v})
    form = BookingForm(initial=initial, property=prop, can_override=can_override)
    quote = _quote_for(prop, request.GET)
    return render(request, "reservations/book.html", {"form": form, "quote": quote})


def _quote_for(prop, params) -> dict | None:
    """The price the agent was shown, repeated on the booking form (None when the link was edited)."""
    search = AvailabilityForm(params, property=prop)
    room_type_code, plan_code = params.get("room_type", ""), params.get("rate_plan", "")
    if not (room_type_code and plan_code and search.is_valid()):
        return None
    d = search.cleaned_data
    room_type = RoomType.objects.filter(property=prop, code=room_type_code).first()
    plan = rate_plan_list(property=prop).filter(code=plan_code).first()
    if room_type is None or plan is None:
        return None
    (result,) = availability_get(
        property=prop,
        arrival=d["arrival"],
        departure=d["departure"],
        adults=d["adults"],
        children_ages=d["children_ages"],
        rooms=d["rooms"],
        room_types=[room_type],
        rate_plans=[plan],
    )
    option = result.result.rates[0] if result.result.rates else None
    if option is None:
        return None
    return {
        "room_type": room_type,
        "plan": plan,
        "quote": option.quote,
        "nights": (d["departure"] - d["arrival"]).days,
        "rooms": d["rooms"],
        "blocks": [block_text(b) for b in (*result.result.blocks, *option.blocks)],
    }


# --- list ------------------------------------------------------------------------------------


@vary_on_headers("HX-Request")
@desk_view("core.view_reservations")
def reservation_list_view(request):
    form = ListFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    reservations = reservation_list(
        property=request.property,
        text=filters.get("q") or "",
        status=filters.get("status") or None,
        arrival_from=filters.get("arrival_from"),
        arrival_to=filters.get("arrival_to"),
    )
    page = Paginator(reservations, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page}
    template = "reservations/_reservation_rows.html" if wants_partial(request) else "reservations/list.html"
    return render(request, template, context)


# --- detail and its actions -----------------------------------------------------------------


CHOICE_LABELS = {
    "status": dict(STATUS_CHOICES),
    "market_segment": dict(MarketSegment.choices),
    "channel": dict(Channel.choices),
    "customer_type": dict(CustomerType.choices),
}


def _shown(field: str, value):
    """An audited value as a person reads it (choice labels, yes/no, ages)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field in CHOICE_LABELS:
        return CHOICE_LABELS[field].get(value, value)
    if isinstance(value, list):
        return ", ".join("?" if v is None else str(v) for v in value) or None
    return value


def _history(entries) -> list[dict]:
    """Audit entries as rows a person reads: field, value before, value after."""
    out = []
    for entry in entries:
        changes = []
        for field, value in (entry.changes or {}).items():
            label = FIELD_LABELS.get(field, field)
            if entry.action == "create":
                if value in (None, "", [], False, "0", "0.00"):
                    continue
                changes.append({"field": label, "before": None, "after": _shown(field, value), "created": True})
            elif isinstance(value, list) and len(value) == 2:
                before, after = _shown(field, value[0]), _shown(field, value[1])
                changes.append({"field": label, "before": before, "after": after, "created": False})
            else:
                changes.append({"field": label, "before": None, "after": _shown(field, value), "created": True})
        out.append(
            {
                "at": entry.at,
                "actor": entry.actor,
                "action": ACTION_LABELS.get(entry.action, entry.action),
                "changes": changes,
                "reason": entry.reason,
            }
        )
    return out


def _detail_context(request, res: Reservation, **extra) -> dict:
    user = request.user
    res.property = request.property  # the same row; saves a query in the fee preview
    can_cancel = user.has_perm("core.cancel") and can_transition(res.status, Status.CANCELLED)
    fee = Decimal("0.00")
    if can_cancel and res.status == Status.CONFIRMED:
        # Options and waitlisted stays cancel free of charge (reservation_cancel charges confirmed ones only).
        fee = cancellation_fee_preview(reservation=res)
    history = AuditEntry.objects.filter(
        property=request.property, entity="reservation", entity_id=res.confirmation
    ).select_related("actor")
    party = (
        Reservation.objects.filter(property=request.property, party=res.party)
        .exclude(pk=res.pk)
        .select_related("guest", "room_type")
        .order_by("id")
    )
    return {
        "res": res,
        "nights": list(res.nights_priced.all()),
        "companions": list(res.companions.all()),
        "party": list(party),
        "history": _history(history),
        "can_modify": user.has_perm("core.book") and (res.status in MODIFIABLE or res.status == Status.IN_HOUSE),
        "can_cancel": can_cancel,
        "can_confirm": user.has_perm("core.book") and res.status in (Status.TENTATIVE, Status.WAITLISTED),
        "can_waive": user.has_perm("core.override_price"),
        "fee": fee,
        "nationality": countries.name(res.guest.nationality) if res.guest.nationality else "",
        "cancel_form": extra.pop("cancel_form", None) or CancelForm(),
        **extra,
    }


@desk_view("core.view_reservations")
def detail(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    return render(request, "reservations/detail.html", _detail_context(request, res))


@require_http_methods(["GET", "POST"])
@desk_view("core.book")
def modify(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    res.property = request.property
    can_override = request.user.has_perm("core.override_price")
    status = 200
    if request.method == "POST":
        form = ModifyForm(request.POST, reservation=res, can_override=can_override)
        status = 422
        if form.is_valid():
            try:
                reservation_modify(reservation=res, actor=request.user, **form.changes())
            except DomainError as exc:
                show_error(request, exc)
                form.add_domain_errors(exc)
                status = exc.status
            else:
                messages.success(request, _("Reservation %(code)s updated.") % {"code": res.confirmation})
                return redirect("reservations:detail", confirmation=res.confirmation)
    else:
        form = ModifyForm(reservation=res, can_override=can_override)
    return render(request, "reservations/modify.html", {"res": res, "form": form}, status=status)


@require_POST
@desk_view("core.cancel")
def cancel(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    form = CancelForm(request.POST)
    if not form.is_valid():
        show_form_errors(request, form)
        return redirect("reservations:detail", confirmation=res.confirmation)
    try:
        res = reservation_cancel(
            reservation=res,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            waive_fee=form.cleaned_data["waive_fee"],
        )
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(
            request,
            _("Reservation %(code)s cancelled. Cancellation fee: %(fee)s %(currency)s.")
            % {"code": res.confirmation, "fee": res.cancellation_fee, "currency": request.property.currency},
        )
    return redirect("reservations:detail", confirmation=res.confirmation)


@require_POST
@desk_view("core.book")
def confirm(request, confirmation: str):
    res = _reservation_or_404(request, confirmation)
    try:
        reservation_confirm(reservation=res, actor=request.user)
    except DomainError as exc:
        show_error(request, exc)
    else:
        messages.success(request, _("Reservation %(code)s confirmed.") % {"code": res.confirmation})
    return redirect("reservations:detail", confirmation=res.confirmation)


# --- waitlist -------------------------------------------------------------------------------


@desk_view("core.view_reservations")
def waitlist(request):
    """Waitlisted stays, oldest request first; those that could be confirmed now come with a button."""
    rows = waitlist_overview(property=request.property)
    return render(request, "reservations/waitlist.html", {"rows": rows})


# --- tape chart -----------------------------------------------------------------------------


@vary_on_headers("HX-Request")
@desk_view("core.view_reservations")
def tape_chart_view(request):
    prop = request.property
    form = TapeChartForm(request.GET or None)
    start, days = prop.business_date, 14
    if form.is_valid():
        start = form.cleaned_data["start"] or prop.business_date
        days = form.cleaned_data["days"] or 14
    chart = tape_chart(property=prop, start=start, days=days)
    day_cells = [
        {"date": d, "column": i + 2, "weekend": d.isoweekday() >= 6, "today": d == prop.business_date}
        for i, d in enumerate(chart.days)
    ]
    rows = [
        {
            "room": room,
            "bars": [{**bar, "column": bar["offset"] + 2} for bar in chart.bars.get(room.pk, [])],
        }
        for room in chart.rooms
    ]
    free_rows = [
        {"room_type": rt, "free": list(zip(day_cells, chart.free_by_type.get(rt.pk, []), strict=False))}
        for rt in chart.room_types
    ]
    context = {
        "chart": chart,
        "days": days,
        "day_cells": day_cells,
        "rows": rows,
        "free_rows": free_rows,
        "start": start,
        "end": start + dt.timedelta(days=days - 1),
        "previous": start - dt.timedelta(days=days),
        "next": start + dt.timedelta(days=days),
        "today": prop.business_date,
        "other_days": 31 if days == 14 else 14,
        "form": form,
    }
    template = "reservations/_tape_chart.html" if wants_partial(request) else "reservations/tape_chart.html"
    return render(request, template, context)
