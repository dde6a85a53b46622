"""Every user-facing text of the schedule solver, in one place, translated when said.

The domain cannot import Django; texts are looked up here by a stable code and formatted with
named parameters (``say("cover_short", ...)``). They are marked with ``gettext_noop`` so that the
project's catalogue carries them, and the staff app hands Django's ``gettext`` to
``use_translation`` at start-up: the web, the API and the CLI then say them in the active
language (English without Django).
"""


def gettext_noop(text: str) -> str:
    """Marks a text for the translation catalogue (``makemessages`` finds it by this name); the
    text itself is returned, and translated when it is said."""
    return text


_translate = None  # set by the staff app to Django's gettext: texts are said in the reader's language


def use_translation(translate) -> None:
    """Have every text said through ``translate`` (a ``str -> str``), e.g. Django's ``gettext``."""
    global _translate
    _translate = translate


def _in_language(text: str) -> str:
    return _translate(text) if _translate is not None else text


ROLE_LABELS: dict[str, tuple[str, str]] = {
    "front_desk": (gettext_noop("front-desk agent"), gettext_noop("front-desk agents")),
    "reservations": (gettext_noop("reservations agent"), gettext_noop("reservations agents")),
    "concierge": (gettext_noop("concierge"), gettext_noop("concierges")),
    "porter": (gettext_noop("porter"), gettext_noop("porters")),
    "night_audit": (gettext_noop("night auditor"), gettext_noop("night auditors")),
    "manager": (gettext_noop("front-office manager"), gettext_noop("front-office managers")),
    "assistant_manager": (gettext_noop("assistant manager"), gettext_noop("assistant managers")),
}

