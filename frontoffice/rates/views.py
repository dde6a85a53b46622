"""HTML pages: the rate & restriction grid and its bulk edit."""

import datetime as dt
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error, staff_view
from frontoffice.rates.domain.pricing import NightPrice, derive
from frontoffice.rates.forms import GRID_DAYS, BulkRatesForm, GridForm
from frontoffice.rates.models import RatePlan
from frontoffice.rates.selectors import derivation_of, rate_grid
from frontoffice.rates.services import rates_bulk_update
from frontoffice.rooms.models import RoomType

MAX_DERIVATION_DEPTH = 10


def wants_partial(request) -> bool:
    return bool(request.htmx) and not request.htmx.history_restore_request


def adjustment_text(plan: RatePlan, currency: str) -> str:
    """ "−10 %", "+5.00 EUR" or both: how a derived plan differs from its parent."""
    parts = []
    if plan.derive_percent:
        sign = "−" if plan.derive_percent < 0 else "+"
        parts.append(f"{sign}{abs(plan.derive_percent).normalize():f} %")
    if plan.derive_amount:
        sign = "−" if plan.derive_amount < 0 else "+"
        parts.append(f"{sign}{abs(plan.derive_amount):.2f} {currency}")
    return " ".join(parts) or "±0"


def _chain(plan: RatePlan, plans_by_id: dict[int, RatePlan]) -> list[RatePlan]:
    """The plan and its ancestors, root first (a derived plan's price comes from the root)."""
    chain = [plan]
    while chain[-1].parent_id and len(chain) <= MAX_DERIVATION_DEPTH:
        parent = plans_by_id.get(chain[-1].parent_id)
        if parent is None:
            break
        chain.append(parent)
    return list(reversed(chain))


def _grid_context(request, plan: RatePlan | None, plans: list[RatePlan], start: dt.date) -> dict:
    prop = request.property
    dates = [start + dt.timedelta(days=i) for i in range(GRID_DAYS)]
    room_types = list(RoomType.objects.filter(property=prop))
    rows = []
    note = ""
    if plan is not None:
        own = rate_grid(property=prop, rate_plan=plan, start=start, days=GRID_DAYS)
        chain = _chain(plan, {p.pk: p for p in plans})
        root = chain[0]
        # A derived plan has no prices of its own: show its root's prices with each derivation applied.
        priced = own if root.pk == plan.pk else rate_grid(property=prop, rate_plan=root, start=start, days=GRID_DAYS)
        if plan.parent_id:
            note = _("follows %(parent)s %(adjustment)s") % {
                "parent": plan.parent.code,
                "adjustment": adjustment_text(plan, prop.currency),
            }
        for rt in room_types:
            cells = []
            for d in dates:
                row = own.get(rt.pk, {}).get(d)
                source = priced.get(rt.pk, {}).get(d)
                price = None
                if source is not None and source.price is not None:
                    night = NightPrice(source.price, source.extra_adult, source.child)
                    for step in chain[1:]:
                        night = derive(night, derivation_of(step))
                    price = night.price
                cells.append(
                    {
                        "date": d,
                        "row": row,
                        "price": price,
                        "derived": root.pk != plan.pk,
                        "weekend": d.isoweekday() >= 6,
                        "closed": bool(row and row.closed),
                    }
                )
            rows.append({"room_type": rt, "cells": cells})
    query = {"plan": plan.code if plan else "", "start": start.isoformat()}
    return {
        "plan": plan,
        "plans": plans,
        "start": start,
        "end": start + dt.timedelta(days=GRID_DAYS - 1),
        "dates": [{"date": d, "weekend": d.isoweekday() >= 6} for d in dates],
        "rows": rows,
        "note": note,
        "previous": start - dt.timedelta(days=GRID_DAYS),
        "next": start + dt.timedelta(days=GRID_DAYS),
        "today": prop.business_date,
        "query": urlencode(query),
        "can_manage": request.user.has_perm("core.manage_rates"),
    }


def _chosen(request, plans, params) -> tuple[RatePlan | None, dt.date]:
    form = GridForm(params or None, property=request.property)
    plan, start = None, request.property.business_date
    if form.is_valid():
        plan = form.cleaned_data["plan"]
        start = form.cleaned_data["start"] or start
    if plan is None and plans:
        plan = next((p for p in plans if not p.parent_id and p.active), plans[0])
    return plan, start


def _bulk_form(request, plan, start, data=None) -> BulkRatesForm:
    initial = {
        "room_types": list(RoomType.objects.filter(property=request.property)),
        "rate_plans": [plan] if plan else [],
        "date_from": start,
        "date_to": start + dt.timedelta(days=GRID_DAYS - 1),
    }
    return BulkRatesForm(data, property=request.property, initial=initial)


@vary_on_headers("HX-Request")
@staff_view("core.view_rates")
def grid(request):
    plans = list(RatePlan.objects.filter(property=request.property).select_related("parent"))
    plan, start = _chosen(request, plans, request.GET)
    context = _grid_context(request, plan, plans, start)
    if wants_partial(request):
        return render(request, "rates/_grid.html", context)
    if context["can_manage"]:
        context["bulk_form"] = _bulk_form(request, plan, start)
    return render(request, "rates/grid.html", context)


@require_POST
@staff_view("core.manage_rates")
def bulk_update(request):
    plans = list(RatePlan.objects.filter(property=request.property).select_related("parent"))
    shown = {"plan": request.POST.get("plan", ""), "start": request.POST.get("start", "")}
    plan, start = _chosen(request, plans, shown)
    form = _bulk_form(request, plan, start, data=request.POST)
    status = 422
    if form.is_valid():
        d = form.cleaned_data
        try:
            written = rates_bulk_update(
                property=request.property,
                actor=request.user,
                room_types=list(d["room_types"]),
                rate_plans=list(d["rate_plans"]),
                start=d["date_from"],
                end=d["date_to"],
                weekdays=form.weekday_set(),
                values=form.values(),
            )
        except DomainError as exc:
            show_error(request, exc)
            status = exc.status
        else:
            messages.success(
                request,
                ngettext("%(n)d daily rate written.", "%(n)d daily rates written.", written) % {"n": written},
            )
            query = urlencode({"plan": plan.code if plan else "", "start": start.isoformat()})
            return redirect(f"{reverse('rates:grid')}?{query}")
    context = _grid_context(request, plan, plans, start)
    context["bulk_form"] = form
    return render(request, "rates/grid.html", context, status=status)
