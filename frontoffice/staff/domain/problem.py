"""The schedule problem: who may work which shift on which day, and what the front office needs.

A problem is read from JSON (the format is documented in ``docs/scheduling.md``) by
``problem_from_json``, which checks every field and reports every mistake at once as a
``ProblemError`` carrying ``[{"path": "staff[2].max_shifts.night", "message": ...}]``; it never
lets a ``KeyError`` or ``TypeError`` through. What it returns is plain, frozen data:

- a **horizon** of consecutive days;
- **shift types** with their times (a night shift crosses midnight: it belongs to the day it
  starts), the minutes they count for and the roles they serve;
- **forbidden successions**: shift A on one day may not be followed by shift B the next day;
- **staff** with the roles they hold, their contract rules, fixed days off, unavailable days,
  fixed (already published) shifts and, optionally, the shifts they worked just before the horizon;
- **requests** to work or not to work a shift or a day, each with a weight;
- **covers**: how many people of a role each shift of each day needs, soft (weighted under- and
  over-staffing) or with a hard minimum.

An assignment puts one staff member on one shift of one day in one role; a staff member works at
most one shift a day, and only in a role they hold that the shift serves.
"""

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property

from frontoffice.staff.domain.messages import say

ROLES = ("front_desk", "reservations", "concierge", "porter", "night_audit", "manager", "assistant_manager")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60

MAX_DAYS = 366
MAX_STAFF = 500
MAX_SHIFT_TYPES = 24
MAX_HISTORY_DAYS = 62
MAX_COVERS = 20_000
MAX_REQUESTS = 50_000
MAX_CELLS = 100_000  # staff × days × shift types: keeps a model the API builds within reason
MAX_WEIGHT = 1_000_000
MAX_REST_MINUTES = 2 * DAY_MINUTES
MAX_TIME_LIMIT = 3600.0
DEFAULT_TIME_LIMIT = 10.0
DEFAULT_WEIGHTS = {"cover_under": 100, "cover_over": 10, "request": 10}


