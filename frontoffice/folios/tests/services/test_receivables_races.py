"""Concurrency on one company account (PostgreSQL, real threads): transfers never exceed the
credit limit, and a payment is never allocated beyond its amount."""

from decimal import Decimal

import pytest

from frontoffice.core.domain.errors import Conflict
from frontoffice.folios.models import Allocation, OpenItem
from frontoffice.folios.selectors_receivables import open_items, receivable_account_balance
from frontoffice.folios.services import (
    folio_transfer_to_account,
    receivable_payment_allocate,
    receivable_payment_record,
    transaction_codes_install,
)
from frontoffice.folios.tests.receivables_helpers import folio_owing, make_account
from frontoffice.reservations.tests.factories import make_hotel, make_user
from frontoffice.reservations.tests.services.test_races import run_clients

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

D = Decimal


@pytest.fixture
def ledger():
    hotel = make_hotel(code="RACE", rooms={"DBL": 16})
    transaction_codes_install(property=hotel.property)
    account = make_account(hotel, credit_limit="500")
    agents = [make_user(f"agent{i}", "front_desk_agent", hotel.property) for i in range(12)]
    accountants = [make_user(f"acc{i}", "accountant", hotel.property) for i in range(12)]
    return hotel, account, agents, accountants


def test_concurrent_transfers_to_one_account_never_exceed_its_credit_limit(ledger):
    hotel, account, agents, _accountants = ledger
    folios = [folio_owing(hotel, "60.00") for _ in range(12)]

    outcomes = run_clients(12, lambda i: folio_transfer_to_account(folio=folios[i], account=account, actor=agents[i]))
    assert all(isinstance(o, OpenItem | Conflict) for o in outcomes), outcomes
    assert sum(isinstance(o, OpenItem) for o in outcomes) == 8  # 8 × 60 = 480 ≤ 500 < 9 × 60
    assert receivable_account_balance(account=account) == D("480.00") <= account.credit_limit
    assert OpenItem.objects.filter(account=account).count() == 8


def test_concurrent_allocations_of_one_payment_never_over_allocate_it(ledger):
    hotel, account, agents, accountants = ledger
    for i in range(4):
        folio_transfer_to_account(folio=folio_owing(hotel, "100.00"), account=account, actor=agents[i])
    payment = receivable_payment_record(account=account, actor=accountants[0], amount=D("250"), method="card")
    items = open_items(account=account)

    def work(i):
        if i % 2:
            return receivable_payment_allocate(payment=payment, actor=accountants[i], auto=True)
        return receivable_payment_allocate(payment=payment, actor=accountants[i], allocations=[(items[i % 4], D("40"))])

    outcomes = run_clients(12, work)
    assert all(isinstance(o, list | Conflict) for o in outcomes), outcomes
    allocated = sum(Allocation.objects.filter(payment=payment).values_list("amount", flat=True), D("0"))
    assert allocated == D("250.00")  # everything applied, not a cent more
    assert all(item.open_amount >= 0 for item in open_items(account=account, include_settled=True))
