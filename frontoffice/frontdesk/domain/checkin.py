"""Check-in and check-out as plain rules: what refuses a check-in or a check-out, which refusals
may be overridden and by whom, and whether a traveller's registration is complete.

Refusals are stable codes. Some may be overridden with a reason:

- a room not ready (dirty) — by the agent checking in, who gives the reason ("guest waits in the
  lounge", "room checked by hand");
- an arrival before or after its date, a deposit not paid, a balance at check-out — only by
  someone allowed to override the front desk (a manager).

A do-not-rent guest, a reservation that is not expected today, a room that is not assigned,
out of order or still occupied, and an incomplete registration are never overridden.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

# In Spain a traveller under 14 is registered without an identity document.
DOCUMENT_FROM_AGE = 14


class Refusal(StrEnum):
    NOT_EXPECTED = "not_expected"
    ROOM_NOT_ASSIGNED = "room_not_assigned"
    ROOM_OUT_OF_ORDER = "room_out_of_order"
    ROOM_OCCUPIED = "room_occupied"
    ROOM_NOT_READY = "room_not_ready"
    EARLY_ARRIVAL = "early_arrival"
    LATE_ARRIVAL = "late_arrival"
    DEPOSIT_MISSING = "deposit_missing"
    DO_NOT_RENT = "do_not_rent"
    REGISTRATION_INCOMPLETE = "registration_incomplete"
    NOT_IN_HOUSE = "not_in_house"
    BALANCE_DUE = "balance_due"
    REVERT_NOT_SAME_DAY = "revert_not_same_day"
    REVERT_HAS_POSTINGS = "revert_has_postings"


class Override(StrEnum):
    """Who may override a refusal: the agent (with a reason) or a manager."""

    AGENT = "agent"
    MANAGER = "manager"


OVERRIDABLE: dict[Refusal, Override] = {
    Refusal.ROOM_NOT_READY: Override.AGENT,
    Refusal.EARLY_ARRIVAL: Override.MANAGER,
    Refusal.LATE_ARRIVAL: Override.MANAGER,
    Refusal.DEPOSIT_MISSING: Override.MANAGER,
    Refusal.BALANCE_DUE: Override.MANAGER,
}


@dataclass(frozen=True)
class CheckInFacts:
    status: str
    arrival: dt.date
    departure: dt.date
    business_date: dt.date
    room_assigned: bool
    room_condition: str = "clean"
    room_out_of_order: bool = False
    room_occupied: bool = False
    deposit_outstanding: Decimal = Decimal("0")
    do_not_rent: bool = False
    registration_problems: tuple[str, ...] = ()


def check_in_refusals(f: CheckInFacts) -> list[Refusal]:
    """Every reason the check-in cannot go ahead as asked, most fundamental first."""
    if f.status != "confirmed" or f.departure <= f.business_date:
        return [Refusal.NOT_EXPECTED]
    refusals = []
    if f.do_not_rent:
        refusals.append(Refusal.DO_NOT_RENT)
    if f.arrival > f.business_date:
        refusals.append(Refusal.EARLY_ARRIVAL)
    elif f.arrival < f.business_date:
        refusals.append(Refusal.LATE_ARRIVAL)
    if not f.room_assigned:
        refusals.append(Refusal.ROOM_NOT_ASSIGNED)
    else:
        if f.room_out_of_order:
            refusals.append(Refusal.ROOM_OUT_OF_ORDER)
        if f.room_occupied:
            refusals.append(Refusal.ROOM_OCCUPIED)
        if f.room_condition == "dirty":
            refusals.append(Refusal.ROOM_NOT_READY)
    if f.deposit_outstanding > 0:
        refusals.append(Refusal.DEPOSIT_MISSING)
    if f.registration_problems:
        refusals.append(Refusal.REGISTRATION_INCOMPLETE)
    return refusals


def unresolved(refusals: list[Refusal], overrides: dict[str, str], *, manager: bool) -> list[Refusal]:
    """The refusals left once the overrides given (refusal code → reason) are applied: an override
    counts only with a reason, for a refusal that may be overridden, by someone allowed to."""
    left = []
    for refusal in refusals:
        who = OVERRIDABLE.get(refusal)
        reason = (overrides.get(refusal.value) or "").strip()
        allowed = who is Override.AGENT or (who is Override.MANAGER and manager)
        if who is None or not reason or not allowed:
            left.append(refusal)
    return left


@dataclass(frozen=True)
class TravellerData:
    first_name: str = ""
    last_name: str = ""
    document_type: str = ""
    document_number: str = ""
    document_country: str = ""
    document_expiry: dt.date | None = None
    nationality: str = ""
    birth_date: dt.date | None = None
    address: str = ""
    is_main: bool = False


def age_on(birth_date: dt.date, day: dt.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def traveller_problems(t: TravellerData, *, arrival: dt.date) -> list[str]:
    """The fields missing or wrong for one traveller, as field names."""
    problems = [f for f in ("first_name", "last_name", "nationality") if not getattr(t, f).strip()]
    if t.birth_date is None or t.birth_date > arrival:
        problems.append("birth_date")
    adult = t.birth_date is None or age_on(t.birth_date, arrival) >= DOCUMENT_FROM_AGE
    if adult:
        problems += [f for f in ("document_type", "document_number", "document_country") if not getattr(t, f).strip()]
        if t.document_expiry is not None and t.document_expiry < arrival:
            problems.append("document_expiry")
    if t.is_main and not t.address.strip():
        problems.append("address")
    return problems


def registration_problems(travellers: list[TravellerData], *, party_size: int, arrival: dt.date) -> list[str]:
    """What keeps the registration from being complete: one main guest, one entry per person
    staying, and every entry complete. Problems read ``"2.document_number"`` (traveller 2)."""
    problems = []
    if sum(1 for t in travellers if t.is_main) != 1:
        problems.append("main_guest")
    if len(travellers) != party_size:
        problems.append("party_size")
    for i, t in enumerate(travellers, start=1):
        problems += [f"{i}.{field}" for field in traveller_problems(t, arrival=arrival)]
    return problems


class CheckOutInvoice(StrEnum):
    """What check-out issues for a bill window with charges not yet invoiced."""

    FULL = "full"
    SIMPLIFIED = "simplified"
    NONE = "none"


def check_out_refusals(*, status: str, balance: Decimal) -> list[Refusal]:
    if status != "in_house":
        return [Refusal.NOT_IN_HOUSE]
    return [Refusal.BALANCE_DUE] if balance != 0 else []


def revert_refusals(*, checked_in_on: dt.date | None, business_date: dt.date, other_postings: int) -> list[Refusal]:
    """A check-in made by mistake is undone the same business date, before anything but the
    deposit moved in at check-in is posted."""
    refusals = []
    if checked_in_on != business_date:
        refusals.append(Refusal.REVERT_NOT_SAME_DAY)
    if other_postings:
        refusals.append(Refusal.REVERT_HAS_POSTINGS)
    return refusals
