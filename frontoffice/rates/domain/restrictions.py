"""Stay restrictions and the reasons a person reads when a rate cannot be sold.

Rules (as channel managers and OPERA apply them):
- ``closed`` on any night of the stay blocks it (stop-sell);
- ``closed_to_arrival`` is read on the arrival date, ``closed_to_departure`` on the
  departure date (not a night, but a date that can carry the restriction);
- min/max stay and min/max advance booking are read on the arrival date.
A derived plan is restricted by its own rows and its parent's: the stricter wins.
"""

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class DayRestrictions:
    closed: bool = False
    closed_to_arrival: bool = False
    closed_to_departure: bool = False
    min_stay: int | None = None
    max_stay: int | None = None
    min_advance: int | None = None
    max_advance: int | None = None

    def stricter(self, other: "DayRestrictions") -> "DayRestrictions":
        def lower_max(a, b):
            return b if a is None else a if b is None else min(a, b)

        def higher_min(a, b):
            return b if a is None else a if b is None else max(a, b)

        return DayRestrictions(
            closed=self.closed or other.closed,
            closed_to_arrival=self.closed_to_arrival or other.closed_to_arrival,
            closed_to_departure=self.closed_to_departure or other.closed_to_departure,
            min_stay=higher_min(self.min_stay, other.min_stay),
            max_stay=lower_max(self.max_stay, other.max_stay),
            min_advance=higher_min(self.min_advance, other.min_advance),
            max_advance=lower_max(self.max_advance, other.max_advance),
        )


OPEN = DayRestrictions()


@dataclass(frozen=True)
class Block:
    """Why a rate cannot be sold: a stable ``code`` and a sentence in English."""

    code: str
    message: str
    params: dict = field(default_factory=dict, compare=False, hash=False)


def check_restrictions(
    *,
    arrival: dt.date,
    departure: dt.date,
    today: dt.date,
    by_date: dict[dt.date, DayRestrictions],
) -> list[Block]:
    """Every restriction that blocks the stay, in the order a person would fix them."""
    blocks: list[Block] = []
    nights = (departure - arrival).days
    on_arrival = by_date.get(arrival, OPEN)
    on_departure = by_date.get(departure, OPEN)
    for i in range(nights):
        day = arrival + dt.timedelta(days=i)
        if by_date.get(day, OPEN).closed:
            blocks.append(Block("closed", f"Closed for sale on {day.isoformat()}.", {"date": day}))
    if on_arrival.closed_to_arrival:
        blocks.append(Block("closed_to_arrival", f"No arrivals on {arrival.isoformat()}.", {"date": arrival}))
    if on_departure.closed_to_departure:
        blocks.append(Block("closed_to_departure", f"No departures on {departure.isoformat()}.", {"date": departure}))
    if on_arrival.min_stay and nights < on_arrival.min_stay:
        blocks.append(
            Block(
                "min_stay",
                f"Arriving on {arrival.isoformat()} needs a stay of at least {on_arrival.min_stay} nights.",
                {"date": arrival, "nights": on_arrival.min_stay},
            )
        )
    if on_arrival.max_stay and nights > on_arrival.max_stay:
        blocks.append(
            Block(
                "max_stay",
                f"Arriving on {arrival.isoformat()} allows at most {on_arrival.max_stay} nights.",
                {"date": arrival, "nights": on_arrival.max_stay},
            )
        )
    advance = (arrival - today).days
    if on_arrival.min_advance is not None and advance < on_arrival.min_advance:
        blocks.append(
            Block(
                "min_advance",
                f"Must be booked at least {on_arrival.min_advance} days before arrival.",
                {"days": on_arrival.min_advance},
            )
        )
    if on_arrival.max_advance is not None and advance > on_arrival.max_advance:
        blocks.append(
            Block(
                "max_advance",
                f"Cannot be booked more than {on_arrival.max_advance} days before arrival.",
                {"days": on_arrival.max_advance},
            )
        )
    return blocks
