"""Concurrency on PostgreSQL: two audits of one date at once close it once; a charge posted while
the audit runs lands either in the closed day's figures or on the next date, never in between."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.core.models import Property
from frontoffice.folios.models import Posting
from frontoffice.folios.services import folio_for_reservation, folio_post_charge, transaction_codes_install
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days, in_house, room, stay
from frontoffice.nightaudit.models import DailyStatistics, NightAudit
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_races import run_clients

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def night():
    hotel = make_hotel(code="RACE", rooms={"DBL": 12})
    transaction_codes_install(property=hotel.property)
    guests = [in_house(stay(hotel, nights=3), room(hotel, f"1{i:02d}")) for i in range(1, 9)]
    auditors = [make_user(f"auditor{i}", "night_auditor", hotel.property) for i in range(2)]
    agents = [make_user(f"agent{i}", "front_desk_agent", hotel.property) for i in range(6)]
    return hotel, guests, auditors, agents


def test_two_auditors_closing_the_same_date_close_it_once(night):
    hotel, guests, auditors, _agents = night
    outcomes = run_clients(
        2, lambda i: night_audit_run(property=hotel.property, actor=auditors[i], date=TODAY, now=AFTER_MIDNIGHT)
    )
    closed = [o for o in outcomes if isinstance(o, NightAudit)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert (len(closed), len(refused)) == (1, 1), outcomes
    assert refused[0].code == "already_closed"
    assert Posting.objects.filter(nightly_kind="room").count() == len(guests)
    assert Property.objects.get(pk=hotel.property.pk).business_date == TODAY + days(1)


def test_charges_posted_during_the_audit_are_in_the_closed_day_or_the_next(night):
    hotel, guests, auditors, agents = night
    misc = hotel.property.transaction_codes.get(code="MISC")

    def work(i):
        if i == 0:
            return night_audit_run(property=hotel.property, actor=auditors[0], date=TODAY, now=AFTER_MIDNIGHT)
        folio = folio_for_reservation(reservation=guests[i], actor=agents[i - 1])
        return folio_post_charge(folio=folio, actor=agents[i - 1], transaction_code=misc, unit_amount=Decimal("10"))

    outcomes = run_clients(6, work)
    unexpected = [o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, Conflict)]
    assert unexpected == [], outcomes
    stats = DailyStatistics.objects.get(property=hotel.property, date=TODAY)
    on_closed_day = Posting.objects.filter(transaction_code=misc, business_date=TODAY)
    counted = Decimal(stats.revenue_by_department.get("miscellaneous", "0"))
    assert counted == sum((p.net for p in on_closed_day), Decimal("0"))
    posted = [o for o in outcomes[1:] if isinstance(o, Posting)]
    assert {p.business_date for p in posted} <= {TODAY, TODAY + days(1)}
