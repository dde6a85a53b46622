"""The manager's dashboard with its SVG charts, the KPI page and the forecast page."""

import re

from django.test import Client

from frontoffice.backoffice.tests.services.test_reports import three_nights  # noqa: F401 - the scenario
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days
from frontoffice.reservations.tests.factories import make_user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_manager_reads_the_dashboard_charts_drawn_on_the_server(hotel, three_nights, manager):  # noqa: F811
    html = signed_in(manager).get("/back-office/").content.decode()
    assert 'id="kpi-tiles"' in html and "14.29 %" in html  # the last night: 1 of 7 rooms sold
    for chart in ("chart-trend", "chart-pace", "chart-mix", "chart-cancellations"):
        assert f'id="{chart}"' in html, chart
    assert html.count("<svg") == 4 and "<script" not in html.split("<main", 1)[-1]
    trend = re.search(r'<figure class="card" id="chart-trend">(.*?)</figure>', html, re.S).group(1)
    assert "Occupancy % and ADR" in trend
    assert trend.count("<polyline") == 2  # occupancy and ADR


def test_finance_reads_kpis_by_segment_and_downloads_them(hotel, three_nights):  # noqa: F811
    finance = signed_in(make_user("finance", "finance", hotel.property))
    query = f"?start={TODAY.isoformat()}&end={(TODAY + days(2)).isoformat()}&group_by=segment"
    html = finance.get("/back-office/kpis/" + query).content.decode()
    assert 'id="kpi-table"' in html and "corporate" in html and "181.82" in html
    xlsx = finance.get("/back-office/kpis/" + query + "&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert finance.get("/back-office/forecast/").status_code == 200
    assert finance.get("/back-office/forecast/?format=csv").content.decode().startswith("date,rooms,sellable")


def test_a_backwards_period_is_explained(hotel, manager):
    html = signed_in(manager).get("/back-office/kpis/?start=2026-06-05&end=2026-06-01&group_by=day").content.decode()
    assert "ends before it starts" in html


def test_the_report_pages_read_in_the_same_queries_whatever_the_bookings(hotel, three_nights, manager):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from frontoffice.frontdesk.tests.assignment_helpers import stay

    client = signed_in(manager)
    period = f"?start={TODAY.isoformat()}&end={(TODAY + days(2)).isoformat()}"
    pages = ["/back-office/", "/back-office/kpis/" + period + "&group_by=channel", "/back-office/forecast/"]

    def queries() -> list[int]:
        counts = []
        for url in pages:
            with CaptureQueriesContext(connection) as seen:
                assert client.get(url).status_code == 200, url
            counts.append(len(seen))
        return counts

    few = queries()
    for offset, channel in ((4, "ota"), (5, "phone"), (6, "email"), (9, "walk_in")):
        stay(hotel, arrival=TODAY + days(offset), nights=2, channel=channel)
    assert queries() == few
