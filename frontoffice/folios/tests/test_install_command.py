import pytest
from django.core.management import CommandError, call_command

from frontoffice.folios.models import TransactionCode


def test_the_default_chart_is_installed_once_per_property(hotel, other_hotel):
    call_command("install_transaction_codes")
    per_property = TransactionCode.objects.filter(property=hotel.property).count()
    assert per_property > 10
    assert TransactionCode.objects.filter(property=other_hotel.property).count() == per_property
    call_command("install_transaction_codes", property="TEST")
    assert TransactionCode.objects.filter(property=hotel.property).count() == per_property
    assert TransactionCode.objects.filter(property=hotel.property, code="ROOM", ledger_account__startswith="7").exists()


def test_an_unknown_property_is_an_error(db):
    with pytest.raises(CommandError):
        call_command("install_transaction_codes", property="NOPE")
