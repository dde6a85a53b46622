"""A night's figures and the KPIs made from them (STR / USALI, and the operational variant).

Counts are stored per night, separately, so that every KPI can be recomputed for any period:

* ``occupied`` rooms have a guest tonight, whatever they pay; ``complimentary`` and ``house_use``
  are among them (by market segment) and are *not* rooms sold: ``sold = occupied − comp − house``.
* ``day_use`` rooms were checked in and out on the same business date: their revenue is room
  revenue, but they are not counted in rooms sold.
* No-shows are not rooms sold; their fees, like cancellation fees, are reported on their own line
  and are not room revenue.

Rooms available: the STR / USALI figure keeps out-of-order rooms in (an out-of-order period is
short by nature; a room taken out for good is made inactive and leaves ``physical``); the
operational figure takes them out. Both are shown side by side, labelled.

Ratios: occupancy = sold ÷ available; ADR = room revenue ÷ sold; RevPAR = room revenue ÷
available. Room revenue is net of taxes. A ratio with nothing to divide by is ``None``, not 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")
USALI, OPERATIONAL = "usali", "operational"


@dataclass(frozen=True)
class NightCounts:
    physical: int = 0
    out_of_order: int = 0
    out_of_service: int = 0
    occupied: int = 0
    complimentary: int = 0
    house_use: int = 0
    day_use: int = 0
    arrivals: int = 0
    departures: int = 0
    no_shows: int = 0
    cancellations: int = 0

    @property
    def sold(self) -> int:
        return self.occupied - self.complimentary - self.house_use

    def available(self, variant: str = USALI) -> int:
        if variant == USALI:
            return self.physical
        if variant == OPERATIONAL:
            return self.physical - self.out_of_order
        raise ValueError(f"unknown variant {variant!r}")

    def __add__(self, other: NightCounts) -> NightCounts:
        """The counts of a period are the sums of its nights (room-nights)."""
        return NightCounts(**{f: getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__})


@dataclass(frozen=True)
class Kpis:
    variant: str
    available: int
    sold: int
    room_revenue: Decimal
    occupancy: Decimal | None  # percent, two decimals
    adr: Decimal | None
    revpar: Decimal | None


def _ratio(numerator: Decimal, denominator: int | Decimal, quantum: Decimal = CENT) -> Decimal | None:
    if not denominator:
        return None
    return (Decimal(numerator) / Decimal(denominator)).quantize(quantum, rounding=ROUND_HALF_UP)


def kpis(counts: NightCounts, room_revenue: Decimal, variant: str = USALI) -> Kpis:
    available = counts.available(variant)
    sold = counts.sold
    return Kpis(
        variant=variant,
        available=available,
        sold=sold,
        room_revenue=Decimal(room_revenue),
        occupancy=_ratio(Decimal(sold) * 100, available),
        adr=_ratio(Decimal(room_revenue), sold),
        revpar=_ratio(Decimal(room_revenue), available),
    )


def both_kpis(counts: NightCounts, room_revenue: Decimal) -> dict[str, Kpis]:
    """The STR / USALI figures and the operational ones, for a night or a period's sum."""
    return {v: kpis(counts, room_revenue, v) for v in (USALI, OPERATIONAL)}


@dataclass(frozen=True)
class LedgerDay:
    """One ledger's day: what it held at the start, what was added and taken, what it holds now."""

    opening: Decimal
    debits: Decimal
    credits: Decimal

    @property
    def closing(self) -> Decimal:
        return self.opening + self.debits - self.credits


def ledger_day(opening: Decimal, movements: Iterable[Decimal]) -> LedgerDay:
    """Debits are the day's positive amounts, credits the negative ones (as a positive figure)."""
    debits = credits = ZERO
    for m in movements:
        m = Decimal(m)
        if m > 0:
            debits += m
        else:
            credits -= m
    return LedgerDay(opening=Decimal(opening), debits=debits, credits=credits)
