"""Cashier shifts under concurrency (PostgreSQL, real threads): one open shift per cashier, and
a closed shift's report never moves."""

from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from frontoffice.core.domain.errors import Conflict
from frontoffice.folios.models import CashierShift, Posting
from frontoffice.folios.selectors import cashier_shift_report
from frontoffice.folios.services import (
    cashier_shift_close,
    cashier_shift_open,
    folio_for_reservation,
    folio_post_payment,
    transaction_codes_install,
)
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.reservations.tests.services.test_races import run_clients

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

D = Decimal


@pytest.fixture
def desk():
    hotel = make_hotel(code="RACE", rooms={"DBL": 2})
    transaction_codes_install(property=hotel.property)
    (res,) = book(hotel, hotel.admin)
    folio = folio_for_reservation(reservation=res, actor=hotel.admin)
    agent = make_user("cashier", "front_desk_agent", hotel.property)
    manager = make_user("boss", "front_office_manager", hotel.property)
    return hotel, folio, agent, manager


def test_many_opens_for_one_cashier_leave_exactly_one_open_shift(desk):
    hotel, _folio, agent, _manager = desk
    outcomes = run_clients(12, lambda i: cashier_shift_open(property=hotel.property, actor=agent, opening_float=D(i)))
    opened = [o for o in outcomes if isinstance(o, CashierShift)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(opened) == 1 and len(refused) == 11, outcomes
    assert {o.code for o in refused} == {"shift_already_open"}
    assert CashierShift.objects.filter(property=hotel.property, cashier=agent, status="open").count() == 1


def test_cash_taken_while_the_shift_is_closed_lands_before_the_close_or_is_refused(desk):
    _hotel, folio, agent, manager = desk
    shift = cashier_shift_open(property=folio.property, actor=agent, opening_float=D("100"))

    def work(i):
        if i == 0:
            return cashier_shift_close(shift=shift, actor=manager, counted={"cash": D("100")})
        return folio_post_payment(folio=folio, actor=agent, method="cash", amount=D("10"))

    outcomes = run_clients(8, work)
    assert all(isinstance(o, CashierShift | Posting | Conflict) for o in outcomes), outcomes
    taken = [o for o in outcomes if isinstance(o, Posting)]
    assert all(p.shift_id == shift.pk for p in taken)
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert {o.code for o in refused} <= {"no_open_shift"}
    # the report stored at close agrees with the postings the shift holds now
    report = cashier_shift_report(shift=CashierShift.objects.get(pk=shift.pk))
    assert report.line("cash").payments == D("10.00") * len(taken)
    assert Posting.objects.filter(payment_method="cash").count() == len(taken)


def test_the_database_refuses_to_change_a_closed_shift_on_postgres(desk):
    _hotel, _folio, agent, _manager = desk
    shift = cashier_shift_open(property=_folio.property, actor=agent, opening_float=D("100"))
    cashier_shift_close(shift=shift, actor=agent, counted={"cash": D("100")})
    assert connection.vendor == "postgresql"
    with pytest.raises(DatabaseError, match="closed cashier shift"), transaction.atomic():
        CashierShift.objects.filter(pk=shift.pk).update(note="edited")
    with pytest.raises(DatabaseError, match="closed cashier shift"), transaction.atomic():
        CashierShift.objects.filter(pk=shift.pk).delete()
    assert CashierShift.objects.get(pk=shift.pk).note == ""
