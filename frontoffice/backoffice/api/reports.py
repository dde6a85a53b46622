"""KPIs and the forecast over the API, as JSON or as a CSV or Excel download."""

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from frontoffice.backoffice.domain.kpis import COLUMNS, DIMENSIONS, GRAINS
from frontoffice.backoffice.forecast import FORECAST_COLUMNS, forecast, forecast_rows
from frontoffice.backoffice.selectors import aging_rows, kpi_compare, kpi_report, money_report
from frontoffice.backoffice.tables import table_csv, table_xlsx
from frontoffice.core.access import properties_for, require
from frontoffice.core.api import MAX_DATE, MIN_DATE, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput

router = Router()
MAX_DAYS = 3 * 366 + 1
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class KpiQuery(Schema):
    from_: dt.date = Field(ge=MIN_DATE, le=MAX_DATE, alias="from", description="First night (inclusive)")
    to: dt.date = Field(ge=MIN_DATE, le=MAX_DATE, description="Last night (inclusive)")
    group_by: str = Field(
        "day",
        pattern="^(day|month|year|segment|channel|room_type|rate_plan)$",
        description=", ".join(GRAINS + DIMENSIONS),
    )
    format: str = Field("json", pattern="^(json|csv|xlsx)$")


class KpiOut(Schema):
    from_: dt.date = Field(alias="from")
    to: dt.date
    closed_through: dt.date | None
    group_by: str
    columns: list[str]
    rows: list[dict] = Field(description="One per day, month, year or group value; amounts as strings")
    total: dict


class ForecastQuery(Schema):
    days: int = Field(365, ge=1, le=730)
    format: str = Field("json", pattern="^(json|csv|xlsx)$")


def _strings(row: dict) -> dict:
    return {k: (str(v) if v is not None and not isinstance(v, int | str) else v) for k, v in row.items()}


def _download(name: str, fmt: str, columns: list[str], rows: list[dict]) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(table_csv(columns, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(table_xlsx(name, columns, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@router.get("/properties/{code}/reports/kpis", response=KpiOut, summary="KPIs over a period", by_alias=True)
def kpis(request, code: str, q: Query[KpiQuery]):
    """Occupancy, ADR and RevPAR both STR / USALI and operational, rooms sold, complimentary and
    house use, room revenue, fees, average length of stay, lead time, cancellation and no-show
    rates, by day, month or year or broken down by segment, channel, room type or rate plan, over
    the closed nights of the period (up to three years). Needs ``core.view_back_office``."""
    prop = scoped(request, code, "core.view_back_office")
    if q.to < q.from_:
        raise InvalidInput(_("The period ends before it starts."), errors=[{"field": "to"}])
    if (q.to - q.from_).days + 1 > MAX_DAYS:
        raise InvalidInput(_("Ask for at most %(days)s days at a time.") % {"days": MAX_DAYS}, errors=[{"field": "to"}])
    report = kpi_report(property=prop, start=q.from_, end=q.to, group_by=q.group_by)
    if q.format != "json":
        rows = report["rows"] + [report["total"]]
        return _download(f"{prop.code}-kpis-{q.group_by}-{q.from_}-{q.to}", q.format, report["columns"], rows)
    return {**report, "rows": [_strings(r) for r in report["rows"]], "total": _strings(report["total"])}


@router.get("/properties/{code}/reports/forecast", summary="On the books, and the pace against last year")
def on_the_books(request, code: str, q: Query[ForecastQuery]):
    """For each of the next ``days`` nights: rooms on the books, sellable rooms, occupancy, room
    revenue (net of VAT), arrivals, departures, and last year's rooms and revenue on the same
    weekday as they stood as far ahead (pace). Needs ``core.view_back_office``."""
    prop = scoped(request, code, "core.view_back_office")
    rows = forecast_rows(forecast(property=prop, days=q.days))
    if q.format != "json":
        return _download(f"{prop.code}-forecast-{prop.business_date}", q.format, FORECAST_COLUMNS, rows)
    return {"business_date": prop.business_date, "columns": FORECAST_COLUMNS, "rows": [_strings(r) for r in rows]}


class CompareQuery(Schema):
    from_: dt.date = Field(ge=MIN_DATE, le=MAX_DATE, alias="from")
    to: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    format: str = Field("json", pattern="^(json|csv|xlsx)$")


@router.get("/reports/kpis/compare", summary="Compare the chain's properties")
def compare(request, q: Query[CompareQuery]):
    """Each property you work in, side by side: its KPI total (both variants) over its closed nights
    of the period. Needs ``core.view_back_office``."""
    user = user_of(request)
    require(user, "core.view_back_office")
    if q.to < q.from_:
        raise InvalidInput(_("The period ends before it starts."), errors=[{"field": "to"}])
    if (q.to - q.from_).days + 1 > MAX_DAYS:
        raise InvalidInput(_("Ask for at most %(days)s days at a time.") % {"days": MAX_DAYS}, errors=[{"field": "to"}])
    rows = kpi_compare(properties=properties_for(user).order_by("code"), start=q.from_, end=q.to)
    columns = ["key", "name", "currency", *[c for c in COLUMNS if c != "key"]]
    if q.format != "json":
        return _download(f"kpis-compare-{q.from_}-{q.to}", q.format, columns, rows)
    return {"from": q.from_, "to": q.to, "columns": columns, "rows": [_strings(r) for r in rows]}


class MoneyQuery(Schema):
    from_: dt.date = Field(ge=MIN_DATE, le=MAX_DATE, alias="from")
    to: dt.date = Field(ge=MIN_DATE, le=MAX_DATE)
    grain: str = Field("day", pattern="^(day|month|year)$")
    format: str = Field("json", pattern="^(json|csv|xlsx)$")


@router.get("/properties/{code}/reports/revenue-payments", summary="Revenue, payments and refunds over a period")
def revenue_payments(request, code: str, q: Query[MoneyQuery]):
    """Revenue net of tax by department, payments and refunds by method, per day, month or year of
    the closed nights (columns ``revenue:<department>``, ``payments:<method>``, ``refunds:<method>``).
    Needs ``core.view_back_office``."""
    prop = scoped(request, code, "core.view_back_office")
    if q.to < q.from_:
        raise InvalidInput(_("The period ends before it starts."), errors=[{"field": "to"}])
    report = money_report(property=prop, start=q.from_, end=q.to, grain=q.grain)
    if q.format != "json":
        name = f"{prop.code}-revenue-payments-{q.grain}-{q.from_}-{q.to}"
        return _download(name, q.format, report["columns"], report["rows"] + [report["total"]])
    return {**report, "rows": [_strings(r) for r in report["rows"]], "total": _strings(report["total"])}


class AgingQuery(Schema):
    format: str = Field("csv", pattern="^(csv|xlsx)$")


@router.get("/properties/{code}/reports/aging", summary="The city ledger's aging as a file")
def aging_file(request, code: str, q: Query[AgingQuery]):
    """The aging of every company account as of the business date, as CSV or Excel (the JSON
    form is ``GET …/receivables/aging``). Needs ``core.view_back_office``."""
    prop = scoped(request, code, "core.view_back_office")
    report = aging_rows(property=prop)
    return _download(
        f"{prop.code}-aging-{report['as_of']}", q.format, report["columns"], report["rows"] + [report["total"]]
    )
