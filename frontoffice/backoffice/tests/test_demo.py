"""The demo as the back office sees it: a history of nights to chart, every day of its journal
balanced and accepted by ``bean-check``, and a night the auditor can close on top."""

import datetime as dt
import io
import subprocess

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from frontoffice.backoffice.domain.journal import day_totals
from frontoffice.backoffice.exports import journal_beancount
from frontoffice.backoffice.selectors import journal_entries, kpi_report
from frontoffice.backoffice.tests.services.test_journal import bean_check
from frontoffice.core.models import Property
from frontoffice.folios.models import Posting
from frontoffice.folios.selectors import trial_balance
from frontoffice.nightaudit.models import DailyStatistics
from frontoffice.nightaudit.services import night_audit_run


@pytest.mark.django_db
def test_the_demo_has_a_history_a_balanced_journal_and_a_night_to_close(tmp_path):
    call_command("seed_demo", "--months-back", "1", "--months-ahead", "1", stdout=io.StringIO())
    call_command("install_transaction_codes", stdout=io.StringIO())
    call_command("seed_cashiering_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("seed_back_office_demo", "--days", "25", stdout=out)
    assert "CITY: 25 past nights" in out.getvalue()
    city = Property.objects.get(code="CITY")
    today = city.business_date
    history = DailyStatistics.objects.filter(property=city, source="history")
    assert history.count() == 25 and all(0 < s.occupied <= s.physical_rooms for s in history)
    report = kpi_report(property=city, start=today - dt.timedelta(days=20), end=today, group_by="day")
    assert len(report["rows"]) == 20 and report["total"]["occupancy_usali"] > 0

    # The nights already stayed were posted on their own dates; every day balances.
    dates = set(Posting.objects.filter(property=city).values_list("business_date", flat=True))
    assert min(dates) < today
    entries = journal_entries(property=city, start=min(dates), end=today)
    assert all(debits == credits for debits, credits in day_totals(entries).values())
    ledger = tmp_path / "city.beancount"
    ledger.write_text(journal_beancount(city, entries))
    checked = subprocess.run([bean_check(), str(ledger)], capture_output=True, text=True, check=False)  # noqa: S603
    assert checked.returncode == 0, checked.stdout + checked.stderr
    balances = trial_balance(property=city, business_date=today)
    for ledger_row in balances.values():
        assert ledger_row["opening"] + ledger_row["debits"] - ledger_row["credits"] == ledger_row["closing"]

    # The night auditor closes the demo's day.
    auditor = User.objects.get(username="nightaudit")
    overrides = {code: "Demo" for code in ("arrivals_pending", "departures_pending", "open_shifts")}
    audit = night_audit_run(property=city, actor=auditor, overrides=overrides, early=True)
    assert audit.business_date == today
    assert DailyStatistics.objects.get(property=city, date=today).source == "night_audit"
