"""The city ledger pages: accounts with aging, an account's items and payments, statements,
and transferring a folio's balance to a company account."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from frontoffice.folios.models import Allocation, OpenItem, ReceivableAccount, ReceivablePayment
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services import folio_transfer_to_account, receivable_payment_record
from frontoffice.folios.tests.receivables_helpers import folio_owing, make_account
from frontoffice.guests.models import Company
from frontoffice.reservations.tests.factories import make_user

D = Decimal


@pytest.fixture
def account(hotel, codes):
    return make_account(hotel, credit_limit="1000", terms=30)


@pytest.fixture
def items(hotel, account, agent):
    made = []
    for day, amount in ((dt.date(2026, 3, 1), "100.00"), (dt.date(2026, 6, 1), "50.00")):
        hotel.property.business_date = day
        hotel.property.save()
        made.append(folio_transfer_to_account(folio=folio_owing(hotel, amount), account=account, actor=agent))
    return made


def test_the_accounts_page_shows_balances_aging_and_the_property_total(client_as, accountant, hotel, account, items):
    other = make_account(hotel, name="Globex", credit_limit="500")
    folio_transfer_to_account(folio=folio_owing(hotel, "20.00"), account=other, actor=hotel.admin)
    resp = client_as(accountant).get(reverse("folios:receivables"))
    assert resp.status_code == 200
    page = resp.text
    assert "CL-ACME" in page and "Acme" in page and "Globex" in page
    assert "61–90 days" in page and "Over 90 days" in page
    assert "100.00" in page  # the March item is 62 days past due
    total = page[page.index('id="property-total"') :]
    assert "170.00 EUR" in total
    assert reverse("folios:receivable_account", args=[account.pk]) in page
    assert 'id="new-account"' in page


def test_the_night_auditor_sees_the_accounts_but_cannot_open_one(client_as, hotel, account):
    auditor = make_user("auditor", "night_auditor", hotel.property)
    page = client_as(auditor).get(reverse("folios:receivables")).text
    assert "CL-ACME" in page and 'id="new-account"' not in page
    company = Company.objects.create(property=hotel.property, name="Initech")
    resp = client_as(auditor).post(
        reverse("folios:receivable_account_create"),
        {"new-company": company.pk, "new-number": "CL-9", "new-credit_limit": "0", "new-payment_terms_days": "30"},
    )
    assert resp.status_code == 403 and ReceivableAccount.objects.count() == 1


def test_a_front_desk_agent_cannot_see_the_city_ledger(client_as, agent, account):
    assert client_as(agent).get(reverse("folios:receivables")).status_code == 403
    assert client_as(agent).get(reverse("folios:receivable_account", args=[account.pk])).status_code == 403


def test_the_navigation_links_to_the_city_ledger_for_those_who_may_see_it(client_as, accountant, agent, account):
    url = reverse("folios:receivables")
    assert url in client_as(accountant).get(reverse("folios:receivables")).text
    assert f'href="{url}"' not in client_as(agent).get(reverse("reservations:list")).text


def test_opening_an_account_on_the_page(client_as, accountant, hotel):
    company = Company.objects.create(property=hotel.property, name="Initech")
    resp = client_as(accountant).post(
        reverse("folios:receivable_account_create"),
        {
            "new-company": company.pk,
            "new-number": "cl-42",
            "new-credit_limit": "1500",
            "new-payment_terms_days": "45",
            "new-direct_bill_allowed": "on",
            "new-active": "on",
        },
    )
    account = ReceivableAccount.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("folios:receivable_account", args=[account.pk])
    assert (account.number, account.credit_limit, account.payment_terms_days) == ("CL-42", D("1500.00"), 45)


def test_a_duplicate_account_number_is_shown_with_409(client_as, accountant, hotel, account):
    company = Company.objects.create(property=hotel.property, name="Initech")
    resp = client_as(accountant).post(
        reverse("folios:receivable_account_create"),
        {
            "new-company": company.pk,
            "new-number": account.number,
            "new-credit_limit": "1",
            "new-payment_terms_days": "3",
        },
    )
    assert resp.status_code == 409 and "already in use" in resp.text
    assert ReceivableAccount.objects.count() == 1


def test_the_account_page_shows_open_items_payments_and_unallocated_cash(client_as, accountant, account, items):
    receivable_payment_record(account=account, actor=accountant, amount=D("130"), method="bank_transfer", auto=True)
    resp = client_as(accountant).get(reverse("folios:receivable_account", args=[account.pk]))
    assert resp.status_code == 200
    page = resp.text
    assert f'id="item-{items[0].pk}"' not in page  # paid in full
    assert f'id="item-{items[1].pk}"' in page and "20.00" in page
    assert "Bank transfer" in page and "130.00" in page
    assert 'id="record-payment"' in page and 'id="statement"' in page and 'id="edit-account"' in page


def test_recording_a_payment_allocated_to_ticked_items(client_as, accountant, account, items):
    first, second = items
    resp = client_as(accountant).post(
        reverse("folios:receivable_payment", args=[account.pk]),
        {
            "pay-amount": "80",
            "pay-method": "bank_transfer",
            "pay-reference": "TR-1",
            "item": [str(second.pk)],
            f"item-amount-{second.pk}": "50.00",
            f"item-amount-{first.pk}": "100.00",
        },
    )
    assert resp.status_code == 302
    payment = ReceivablePayment.objects.get()
    assert (payment.amount, payment.reference) == (D("80.00"), "TR-1")
    assert [(a.open_item_id, a.amount) for a in Allocation.objects.all()] == [(second.pk, D("50.00"))]


def test_recording_a_payment_oldest_first(client_as, accountant, account, items):
    resp = client_as(accountant).post(
        reverse("folios:receivable_payment", args=[account.pk]),
        {"pay-amount": "120", "pay-method": "card", "pay-auto": "on"},
    )
    assert resp.status_code == 302
    assert [(a.open_item_id, a.amount) for a in Allocation.objects.order_by("id")] == [
        (items[0].pk, D("100.00")),
        (items[1].pk, D("20.00")),
    ]


def test_over_allocating_on_the_page_is_refused_with_the_message_and_records_nothing(
    client_as, accountant, account, items
):
    first = items[0]
    resp = client_as(accountant).post(
        reverse("folios:receivable_payment", args=[account.pk]),
        {"pay-amount": "30", "pay-method": "card", "item": [str(first.pk)], f"item-amount-{first.pk}": "100.00"},
    )
    assert resp.status_code == 409
    assert "exceed what is left of the payment" in resp.text
    assert not ReceivablePayment.objects.exists()


def test_a_front_desk_agent_cannot_record_account_payments(client_as, agent, account):
    resp = client_as(agent).post(
        reverse("folios:receivable_payment", args=[account.pk]), {"pay-amount": "10", "pay-method": "card"}
    )
    assert resp.status_code == 403 and not ReceivablePayment.objects.exists()


def test_allocating_unallocated_cash_from_the_page(client_as, accountant, account, items):
    payment = receivable_payment_record(account=account, actor=accountant, amount=D("60"), method="card")
    resp = client_as(accountant).post(reverse("folios:receivable_allocate", args=[payment.pk]))
    assert resp.status_code == 302
    assert [(a.open_item_id, a.amount) for a in Allocation.objects.all()] == [(items[0].pk, D("60.00"))]


def test_editing_an_account(client_as, manager, account):
    resp = client_as(manager).post(
        reverse("folios:receivable_account_edit", args=[account.pk]),
        {
            "edit-number": account.number,
            "edit-credit_limit": "250",
            "edit-payment_terms_days": "10",
            "edit-active": "on",
        },
    )
    assert resp.status_code == 302
    account.refresh_from_db()
    assert (account.credit_limit, account.payment_terms_days, account.direct_bill_allowed) == (D("250.00"), 10, False)


def test_the_statement_page_and_its_csv(client_as, accountant, account, items):
    receivable_payment_record(account=account, actor=accountant, amount=D("30"), method="card", reference="R7")
    client = client_as(accountant)
    query = {"start": "2026-04-01", "end": "2026-06-30"}
    resp = client.get(reverse("folios:receivable_statement", args=[account.pk]), query)
    assert resp.status_code == 200
    page = resp.text
    opening = page[page.index('id="opening-balance"') :]
    assert "100.00" in opening[:300]
    assert "R7" in page and "120.00 EUR" in page[page.index('id="closing-balance"') :]
    assert "window.print()" in page
    resp = client.get(reverse("folios:receivable_statement_csv", args=[account.pk]), query)
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    assert "attachment" in resp["Content-Disposition"]
    rows = resp.content.decode().splitlines()
    assert rows[0].startswith("Date,Type") and rows[1].endswith(",100.00")
    assert rows[-1].endswith("Closing balance,,120.00")
    bad = client.get(
        reverse("folios:receivable_statement", args=[account.pk]), {"start": "2026-07-01", "end": "2026-06-01"}
    )
    assert bad.status_code == 422


def test_another_propertys_account_is_404(client_as, other_hotel, account):
    outsider = make_user("outsider", "accountant", other_hotel.property)
    assert client_as(outsider).get(reverse("folios:receivable_account", args=[account.pk])).status_code == 404


# --- transfer to company account ---------------------------------------------------------------


def test_the_transfer_form_lists_the_accounts_that_accept_direct_billing(client_as, agent, hotel, account):
    make_account(hotel, name="Closed Co", direct_bill_allowed=False)
    folio = folio_owing(hotel, "75.00")
    resp = client_as(agent).get(reverse("folios:transfer_to_account", args=[folio.pk]))
    assert resp.status_code == 200
    page = resp.text
    assert "Acme · CL-ACME" in page and "Closed Co" not in page
    assert 'id="folio-balance"' in page and "75.00" in page
    assert "override_reason" not in page  # managers only


def test_transferring_a_folio_balance_from_the_form(client_as, agent, hotel, account):
    folio = folio_owing(hotel, "75.00")
    resp = client_as(agent).post(reverse("folios:transfer_to_account", args=[folio.pk]), {"account": account.pk})
    assert resp.status_code == 302
    assert resp["Location"].startswith(reverse("folios:folio", args=[folio.reservation.confirmation]))
    assert folio_balance(folio=folio) == D("0.00")
    assert OpenItem.objects.get().amount == D("75.00")


def test_a_transfer_beyond_the_credit_limit_is_shown_with_409(client_as, agent, hotel, account):
    folio = folio_owing(hotel, "1200.00")
    resp = client_as(agent).post(reverse("folios:transfer_to_account", args=[folio.pk]), {"account": account.pk})
    assert resp.status_code == 409 and "exceed the credit limit" in resp.text
    assert not OpenItem.objects.exists() and folio_balance(folio=folio) == D("1200.00")


def test_a_manager_overrides_the_credit_limit_from_the_form(client_as, manager, hotel, account):
    folio = folio_owing(hotel, "1200.00")
    page = client_as(manager).get(reverse("folios:transfer_to_account", args=[folio.pk])).text
    assert "override_reason" in page
    resp = client_as(manager).post(
        reverse("folios:transfer_to_account", args=[folio.pk]),
        {"account": account.pk, "override_reason": "Approved by the general manager"},
    )
    assert resp.status_code == 302 and OpenItem.objects.get().amount == D("1200.00")


def test_the_htmx_form_alone_is_the_partial(client_as, agent, hotel, account):
    folio = folio_owing(hotel, "10.00")
    resp = client_as(agent).get(reverse("folios:transfer_to_account", args=[folio.pk]), headers={"HX-Request": "true"})
    assert resp.status_code == 200
    assert resp.text.lstrip().startswith("<section") and "<html" not in resp.text


def test_roles_without_direct_billing_cannot_transfer(client_as, accountant, hotel, account):
    folio = folio_owing(hotel, "10.00")
    url = reverse("folios:transfer_to_account", args=[folio.pk])
    assert client_as(accountant).get(url).status_code == 403
    assert client_as(accountant).post(url, {"account": account.pk}).status_code == 403
    assert not OpenItem.objects.exists()
