"""The night audit: close the property's business date and open the next, safely, every time.

One transaction per property and date. The property row is locked first, so two audits of one
property never run at once (the second waits, then finds the date closed and stops). The steps,
in order, each recorded in the audit's log:

1. pre-checks (``domain.prechecks``): blocking ones must be resolved or overridden with a reason;
2. no-shows: booked arrivals of the date (or earlier) that did not come are marked no-show, with
   the fee their plan's policy sets when guaranteed; options not confirmed by their arrival or
   past their expiry are cancelled;
3. room and city tax for the night, posted to every stay in house (``folios.services.nightly``),
   through the stays' routing instructions, once per stay, folio and date (a database key);
4. occupied rooms become dirty for tomorrow's housekeeping;
5. the night's statistics are stored;
6. the reports are produced and kept (flash report CSV and PDF, trial balance, cashier report,
   no-shows and cancellations, in-house list);
7. the business date advances. From then on the database refuses any posting dated on the
   closed date (a trigger on the ledger), whatever path tries.

A failure anywhere (or a killed process) rolls everything back: the day stays open and
consistent, and running the audit again does the whole job. Running it again after it finished
finds the date closed and changes nothing.
"""

import datetime as dt
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.models import Property
from frontoffice.folios.services.inputs import free_text
from frontoffice.folios.services.nightly import nightly_charges_post
from frontoffice.frontdesk.services.room_status import rooms_occupied_mark_dirty
from frontoffice.nightaudit.domain.prechecks import SEVERITY, unresolved
from frontoffice.nightaudit.models import AuditReport, DailyStatistics, NightAudit
from frontoffice.nightaudit.reports import audit_reports_build, table_pdf
from frontoffice.nightaudit.selectors import (
    arrivals_pending,
    audit_report_get,
    day_over,
    night_audit_prechecks,
    night_figures,
)
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import reservation_cancel, reservation_no_show

PERMISSION = "core.run_night_audit"
log = logging.getLogger("frontoffice.nightaudit")


def _overrides(raw: dict[str, str] | None) -> dict[str, str]:
    out = {}
    for code, reason in (raw or {}).items():
        if code not in SEVERITY:
            raise InvalidInput(
                _("There is no pre-check %(code)s.") % {"code": code}, errors=[{"field": "overrides", "code": code}]
            )
        reason = free_text(reason or "", "reason", 200)
        if reason:
            out[code] = reason
    return out


