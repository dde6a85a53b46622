"""The city ledger API: status, body and side effects of every operation, and its refusals."""

import datetime as dt
from decimal import Decimal

import pytest

from frontoffice.folios.models import OpenItem, ReceivableAccount, ReceivablePayment
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import folio_transfer_to_account, receivable_payment_record
from frontoffice.folios.tests.receivables_helpers import folio_owing, make_account
from frontoffice.guests.models import Company

D = Decimal
BASE = "/properties/TEST"


@pytest.fixture
def books(api_as, accountant):
    return api_as(accountant)


@pytest.fixture
def desk(api_as, agent):
    return api_as(agent)


@pytest.fixture
def account(hotel, codes):
    return make_account(hotel, credit_limit="1000", terms=30)


@pytest.fixture
def items(hotel, account, agent):
    return [
        folio_transfer_to_account(folio=folio_owing(hotel, amount), account=account, actor=agent)
        for amount in ("100.00", "50.00")
    ]


def test_listing_accounts_shows_balances_and_aging(books, account, items):
    resp = books.get(f"{BASE}/receivable-accounts")
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] == 1
    (row,) = body["items"]
    assert (row["number"], row["company"], row["credit_limit"]) == ("CL-ACME", "Acme", "1000.00")
    assert (row["open_total"], row["unallocated"], row["balance"], row["credit_available"]) == (
        "150.00",
        "0.00",
        "150.00",
        "850.00",
    )
    assert row["aging"] == {
        "current": "150.00",
        "days_1_30": "0.00",
        "days_31_60": "0.00",
        "days_61_90": "0.00",
        "over_90": "0.00",
    }


