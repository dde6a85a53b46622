"""The back office's pages: the manager's dashboard with its charts, the KPI report and the
forecast, each downloadable as CSV or Excel."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from frontoffice.backoffice.charts import bar_chart, line_chart, share_bars
from frontoffice.backoffice.domain.kpis import COLUMNS, DIMENSIONS, GRAINS
from frontoffice.backoffice.forecast import FORECAST_COLUMNS, forecast, forecast_rows
from frontoffice.backoffice.selectors import (
    aging_rows,
    cancellations_by_channel,
    kpi_compare,
    kpi_report,
    money_report,
    statistics_nights,
    statistics_through,
)
from frontoffice.backoffice.tables import table_csv, table_xlsx
from frontoffice.core.access import properties_for
from frontoffice.core.api import MAX_DATE, MIN_DATE
from frontoffice.nightaudit.domain.statistics import OPERATIONAL, USALI, both_kpis
from frontoffice.nightaudit.models import DailyStatistics
from frontoffice.nightaudit.selectors import statistics_counts
from frontoffice.reservations.views import desk_view

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GROUP_LABELS = {
    "day": gettext_lazy("Day"),
    "month": gettext_lazy("Month"),
    "year": gettext_lazy("Year"),
    "segment": gettext_lazy("Market segment"),
    "channel": gettext_lazy("Channel"),
    "room_type": gettext_lazy("Room type"),
    "rate_plan": gettext_lazy("Rate plan"),
}


class PeriodForm(forms.Form):
    """A period of nights, from and to inclusive, of at most ``max_days``."""

    max_days = 3 * 366
    start = forms.DateField(label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=gettext_lazy("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if any(d and not MIN_DATE <= d <= MAX_DATE for d in (start, end)):
            raise forms.ValidationError(_("Give dates between 1900 and 2199."))
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The period ends before it starts."))
            if (end - start).days + 1 > self.max_days:
                raise forms.ValidationError(_("Ask for at most %(days)s days at a time.") % {"days": self.max_days})
        return data


class KpiForm(PeriodForm):
    group_by = forms.ChoiceField(label=gettext_lazy("By"), choices=[(k, GROUP_LABELS[k]) for k in GRAINS + DIMENSIONS])


def _download(name: str, fmt: str, columns: list[str], rows: list[dict]) -> HttpResponse:
    if fmt == "xlsx":
        response = HttpResponse(table_xlsx(name, columns, rows), content_type=XLSX)
    else:
        fmt = "csv"
        response = HttpResponse(table_csv(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def _last_closed(prop) -> dt.date:
    return statistics_through(property=prop) or prop.business_date - dt.timedelta(days=1)


def _period(request, form_class, **initial):
    """The form of a report over a period (by default the month of the last closed night) and its
    values: the defaults on a first visit, None when what was asked for is not valid."""
    last = _last_closed(request.property)
    initial = {"start": last.replace(day=1), "end": last, **initial}
    form = form_class(request.GET or None, initial=initial)
    values = initial if not request.GET else (form.cleaned_data if form.is_valid() else None)
    return form, values


def _wants_file(request, name: str, report: dict):
    """The report as a CSV or Excel download when ``?format=`` asks for one, else None."""
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _download(name, fmt, report["columns"], report["rows"] + [report["total"]])
    return None


@desk_view("core.view_back_office")
def kpis_page(request):
    prop = request.property
    form, values = _period(request, KpiForm, group_by="day")
    context = {"form": form}
    if values:
        report = kpi_report(property=prop, start=values["start"], end=values["end"], group_by=values["group_by"])
        name = f"{prop.code}-kpis-{values['group_by']}-{values['start']}-{values['end']}"
        if file := _wants_file(request, name, report):
            return file
        context.update(report=report, values=values, group_label=GROUP_LABELS[values["group_by"]])
    return render(request, "backoffice/kpis.html", context)


@desk_view("core.view_back_office")
def forecast_page(request):
    prop = request.property
    days = forecast(property=prop, days=365)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return _download(f"{prop.code}-forecast-{prop.business_date}", fmt, FORECAST_COLUMNS, forecast_rows(days))
    return render(request, "backoffice/forecast.html", {"days": days})


def _charts(prop) -> dict:
    last = _last_closed(prop)
    stats = statistics_nights(property=prop, through=last, nights=30)
    labels = [s.date.strftime("%d/%m") for s in stats]
    kpis = [both_kpis(statistics_counts(s), s.room_revenue) for s in stats]
    charts = {}
    if stats:
        charts["trend"] = line_chart(
            _("Occupancy % and ADR, last 30 nights"),
            labels,
            (_("Occupancy %"), [k[USALI].occupancy for k in kpis]),
            (_("ADR"), [k[USALI].adr for k in kpis]),
        )
        mix: dict[str, Decimal] = {}
        for s in stats:
            for dept, amount in s.revenue_by_department.items():
                mix[dept] = mix.get(dept, Decimal("0")) + Decimal(amount)
        charts["mix"] = share_bars(
            _("Revenue by department, last 30 nights"), sorted(mix.items(), key=lambda kv: -kv[1])[:8]
        )
    ahead = forecast(property=prop, days=60)
    charts["pace"] = bar_chart(
        _("Rooms on the books, next 60 nights, against last year"),
        [d.date.strftime("%d/%m") for d in ahead],
        [(_("This year"), [d.rooms for d in ahead]), (_("Last year"), [d.last_year_rooms for d in ahead])],
    )
    cancelled = cancellations_by_channel(property=prop, start=last - dt.timedelta(days=90), end=last)
    if cancelled:
        charts["cancellations"] = bar_chart(
            _("Cancellations by channel, last 90 days"),
            [c for c, _n in cancelled],
            [(_("Cancellations"), [n for _c, n in cancelled])],
        )
    return {k: mark_safe(v) for k, v in charts.items()}  # noqa: S308 - built by charts.py, every label escaped


@desk_view("core.view_back_office")
def dashboard(request):
    prop = request.property
    last = statistics_through(property=prop)
    tiles = None
    if last:
        stats = DailyStatistics.objects.get(property=prop, date=last)
        k = both_kpis(statistics_counts(stats), stats.room_revenue)
        tiles = {"date": last, "usali": k[USALI], "operational": k[OPERATIONAL], "stats": stats}
    return render(request, "backoffice/dashboard.html", {"tiles": tiles, "charts": _charts(prop)})


@desk_view("core.view_back_office")
def compare_page(request):
    """Every property the user works in, side by side over a period (for a chain)."""
    form, values = _period(request, PeriodForm)
    context = {"form": form}
    if values:
        rows = kpi_compare(properties=properties_for(request.user).order_by("code"), start=values["start"],
                           end=values["end"])  # fmt: skip
        columns = ["key", "name", "currency", *[c for c in COLUMNS if c != "key"]]
        if file := _wants_file(request, f"kpis-compare-{values['start']}-{values['end']}",
                               {"columns": columns, "rows": rows[:-1], "total": rows[-1]}):  # fmt: skip
            return file
        context.update(rows=rows, values=values)
    return render(request, "backoffice/compare.html", context)


class MoneyForm(PeriodForm):
    grain = forms.ChoiceField(label=gettext_lazy("By"), choices=[(k, GROUP_LABELS[k]) for k in GRAINS])


@desk_view("core.view_back_office")
def money_page(request):
    """Revenue by department, payments and refunds by method, per day, month or year."""
    prop = request.property
    form, values = _period(request, MoneyForm, grain="day")
    context = {"form": form}
    if values:
        report = money_report(property=prop, start=values["start"], end=values["end"], grain=values["grain"])
        name = f"{prop.code}-revenue-payments-{values['grain']}-{values['start']}-{values['end']}"
        if file := _wants_file(request, name, report):
            return file
        cells = [[r.get(c) for c in report["columns"]] for r in report["rows"]]
        context.update(report=report, values=values, cells=cells,
                       total=[report["total"].get(c) for c in report["columns"]])  # fmt: skip
    return render(request, "backoffice/money.html", context)


@desk_view("core.view_back_office")
def aging_page(request):
    """The city ledger's aging per company account, with its downloads."""
    report = aging_rows(property=request.property)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        name = f"{request.property.code}-aging-{report['as_of']}"
        return _download(name, fmt, report["columns"], report["rows"] + [report["total"]])
    return render(request, "backoffice/aging.html", {"report": report})


urlpatterns = [
    path("back-office/revenue-payments/", money_page, name="money"),
    path("back-office/aging/", aging_page, name="aging"),
    path("back-office/compare/", compare_page, name="compare"),
    path("back-office/", dashboard, name="dashboard"),
    path("back-office/kpis/", kpis_page, name="kpis"),
    path("back-office/forecast/", forecast_page, name="forecast"),
]
