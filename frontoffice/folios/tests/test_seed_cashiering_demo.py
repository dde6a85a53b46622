import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

from frontoffice.core.models import AuditEntry, Property
from frontoffice.folios.models import (
    CashierShift,
    Folio,
    FolioKind,
    Invoice,
    OpenItem,
    Posting,
    ReceivableAccount,
    ReceivablePayment,
    ShiftStatus,
)
from frontoffice.folios.selectors import cashier_shift_report, folio_balance
from frontoffice.folios.selectors_receivables import receivables_aging
from frontoffice.reservations.models import Reservation


def seed_cashiering() -> str:
    out = io.StringIO()
    call_command("seed_cashiering_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [Posting, Folio, Invoice, CashierShift, ReceivableAccount, OpenItem, ReceivablePayment, AuditEntry]
    return {m.__name__: m.objects.count() for m in models}


@pytest.mark.django_db
def test_the_cashiering_demo_fills_both_hotels_once_and_the_folio_page_shows_it(client):
    """A short demo (a month each way, to stay fast), the cashiering on top, then a second run."""
    call_command("seed_demo", "--months-back", "1", "--months-ahead", "1", stdout=io.StringIO())
    output = seed_cashiering()
    assert output.count("\n") == 1 and "CITY:" in output and "MOTEL:" in output

    city = Property.objects.get(code="CITY")
    assert city.legal_name == "Hoteles Demo Madrid SL" and city.tax_id
    in_house = Reservation.objects.filter(property=city, status="in_house", arrival__lt=city.business_date)
    assert in_house.exists()
    for res in in_house:
        assert Posting.objects.filter(folio__reservation=res, transaction_code__code="ROOM").exists()
    owing = [
        f
        for f in Folio.objects.filter(property=city, kind=FolioKind.GUEST, status="open")
        if folio_balance(folio=f) > 0
    ]
    assert len(owing) > 10
    assert Folio.objects.filter(property=city, kind=FolioKind.DEPOSIT).exists()

    kinds = set(Invoice.objects.filter(property=city).values_list("kind", flat=True))
    assert kinds == {"invoice", "simplified", "credit_note"}
    assert (
        Invoice.objects.filter(property=city, kind="invoice", payer_company__isnull=True, payer_tax_id="").count() == 0
    )

    aging = receivables_aging(property=city)
    assert len(aging["accounts"]) >= 2 and aging["total"].open_total > 0
    assert ReceivablePayment.objects.filter(property=city, allocations__isnull=False).exists()

    open_shift = CashierShift.objects.get(property=city, status=ShiftStatus.OPEN)
    assert open_shift.cashier.username == "desk1" and open_shift.opening_float == Decimal("200.00")
    closed = CashierShift.objects.get(property=city, status=ShiftStatus.CLOSED)
    assert cashier_shift_report(shift=closed).variance_total == Decimal("-5.00")

    motel = Property.objects.get(code="MOTEL")
    assert Posting.objects.filter(property=motel).exists()
    assert CashierShift.objects.filter(property=motel, status=ShiftStatus.OPEN).count() == 1

    res = in_house.order_by("confirmation").first()
    client.force_login(User.objects.get(username="desk1"))
    page = client.get(reverse("folios:folio", args=[res.confirmation]))
    assert page.status_code == 200
    assert str(folio_balance(folio=Folio.objects.get(reservation=res, window=1, kind=FolioKind.GUEST))) in (
        page.content.decode().replace(",", "")
    )

    before = counts()
    again = seed_cashiering()
    assert counts() == before
    assert "skipped CITY, MOTEL" in again
