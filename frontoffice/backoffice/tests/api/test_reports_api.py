"""KPIs and the forecast over the API: JSON for programs, CSV and Excel for people."""

import io

from openpyxl import load_workbook

from frontoffice.backoffice.tests.services.test_reports import three_nights  # noqa: F401 - the scenario
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days

BASE = "/properties/TEST/reports"


def test_kpis_as_json_csv_and_excel(hotel, three_nights, manager, api_as):  # noqa: F811
    api = api_as(manager)
    query = f"?from={TODAY.isoformat()}&to={(TODAY + days(2)).isoformat()}"
    body = api.get(f"{BASE}/kpis{query}&group_by=day").json()
    assert body["closed_through"] == (TODAY + days(2)).isoformat()
    assert [r["sold"] for r in body["rows"]] == [2, 2, 1]
    assert body["total"]["adr"] == "90.91" and body["total"]["occupancy_operational"] == "23.81"
    csv = api.get(f"{BASE}/kpis{query}&group_by=segment&format=csv")
    lines = csv.content.decode().splitlines()
    assert csv.status_code == 200 and lines[0].startswith("key,available_usali,available_operational,sold")
    assert lines[-1].startswith("total,21,21,5")
    xlsx = api.get(f"{BASE}/kpis{query}&group_by=month&format=xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "key" and sheet["A2"].value == "2026-06" and sheet["D2"].value == 5


def test_a_bad_kpi_request_is_refused(hotel, manager, api_as):
    api = api_as(manager)
    assert api.get(f"{BASE}/kpis?from=2026-06-05&to=2026-06-01").status_code == 422
    assert api.get(f"{BASE}/kpis?from=2026-06-01&to=2026-06-05&group_by=weather").status_code == 422
    assert api.get(f"{BASE}/kpis?from=2020-01-01&to=2026-06-05").status_code == 422


def test_the_forecast_as_json_and_csv(hotel, codes, manager, api_as):
    api = api_as(manager)
    body = api.get(f"{BASE}/forecast?days=30").json()
    assert body["business_date"] == TODAY.isoformat() and len(body["rows"]) == 30
    assert body["rows"][0]["date"] == TODAY.isoformat() and body["rows"][0]["sellable"] == 7
    csv = api.get(f"{BASE}/forecast?days=10&format=csv").content.decode().splitlines()
    assert csv[0].startswith("date,rooms,sellable,occupancy") and len(csv) == 11
