"""The city ledger: company accounts, transferring folio balances to them, and payments
received with their allocations."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import AuditEntry
from frontoffice.folios.models import Allocation, OpenItem, Posting, ReceivableAccount, ReceivablePayment
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.selectors_receivables import (
    open_items,
    receivable_account_get,
    receivable_account_list,
    receivable_payments,
    receivable_statement,
    receivables_aging,
)
from frontoffice.folios.services import (
    folio_post_payment,
    folio_refund,
    folio_reverse_posting,
    folio_transfer_to_account,
    receivable_account_create,
    receivable_account_update,
    receivable_payment_allocate,
    receivable_payment_record,
)
from frontoffice.folios.tests.receivables_helpers import folio_owing, make_account
from frontoffice.guests.models import Company

D = Decimal


@pytest.fixture
def account(hotel, codes):
    return make_account(hotel, credit_limit="1000", terms=30)


def transfer(folio, account, actor, **kw):
    return folio_transfer_to_account(folio=folio, account=account, actor=actor, **kw)


def set_business_date(hotel, day):
    hotel.property.business_date = day
    hotel.property.save()


# --- accounts --------------------------------------------------------------------------------


def test_an_accountant_opens_a_company_account_with_limit_and_terms(hotel, accountant):
    company = Company.objects.create(property=hotel.property, name="Globex")
    account = receivable_account_create(
        property=hotel.property,
        actor=accountant,
        company=company,
        number=" cl-001 ",
        credit_limit=D("2500"),
        payment_terms_days=45,
    )
    assert (account.number, account.credit_limit, account.payment_terms_days) == ("CL-001", D("2500.00"), 45)
    assert account.active and account.direct_bill_allowed
    assert AuditEntry.objects.filter(entity="receivable_account", action="create", actor=accountant).exists()


def test_a_front_desk_agent_cannot_open_an_account(hotel, agent):
    company = Company.objects.create(property=hotel.property, name="Globex")
    with pytest.raises(PermissionDenied):
        receivable_account_create(property=hotel.property, actor=agent, company=company, number="CL-1")
    assert not ReceivableAccount.objects.exists()


def test_one_account_per_company_and_numbers_are_unique(hotel, account):
    with pytest.raises(Conflict) as exc:
        receivable_account_create(property=hotel.property, actor=hotel.admin, company=account.company, number="CL-9")
    assert exc.value.code == "company_has_account"
    other = Company.objects.create(property=hotel.property, name="Initech")
    with pytest.raises(Conflict) as exc:
        receivable_account_create(property=hotel.property, actor=hotel.admin, company=other, number=account.number)
    assert exc.value.code == "account_number_taken"
    assert ReceivableAccount.objects.count() == 1


def test_another_propertys_company_is_refused(hotel, other_hotel):
    foreign = Company.objects.create(property=other_hotel.property, name="Elsewhere")
    with pytest.raises(InvalidInput):
        receivable_account_create(property=hotel.property, actor=hotel.admin, company=foreign, number="CL-1")


@pytest.mark.parametrize(
    ("field", "value"),
    [("credit_limit", D("-1")), ("credit_limit", D("1.001")), ("payment_terms_days", 400), ("number", "")],
)
def test_bad_account_values_are_refused_and_change_nothing(hotel, account, field, value):
    with pytest.raises(InvalidInput) as exc:
        receivable_account_update(account=account, actor=hotel.admin, **{field: value})
    assert exc.value.errors[0]["field"] == field
    account.refresh_from_db()
    assert (account.credit_limit, account.payment_terms_days) == (D("1000.00"), 30)


def test_updating_an_account_changes_and_audits_only_what_changed(hotel, account, accountant):
    receivable_account_update(account=account, actor=accountant, credit_limit=D("5000"), active=False)
    account.refresh_from_db()
    assert account.credit_limit == D("5000.00") and not account.active
    entry = AuditEntry.objects.get(entity="receivable_account", action="update")
    assert entry.changes == {"credit_limit": ["1000.00", "5000.00"], "active": [True, False]}


# --- transfer to account ---------------------------------------------------------------------


def test_transferring_a_folio_moves_its_whole_balance_to_an_open_item_due_per_terms(hotel, account, agent):
    folio = folio_owing(hotel, "240.00")
    item = transfer(folio, account, agent)
    assert folio_balance(folio=folio) == D("0.00")
    posting = item.posting
    assert posting.transaction_code.code == "PAY-DIRECT" and posting.payment_method == "direct_bill"
    assert posting.gross == D("-240.00") and posting.reference == account.number and posting.folio == folio
    assert (item.amount, item.folio, item.account) == (D("240.00"), folio, account)
    assert item.business_date == dt.date(2026, 6, 1) and item.due_date == dt.date(2026, 7, 1)
    assert folio.reservation.confirmation in item.description
    assert receivable_account_get(property=hotel.property, pk=account.pk).summary.balance == D("240.00")
    assert AuditEntry.objects.filter(entity="receivable_account", action="direct_bill").count() == 1
    assert AuditEntry.objects.filter(entity="folio", action="direct_bill").count() == 1


def test_part_of_a_balance_may_be_transferred(hotel, account, agent):
    folio = folio_owing(hotel, "100.00")
    item = transfer(folio, account, agent, amount=D("60"))
    assert item.amount == D("60.00") and folio_balance(folio=folio) == D("40.00")


@pytest.mark.parametrize(
    ("amount", "error"), [(D("100.01"), Conflict), (D("0"), InvalidInput), (D("-5"), InvalidInput)]
)
def test_transferring_more_than_the_balance_or_nothing_is_refused(hotel, account, agent, amount, error):
    folio = folio_owing(hotel, "100.00")
    with pytest.raises(error):
        transfer(folio, account, agent, amount=amount)
    assert not OpenItem.objects.exists() and folio_balance(folio=folio) == D("100.00")


def test_a_settled_folio_has_nothing_to_transfer(hotel, account, agent):
    folio = folio_owing(hotel, "50.00")
    folio_post_payment(folio=folio, actor=agent, method="card", amount=D("50"))
    with pytest.raises(Conflict) as exc:
        transfer(folio, account, agent)
    assert exc.value.code == "nothing_to_transfer"


@pytest.mark.parametrize(
    ("change", "code"),
    [({"active": False}, "account_inactive"), ({"direct_bill_allowed": False}, "direct_bill_not_allowed")],
)
def test_inactive_accounts_and_those_without_direct_billing_refuse_transfers(hotel, account, agent, change, code):
    receivable_account_update(account=account, actor=hotel.admin, **change)
    folio = folio_owing(hotel)
    with pytest.raises(Conflict) as exc:
        transfer(folio, account, agent)
    assert exc.value.code == code and account.number in exc.value.detail
    assert not OpenItem.objects.exists() and folio_balance(folio=folio) == D("100.00")


def test_the_credit_limit_stops_a_transfer_that_would_exceed_it(hotel, account, agent):
    transfer(folio_owing(hotel, "900.00"), account, agent)
    folio = folio_owing(hotel, "100.01")
    with pytest.raises(Conflict) as exc:
        transfer(folio, account, agent)
    assert exc.value.code == "credit_limit_exceeded" and "100.00" in exc.value.detail
    assert OpenItem.objects.count() == 1 and folio_balance(folio=folio) == D("100.01")
    assert transfer(folio, account, agent, amount=D("100.00")).amount == D("100.00")  # exactly up to the limit


def test_unallocated_cash_on_the_account_makes_room_under_the_limit(hotel, account, agent, accountant):
    receivable_payment_record(account=account, actor=accountant, amount=D("300"), method="bank_transfer")
    assert transfer(folio_owing(hotel, "1300.00"), account, agent).amount == D("1300.00")


def test_an_account_with_no_credit_refuses_every_transfer(hotel, agent, codes):
    account = make_account(hotel, credit_limit="0")
    with pytest.raises(Conflict) as exc:
        transfer(folio_owing(hotel, "1.00"), account, agent)
    assert exc.value.code == "no_credit"


def test_a_manager_may_exceed_the_credit_limit_with_a_reason_kept_in_the_audit(hotel, account, manager, agent):
    folio = folio_owing(hotel, "1500.00")
    with pytest.raises(PermissionDenied):
        transfer(folio, account, agent, override_reason="Long-standing client")
    with pytest.raises(Conflict):
        transfer(folio, account, manager)  # no reason, no override
    item = transfer(folio, account, manager, override_reason="Long-standing client")
    assert item.amount == D("1500.00")
    entry = AuditEntry.objects.get(entity="receivable_account", action="direct_bill")
    assert (
        entry.reason == "Long-standing client" and entry.changes["credit_limit_overridden"] == "credit_limit_exceeded"
    )


def test_transferring_needs_the_direct_bill_right(hotel, account, accountant):
    folio = folio_owing(hotel)
    with pytest.raises(PermissionDenied):
        transfer(folio, account, accountant)
    assert folio_balance(folio=folio) == D("100.00")


def test_a_plain_direct_bill_payment_or_refund_is_refused_pointing_to_the_transfer(hotel, folio, agent, manager, codes):
    with pytest.raises(InvalidInput) as exc:
        folio_post_payment(folio=folio, actor=agent, method="direct_bill", amount=D("10"))
    assert exc.value.code == "use_transfer_to_account" and "transfer to company account" in exc.value.detail
    with pytest.raises(InvalidInput):
        folio_refund(folio=folio, actor=manager, method="direct_bill", amount=D("10"), reason="x")
    assert not Posting.objects.filter(folio=folio).exists()


def test_a_transfer_to_an_account_cannot_be_reversed_on_the_folio(hotel, account, manager):
    item = transfer(folio_owing(hotel), account, manager)
    with pytest.raises(Conflict) as exc:
        folio_reverse_posting(posting=item.posting, actor=manager, reason="Oops")
    assert exc.value.code == "billed_to_account"


# --- payments and allocations ----------------------------------------------------------------


@pytest.fixture
def three_items(hotel, account, agent):
    """Items of 100 (raised 1 June), 200 (2 June) and 50 (3 June)."""
    items = []
    for day, amount in ((1, "100.00"), (2, "200.00"), (3, "50.00")):
        set_business_date(hotel, dt.date(2026, 6, day))
        items.append(transfer(folio_owing(hotel, amount), account, agent))
    return items


def open_of(account):
    return {i.pk: i.open_amount for i in open_items(account=account, include_settled=True)}


def test_a_payment_allocated_to_chosen_items_in_part_leaves_the_rest_unallocated(account, accountant, three_items):
    first, second, _third = three_items
    payment = receivable_payment_record(
        account=account,
        actor=accountant,
        amount=D("250"),
        method="bank_transfer",
        reference="SWIFT 77",
        allocations=[(second, D("150")), (first, D("40"))],
    )
    assert (payment.amount, payment.method, payment.reference) == (D("250.00"), "bank_transfer", "SWIFT 77")
    assert open_of(account) == {first.pk: D("60.00"), second.pk: D("50.00"), three_items[2].pk: D("50.00")}
    (row,) = receivable_payments(account=account)
    assert row.unallocated == D("60.00")
    summary = receivable_account_get(property=account.property, pk=account.pk).summary
    assert (summary.open_total, summary.unallocated, summary.balance) == (D("160.00"), D("60.00"), D("100.00"))


def test_automatic_allocation_pays_the_oldest_items_first(account, accountant, three_items):
    first, second, third = three_items
    receivable_payment_record(account=account, actor=accountant, amount=D("220"), method="card", auto=True)
    assert open_of(account) == {first.pk: D("0.00"), second.pk: D("80.00"), third.pk: D("50.00")}
    assert [i.pk for i in open_items(account=account)] == [second.pk, third.pk]


def test_a_payment_larger_than_everything_open_keeps_the_rest_as_unallocated_cash(account, accountant, three_items):
    payment = receivable_payment_record(account=account, actor=accountant, amount=D("400"), method="card", auto=True)
    assert all(v == 0 for v in open_of(account).values())
    (row,) = receivable_payments(account=account, only_unallocated=True)
    assert row.pk == payment.pk and row.unallocated == D("50.00")
    assert receivable_account_get(property=account.property, pk=account.pk).summary.balance == D("-50.00")


@pytest.mark.parametrize(
    ("allocations", "code"),
    [
        (lambda items: [(items[0], D("100.01"))], "allocation_exceeds_open"),
        (lambda items: [(items[1], D("200")), (items[0], D("100.00"))], "allocation_exceeds_payment"),
        (lambda items: [(items[0], D("10")), (items[0], D("10"))], "item_twice"),
    ],
)
def test_over_allocation_is_refused_and_records_nothing(account, accountant, three_items, allocations, code):
    with pytest.raises(Conflict) as exc:
        receivable_payment_record(
            account=account, actor=accountant, amount=D("250"), method="card", allocations=allocations(three_items)
        )
    assert exc.value.code == code
    assert not ReceivablePayment.objects.exists() and not Allocation.objects.exists()


def test_allocating_to_another_accounts_item_is_refused(hotel, account, accountant, agent, three_items):
    other = make_account(hotel, name="Globex")
    foreign = transfer(folio_owing(hotel, "30.00"), other, agent)
    with pytest.raises(Conflict) as exc:
        receivable_payment_record(
            account=account, actor=accountant, amount=D("30"), method="card", allocations=[(foreign, D("30"))]
        )
    assert exc.value.code == "item_not_open"
    assert open_of(other) == {foreign.pk: D("30.00")}


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"method": "direct_bill"}, "method"),
        ({"method": "cheque"}, "method"),
        ({"amount": D("0")}, "amount"),
        ({"reference": "4242424242424242"}, "reference"),
    ],
)
def test_bad_payments_are_refused(account, accountant, kw, field):
    args = {"amount": D("10"), "method": "card"} | kw
    with pytest.raises(InvalidInput) as exc:
        receivable_payment_record(account=account, actor=accountant, **args)
    assert exc.value.errors[0]["field"] == field
    assert not ReceivablePayment.objects.exists()


def test_a_front_desk_agent_cannot_record_account_payments(account, agent):
    with pytest.raises(PermissionDenied):
        receivable_payment_record(account=account, actor=agent, amount=D("10"), method="card")


def test_unallocated_cash_is_applied_later_without_exceeding_it(account, accountant, three_items):
    first, second, _third = three_items
    payment = receivable_payment_record(account=account, actor=accountant, amount=D("120"), method="bank_transfer")
    assert open_of(account)[first.pk] == D("100.00")
    receivable_payment_allocate(payment=payment, actor=accountant, allocations=[(first, D("100"))])
    with pytest.raises(Conflict) as exc:
        receivable_payment_allocate(payment=payment, actor=accountant, allocations=[(second, D("20.01"))])
    assert exc.value.code == "allocation_exceeds_payment" and "20.00" in exc.value.detail
    made = receivable_payment_allocate(payment=payment, actor=accountant, auto=True)
    assert [(a.open_item_id, a.amount) for a in made] == [(second.pk, D("20.00"))]
    assert receivable_payment_allocate(payment=payment, actor=accountant, auto=True) == []  # nothing left
    assert receivable_payments(account=account)[0].unallocated == D("0.00")


def test_allocating_nothing_is_refused(account, accountant):
    payment = receivable_payment_record(account=account, actor=accountant, amount=D("10"), method="card")
    with pytest.raises(InvalidInput):
        receivable_payment_allocate(payment=payment, actor=accountant)


def test_the_database_refuses_to_change_the_city_ledger(account, accountant, three_items):
    payment = receivable_payment_record(account=account, actor=accountant, amount=D("10"), method="card", auto=True)
    for sql, pk in (
        ("UPDATE folios_openitem SET amount = 1 WHERE id = %s", three_items[0].pk),
        ("DELETE FROM folios_receivablepayment WHERE id = %s", payment.pk),
        ("UPDATE folios_allocation SET amount = 1 WHERE payment_id = %s", payment.pk),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cur:
            cur.execute(sql, [pk])


# --- reads -----------------------------------------------------------------------------------


def test_aging_per_account_and_for_the_property_as_of_the_business_date(hotel, account, agent, accountant):
    other = make_account(hotel, name="Globex", terms=0)
    set_business_date(hotel, dt.date(2026, 3, 1))
    transfer(folio_owing(hotel, "100.00"), account, agent)  # due 31 March
    transfer(folio_owing(hotel, "40.00"), other, agent)  # due 1 March
    set_business_date(hotel, dt.date(2026, 6, 1))
    transfer(folio_owing(hotel, "70.00"), account, agent)  # due 1 July
    receivable_payment_record(account=other, actor=accountant, amount=D("15"), method="card", auto=True)
    report = receivables_aging(property=hotel.property)
    rows = {a.number: a.summary for a in report["accounts"]}
    assert rows[account.number].aging == {
        "current": D("70.00"),
        "1_30": D("0.00"),
        "31_60": D("0.00"),
        "61_90": D("100.00"),  # 62 days past due
        "over_90": D("0.00"),
    }
    assert rows[other.number].aging["over_90"] == D("25.00")  # 92 days past due
    total = report["total"]
    assert total.open_total == D("195.00") == sum(total.aging.values())
    assert report["as_of"] == dt.date(2026, 6, 1)


def test_the_account_list_costs_a_fixed_number_of_queries(hotel, agent, codes, django_assert_max_num_queries):
    for i in range(4):
        account = make_account(hotel, name=f"Company{i}")
        transfer(folio_owing(hotel, "10.00"), account, agent)
    with django_assert_max_num_queries(5):
        accounts = receivable_account_list(property=hotel.property)
    assert [a.summary.balance for a in accounts] == [D("10.00")] * 4


def test_a_statement_shows_the_opening_balance_dated_lines_and_running_balance(hotel, account, agent, accountant):
    set_business_date(hotel, dt.date(2026, 5, 20))
    transfer(folio_owing(hotel, "100.00"), account, agent)
    set_business_date(hotel, dt.date(2026, 6, 3))
    receivable_payment_record(account=account, actor=accountant, amount=D("60"), method="card", reference="R1")
    transfer(folio_owing(hotel, "40.00"), account, agent)
    set_business_date(hotel, dt.date(2026, 7, 2))
    transfer(folio_owing(hotel, "500.00"), account, agent)  # after the period
    st = receivable_statement(account=account, start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 30))
    assert st.opening == D("100.00") and st.closing == D("80.00")
    assert [(line.kind, line.amount, line.balance) for line in st.lines] == [
        ("item", D("40.00"), D("140.00")),
        ("payment", D("-60.00"), D("80.00")),
    ]
    assert "R1" in st.lines[1].description


def test_another_properties_users_never_reach_an_account(hotel, other_hotel, account):
    assert receivable_account_get(property=other_hotel.property, pk=account.pk) is None
    assert receivable_account_list(property=other_hotel.property) == []
