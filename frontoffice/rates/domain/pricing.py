"""Nightly prices, derived plans and the taxes of a stay.

A nightly price covers the room type's base occupancy in adults; each adult above it
pays the extra-adult supplement and each child the child supplement. A derived plan
(e.g. non-refundable = BAR -10 %) follows its parent: price and supplements are the
parent's, adjusted by a percentage and then an amount, rounded to the cent.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from frontoffice.core.domain.money import ZERO, money, tax_included


@dataclass(frozen=True)
class NightPrice:
    """The loaded price of one room type on one plan for one night."""

    price: Decimal
    extra_adult: Decimal = ZERO
    child: Decimal = ZERO


@dataclass(frozen=True)
class Derivation:
    percent: Decimal = ZERO
    amount: Decimal = ZERO

    def apply(self, value: Decimal) -> Decimal:
        return money(value * (Decimal(100) + self.percent) / Decimal(100) + self.amount)

    def apply_supplement(self, value: Decimal) -> Decimal:
        return money(value * (Decimal(100) + self.percent) / Decimal(100))


def derive(parent: NightPrice, derivation: Derivation) -> NightPrice:
    price = max(derivation.apply(parent.price), ZERO)
    return NightPrice(
        price=price,
        extra_adult=derivation.apply_supplement(parent.extra_adult),
        child=derivation.apply_supplement(parent.child),
    )


def occupancy_price(night: NightPrice, *, adults: int, children: int, base_occupancy: int) -> Decimal:
    extra_adults = max(adults - base_occupancy, 0)
    return money(night.price + night.extra_adult * extra_adults + night.child * children)


@dataclass(frozen=True)
class TaxRules:
    """A property's lodging taxes.

    ``vat_rate`` is a percentage; with ``prices_include_vat`` the quoted price contains
    the VAT, otherwise VAT is added. The city tax is charged per person per night for
    guests aged ``city_tax_exempt_under_age`` or more, for at most ``city_tax_max_nights``.
    Adults with no age given are taxed.
    """

    vat_rate: Decimal = ZERO
    prices_include_vat: bool = True
    city_tax_per_night: Decimal = ZERO
    city_tax_exempt_under_age: int = 0
    city_tax_max_nights: int = 0


@dataclass(frozen=True)
class QuotedNight:
    date: dt.date
    price: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Quote:
    nights: tuple[QuotedNight, ...]
    room_total: Decimal  # sum of nightly prices as quoted (VAT included if the property quotes so)
    vat_total: Decimal
    city_tax: Decimal
    total: Decimal  # what the guest pays: room (+VAT where added) + city tax

    @property
    def first_night(self) -> Decimal:
        return self.nights[0].price if self.nights else ZERO

    @property
    def room_gross(self) -> Decimal:
        """Room price with VAT, whichever way the property quotes."""
        return self.total - self.city_tax


def city_tax(rules: TaxRules, *, adults: int, children_ages: list[int | None], nights: int) -> Decimal:
    if rules.city_tax_per_night <= 0:
        return ZERO
    # A child whose age was not given (None) is not taxed: the desk records ages at check-in.
    taxable = adults + sum(1 for age in children_ages if age is not None and age >= rules.city_tax_exempt_under_age)
    taxed_nights = min(nights, rules.city_tax_max_nights) if rules.city_tax_max_nights else nights
    return money(rules.city_tax_per_night * taxable * taxed_nights)


def quote(
    nightly: list[tuple[dt.date, Decimal]], rules: TaxRules, *, adults: int, children_ages: list[int | None]
) -> Quote:
    """Taxes and totals for a list of ``(date, price)`` nights."""
    nights = []
    for date, price in nightly:
        price = money(price)
        if rules.prices_include_vat:
            vat = tax_included(price, rules.vat_rate)
        else:
            vat = money(price * rules.vat_rate / Decimal(100))
        nights.append(QuotedNight(date=date, price=price, vat=vat))
    room_total = money(sum((n.price for n in nights), ZERO))
    vat_total = money(sum((n.vat for n in nights), ZERO))
    tax = city_tax(rules, adults=adults, children_ages=children_ages, nights=len(nights))
    total = room_total + tax + (ZERO if rules.prices_include_vat else vat_total)
    return Quote(nights=tuple(nights), room_total=room_total, vat_total=vat_total, city_tax=tax, total=money(total))
