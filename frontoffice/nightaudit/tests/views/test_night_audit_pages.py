"""The night audit's pages: the auditor sees the pre-checks, overrides one, closes the day and
reads what was kept (SQLite and PostgreSQL)."""

import time_machine
from django.test import Client

from frontoffice.core.models import Property
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, in_house, room, stay
from frontoffice.nightaudit.models import NightAudit
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend=MODEL_BACKEND)
    return client


def test_the_auditor_overrides_a_blocking_check_closes_the_day_and_reads_the_reports(hotel, codes, auditor):
    Property.objects.filter(pk=hotel.property.pk).update(default_language="en")  # the reports' language
    in_house(stay(hotel, nights=2), room(hotel, "101"))
    absent = stay(hotel)
    client = signed_in(auditor)
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        page = client.get("/night-audit/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'id="check-arrivals_pending"' in html and absent.confirmation in html
        refused = client.post("/night-audit/close/", {"date": TODAY.isoformat()})
        assert refused.status_code == 409 and "Resolve or override" in refused.content.decode()
        assert Property.objects.get(pk=hotel.property.pk).business_date == TODAY
        done = client.post(
            "/night-audit/close/", {"date": TODAY.isoformat(), "override_arrivals_pending": "Did not come"}
        )
    assert done.status_code == 302 and done["Location"] == f"/night-audit/{TODAY.isoformat()}/"
    assert Property.objects.get(pk=hotel.property.pk).business_date == TODAY + days(1)
    closed = client.get(done["Location"]).content.decode()
    assert 'id="no-shows">1<' in closed and 'id="sold">1<' in closed and "90.91" in closed
    pdf = client.get(f"/night-audit/{TODAY.isoformat()}/reports/flash.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    csv = client.get(f"/night-audit/{TODAY.isoformat()}/reports/flash.csv").content.decode()
    assert "Rooms sold,1" in csv
    # Reports kept as CSV print as PDF too, from the kept CSV.
    for kind in ("trial_balance", "cashier", "no_shows", "in_house"):
        assert f"/night-audit/{TODAY.isoformat()}/reports/{kind}.pdf" in closed
        printed = client.get(f"/night-audit/{TODAY.isoformat()}/reports/{kind}.pdf")
        assert printed.status_code == 200 and printed.content[:4] == b"%PDF", kind
    assert client.get(f"/night-audit/{TODAY.isoformat()}/reports/weather.pdf").status_code == 404


def test_closing_before_midnight_needs_the_early_box(hotel, codes, auditor):
    client = signed_in(auditor)
    page = client.get("/night-audit/").content.decode()  # the test clock is on the business date
    assert 'id="not-over"' in page
    assert client.post("/night-audit/close/", {"date": TODAY.isoformat()}).status_code == 409
    assert client.post("/night-audit/close/", {"date": TODAY.isoformat(), "early": "on"}).status_code == 302
    assert NightAudit.objects.filter(business_date=TODAY).exists()


def test_a_desk_agent_cannot_close_the_day(hotel, codes, agent):
    client = signed_in(agent)
    assert client.get("/night-audit/").status_code == 403
    assert client.post("/night-audit/close/", {"date": TODAY.isoformat(), "early": "on"}).status_code == 403
    assert not NightAudit.objects.exists()


def test_the_night_audit_page_reads_in_the_same_queries_whatever_the_house_holds(hotel, codes, auditor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = signed_in(auditor)

    def queries() -> int:
        with time_machine.travel(AFTER_MIDNIGHT, tick=False), CaptureQueriesContext(connection) as seen:
            assert client.get("/night-audit/").status_code == 200
        return len(seen)

    in_house(stay(hotel, nights=2), room(hotel, "101"))
    stay(hotel)
    few = queries()
    in_house(stay(hotel, nights=2), room(hotel, "102"))
    stay(hotel)  # now two in house and two arrivals pending
    assert queries() == few
