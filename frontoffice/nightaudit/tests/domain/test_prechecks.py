"""Which pre-checks block the close, and what an override must carry."""

import pytest

from frontoffice.nightaudit.domain.prechecks import Severity, prechecks, unresolved


def test_only_checks_with_something_to_look_at_are_listed_in_working_order():
    checks = prechecks(
        {"over_credit_limit": ["#4"], "arrivals_pending": ["AB12 Ruiz"], "open_shifts": [], "options_expiring": []}
    )
    assert [(c.code, c.severity, c.count) for c in checks] == [
        ("arrivals_pending", Severity.BLOCKING, 1),
        ("over_credit_limit", Severity.WARNING, 1),
    ]


@pytest.mark.parametrize(
    ("overrides", "left"),
    [
        ({}, ["arrivals_pending", "departures_pending", "open_shifts"]),
        ({"arrivals_pending": "Did not come"}, ["departures_pending", "open_shifts"]),
        ({"arrivals_pending": "  ", "open_shifts": "Cashier gone home"}, ["arrivals_pending", "departures_pending"]),
        ({"arrivals_pending": "a", "departures_pending": "b", "open_shifts": "c"}, []),
    ],
)
def test_a_blocking_check_stays_in_the_way_until_overridden_with_a_reason(overrides, left):
    checks = prechecks(
        {
            "arrivals_pending": ["A"],
            "departures_pending": ["B"],
            "open_shifts": ["desk1"],
            "deposits_overdue": ["C"],
        }
    )
    assert [c.code for c in unresolved(checks, overrides)] == left


def test_an_unknown_check_is_a_programming_error():
    with pytest.raises(ValueError):
        prechecks({"coffee_machine_empty": ["lobby"]})
