"""The night audit over the API: what stands before closing, closing the date, and what was kept."""

import datetime as dt

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Router

from frontoffice.core.api import scoped, user_of
from frontoffice.core.domain.errors import NotFound
from frontoffice.nightaudit.domain.statistics import both_kpis
from frontoffice.nightaudit.models import DailyStatistics, NightAudit
from frontoffice.nightaudit.schemas import DailyStatisticsOut, NightAuditIn, NightAuditOut, NightAuditStatusOut
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

router = Router(tags=["night audit"])
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def audit_out(request, audit: NightAudit) -> dict:
    prop = audit.property
    return {
        "business_date": audit.business_date,
        "next_business_date": audit.business_date + dt.timedelta(days=1),
        "started_at": audit.started_at,
        "finished_at": audit.finished_at,
        "actor": audit.actor.username if audit.actor_id else None,
        "overrides": audit.overrides,
        "steps": audit.steps,
        "reports": [
            request.build_absolute_uri(
                reverse(
                    "api-v1:night_audit_report",
                    kwargs={"code": prop.code, "date": audit.business_date, "kind": r.kind, "format": r.format},
                )
            )
            for r in audit_reports(property=prop, date=audit.business_date)
        ],
    }


def statistics_out(stats: DailyStatistics) -> dict:
    counts = statistics_counts(stats)
    kpis = {
        variant: {
            "available": k.available,
            "sold": k.sold,
            "occupancy": None if k.occupancy is None else str(k.occupancy),
            "adr": None if k.adr is None else str(k.adr),
            "revpar": None if k.revpar is None else str(k.revpar),
        }
        for variant, k in both_kpis(counts, stats.room_revenue).items()
    }
    return {
        **{f: getattr(stats, f) for f in DailyStatisticsOut.model_fields if hasattr(stats, f)},
        "sold": counts.sold,
        "room_revenue": str(stats.room_revenue),
        "fees": str(stats.fees),
        "kpis": kpis,
    }


@router.get("/properties/{code}/night-audit", response=NightAuditStatusOut, summary="Night audit: pre-checks")
def status(request, code: str):
    """The business date the next audit closes, whether it is over, and the pre-checks: blocking
    ones must be resolved or overridden (with a reason) in the close request. Needs
    ``core.run_night_audit``."""
    prop = scoped(request, code, "core.run_night_audit")
    last = night_audit_list(property=prop, limit=1)
    return {
        "business_date": prop.business_date,
        "day_over": day_over(prop, timezone.now()),
        "prechecks": [
            {"code": c.code, "severity": c.severity.value, "count": c.count, "items": list(c.items)}
            for c in night_audit_prechecks(property=prop)
        ],
        "last_closed": last[0].business_date if last else None,
    }


@router.post("/properties/{code}/night-audit", response=NightAuditOut, summary="Close the business date")
def close(request, code: str, payload: NightAuditIn):
    """Run the night audit: no-shows, the night's room and tax, rooms dirty, statistics, reports,
    and the next business date, in one transaction. 409 ``prechecks_blocking`` lists what must be
    resolved or overridden; ``already_closed`` when ``date`` is closed (a second run of a
    scheduled job); ``day_not_over`` before midnight unless ``early``. Needs
    ``core.run_night_audit``."""
    prop = scoped(request, code, "core.run_night_audit")
    audit = night_audit_run(
        property=prop, actor=user_of(request), date=payload.date, overrides=payload.overrides, early=payload.early
    )
    return audit_out(request, audit)


@router.get(
    "/properties/{code}/night-audits/{date}", response=NightAuditOut, summary="A closed date", url_name="night_audit"
)
def closed(request, code: str, date: dt.date):
    """What the audit of ``date`` did and the reports it kept. Needs ``core.view_night_audit``."""
    prop = scoped(request, code, "core.view_night_audit")
    audit = night_audit_get(property=prop, date=date)
    if audit is None:
        raise NotFound(f"{date.isoformat()} has not been closed.")
    return audit_out(request, audit)


@router.get("/properties/{code}/statistics/{date}", response=DailyStatisticsOut, summary="A closed night's statistics")
def statistics(request, code: str, date: dt.date):
    """The figures stored when ``date`` was closed, with the KPIs both ways (STR / USALI and
    operational). Needs ``core.view_night_audit``."""
    prop = scoped(request, code, "core.view_night_audit")
    stats = daily_statistics_get(property=prop, date=date)
    if stats is None:
        raise NotFound(f"{date.isoformat()} has not been closed.")
    return statistics_out(stats)


@router.get(
    "/properties/{code}/night-audits/{date}/reports/{kind}.{format}",
    summary="A report kept for a closed date",
    url_name="night_audit_report",
)
def report(request, code: str, date: dt.date, kind: str, format: str):
    """The report as kept when the date was closed: ``flash`` (CSV and PDF), ``trial_balance``,
    ``cashier``, ``no_shows`` and ``in_house`` (CSV, and PDF printed from that CSV). Needs
    ``core.view_night_audit``."""
    prop = scoped(request, code, "core.view_night_audit")
    content = report_content(property=prop, date=date, kind=kind, format=format)
    if content is None:
        raise NotFound(f"No {kind}.{format} for {date.isoformat()}.")
    response = HttpResponse(content, content_type=CONTENT_TYPES.get(format, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="{prop.code}-{date.isoformat()}-{kind}.{format}"'
    return response
