"""What the night auditor must look at before a business date closes, and what may go ahead.

A pre-check is *blocking* when closing the day over it would do something a person should decide:
the audit marks arrivals that did not come as no-shows (a fee may follow), keeps guests due out in
house for another night at the last night's price, and leaves a cashier's drawer open across the
date. Each blocking check must be resolved at the desk (check the guest in or out, close the
shift) or overridden by the auditor with a reason, which the audit records. The others are
warnings: listed, never in the way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    BLOCKING = "blocking"
    WARNING = "warning"


# The checks, in the order the auditor works through them, and whether each blocks.
ARRIVALS_PENDING = "arrivals_pending"
DEPARTURES_PENDING = "departures_pending"
OPEN_SHIFTS = "open_shifts"
OVER_CREDIT_LIMIT = "over_credit_limit"
DEPOSITS_OVERDUE = "deposits_overdue"
OPTIONS_EXPIRING = "options_expiring"

SEVERITY = {
    ARRIVALS_PENDING: Severity.BLOCKING,
    DEPARTURES_PENDING: Severity.BLOCKING,
    OPEN_SHIFTS: Severity.BLOCKING,
    OVER_CREDIT_LIMIT: Severity.WARNING,
    DEPOSITS_OVERDUE: Severity.WARNING,
    OPTIONS_EXPIRING: Severity.WARNING,
}
ORDER = list(SEVERITY)


@dataclass(frozen=True)
class PreCheck:
    code: str
    severity: Severity
    items: tuple[str, ...]  # what the auditor looks at: confirmations, folios, cashiers

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


def prechecks(found: Mapping[str, Sequence[str]]) -> list[PreCheck]:
    """The checks with something to look at, in working order; ``found`` maps a check's code to
    its items. An unknown code is a programming error."""
    unknown = set(found) - set(SEVERITY)
    if unknown:
        raise ValueError(f"unknown pre-checks: {sorted(unknown)}")
    return [PreCheck(code, SEVERITY[code], tuple(found[code])) for code in ORDER if found.get(code)]


def unresolved(checks: Sequence[PreCheck], overrides: Mapping[str, str]) -> list[PreCheck]:
    """The blocking checks still in the way: those not overridden with a reason."""
    return [c for c in checks if c.blocking and not (overrides.get(c.code) or "").strip()]
