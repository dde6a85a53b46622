"""The city-ledger payment page refuses nonsense amounts with a message, never a crash."""

import pytest
from django.urls import reverse

from frontoffice.folios.models import ReceivablePayment
from frontoffice.folios.services import folio_transfer_to_account
from frontoffice.folios.tests.receivables_helpers import folio_owing, make_account


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "-Infinity", "1e30"])
def test_a_nonsense_allocation_amount_is_refused_on_the_page_not_a_crash(client_as, hotel, codes, accountant, typed):
    account = make_account(hotel)
    item = folio_transfer_to_account(folio=folio_owing(hotel), account=account, actor=hotel.admin)
    data = {"pay-amount": "30", "pay-method": "card", "item": str(item.pk), f"item-amount-{item.pk}": typed}
    resp = client_as(accountant).post(reverse("folios:receivable_payment", args=[account.pk]), data)
    assert resp.status_code == 422
    assert not ReceivablePayment.objects.exists()
