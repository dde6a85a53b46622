"""Revenue by department with payments and refunds per period, and the city ledger's aging, on
the page and as downloads."""

import io

from django.test import Client
from openpyxl import load_workbook

from frontoffice.backoffice.tests.services.test_journal import two_days  # noqa: F401 - the scenario
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_revenue_payments_and_refunds_per_day_and_for_the_period(hotel, two_days, manager):  # noqa: F811
    client = signed_in(manager)
    query = f"?start={TODAY.isoformat()}&end={(TODAY + days(1)).isoformat()}&grain=day"
    html = client.get("/back-office/revenue-payments/" + query).content.decode()
    assert 'id="money-table"' in html and "revenue:rooms" in html and "payments:card" in html
    csv = client.get("/back-office/revenue-payments/" + query + "&format=csv").content.decode().splitlines()
    header = csv[0].split(",")
    total = dict(zip(header, csv[-1].split(","), strict=True))
    # Two nights of room (90.91 each), the dinner (30.00 net); 200.00 paid by card on the bill and the
    # 50.00 deposit by card; 10.00 refunded.
    assert total["key"] == "total" and total["revenue:rooms"] == "181.82" and total["revenue:food_beverage"] == "30.00"
    assert total["payments:card"] == "250.00" and total["refunds:card"] == "10.00"


def test_the_aging_of_the_city_ledger_downloads(hotel, two_days, manager):  # noqa: F811
    client = signed_in(manager)
    html = client.get("/back-office/aging/").content.decode()
    assert 'id="aging-table"' in html and "C001" in html and "Acme SL" in html
    book = load_workbook(io.BytesIO(client.get("/back-office/aging/?format=xlsx").content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:4] == ("key", "company", "open_total", "unallocated")
    assert rows[1][0] == "C001" and rows[-1][0] == "total"
