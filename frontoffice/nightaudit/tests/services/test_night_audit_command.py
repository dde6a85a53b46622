"""``frontoffice night-audit`` for cron: closes the date, and a second run is harmless."""

import io

import pytest
import time_machine
from django.core.management import CommandError, call_command

from frontoffice.core.models import Property
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, in_house, room, stay
from frontoffice.nightaudit.models import NightAudit
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT


def run(*args) -> str:
    out = io.StringIO()
    call_command("night_audit", *args, stdout=out)
    return out.getvalue()


def test_cron_closes_the_date_once_and_a_second_run_changes_nothing(hotel, codes, auditor):
    in_house(stay(hotel, nights=2), room(hotel, "101"))
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        out = run("--property", "TEST", "--user", "auditor", "--date", TODAY.isoformat())
        assert "2026-06-01 closed" in out and "room_and_tax" in out
        again = run("--property", "TEST", "--user", "auditor", "--date", TODAY.isoformat())
    assert "already closed" in again
    assert NightAudit.objects.count() == 1
    assert Property.objects.get(pk=hotel.property.pk).business_date == TODAY + days(1)


def test_blocking_checks_stop_the_command_unless_overridden(hotel, codes, auditor):
    stay(hotel)
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        with pytest.raises(CommandError):
            run("--property", "TEST", "--user", "auditor")
        assert not NightAudit.objects.exists()
        run("--property", "TEST", "--user", "auditor", "--override", "arrivals_pending=Did not come")
    assert NightAudit.objects.count() == 1


def test_the_command_says_who_must_run_it(hotel, codes):
    with pytest.raises(CommandError, match="--user"):
        run("--property", "TEST")
    with pytest.raises(CommandError, match="No property"):
        run("--property", "NOPE", "--user", "x")
