"""The night audit's pages: the pre-checks and the close of the business date, and each closed
date with its steps, statistics and kept reports."""

import datetime as dt

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error
from frontoffice.nightaudit.domain.prechecks import Severity
from frontoffice.nightaudit.domain.statistics import OPERATIONAL, USALI, both_kpis
from frontoffice.nightaudit.models import ReportKind
from frontoffice.nightaudit.selectors import (
    audit_reports,
    daily_statistics_get,
    day_over,
    night_audit_get,
    night_audit_list,
    night_audit_prechecks,
    statistics_counts,
)
from frontoffice.nightaudit.services import night_audit_run, report_content
from frontoffice.reservations.views import desk_view

CHECK_LABELS = {
    "arrivals_pending": (
        gettext_lazy("Arrivals not checked in"),
        gettext_lazy(
            "Check them in, cancel them, or override: confirmed ones become no-shows (with the fee when guaranteed)."
        ),
    ),
    "departures_pending": (
        gettext_lazy("Departures not checked out"),
        gettext_lazy(
            "Check them out, or override: they stay in house and tonight is charged at the last night's price."
        ),
    ),
    "open_shifts": (
        gettext_lazy("Cashier shifts still open"),
        gettext_lazy("Close them, or override: the drawer stays open across the date."),
    ),
    "over_credit_limit": (
        gettext_lazy("Folios over their credit limit"),
        gettext_lazy("Take a payment or raise the limit."),
    ),
    "deposits_overdue": (
        gettext_lazy("Deposits due and not paid"),
        gettext_lazy("Chase the guest, or cancel per the policy."),
    ),
    "options_expiring": (gettext_lazy("Options past their expiry"), gettext_lazy("The audit cancels them.")),
}


def _checks_context(prop) -> dict:
    checks = night_audit_prechecks(property=prop)
    return {
        "checks": [
            {
                "code": c.code,
                "blocking": c.severity is Severity.BLOCKING,
                "count": c.count,
                "items": c.items[:30],
                "more": max(c.count - 30, 0),
                "label": CHECK_LABELS[c.code][0],
                "advice": CHECK_LABELS[c.code][1],
            }
            for c in checks
        ],
        "day_over": day_over(prop, timezone.now()),
        "audits": night_audit_list(property=prop, limit=14),
    }


@desk_view("core.run_night_audit")
def night_audit(request):
    return render(request, "nightaudit/night_audit.html", _checks_context(request.property))


@require_POST
@desk_view("core.run_night_audit")
def night_audit_close(request):
    prop = request.property
    overrides = {
        key.removeprefix("override_"): value
        for key, value in request.POST.items()
        if key.startswith("override_") and value.strip()
    }
    expected = request.POST.get("date", "")
    try:
        audit = night_audit_run(
            property=prop,
            actor=request.user,
            date=dt.date.fromisoformat(expected) if expected else None,
            overrides=overrides,
            early=request.POST.get("early") == "on",
        )
    except (DomainError, ValueError) as refused:
        if isinstance(refused, ValueError):
            messages.error(request, _("That is not a date."))
        else:
            show_error(request, refused)
        context = _checks_context(prop)
        context["overrides"] = overrides
        return render(request, "nightaudit/night_audit.html", context, status=409)
    messages.success(
        request,
        _("%(date)s is closed; the business date is now %(next)s.")
        % {"date": audit.business_date.isoformat(), "next": prop.business_date.isoformat()},
    )
    return redirect("nightaudit:closed_day", date=audit.business_date.isoformat())


@desk_view("core.view_night_audit")
def closed_day(request, date: str):
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404(_("That is not a date.")) from None
    audit = night_audit_get(property=request.property, date=day)
    if audit is None:
        raise Http404(_("That date has not been closed."))
    stats = daily_statistics_get(property=request.property, date=day)
    counts = statistics_counts(stats)
    kpis = both_kpis(counts, stats.room_revenue)
    return render(
        request,
        "nightaudit/closed_day.html",
        {
            "audit": audit,
            "stats": stats,
            "counts": counts,
            "usali": kpis[USALI],
            "operational": kpis[OPERATIONAL],
            "reports": report_list(request.property, day),
        },
    )


def report_list(prop, day) -> list[dict]:
    """Every kept report, each as CSV and as PDF (a kept CSV is also printed as a table)."""
    kept = {(r.kind, r.format) for r in audit_reports(property=prop, date=day)}
    kinds = sorted({kind for kind, _fmt in kept}, key=[k.value for k in ReportKind].index)
    return [
        {"kind": kind, "format": fmt, "label": ReportKind(kind).label}
        for kind in kinds
        for fmt in ("pdf", "csv")
        if (kind, fmt) in kept or (fmt == "pdf" and (kind, "csv") in kept)
    ]


@desk_view("core.view_night_audit")
def report_download(request, date: str, kind: str, format: str):
    try:
        day = dt.date.fromisoformat(date)
    except ValueError:
        raise Http404(_("That is not a date.")) from None
    content = report_content(property=request.property, date=day, kind=kind, format=format)
    if content is None:
        raise Http404(_("No such report."))
    content_type = "application/pdf" if format == "pdf" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if format == "pdf" else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{request.property.code}-{date}-{kind}.{format}"'
    return response
