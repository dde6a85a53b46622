"""Concurrent transfers (PostgreSQL, real threads): a posting is never moved beyond itself, and
opposite transfers between two folios do not deadlock."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.folios.models import Posting
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import (
    folio_for_reservation,
    folio_post_charge,
    folio_transfer_balance,
    posting_transfer,
    transaction_codes_install,
)
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.reservations.tests.services.test_races import run_clients

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

D = Decimal


@pytest.fixture
def desk():
    hotel = make_hotel(code="MOVE", rooms={"DBL": 2})
    transaction_codes_install(property=hotel.property)
    (res,) = book(hotel, hotel.admin)
    one = folio_for_reservation(reservation=res, actor=hotel.admin)
    two = folio_for_reservation(reservation=res, actor=hotel.admin, window=2)
    agents = [make_user(f"agent{i}", "front_desk_agent", hotel.property) for i in range(12)]
    return hotel, one, two, agents


def test_concurrent_moves_of_one_posting_never_move_more_than_it(desk):
    hotel, one, two, agents = desk
    room = folio_post_charge(
        folio=one, actor=agents[0], transaction_code=hotel.property.transaction_codes.get(code="ROOM"), unit_amount=100
    )

    outcomes = run_clients(
        12, lambda i: posting_transfer(posting=room, target_folio=two, actor=agents[i], reason="race", amount=D("30"))
    )
    moved = [o for o in outcomes if isinstance(o, tuple)]
    assert all(isinstance(o, tuple | Conflict) for o in outcomes), outcomes
    assert len(moved) == 3  # 3 × 30 = 90 ≤ 100 < 4 × 30
    into = Posting.objects.filter(transfer_of=room, folio=two)
    assert sum(p.gross for p in into) == D("90.00") <= room.gross
    assert folio_balance(folio=one) == D("10.00") and folio_balance(folio=two) == D("90.00")


def test_opposite_balance_transfers_between_two_folios_do_not_deadlock(desk):
    hotel, one, two, agents = desk
    fb = hotel.property.transaction_codes.get(code="FB")
    folio_post_charge(folio=one, actor=agents[0], transaction_code=fb, unit_amount=500)
    folio_post_charge(folio=two, actor=agents[0], transaction_code=fb, unit_amount=500)

    def work(i):
        source, target = (one, two) if i % 2 else (two, one)
        return [folio_transfer_balance(source=source, target=target, actor=agents[i], amount=D("5")) for _ in range(5)]

    outcomes = run_clients(12, work)
    assert all(isinstance(o, list) for o in outcomes), outcomes
    assert folio_balance(folio=one) + folio_balance(folio=two) == D("1000.00")
    assert Posting.objects.filter(transaction_code__code="TRANSFER").count() == 12 * 5 * 2


def test_opposite_moves_between_two_folios_do_not_deadlock(desk):
    hotel, one, two, agents = desk
    mini = hotel.property.transaction_codes.get(code="MINI")
    charges = {
        i: folio_post_charge(folio=one if i % 2 else two, actor=agents[0], transaction_code=mini, unit_amount=10)
        for i in range(12)
    }

    def work(i):
        target = two if i % 2 else one
        return posting_transfer(posting=charges[i], target_folio=target, actor=agents[i], reason="swap")

    outcomes = run_clients(12, work)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert folio_balance(folio=one) == folio_balance(folio=two) == D("60.00")
