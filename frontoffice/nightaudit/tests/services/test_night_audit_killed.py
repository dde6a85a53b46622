"""A night audit whose process is killed half-way (PostgreSQL, a real process and SIGKILL): the day
stays open and untouched, and running it again gives the figures of an uninterrupted run."""

import os
import signal
import subprocess
import sys
import textwrap
from decimal import Decimal
from urllib.parse import quote

import pytest
from django.db import connection

from frontoffice.core.models import Property
from frontoffice.folios.models import Posting
from frontoffice.folios.services import transaction_codes_install
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, in_house, room, stay
from frontoffice.nightaudit.models import DailyStatistics, NightAudit
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_hotel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

KILLED_RUN = textwrap.dedent(
    """
    import datetime as dt, os, signal, django
    django.setup()
    from django.contrib.auth.models import User
    from frontoffice.core.models import Property
    import frontoffice.nightaudit.services as audit

    def killed(*args, **kwargs):  # the statistics are written: the process dies before the reports
        os.kill(os.getpid(), signal.SIGKILL)

    audit.audit_reports_build = killed
    prop = Property.objects.get(code="KILL")
    audit.night_audit_run(
        property=prop, actor=User.objects.get(username="admin-kill"),
        overrides={"arrivals_pending": "Did not come"}, now=dt.datetime(2026, 6, 2, 2, 30, tzinfo=dt.UTC),
    )
    """
)


def test_a_killed_audit_leaves_the_day_open_and_a_rerun_gives_the_full_figures():
    hotel = make_hotel(code="KILL")
    transaction_codes_install(property=hotel.property)
    guests = [in_house(stay(hotel, nights=2), room(hotel, f"10{i}")) for i in (1, 2, 3)]
    absent = stay(hotel)
    db = connection.settings_dict
    host = quote(db["HOST"] or "127.0.0.1", safe="")  # a socket directory is a path
    password = f":{quote(db['PASSWORD'], safe='')}" if db.get("PASSWORD") else ""
    url = f"postgres://{db['USER']}{password}@{host}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "FRONTOFFICE_ENV": "test"}
    env["DJANGO_SETTINGS_MODULE"] = "frontoffice.config.settings"
    run = subprocess.run([sys.executable, "-c", KILLED_RUN], env=env, capture_output=True, text=True, timeout=120)  # noqa: S603
    assert run.returncode == -signal.SIGKILL, run.stderr[-2000:]

    # Nothing of it remains: the date is open, nothing posted, no no-show, no statistics.
    assert Property.objects.get(pk=hotel.property.pk).business_date == TODAY
    assert not Posting.objects.filter(property=hotel.property).exists()
    assert not DailyStatistics.objects.filter(property=hotel.property).exists()
    assert Reservation.objects.get(pk=absent.pk).status == "confirmed"

    audit = night_audit_run(
        property=hotel.property, actor=hotel.admin, overrides={"arrivals_pending": "Did not come"}, now=AFTER_MIDNIGHT
    )
    assert audit.business_date == TODAY and NightAudit.objects.filter(property=hotel.property).count() == 1
    stats = DailyStatistics.objects.get(property=hotel.property, date=TODAY)
    # Three doubles at 100.00 (90.91 net), one no-show paying its first night: as an uninterrupted run.
    assert (stats.occupied, stats.no_shows, stats.room_revenue, stats.fees) == (
        3, 1, Decimal("272.73"), Decimal("100.00"),
    )  # fmt: skip
    for guest in guests:
        assert Posting.objects.filter(nightly_stay=guest, nightly_kind="room").count() == 1
    assert Property.objects.get(pk=hotel.property.pk).business_date == TODAY + days(1)
