import itertools

import pytest

from frontoffice.reservations.domain.status import HOLDS_INVENTORY, TRANSITIONS, Status, can_transition

ALLOWED = {
    ("tentative", "confirmed"),
    ("tentative", "cancelled"),
    ("tentative", "waitlisted"),
    ("waitlisted", "confirmed"),
    ("waitlisted", "tentative"),
    ("waitlisted", "cancelled"),
    ("confirmed", "tentative"),
    ("confirmed", "in_house"),
    ("confirmed", "cancelled"),
    ("confirmed", "no_show"),
    ("in_house", "checked_out"),
    ("in_house", "confirmed"),  # a check-in reverted
}


@pytest.mark.parametrize(("current", "target"), list(itertools.product([s.value for s in Status], repeat=2)))
def test_every_status_pair_is_allowed_only_when_listed(current, target):
    assert can_transition(current, target) == ((current, target) in ALLOWED)


def test_final_statuses_lead_nowhere():
    for final in (Status.CHECKED_OUT, Status.CANCELLED, Status.NO_SHOW):
        assert TRANSITIONS[final] == frozenset()


def test_only_live_and_past_stays_hold_inventory():
    assert Status.WAITLISTED not in HOLDS_INVENTORY
    assert Status.CANCELLED not in HOLDS_INVENTORY
    assert Status.NO_SHOW not in HOLDS_INVENTORY
    assert {Status.TENTATIVE, Status.CONFIRMED, Status.IN_HOUSE} <= HOLDS_INVENTORY
