"""Money helpers. Amounts are Decimal, rounded half-up to the cent."""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal | int | str) -> Decimal:
    """Round to the cent, half up (the rounding hotels and tax offices expect)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    return money(Decimal(amount) * Decimal(percent) / Decimal(100))


def tax_included(gross: Decimal, rate_percent: Decimal) -> Decimal:
    """The tax contained in a tax-inclusive amount."""
    gross = Decimal(gross)
    return money(gross - gross / (Decimal(1) + Decimal(rate_percent) / Decimal(100)))
