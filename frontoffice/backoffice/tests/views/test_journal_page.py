"""The journal page: the accountant picks a period, sees it balance per day and per account, and
downloads it."""

from django.test import Client

from frontoffice.backoffice.tests.services.test_journal import two_days  # noqa: F401 - the scenario
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days
from frontoffice.reservations.tests.factories import make_user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


def test_the_accountant_reads_a_balanced_period_and_downloads_it(hotel, two_days):  # noqa: F811
    accountant = signed_in(make_user("accountant", "accountant", hotel.property))
    query = f"?start={TODAY.isoformat()}&end={(TODAY + days(1)).isoformat()}"
    page = accountant.get("/back-office/journal/" + query)
    html = page.content.decode()
    assert page.status_code == 200 and 'id="balanced"' in html
    assert "7000 Room revenue" in html and "181.82" in html
    csv = accountant.get("/back-office/journal/export" + query + "&format=csv")
    assert csv.status_code == 200 and csv.content.decode().count("\n") > 10
    bean = accountant.get("/back-office/journal/export" + query + "&format=beancount")
    assert bean.status_code == 200 and b'option "operating_currency" "EUR"' in bean.content


def test_a_backwards_period_is_refused_on_the_page(hotel, manager):
    page = signed_in(manager).get(f"/back-office/journal/?start={TODAY.isoformat()}&end=2026-05-01")
    assert page.status_code == 200 and "ends before it starts" in page.content.decode()


def test_the_desk_has_no_back_office(hotel, agent):
    assert signed_in(agent).get("/back-office/journal/").status_code == 403


def test_the_journal_page_reads_in_the_same_queries_whatever_the_length_of_the_period(hotel, two_days):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    accountant = signed_in(make_user("accountant", "accountant", hotel.property))

    def queries(end) -> int:
        with CaptureQueriesContext(connection) as seen:
            page = accountant.get(f"/back-office/journal/?start={TODAY.isoformat()}&end={end.isoformat()}")
            assert page.status_code == 200 and 'id="balanced"' in page.content.decode()
        return len(seen)

    assert queries(TODAY + days(1)) == queries(TODAY)