def test_creating_an_account_returns_it(hotel, books):
    company = Company.objects.create(property=hotel.property, name="Globex")
    resp = books.post(
        f"{BASE}/receivable-accounts",
        {"company_id": company.pk, "number": "cl-7", "credit_limit": "2500.00", "payment_terms_days": 15},
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert (body["number"], body["credit_limit"], body["payment_terms_days"], body["balance"]) == (
        "CL-7",
        "2500.00",
        15,
        "0.00",
    )
    assert ReceivableAccount.objects.get(pk=body["id"]).company == company


def test_creating_a_second_account_for_a_company_is_a_conflict(books, account):
    resp = books.post(f"{BASE}/receivable-accounts", {"company_id": account.company_id, "number": "CL-2"})
    assert resp.status_code == 409 and resp.json()["code"] == "company_has_account"


def test_an_unknown_company_or_bad_values_are_422(books, other_hotel, account):
    foreign = Company.objects.create(property=other_hotel.property, name="Far")
    resp = books.post(f"{BASE}/receivable-accounts", {"company_id": foreign.pk, "number": "CL-2"})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "company_id"
    resp = books.post(
        f"{BASE}/receivable-accounts", {"company_id": account.company_id, "number": "X", "credit_limit": "-1"}
    )
    assert resp.status_code == 422
    assert ReceivableAccount.objects.count() == 1


def test_getting_and_patching_an_account(books, account):
    resp = books.get(f"{BASE}/receivable-accounts/{account.pk}")
    assert resp.status_code == 200 and resp.json()["direct_bill_allowed"] is True
    resp = books.patch(
        f"{BASE}/receivable-accounts/{account.pk}", {"credit_limit": "300", "direct_bill_allowed": False}
    )
    assert resp.status_code == 200
    body = resp.json()
    assert (body["credit_limit"], body["direct_bill_allowed"], body["number"]) == ("300.00", False, "CL-ACME")
    account.refresh_from_db()
    assert account.credit_limit == D("300.00") and not account.direct_bill_allowed


def test_an_unknown_account_is_404(books, account):
    assert books.get(f"{BASE}/receivable-accounts/{account.pk + 999}").status_code == 404


def test_open_items_list_what_is_still_owed_oldest_first(books, account, items, accountant):
    receivable_payment_record(account=account, actor=accountant, amount=D("100"), method="card", auto=True)
    resp = books.get(f"{BASE}/receivable-accounts/{account.pk}/open-items")
    assert resp.status_code == 200
    (row,) = resp.json()["items"]
    assert (row["id"], row["amount"], row["allocated"], row["open_amount"]) == (items[1].pk, "50.00", "0.00", "50.00")
    assert row["due_date"] == "2026-07-01" and row["folio_id"] == items[1].folio_id
    all_rows = books.get(f"{BASE}/receivable-accounts/{account.pk}/open-items?include_settled=true").json()
    assert all_rows["count"] == 2


def test_recording_a_payment_with_allocations(books, account, items):
    resp = books.post(
        f"{BASE}/receivable-accounts/{account.pk}/payments",
        {
            "amount": "120.00",
            "method": "bank_transfer",
            "reference": "SWIFT 1",
            "allocations": [{"open_item_id": items[0].pk, "amount": "100.00"}],
        },
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert (body["amount"], body["allocated"], body["unallocated"], body["method"]) == (
        "120.00",
        "100.00",
        "20.00",
        "bank_transfer",
    )
    assert [(a["open_item_id"], a["amount"]) for a in body["allocations"]] == [(items[0].pk, "100.00")]


def test_over_allocating_a_payment_is_a_conflict_and_records_nothing(books, account, items):
    resp = books.post(
        f"{BASE}/receivable-accounts/{account.pk}/payments",
        {"amount": "10.00", "method": "card", "allocations": [{"open_item_id": items[0].pk, "amount": "20.00"}]},
    )
    assert resp.status_code == 409 and resp.json()["code"] == "allocation_exceeds_payment"
    assert not ReceivablePayment.objects.exists()


def test_allocating_unallocated_cash_later_oldest_first(books, account, items, accountant):
    payment = receivable_payment_record(account=account, actor=accountant, amount=D("120"), method="card")
    resp = books.post(f"{BASE}/receivable-payments/{payment.pk}/allocations", {"auto": True})
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert [(a["open_item_id"], a["amount"]) for a in body["allocations"]] == [
        (items[0].pk, "100.00"),
        (items[1].pk, "20.00"),
    ]
    assert body["unallocated"] == "0.00"
    resp = books.post(f"{BASE}/receivable-payments/{payment.pk + 99}/allocations", {"auto": True})
    assert resp.status_code == 404


def test_the_statement_for_a_period(books, hotel, account, items, accountant):
    receivable_payment_record(account=account, actor=accountant, amount=D("30"), method="card", reference="R9")
    resp = books.get(f"{BASE}/receivable-accounts/{account.pk}/statement?from=2026-06-01&to=2026-06-30")
    assert resp.status_code == 200
    body = resp.json()
    assert (body["opening_balance"], body["closing_balance"]) == ("0.00", "120.00")
    assert [(line["kind"], line["amount"], line["balance"]) for line in body["lines"]] == [
        ("item", "100.00", "100.00"),
        ("item", "50.00", "150.00"),
        ("payment", "-30.00", "120.00"),
    ]
    later = books.get(f"{BASE}/receivable-accounts/{account.pk}/statement?from=2026-07-01&to=2026-07-31").json()
    assert (later["opening_balance"], later["lines"], later["closing_balance"]) == ("120.00", [], "120.00")
    bad = books.get(f"{BASE}/receivable-accounts/{account.pk}/statement?from=2026-07-01&to=2026-06-01")
    assert bad.status_code == 422


def test_the_aging_report_as_of_a_date(books, account, items):
    resp = books.get(f"{BASE}/receivables/aging?as_of=2026-08-15")
    assert resp.status_code == 200
    body = resp.json()
    assert body["as_of"] == "2026-08-15"
    assert body["total_aging"]["days_31_60"] == "150.00" and body["total_open"] == "150.00"
    assert body["accounts"][0]["aging"]["days_31_60"] == "150.00"
    assert books.get(f"{BASE}/receivables/aging").json()["total_aging"]["current"] == "150.00"


def test_transferring_a_folio_to_an_account(desk, hotel, account):
    folio = folio_owing(hotel, "80.00")
    resp = desk.post(f"{BASE}/folios/{folio.pk}/transfer-to-account", {"account_id": account.pk})
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["balance"] == "0.00"
    assert body["posting"]["transaction_code"] == "PAY-DIRECT" and body["posting"]["gross"] == "-80.00"
    assert body["posting"]["reference"] == account.number
    assert (body["open_item"]["amount"], body["open_item"]["open_amount"]) == ("80.00", "80.00")
    assert body["open_item"]["due_date"] == str(dt.date(2026, 7, 1))
    assert OpenItem.objects.get().folio == folio


def test_a_transfer_beyond_the_credit_limit_is_a_conflict(desk, hotel, account):
    folio = folio_owing(hotel, "1000.01")
    resp = desk.post(f"{BASE}/folios/{folio.pk}/transfer-to-account", {"account_id": account.pk})
    assert resp.status_code == 409 and resp.json()["code"] == "credit_limit_exceeded"
    assert folio_balance(folio=folio) == D("1000.01") and not OpenItem.objects.exists()


def test_a_plain_direct_bill_payment_is_refused_by_the_api(desk, folio):
    resp = desk.post(f"{BASE}/folios/{folio.pk}/payments", {"method": "direct_bill", "amount": "10"})
    assert resp.status_code == 422 and resp.json()["code"] == "use_transfer_to_account"


def test_transferring_to_an_unknown_account_is_422(desk, hotel, account):
    folio = folio_owing(hotel, "10.00")
    resp = desk.post(f"{BASE}/folios/{folio.pk}/transfer-to-account", {"account_id": account.pk + 50})
    assert resp.status_code == 422 and resp.json()["errors"][0]["field"] == "account_id"