@dataclass(frozen=True)
class Horizon:
    """The days planned: ``days`` consecutive dates from ``start``."""

    start: dt.date
    days: int

    @cached_property
    def dates(self) -> tuple[dt.date, ...]:
        return tuple(self.start + dt.timedelta(days=i) for i in range(self.days))

    @property
    def end(self) -> dt.date:
        """The last day planned (inclusive)."""
        return self.start + dt.timedelta(days=self.days - 1)

    def __contains__(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def index(self, day: dt.date) -> int:
        return (day - self.start).days


@dataclass(frozen=True)
class ShiftType:
    """A shift: from ``start`` to ``end`` (minutes after midnight; an end at or before the start
    is on the next day), counting ``minutes`` of work, serving ``roles``."""

    id: str
    name: str
    start: int
    end: int
    minutes: int
    roles: frozenset[str]

    @property
    def span(self) -> int:
        """Minutes from the start to the end (a shift crossing midnight ends the next day)."""
        return (self.end - self.start) % DAY_MINUTES or DAY_MINUTES

    def starts_at(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=self.start)

    def ends_at(self, day: dt.date) -> dt.datetime:
        return self.starts_at(day) + dt.timedelta(minutes=self.span)


@dataclass(frozen=True)
class ContractRules:
    """A staff member's contract: each rule is hard, ``None`` (or absent from ``max_shifts``) when
    the contract does not set it.

    - ``min_rest_minutes``: rest from the end of one shift to the start of the next;
    - ``min/max_consecutive_work_days``, ``min_consecutive_days_off``: lengths of runs of days;
    - ``max_shifts``: at most so many shifts of each type over the horizon;
    - ``max_working_weekends``: weekends (Saturday and Sunday) with at least one shift;
    - ``min/max_minutes``: total minutes worked over the horizon.
    """

    min_rest_minutes: int | None = None
    min_consecutive_work_days: int | None = None
    max_consecutive_work_days: int | None = None
    min_consecutive_days_off: int | None = None
    max_shifts: Mapping[str, int] = field(default_factory=dict)
    max_working_weekends: int | None = None
    min_minutes: int | None = None
    max_minutes: int | None = None


RULE_FIELDS = tuple(f.name for f in fields(ContractRules))


@dataclass(frozen=True)
class FixedShift:
    """A shift the staff member must work (a published day kept when re-planning); ``role`` may be
    left to the solver."""

    date: dt.date
    shift: str
    role: str | None = None


@dataclass(frozen=True)
class StaffMember:
    """Someone who can be scheduled. ``history`` lists the shift (or ``None`` for a day off) of
    each day just before the horizon, oldest first: the last entry is the day before the start."""

    id: str
    name: str
    roles: frozenset[str]
    rules: ContractRules = field(default_factory=ContractRules)
    days_off: frozenset[dt.date] = frozenset()
    unavailable: frozenset[dt.date] = frozenset()
    fixed: tuple[FixedShift, ...] = ()
    history: tuple[str | None, ...] = ()

    def free_on(self, day: dt.date) -> bool:
        """Not on a day off and not unavailable."""
        return day not in self.days_off and day not in self.unavailable


@dataclass(frozen=True)
class ShiftRequest:
    """``staff`` wants (``on``) or does not want (not ``on``) to work ``shift`` on ``date`` — any
    shift when ``shift`` is ``None``. Not granting it costs ``weight``."""

    staff: str
    date: dt.date
    shift: str | None
    on: bool
    weight: int


@dataclass(frozen=True)
class Cover:
    """How many people of ``role`` the ``shift`` needs on the days it applies to: one ``date``,
    the ``weekdays`` (0 = Monday), or every day when neither is set. Each person short of ``min``
    costs ``under_weight`` (unless ``hard``: then ``min`` must be met), each above ``max``
    (``min`` when no ``max`` is given) costs ``over_weight``."""

    shift: str
    role: str
    min: int
    max: int | None
    under_weight: int
    over_weight: int
    hard: bool = False
    date: dt.date | None = None
    weekdays: frozenset[int] | None = None

    @property
    def most(self) -> int:
        """Above this many people the shift is over-staffed."""
        return self.min if self.max is None else self.max

    @property
    def specificity(self) -> int:
        """A cover for one date overrides one for weekdays, which overrides one for every day."""
        return 2 if self.date is not None else (1 if self.weekdays is not None else 0)

    def applies(self, day: dt.date) -> bool:
        if self.date is not None:
            return day == self.date
        return self.weekdays is None or day.weekday() in self.weekdays


@dataclass(frozen=True)
class Weights:
    """Default weights of the soft rules, used where a cover or a request sets none."""

    cover_under: int = DEFAULT_WEIGHTS["cover_under"]
    cover_over: int = DEFAULT_WEIGHTS["cover_over"]
    request: int = DEFAULT_WEIGHTS["request"]


@dataclass(frozen=True)
class Problem:
    """A whole schedule problem (see the module docstring)."""

    horizon: Horizon
    shift_types: tuple[ShiftType, ...]
    staff: tuple[StaffMember, ...]
    forbidden_successions: frozenset[tuple[str, str]] = frozenset()
    requests: tuple[ShiftRequest, ...] = ()
    covers: tuple[Cover, ...] = ()
    weights: Weights = field(default_factory=Weights)
    time_limit_seconds: float = DEFAULT_TIME_LIMIT
    name: str = ""

    @cached_property
    def shifts_by_id(self) -> dict[str, ShiftType]:
        return {s.id: s for s in self.shift_types}

    @cached_property
    def staff_by_id(self) -> dict[str, StaffMember]:
        return {m.id: m for m in self.staff}

    def shift(self, shift_id: str) -> ShiftType:
        return self.shifts_by_id[shift_id]

    def member(self, staff_id: str) -> StaffMember:
        return self.staff_by_id[staff_id]

    @cached_property
    def _cover_table(self) -> dict[tuple[dt.date, str, str], Cover]:
        table: dict[tuple[dt.date, str, str], Cover] = {}
        for cover in sorted(self.covers, key=lambda c: c.specificity):
            for day in (cover.date,) if cover.date is not None else self.horizon.dates:
                if cover.applies(day):
                    table[day, cover.shift, cover.role] = cover
        return table

    def cover_on(self, day: dt.date, shift: str, role: str) -> Cover | None:
        """The cover that applies to ``role`` on ``shift`` of ``day`` (the most specific one), if any.
        Where none applies nobody is needed: each person placed there is a surplus."""
        return self._cover_table.get((day, shift, role))

    def slots(self) -> Iterator[tuple[dt.date, ShiftType, str]]:
        """Every (day, shift type, role served) of the horizon."""
        for day in self.horizon.dates:
            for shift in self.shift_types:
                for role in sorted(shift.roles):
                    yield day, shift, role

    def eligible_roles(self, member: StaffMember, shift: ShiftType) -> tuple[str, ...]:
        """The roles ``member`` could work on ``shift``: held by them and served by the shift."""
        return tuple(sorted(member.roles & shift.roles))

    def successions_forbidden(self, member: StaffMember) -> dict[int, set[tuple[str, str]]]:
        """Which shift may not follow which, ``gap`` days later (gap → {(first, second)}), for ``member``:
        the forbidden successions (next day), and every pair leaving less rest than the member's
        ``min_rest_minutes`` — or overlapping — computed from the shift times."""
        need = member.rules.min_rest_minutes or 0
        forbidden: dict[int, set[tuple[str, str]]] = {1: set(self.forbidden_successions)}
        latest_end = max(s.start + s.span for s in self.shift_types)
        earliest_start = min(s.start for s in self.shift_types)
        gap = 1
        while gap * DAY_MINUTES + earliest_start - latest_end < need or gap == 1:
            for first in self.shift_types:
                for second in self.shift_types:
                    rest = gap * DAY_MINUTES + second.start - (first.start + first.span)
                    if rest < need or rest < 0:
                        forbidden.setdefault(gap, set()).add((first.id, second.id))
            gap += 1
        return {g: pairs for g, pairs in forbidden.items() if pairs}


class ProblemError(Exception):
    """The problem cannot be read: ``errors`` lists ``{"path", "message"}`` for every mistake."""

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = errors
        super().__init__(say("problem_invalid", count=len(errors)))


def problem_from_json(data: object) -> Problem:
    """Read a problem from its JSON form (already decoded), or raise ``ProblemError`` listing every
    mistake with the path of the field it is in."""
    reader = _Reader()
    problem = reader.problem(data)
    if reader.errors or problem is None:
        raise ProblemError(reader.errors)
    return problem


# --------------------------------------------------------------------------------------
# Reading, field by field
# --------------------------------------------------------------------------------------

_TOP = ("name", "description", "horizon", "shift_types", "forbidden_successions", "contracts", "staff")
_TOP += ("requests", "covers", "weights", "time_limit_seconds")
_STAFF_KEYS = ("id", "name", "roles", "contract", "days_off", "unavailable", "fixed", "history", *RULE_FIELDS)
_COVER_KEYS = ("date", "weekdays", "shift", "role", "min", "max", "under_weight", "over_weight", "hard")
_MISSING = object()


def _at(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


class _Reader:
    """Reads a problem, collecting every mistake instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[dict[str, str]] = []
        self.horizon: Horizon | None = None
        self.shifts: dict[str, ShiftType] = {}
        self.shift_ids: set[str] = set()  # declared, even when the rest of their entry is wrong

    def fail(self, path: str, code: str, **params) -> None:
        self.errors.append({"path": path, "message": say(code, **params)})

    # --- shapes ---

    def obj(self, value: object, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()) -> dict | None:
        if not isinstance(value, dict):
            self.fail(path, "not_an_object")
            return None
        for key in value:
            if key not in allowed:
                self.fail(_at(path, str(key)), "unknown_field", expected=", ".join(allowed))
        for key in required:
            if value.get(key) is None:
                self.fail(_at(path, key), "required")
        return value

    def items(self, value: object, path: str, limit: int | None = None) -> list[tuple[int, object]]:
        if not isinstance(value, list):
            self.fail(path, "not_a_list")
            return []
        if limit is not None and len(value) > limit:
            self.fail(path, "out_of_range", low=0, high=f"{limit} items")
            return []
        return list(enumerate(value))

    # --- scalars ---

    def text(self, value: object, path: str, max_len: int = 64) -> str | None:
        if not isinstance(value, str) or not value.strip() or len(value) > max_len:
            self.fail(path, "not_a_string", max=max_len)
            return None
        return value

    def integer(self, value: object, path: str, low: int, high: int) -> int | None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, "not_an_integer")
            return None
        if not low <= value <= high:
            self.fail(path, "out_of_range", low=low, high=high)
            return None
        return value

    def boolean(self, value: object, path: str) -> bool | None:
        if not isinstance(value, bool):
            self.fail(path, "not_a_boolean")
            return None
        return value

    def date(self, value: object, path: str, *, in_horizon: bool = False) -> dt.date | None:
        try:
            day = dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
        except ValueError:
            day = None
        if day is None:
            self.fail(path, "not_a_date")
            return None
        if in_horizon and self.horizon is not None and day not in self.horizon:
            self.fail(path, "outside_horizon", date=value, start=self.horizon.start, end=self.horizon.end)
            return None
        return day

    def clock(self, value: object, path: str, *, end: bool = False) -> int | None:
        if isinstance(value, str) and len(value) == 5 and value[2] == ":" and value.replace(":", "").isdigit():
            hours, minutes = int(value[:2]), int(value[3:])
            if (hours < 24 and minutes < 60) or (end and hours == 24 and minutes == 0):
                return hours * 60 + minutes
        self.fail(path, "not_a_time")
        return None

    def shift_id(self, value: object, path: str) -> str | None:
        name = self.text(value, path)
        if name is not None and self.shift_ids and name not in self.shift_ids:
            self.fail(path, "unknown_shift", shift=name)
            return None
        return name

    def role(self, value: object, path: str) -> str | None:
        name = self.text(value, path)
        if name is not None and name not in ROLES:
            self.fail(path, "unknown_role", role=name, roles=", ".join(ROLES))
            return None
        return name

    def get(self, obj: dict, key: str, path: str, read, *args, default=None, **kwargs):
        """``read(obj[key], path.key, ...)`` if the key is there (and not null), else ``default``."""
        value = obj.get(key, _MISSING)
        if value is _MISSING or value is None:
            return default
        result = read(value, _at(path, key), *args, **kwargs)
        return default if result is None else result

    # --- the problem ---

    def problem(self, data: object) -> Problem | None:
        top = self.obj(data, "", _TOP, required=("horizon", "shift_types", "staff"))
        if top is None:
            return None
        name = self.get(top, "name", "", self.text, max_len=200, default="")
        self.get(top, "description", "", self.text, max_len=10_000)
        self.horizon = self.get(top, "horizon", "", self.read_horizon)
        weights = self.get(top, "weights", "", self.read_weights, default=Weights())
        shift_types = self.get(top, "shift_types", "", self.read_shift_types, default=())
        successions = self.get(top, "forbidden_successions", "", self.read_successions, default=frozenset())
        contracts = self.get(top, "contracts", "", self.read_contracts, default={})
        staff = self.get(top, "staff", "", self.read_staff, contracts, default=())
        requests = self.get(top, "requests", "", self.read_requests, staff, weights, default=())
        covers = self.get(top, "covers", "", self.read_covers, weights, default=())
        time_limit = DEFAULT_TIME_LIMIT
        if top.get("time_limit_seconds") is not None:
            value = top["time_limit_seconds"]
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.fail("time_limit_seconds", "not_a_number")
            elif not 0 < value <= MAX_TIME_LIMIT:
                self.fail("time_limit_seconds", "out_of_range", low="0 (excluded)", high=MAX_TIME_LIMIT)
            else:
                time_limit = float(value)
        if self.horizon and staff and shift_types:
            cells = len(staff) * self.horizon.days * len(shift_types)
            if cells > MAX_CELLS:
                self.fail(
                    "staff",
                    "too_big",
                    staff=len(staff),
                    days=self.horizon.days,
                    shifts=len(shift_types),
                    limit=MAX_CELLS,
                )
        if self.errors or self.horizon is None:
            return None
        return Problem(
            horizon=self.horizon,
            shift_types=shift_types,
            staff=staff,
            forbidden_successions=successions,
            requests=requests,
            covers=covers,
            weights=weights,
            time_limit_seconds=time_limit,
            name=name,
        )

    def read_horizon(self, value: object, path: str) -> Horizon | None:
        obj = self.obj(value, path, ("start", "days"), required=("start", "days"))
        if obj is None:
            return None
        start = self.get(obj, "start", path, self.date)
        days = self.get(obj, "days", path, self.integer, 1, MAX_DAYS)
        return Horizon(start, days) if start is not None and days is not None else None

    def read_weights(self, value: object, path: str) -> Weights | None:
        obj = self.obj(value, path, tuple(DEFAULT_WEIGHTS))
        if obj is None:
            return None
        return Weights(
            **{
                key: self.get(obj, key, path, self.integer, 0, MAX_WEIGHT, default=d)
                for key, d in DEFAULT_WEIGHTS.items()
            }
        )

    def read_shift_types(self, value: object, path: str) -> tuple[ShiftType, ...]:
        found: list[ShiftType] = []
        seen: set[str] = set()
        entries = self.items(value, path, MAX_SHIFT_TYPES)
        if isinstance(value, list) and not value:
            self.fail(path, "required")
        for i, entry in entries:
            at = _at(path, i)
            obj = self.obj(
                entry, at, ("id", "name", "start", "end", "minutes", "roles"), required=("id", "start", "end", "roles")
            )
            if obj is None:
                continue
            shift_id = self.get(obj, "id", at, self.text)
            if shift_id in seen:
                self.fail(_at(at, "id"), "duplicate_id", id=shift_id)
                shift_id = None
            if shift_id is not None:
                seen.add(shift_id)
                self.shift_ids.add(shift_id)
            start = self.get(obj, "start", at, self.clock)
            end = self.get(obj, "end", at, self.clock, end=True)
            roles = self.role_set(obj.get("roles"), _at(at, "roles")) if "roles" in obj else None
            if shift_id is None or start is None or end is None or roles is None:
                continue
            if start == end % DAY_MINUTES:
                self.fail(_at(at, "end"), "empty_shift")
                continue
            span = (end - start) % DAY_MINUTES
            minutes = self.get(obj, "minutes", at, self.integer, 1, span, default=span)
            shift = ShiftType(
                shift_id,
                self.get(obj, "name", at, self.text, max_len=100, default=shift_id),
                start,
                end % DAY_MINUTES,
                minutes,
                roles,
            )
            self.shifts[shift_id] = shift
            found.append(shift)
        return tuple(found)

    def role_set(self, value: object, path: str) -> frozenset[str] | None:
        roles: set[str] = set()
        entries = self.items(value, path, len(ROLES) * 2)
        if isinstance(value, list) and not value:
            self.fail(path, "required")
        for i, entry in entries:
            role = self.role(entry, _at(path, i))
            if role in roles:
                self.fail(_at(path, i), "duplicate_entry", value=role)
            elif role is not None:
                roles.add(role)
        return frozenset(roles) if roles and len(roles) == len(entries) else None

    def read_successions(self, value: object, path: str) -> frozenset[tuple[str, str]] | None:
        pairs = set()
        for i, entry in self.items(value, path, MAX_SHIFT_TYPES**2):
            at = _at(path, i)
            if not isinstance(entry, list) or len(entry) != 2:
                self.fail(at, "not_a_list")
                continue
            first, second = self.shift_id(entry[0], _at(at, 0)), self.shift_id(entry[1], _at(at, 1))
            if first and second:
                pairs.add((first, second))
        return frozenset(pairs)

    def read_rules(self, obj: dict, path: str, base: dict | None = None) -> dict:
        """The contract rules set in ``obj`` over those of ``base`` (a contract)."""
        rules = dict(base or {})
        limits = {
            "min_rest_minutes": MAX_REST_MINUTES,
            "min_consecutive_work_days": MAX_DAYS,
            "max_consecutive_work_days": MAX_DAYS,
            "min_consecutive_days_off": MAX_DAYS,
            "max_working_weekends": MAX_DAYS,
            "min_minutes": MAX_DAYS * DAY_MINUTES,
            "max_minutes": MAX_DAYS * DAY_MINUTES,
        }
        low = {"min_consecutive_work_days": 1, "max_consecutive_work_days": 1, "min_consecutive_days_off": 1}
        for key, high in limits.items():
            value = self.get(obj, key, path, self.integer, low.get(key, 0), high)
            if value is not None:
                rules[key] = value
        if obj.get("max_shifts") is not None:
            at = _at(path, "max_shifts")
            table = obj["max_shifts"]
            if not isinstance(table, dict):
                self.fail(at, "not_an_object")
            else:
                merged = dict(rules.get("max_shifts", {}))
                for shift_id, limit in table.items():
                    if self.shift_ids and shift_id not in self.shift_ids:
                        self.fail(_at(at, str(shift_id)), "unknown_shift", shift=shift_id)
                        continue
                    value = self.integer(limit, _at(at, str(shift_id)), 0, MAX_DAYS)
                    if value is not None:
                        merged[shift_id] = value
                rules["max_shifts"] = merged
        for low_key, high_key in (
            ("min_consecutive_work_days", "max_consecutive_work_days"),
            ("min_minutes", "max_minutes"),
        ):
            if rules.get(low_key) is not None and rules.get(high_key) is not None and rules[low_key] > rules[high_key]:
                self.fail(_at(path, low_key), "min_over_max", low=rules[low_key], high=rules[high_key])
        return rules

    def read_contracts(self, value: object, path: str) -> dict[str, dict] | None:
        if not isinstance(value, dict):
            self.fail(path, "not_an_object")
            return None
        contracts = {}
        for name, entry in value.items():
            at = _at(path, str(name))
            obj = self.obj(entry, at, RULE_FIELDS)
            if obj is not None:
                contracts[name] = self.read_rules(obj, at)
        return contracts

    def read_staff(self, value: object, path: str, contracts: dict[str, dict]) -> tuple[StaffMember, ...]:
        found: dict[str, StaffMember] = {}
        seen: set[str] = set()
        entries = self.items(value, path, MAX_STAFF)
        if isinstance(value, list) and not value:
            self.fail(path, "required")
        for i, entry in entries:
            at = _at(path, i)
            obj = self.obj(entry, at, _STAFF_KEYS, required=("id", "roles"))
            if obj is None:
                continue
            staff_id = self.get(obj, "id", at, self.text)
            if staff_id in seen:
                self.fail(_at(at, "id"), "duplicate_id", id=staff_id)
                staff_id = None
            if staff_id is not None:
                seen.add(staff_id)
            roles = self.role_set(obj.get("roles"), _at(at, "roles")) if "roles" in obj else None
            base = None
            if obj.get("contract") is not None:
                name = self.text(obj["contract"], _at(at, "contract"))
                if name is not None and name not in contracts:
                    self.fail(_at(at, "contract"), "unknown_contract", contract=name)
                base = contracts.get(name)
            rules = self.read_rules(obj, at, base)
            days_off = self.get(obj, "days_off", at, self.read_days, weekdays_allowed=True, default=frozenset())
            unavailable = self.get(obj, "unavailable", at, self.read_days, default=frozenset())
            history = self.get(obj, "history", at, self.read_history, default=())
            if staff_id is None or roles is None:
                continue
            fixed = self.get(obj, "fixed", at, self.read_fixed, staff_id, roles, default=())
            found[staff_id] = StaffMember(
                id=staff_id,
                name=self.get(obj, "name", at, self.text, max_len=100, default=staff_id),
                roles=roles,
                rules=ContractRules(**rules),
                days_off=days_off,
                unavailable=unavailable,
                fixed=fixed,
                history=history,
            )
        return tuple(found.values())

    def read_days(self, value: object, path: str, *, weekdays_allowed: bool = False) -> frozenset[dt.date] | None:
        """Dates, ``{"from", "to"}`` ranges (inclusive) and, for days off, weekday names. Only the days
        inside the horizon are kept, so one list of leave can serve several horizons."""
        days: set[dt.date] = set()
        horizon_days = self.horizon.dates if self.horizon else ()
        for i, entry in self.items(value, path, 2 * MAX_DAYS):
            at = _at(path, i)
            if isinstance(entry, dict):
                obj = self.obj(entry, at, ("from", "to"), required=("from", "to"))
                first = self.get(obj, "from", at, self.date) if obj is not None else None
                last = self.get(obj, "to", at, self.date) if obj is not None else None
                if first and last and first > last:
                    self.fail(_at(at, "to"), "min_over_max", low=first, high=last)
                elif first and last:
                    days.update(d for d in horizon_days if first <= d <= last)
            elif weekdays_allowed and isinstance(entry, str) and len(entry) == 3:
                if entry not in WEEKDAYS:
                    self.fail(at, "unknown_weekday", day=entry)
                else:
                    days.update(d for d in horizon_days if d.weekday() == WEEKDAYS.index(entry))
            else:
                day = self.date(entry, at)
                if day is not None and (self.horizon is None or day in self.horizon):
                    days.add(day)
        return frozenset(days)

    def read_history(self, value: object, path: str) -> tuple[str | None, ...] | None:
        shifts: list[str | None] = []
        for i, entry in self.items(value, path, MAX_HISTORY_DAYS):
            shifts.append(None if entry is None else self.shift_id(entry, _at(path, i)))
        return tuple(shifts)

    def read_fixed(self, value: object, path: str, staff_id: str, roles: frozenset[str]) -> tuple[FixedShift, ...]:
        fixed = []
        for i, entry in self.items(value, path, MAX_DAYS * 2):
            at = _at(path, i)
            obj = self.obj(entry, at, ("date", "shift", "role"), required=("date", "shift"))
            if obj is None:
                continue
            day = self.get(obj, "date", at, self.date, in_horizon=True)
            shift_id = self.get(obj, "shift", at, self.shift_id)
            role = self.get(obj, "role", at, self.role)
            if day is None or shift_id is None or shift_id not in self.shifts:
                continue
            shift = self.shifts[shift_id]
            if any(f.date == day for f in fixed):
                self.fail(_at(at, "date"), "fixed_twice", date=day)
            elif role is not None and role not in roles:
                self.fail(_at(at, "role"), "role_not_held", staff=staff_id, role=role)
            elif role is not None and role not in shift.roles:
                self.fail(_at(at, "role"), "shift_does_not_serve_role", shift=shift_id, role=role)
            elif not roles & shift.roles:
                self.fail(_at(at, "shift"), "no_role_for_shift", staff=staff_id, shift=shift_id)
            else:
                fixed.append(FixedShift(day, shift_id, role))
        return tuple(fixed)

    def read_requests(self, value: object, path: str, staff, weights: Weights) -> tuple[ShiftRequest, ...]:
        known = {m.id for m in staff}
        requests = []
        for i, entry in self.items(value, path, MAX_REQUESTS):
            at = _at(path, i)
            obj = self.obj(entry, at, ("staff", "date", "shift", "on", "weight"), required=("staff", "date", "on"))
            if obj is None:
                continue
            staff_id = self.get(obj, "staff", at, self.text)
            if staff_id is not None and staff_id not in known:
                self.fail(_at(at, "staff"), "unknown_staff", staff=staff_id)
                staff_id = None
            day = self.get(obj, "date", at, self.date, in_horizon=True)
            shift_id = self.get(obj, "shift", at, self.shift_id)
            on = self.get(obj, "on", at, self.boolean)
            weight = self.get(obj, "weight", at, self.integer, 0, MAX_WEIGHT, default=weights.request)
            if obj.get("shift") is not None and shift_id is None:
                continue
            if staff_id is not None and day is not None and on is not None:
                requests.append(ShiftRequest(staff_id, day, shift_id, on, weight))
        return tuple(requests)

    def read_covers(self, value: object, path: str, weights: Weights) -> tuple[Cover, ...]:
        covers: list[Cover] = []
        taken: dict[tuple, int] = {}  # (shift, role, date | weekday | "every day") → index of the cover
        for i, entry in self.items(value, path, MAX_COVERS):
            at = _at(path, i)
            obj = self.obj(entry, at, _COVER_KEYS, required=("shift", "role", "min"))
            if obj is None:
                continue
            shift_id = self.get(obj, "shift", at, self.shift_id)
            role = self.get(obj, "role", at, self.role)
            low = self.get(obj, "min", at, self.integer, 0, MAX_STAFF)
            high = self.get(obj, "max", at, self.integer, 0, MAX_STAFF)
            day = self.get(obj, "date", at, self.date, in_horizon=True)
            weekdays = self.get(obj, "weekdays", at, self.read_weekdays)
            hard = self.get(obj, "hard", at, self.boolean, default=False)
            under = self.get(obj, "under_weight", at, self.integer, 0, MAX_WEIGHT, default=weights.cover_under)
            over = self.get(obj, "over_weight", at, self.integer, 0, MAX_WEIGHT, default=weights.cover_over)
            if obj.get("date") is not None and obj.get("weekdays") is not None:
                self.fail(_at(at, "weekdays"), "date_and_weekdays")
                continue
            if low is not None and high is not None and low > high:
                self.fail(_at(at, "min"), "min_over_max", low=low, high=high)
                continue
            if shift_id is None or role is None or low is None or shift_id not in self.shifts:
                continue
            if (obj.get("date") is not None and day is None) or (obj.get("weekdays") is not None and weekdays is None):
                continue
            if role not in self.shifts[shift_id].roles:
                self.fail(_at(at, "role"), "shift_does_not_serve_role", shift=shift_id, role=role)
                continue
            cover = Cover(shift_id, role, low, high, under, over, hard, day, weekdays)
            # The days a cover sets, as keys no other cover of its kind may share.
            if day is not None:
                keys = [(shift_id, role, day)]
            elif weekdays is not None:
                keys = [(shift_id, role, w) for w in sorted(weekdays)]
            else:
                keys = [(shift_id, role, "every day")]
            clash = next((taken[k] for k in keys if k in taken), None)
            if clash is not None:
                self.fail(at, "cover_declared_twice", shift=shift_id, role=role, other=clash)
                continue
            taken.update((k, i) for k in keys)
            covers.append(cover)
        return tuple(covers)

    def read_weekdays(self, value: object, path: str) -> frozenset[int] | None:
        days = set()
        entries = self.items(value, path, 7)
        for i, entry in entries:
            if entry not in WEEKDAYS:
                self.fail(_at(path, i), "unknown_weekday", day=entry)
            else:
                days.add(WEEKDAYS.index(entry))
        if isinstance(value, list) and not value:
            self.fail(path, "required")
        return frozenset(days) if days and len(days) == len(entries) else None
