"""The reservation status machine (OpenTravel PMS_ResStatusType names), as data."""

from enum import StrEnum


class Status(StrEnum):
    TENTATIVE = "tentative"
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    IN_HOUSE = "in_house"
    CHECKED_OUT = "checked_out"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"

    @classmethod
    def choices_with(cls, labels: dict[str, str]) -> list[tuple[str, str]]:
        return [(s.value, labels[s.value]) for s in cls]


# from-status -> statuses it may move to
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.TENTATIVE: frozenset({Status.CONFIRMED, Status.CANCELLED, Status.WAITLISTED}),
    Status.WAITLISTED: frozenset({Status.CONFIRMED, Status.TENTATIVE, Status.CANCELLED}),
    Status.CONFIRMED: frozenset({Status.TENTATIVE, Status.IN_HOUSE, Status.CANCELLED, Status.NO_SHOW}),
    # Back to confirmed only to revert a check-in made by mistake (same day, with permission).
    Status.IN_HOUSE: frozenset({Status.CHECKED_OUT, Status.CONFIRMED}),
    Status.CHECKED_OUT: frozenset(),
    Status.CANCELLED: frozenset(),
    Status.NO_SHOW: frozenset(),
}

# Statuses that hold a room in inventory. Checked-out stays keep their nights so that
# history and statistics stay true; cancelled, no-show and waitlisted hold nothing.
HOLDS_INVENTORY = frozenset({Status.TENTATIVE, Status.CONFIRMED, Status.IN_HOUSE, Status.CHECKED_OUT})

# Statuses whose booking can still be changed (dates, room type, occupancy, plan).
MODIFIABLE = frozenset({Status.TENTATIVE, Status.CONFIRMED, Status.WAITLISTED})


def can_transition(current: Status | str, target: Status | str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)]
