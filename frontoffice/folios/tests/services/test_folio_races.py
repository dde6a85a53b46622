"""Concurrency on one folio (PostgreSQL, real threads): nothing is lost, refunds never exceed payments."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.folios.models import Posting
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    cashier_shift_open,
    folio_for_reservation,
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_reverse_posting,
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
    agents = [make_user(f"agent{i}", "front_desk_agent", hotel.property) for i in range(16)]
    managers = [make_user(f"mgr{i}", "front_office_manager", hotel.property) for i in range(16)]
    for agent in agents:  # cash is taken in an open cashier shift
        cashier_shift_open(property=hotel.property, actor=agent, opening_float=D("100"))
    return hotel, folio, agents, managers


def test_sixteen_clients_posting_on_one_folio_lose_nothing(desk):
    hotel, folio, agents, _managers = desk
    fb = hotel.property.transaction_codes.get(code="FB")

    def work(i):
        made = []
        for j in range(5):
            amount = D(f"{i + 1}.{j}5")
            if (i + j) % 2:
                made.append(folio_post_payment(folio=folio, actor=agents[i], method="cash", amount=amount))
            else:
                made.append(folio_post_charge(folio=folio, actor=agents[i], transaction_code=fb, unit_amount=amount))
        return made

    outcomes = run_clients(16, work)
    assert all(isinstance(o, list) for o in outcomes), outcomes
    posted = [p for o in outcomes for p in o]
    assert Posting.objects.filter(folio=folio).count() == len(posted) == 80
    assert folio_balance(folio=folio) == sum((p.gross for p in posted), D("0"))


def test_concurrent_refunds_never_exceed_what_was_paid(desk):
    _hotel, folio, agents, managers = desk
    folio_post_payment(folio=folio, actor=agents[0], method="card", amount=D("100"))

    def work(i):
        return folio_refund(folio=folio, actor=managers[i], method="card", amount=D("15"), reason=f"race {i}")

    outcomes = run_clients(16, work)
    refunds = [o for o in outcomes if isinstance(o, Posting)]
    assert all(isinstance(o, Posting | Conflict) for o in outcomes), outcomes
    assert len(refunds) == 6  # 6 × 15 = 90 ≤ 100 < 7 × 15
    refunded = sum(p.gross for p in Posting.objects.filter(folio=folio, transaction_code__department="refund"))
    assert refunded == D("90.00") <= D("100.00")


def test_concurrent_reversals_of_one_posting_reverse_it_once(desk):
    hotel, folio, agents, _managers = desk
    original = folio_post_charge(
        folio=folio, actor=agents[0], transaction_code=hotel.property.transaction_codes.get(code="MINI"), unit_amount=5
    )

    outcomes = run_clients(8, lambda i: folio_reverse_posting(posting=original, actor=agents[i], reason="race"))
    assert [type(o).__name__ for o in outcomes].count("Posting") == 1
    assert all(isinstance(o, Posting | Conflict) for o in outcomes), outcomes
    assert folio_balance(folio=folio) == D("0.00")


def test_the_database_refuses_to_update_or_delete_a_posting_on_postgres(desk):
    from django.db import DatabaseError, connection, transaction

    hotel, folio, agents, _managers = desk
    posting = folio_post_charge(
        folio=folio, actor=agents[0], transaction_code=hotel.property.transaction_codes.get(code="MINI"), unit_amount=5
    )
    assert connection.vendor == "postgresql"
    for sql in ("UPDATE folios_posting SET reason = 'x' WHERE id = %s", "DELETE FROM folios_posting WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [posting.pk])
    assert Posting.objects.filter(pk=posting.pk, reason="").exists()
