"""The reports the night audit keeps for each closed date, produced inside its transaction: the
manager's flash report (CSV and PDF), the trial balance, the cashier report, the no-shows and
cancellations, and the in-house list (CSV). In the property's language; amounts with a point
and two decimals, dates ISO 8601, so that a spreadsheet or an accounting tool reads them as is."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import Department
from frontoffice.folios.models import CashierShift, Folio, FolioKind
from frontoffice.folios.selectors import cashier_shift_report
from frontoffice.nightaudit.domain.statistics import OPERATIONAL, USALI, both_kpis
from frontoffice.nightaudit.models import ReportKind
from frontoffice.nightaudit.selectors import NightFigures
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import Reservation

ZERO = Decimal("0.00")


def _csv(header: list[str], rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8")


def _amount(value) -> str:
    return "" if value is None else f"{Decimal(value):.2f}"


def flash_lines(figures: NightFigures) -> list[tuple[str, str, str, str]]:
    """(section, figure, STR / USALI value, operational value) — one value column when the two agree."""
    c = figures.counts
    k = both_kpis(c, figures.room_revenue)
    usali, oper = k[USALI], k[OPERATIONAL]
    rooms = _("Rooms")
    lines = [
        (rooms, _("Physical rooms"), str(c.physical), ""),
        (rooms, _("Out of order"), str(c.out_of_order), ""),
        (rooms, _("Out of service"), str(c.out_of_service), ""),
        (rooms, _("Rooms available"), str(usali.available), str(oper.available)),
        (rooms, _("Rooms occupied"), str(c.occupied), ""),
        (rooms, _("Complimentary"), str(c.complimentary), ""),
        (rooms, _("House use"), str(c.house_use), ""),
        (rooms, _("Rooms sold"), str(c.sold), ""),
        (rooms, _("Day use"), str(c.day_use), ""),
        (rooms, _("Arrivals"), str(c.arrivals), ""),
        (rooms, _("Departures"), str(c.departures), ""),
        (rooms, _("No-shows"), str(c.no_shows), ""),
        (rooms, _("Cancellations"), str(c.cancellations), ""),
        (rooms, _("Guests in house"), str(figures.guests), ""),
    ]
    kpi = _("KPIs")
    lines += [
        (kpi, _("Occupancy %"), _amount(usali.occupancy), _amount(oper.occupancy)),
        (kpi, _("ADR"), _amount(usali.adr), _amount(oper.adr)),
        (kpi, _("RevPAR"), _amount(usali.revpar), _amount(oper.revpar)),
    ]
    revenue = _("Revenue (net of tax)")
    lines.append((revenue, _("Room revenue"), _amount(figures.room_revenue), ""))
    lines.append((revenue, _("Fees (no-show, cancellation, late check-out)"), _amount(figures.fees), ""))
    for dept, amount in figures.revenue_by_department.items():
        if dept not in (Department.ROOMS, Department.FEES, Department.TAXES):
            lines.append((revenue, dept, _amount(amount), ""))
    # The city tax is collected for the city (a liability), not the hotel's revenue.
    collected = figures.revenue_by_department.get(Department.TAXES.value)
    if collected:
        lines.append((_("Collected for third parties"), _("City tax"), _amount(collected), ""))
    for method, amount in figures.payments_by_method.items():
        lines.append((_("Payments"), method, _amount(amount), ""))
    for method, amount in figures.refunds_by_method.items():
        lines.append((_("Refunds"), method, _amount(amount), ""))
    for ledger, row in figures.ledgers.items():
        for key in ("opening", "debits", "credits", "closing"):
            lines.append((_("Ledger: %(ledger)s") % {"ledger": ledger}, key, _amount(row[key]), ""))
    return lines


def flash_csv(figures: NightFigures) -> bytes:
    return _csv([_("Section"), _("Figure"), _("STR / USALI"), _("Operational")], flash_lines(figures))


def flash_pdf(property: Property, date: dt.date, figures: NightFigures) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "nightaudit/flash_report.html", {"property": property, "date": date, "lines": flash_lines(figures)}
    )
    return HTML(string=html).write_pdf()


def trial_balance_csv(figures: NightFigures) -> bytes:
    rows = [
        (ledger, _amount(r["opening"]), _amount(r["debits"]), _amount(r["credits"]), _amount(r["closing"]))
        for ledger, r in figures.ledgers.items()
    ]
    return _csv([_("Ledger"), _("Opening"), _("Debits"), _("Credits"), _("Closing")], rows)


def cashier_csv(property: Property, date: dt.date) -> bytes:
    rows = []
    shifts = CashierShift.objects.filter(property=property, business_date=date).select_related("cashier")
    for shift in shifts.order_by("opened_at", "id"):
        report = cashier_shift_report(shift=shift)
        for line in report.lines:
            rows.append(
                (
                    shift.pk,
                    shift.cashier.username,
                    shift.status,
                    line.method.value,
                    _amount(line.payments),
                    _amount(line.refunds),
                    _amount(line.net),
                    _amount(line.expected),
                    _amount(line.counted),
                    _amount(line.variance),
                )
            )
    header = [_("Shift"), _("Cashier"), _("Status"), _("Method"), _("Payments"), _("Refunds"), _("Net"),
              _("Expected"), _("Counted"), _("Variance")]  # fmt: skip
    return _csv(header, rows)


def no_shows_csv(property: Property, date: dt.date) -> bytes:
    stays = (
        Reservation.objects.filter(
            property=property, status__in=[Status.NO_SHOW.value, Status.CANCELLED.value], cancelled_on=date
        )
        .select_related("guest", "room_type", "rate_plan")
        .order_by("status", "confirmation")
    )
    rows = [
        (r.confirmation, r.status, r.guest.full_name, r.arrival, r.departure, r.room_type.code, r.rate_plan.code,
         r.market_segment, r.channel, _amount(r.room_total), _amount(r.cancellation_fee), r.cancel_reason)
        for r in stays
    ]  # fmt: skip
    header = [_("Confirmation"), _("Status"), _("Guest"), _("Arrival"), _("Departure"), _("Room type"),
              _("Rate plan"), _("Segment"), _("Channel"), _("Room total"), _("Fee"), _("Reason")]  # fmt: skip
    return _csv(header, rows)


def in_house_csv(property: Property, date: dt.date) -> bytes:
    stays = list(
        Reservation.objects.filter(property=property, status=Status.IN_HOUSE.value)
        .select_related("guest", "room", "room_type", "rate_plan")
        .order_by("room__number", "confirmation")
    )
    balances = dict(
        Folio.objects.filter(reservation__in=stays)
        .exclude(kind=FolioKind.DEPOSIT)
        .values("reservation")
        .annotate(b=Coalesce(Sum("postings__gross"), Value(ZERO), output_field=DecimalField()))
        .values_list("reservation", "b")
    )
    rows = [
        (r.room.number if r.room_id else "", r.confirmation, r.guest.full_name, r.arrival, r.departure,
         r.adults, len(r.children_ages or []), r.room_type.code, r.rate_plan.code, r.market_segment,
         _amount(balances.get(r.pk, ZERO)))
        for r in stays
    ]  # fmt: skip
    header = [_("Room"), _("Confirmation"), _("Guest"), _("Arrival"), _("Departure"), _("Adults"), _("Children"),
              _("Room type"), _("Rate plan"), _("Segment"), _("Balance")]  # fmt: skip
    return _csv(header, rows)


def audit_reports_build(property: Property, date: dt.date, figures: NightFigures) -> list[tuple[str, str, bytes]]:
    """(kind, format, content) of every report kept for the date, in the property's language."""
    with translation.override(property.default_language):
        return [
            (ReportKind.FLASH.value, "csv", flash_csv(figures)),
            (ReportKind.FLASH.value, "pdf", flash_pdf(property, date, figures)),
            (ReportKind.TRIAL_BALANCE.value, "csv", trial_balance_csv(figures)),
            (ReportKind.CASHIER.value, "csv", cashier_csv(property, date)),
            (ReportKind.NO_SHOWS.value, "csv", no_shows_csv(property, date)),
            (ReportKind.IN_HOUSE.value, "csv", in_house_csv(property, date)),
        ]


def table_pdf(property: Property, date: dt.date, kind: str, content: bytes) -> bytes:
    """A kept CSV report printed as a table (landscape A4), in the property's language: the PDF is
    drawn from the kept CSV, so it says exactly what was kept when the date was closed."""
    from weasyprint import HTML

    rows = list(csv.reader(io.StringIO(bytes(content).decode("utf-8"))))
    with translation.override(property.default_language):
        html = render_to_string(
            "nightaudit/table_report.html",
            {
                "property": property,
                "date": date,
                "title": ReportKind(kind).label,
                "header": rows[0] if rows else [],
                "rows": rows[1:],
            },
        )
    return HTML(string=html).write_pdf()
