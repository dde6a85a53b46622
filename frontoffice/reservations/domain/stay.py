"""Stays are half-open ``[arrival, departure)``: the departure day is not a night."""

import datetime as dt
from dataclasses import dataclass

MAX_NIGHTS = 365


class StayError(ValueError):
    """The dates cannot form a stay."""


@dataclass(frozen=True)
class Stay:
    arrival: dt.date
    departure: dt.date

    def __post_init__(self):
        if self.departure <= self.arrival:
            raise StayError("Departure must be after arrival.")
        if (self.departure - self.arrival).days > MAX_NIGHTS:
            raise StayError(f"A stay cannot be longer than {MAX_NIGHTS} nights.")

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days

    def dates(self) -> list[dt.date]:
        """Every night of the stay, in order (the departure date excluded)."""
        return [self.arrival + dt.timedelta(days=i) for i in range(self.nights)]

    def overlaps(self, other: "Stay") -> bool:
        return self.arrival < other.departure and other.arrival < self.departure