TEXTS: dict[str, str] = {
    # --- reading a problem (``ProblemError``) ---
    "problem_invalid": gettext_noop("The schedule problem is not valid: {count} mistake(s)."),
    "required": gettext_noop("is required"),
    "unknown_field": gettext_noop("unknown field (expected one of: {expected})"),
    "not_an_object": gettext_noop("must be an object"),
    "not_a_list": gettext_noop("must be a list"),
    "not_a_string": gettext_noop("must be a non-empty text of at most {max} characters"),
    "not_an_integer": gettext_noop("must be a whole number"),
    "not_a_number": gettext_noop("must be a number"),
    "not_a_boolean": gettext_noop("must be true or false"),
    "out_of_range": gettext_noop("must be between {low} and {high}"),
    "not_a_date": gettext_noop("must be a date YYYY-MM-DD"),
    "not_a_time": gettext_noop("must be a time HH:MM (00:00 to 23:59; 24:00 allowed as an end)"),
    "outside_horizon": gettext_noop("{date} is outside the horizon ({start} to {end})"),
    "duplicate_id": gettext_noop("'{id}' is used twice"),
    "duplicate_entry": gettext_noop("'{value}' is listed twice"),
    "unknown_role": gettext_noop("unknown role '{role}' (roles: {roles})"),
    "unknown_shift": gettext_noop("unknown shift type '{shift}'"),
    "unknown_staff": gettext_noop("unknown staff member '{staff}'"),
    "unknown_contract": gettext_noop("unknown contract '{contract}'"),
    "unknown_weekday": gettext_noop("unknown weekday '{day}' (mon, tue, wed, thu, fri, sat, sun)"),
    "empty_shift": gettext_noop("a shift cannot start and end at the same time"),
    "min_over_max": gettext_noop("the minimum ({low}) is above the maximum ({high})"),
    "shift_does_not_serve_role": gettext_noop("shift type '{shift}' does not serve role '{role}'"),
    "date_and_weekdays": gettext_noop("give either a date or weekdays, not both"),
    "cover_declared_twice": gettext_noop(
        "another cover already sets {shift}/{role} on the same days (covers[{other}])"
    ),
    "fixed_twice": gettext_noop("another fixed shift is already on {date} (one shift a day)"),
    "role_not_held": gettext_noop("'{staff}' does not hold role '{role}'"),
    "no_role_for_shift": gettext_noop("'{staff}' holds no role that shift type '{shift}' serves"),
    "too_big": gettext_noop(
        "the problem is too big: {staff} staff × {days} days × {shifts} shift types is above {limit}"
    ),
    # --- hard rules (validator) ---
    "v_unknown": gettext_noop("{what} is not in the problem"),
    "v_outside_horizon": gettext_noop("{staff} is scheduled on {date}, outside the horizon"),
    "v_one_shift_a_day": gettext_noop("{staff} has {count} shifts on {date} (one a day at most)"),
    "v_role_not_held": gettext_noop("{staff} works {shift} on {date} as {role}, a role they do not hold"),
    "v_role_not_served": gettext_noop("shift {shift} on {date} does not serve role {role} ({staff})"),
    "v_day_off": gettext_noop("{staff} works on {date}, a day off"),
    "v_unavailable": gettext_noop("{staff} works on {date}, when unavailable"),
    "v_fixed_missing": gettext_noop("{staff} should work {shift} on {date} (a fixed shift)"),
    "v_succession": gettext_noop("{staff} works {first} on {date} then {second} the next day, a forbidden succession"),
    "v_rest": gettext_noop(
        "{staff} rests {rest} minutes between {first} on {date} and {second} on {next_date} (at least {need} required)"
    ),
    "v_max_consecutive_work": gettext_noop("{staff} works {length} days in a row from {date} (at most {limit})"),
    "v_min_consecutive_work": gettext_noop("{staff} works only {length} days in a row from {date} (at least {limit})"),
    "v_min_consecutive_off": gettext_noop("{staff} has only {length} days off in a row from {date} (at least {limit})"),
    "v_max_shifts": gettext_noop("{staff} works {count} {shift} shifts (at most {limit})"),
    "v_max_weekends": gettext_noop("{staff} works {count} weekends (at most {limit})"),
    "v_min_minutes": gettext_noop("{staff} works {minutes} minutes (at least {limit})"),
    "v_max_minutes": gettext_noop("{staff} works {minutes} minutes (at most {limit})"),
    "v_hard_cover": gettext_noop("{date} {shift}: {count} {role} scheduled, at least {need} required"),
    # --- why there is no schedule (explanation) ---
    "infeasible_precheck": gettext_noop(
        "The hard rules cannot all be met: each requirement below is impossible on its own."
    ),
    "infeasible_core": gettext_noop(
        "The hard rules cannot all be met: the rules below cannot all hold together (relaxing any one "
        "of them removes this conflict)."
    ),
    "infeasible_staff": gettext_noop(
        "The hard rules cannot all be met: the rules of {names} cannot hold together, whatever "
        "anyone else does (relax one of each person's rules listed)."
    ),
    "infeasible_unexplained": gettext_noop(
        "The hard rules cannot all be met, and no smaller set of conflicting rules was found within the time limit."
    ),
    "no_solution_in_time": gettext_noop("No schedule was found within the time limit; give the solver more time."),
    "cover_short": gettext_noop(
        "cover of {need} {role_need} on {date} ({shift}): only {available} {role_available} can work that day{others}"
    ),
    "covers_short": gettext_noop(
        "hard covers on {date} ({covers}) need {need} people, but only {available} staff can take them: {names}"
    ),
    "others_cannot": gettext_noop(" (not available: {names})"),
    "nobody": gettext_noop("nobody"),
    "fixed_breaks_rule": gettext_noop("{staff}'s fixed shifts alone break a hard rule: {violation}"),
    "min_minutes_unreachable": gettext_noop(
        "{staff} must work at least {need} minutes, but can work at most {most} ({days} days available)"
    ),
    # rule groups named in an infeasibility core
    "rule_hard_cover": gettext_noop("hard cover: at least {need} {role_need} on {date} ({shift})"),
    "rule_day_off": gettext_noop("{staff}: day off on {date}"),
    "rule_unavailable": gettext_noop("{staff}: unavailable on {date}"),
    "rule_fixed": gettext_noop("{staff}: fixed shift {shift} on {date}"),
    "rule_rest": gettext_noop("{staff}: forbidden successions and at least {minutes} minutes of rest between shifts"),
    "rule_successions": gettext_noop("{staff}: forbidden successions"),
    "rule_max_consecutive_work": gettext_noop("{staff}: at most {limit} consecutive work days"),
    "rule_min_consecutive_work": gettext_noop("{staff}: at least {limit} consecutive work days"),
    "rule_min_consecutive_off": gettext_noop("{staff}: at least {limit} consecutive days off"),
    "rule_max_shifts": gettext_noop("{staff}: at most {limit} {shift} shifts"),
    "rule_max_weekends": gettext_noop("{staff}: at most {limit} working weekend(s)"),
    "rule_min_minutes": gettext_noop("{staff}: at least {limit} minutes of work"),
    "rule_max_minutes": gettext_noop("{staff}: at most {limit} minutes of work"),
    # --- penalty breakdown ---
    "p_cover_under": gettext_noop("{date} {shift}: {missing} {role_missing} short ({scheduled} of {need})"),
    "p_cover_over": gettext_noop("{date} {shift}: {surplus} {role_surplus} too many ({scheduled}, at most {limit})"),
    "p_request_on": gettext_noop("{staff} asked to work {what} on {date}"),
    "p_request_off": gettext_noop("{staff} asked not to work {what} on {date}"),
    "p_any_shift": gettext_noop("any shift"),
    # --- summaries (CLI) ---
    "rule_label_cover_under": gettext_noop("cover shortfalls"),
    "rule_label_cover_over": gettext_noop("cover surpluses"),
    "rule_label_request": gettext_noop("requests not granted"),
    "label_status": gettext_noop("status"),
    "label_objective": gettext_noop("penalty (objective)"),
    "label_bound": gettext_noop("best bound"),
    "label_gap": gettext_noop("gap"),
    "label_time": gettext_noop("solver time"),
    "label_first": gettext_noop("first schedule after"),
    "label_solutions": gettext_noop("schedules found"),
    "label_assignments": gettext_noop("assignments"),
    "label_rule": gettext_noop("soft rule"),
    "label_count": gettext_noop("people or requests"),
    "label_penalty": gettext_noop("penalty"),
    "title_summary": gettext_noop("Schedule {start} to {end}: {status}"),
    "title_penalties": gettext_noop("Penalty by soft rule"),
    "title_errors": gettext_noop("The problem file is not valid"),
    "title_explanation": gettext_noop("Why there is no schedule"),
    "solving": gettext_noop("Solving…"),
    "progress": gettext_noop("Solving… schedule {solutions}: penalty {objective}, bound {bound}, {seconds:.1f} s"),
    "cannot_read": gettext_noop("Cannot read {path}: {reason}"),
    "not_json": gettext_noop("{path} is not JSON: {reason}"),
    "written": gettext_noop("Schedule written to {path}"),
    "cli_infeasible": gettext_noop("No schedule: the hard rules cannot all be met."),
    "cli_unknown": gettext_noop("No schedule found within the time limit."),
    "cli_invalid": gettext_noop("The problem file is not valid."),
    "api_invalid": gettext_noop("The schedule problem is not valid."),
}


def say(code: str, **params) -> str:
    """The text for ``code`` in the reader's language, with ``params`` filled in."""
    return _in_language(TEXTS[code]).format(**params)


def role_label(role: str, count: int = 1) -> str:
    """``porter`` / ``porters`` by count; an unknown role is shown as it is."""
    singular, plural = ROLE_LABELS.get(role, (role, role))
    return _in_language(singular if count == 1 else plural)