def night_audit_run(
    *,
    property: Property,
    actor,
    date: dt.date | None = None,
    overrides: dict[str, str] | None = None,
    early: bool = False,
    now: dt.datetime | None = None,
    on_step=None,
) -> NightAudit:
    """Close ``property``'s business date (``date``, when given, must be it: a second run of a
    scheduled job then finds the date closed and stops with ``already_closed``).

    ``overrides`` maps blocking pre-check codes to the auditor's reason. A date is closed once it
    is over (the property's calendar date is later); closing it on its own evening needs
    ``early``. Raises ``Conflict`` with code ``already_closed``, ``not_open``, ``day_not_over`` or
    ``prechecks_blocking`` (its ``errors`` list the checks), and changes nothing then.
    ``on_step(code, detail)`` is told of each step as it is done (the command's progress).
    """
    require(actor, PERMISSION)
    overrides = _overrides(overrides)
    now = now or timezone.now()
    started = timezone.now()
    steps: list[dict] = []

    def step(code: str, **detail) -> None:
        steps.append({"step": code, **detail})
        if on_step is not None:
            on_step(code, detail)
        log.info("night audit %s %s: %s %s", prop.code, closing, code, detail)

    with transaction.atomic():
        # NO KEY UPDATE: postings (which take a share lock of the row) wait for the audit, while
        # inserts that merely reference the property (its foreign key) go on.
        prop = Property.objects.select_for_update(no_key=True).get(pk=property.pk)
        closing = prop.business_date
        if date is not None and date != closing:
            if date < closing:
                raise Conflict(
                    _("%(date)s is already closed: the business date is %(open)s.")
                    % {"date": date.isoformat(), "open": closing.isoformat()},
                    code="already_closed",
                )
            raise Conflict(
                _("%(date)s is not open yet: the business date is %(open)s.")
                % {"date": date.isoformat(), "open": closing.isoformat()},
                code="not_open",
            )
        if not day_over(prop, now) and not early:
            raise Conflict(
                _("%(date)s is not over yet: run the audit after midnight, or close the day early.")
                % {"date": closing.isoformat()},
                code="day_not_over",
            )
        checks = night_audit_prechecks(property=prop, now=now)
        blocking = unresolved(checks, overrides)
        if blocking:
            raise Conflict(
                _("Resolve or override the blocking pre-checks first: %(codes)s.")
                % {"codes": ", ".join(c.code for c in blocking)},
                code="prechecks_blocking",
                errors=[{"code": c.code, "count": c.count, "items": list(c.items[:50])} for c in blocking],
            )
        step("prechecks", checks={c.code: c.count for c in checks}, overridden=sorted(overrides))

        # 2. No-shows and lapsed options.
        no_shows, cancelled = [], []
        for res in arrivals_pending(prop, closing).select_related("property").order_by("id"):
            if res.status == Status.CONFIRMED.value:
                reservation_no_show(reservation=res, actor=actor)
                no_shows.append(res.confirmation)
            else:
                reservation_cancel(
                    reservation=res, actor=actor, reason=_("Option not confirmed by the arrival date"), now=now
                )
                cancelled.append(res.confirmation)
        expired = Reservation.objects.filter(
            property=prop, status=Status.TENTATIVE.value, option_expires_at__lte=now
        ).order_by("id")
        for res in expired:
            reservation_cancel(reservation=res, actor=actor, reason=_("Option expired"), now=now)
            cancelled.append(res.confirmation)
        step("no_shows", no_shows=no_shows, options_cancelled=cancelled)

        # 3. Room and city tax for the night.
        posted = nightly_charges_post(property=prop, actor=actor)
        step(
            "room_and_tax",
            stays=posted.stays,
            postings=posted.postings,
            already_posted=posted.already_posted,
            room_net=str(posted.room_net),
            city_tax=str(posted.city_tax),
            missing_price=posted.missing_price,
        )

        # 4. Occupied rooms become dirty.
        occupied = list(
            Reservation.objects.filter(property=prop, status=Status.IN_HOUSE.value, room__isnull=False).values_list(
                "room_id", flat=True
            )
        )
        step("rooms_dirty", rooms=rooms_occupied_mark_dirty(property=prop, room_ids=occupied, actor=actor))

        # 5. Statistics.
        figures = night_figures(property=prop, date=closing)
        c = figures.counts
        DailyStatistics.objects.create(
            property=prop,
            date=closing,
            physical_rooms=c.physical,
            out_of_order=c.out_of_order,
            out_of_service=c.out_of_service,
            occupied=c.occupied,
            complimentary=c.complimentary,
            house_use=c.house_use,
            day_use=c.day_use,
            arrivals=c.arrivals,
            departures=c.departures,
            no_shows=c.no_shows,
            cancellations=c.cancellations,
            guests=figures.guests,
            room_revenue=figures.room_revenue,
            fees=figures.fees,
            revenue_by_department=_strings(figures.revenue_by_department),
            payments_by_method=_strings(figures.payments_by_method),
            refunds_by_method=_strings(figures.refunds_by_method),
            ledgers={k: _strings(v) for k, v in figures.ledgers.items()},
            by_segment={k: _strings(v) for k, v in figures.by_segment.items()},
        )
        step("statistics", occupied=c.occupied, sold=c.sold, room_revenue=str(figures.room_revenue))

        # 6. Reports.
        reports = audit_reports_build(prop, closing, figures)
        AuditReport.objects.bulk_create(
            [
                AuditReport(property=prop, business_date=closing, kind=kind, format=fmt, content=content)
                for kind, fmt, content in reports
            ]
        )
        step("reports", reports=[f"{kind}.{fmt}" for kind, fmt, _content in reports])

        # 7. The next business date.
        Property.objects.filter(pk=prop.pk).update(business_date=closing + dt.timedelta(days=1))
        step("business_date", closed=closing.isoformat(), open=(closing + dt.timedelta(days=1)).isoformat())
        who = actor if getattr(actor, "is_authenticated", False) else None
        audit = NightAudit.objects.create(
            property=prop,
            business_date=closing,
            started_at=started,
            finished_at=timezone.now(),
            actor=who,
            overrides=[{"code": code, "reason": reason} for code, reason in sorted(overrides.items())],
            prechecks=[{"code": c.code, "severity": c.severity.value, "items": list(c.items[:200])} for c in checks],
            steps=steps,
        )
        audit_record(
            property=prop,
            entity="night_audit",
            entity_id=closing.isoformat(),
            action="close",
            actor=actor,
            changes={"overrides": sorted(overrides)},
        )
    property.business_date = closing + dt.timedelta(days=1)
    return audit


def _strings(values: dict) -> dict:
    """Amounts as strings in JSON (exact decimals), counts as they are."""
    return {k: (v if isinstance(v, int) else str(v)) for k, v in values.items()}


def report_content(*, property: Property, date: dt.date, kind: str, format: str) -> bytes | None:
    """A kept report's bytes; a PDF of a report kept as CSV is printed from that CSV (the same
    content, drawn when asked for, so that closing the day stays quick). None if not kept."""
    kept = audit_report_get(property=property, date=date, kind=kind, format=format)
    if kept is not None:
        return bytes(kept.content)
    if format == "pdf":
        source = audit_report_get(property=property, date=date, kind=kind, format="csv")
        if source is not None:
            return table_pdf(property, date, kind, source.content)
    return None
