"""Every user-facing text of the schedule solver, in one place so that it can be translated later.

The domain cannot call Django's ``gettext``; texts are looked up here by a stable code and
formatted with named parameters (``say("cover_short", ...)``). The API and the CLI print them as
they are; a translated front end can map the same codes to its own catalogue.
"""

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "front_desk": ("front-desk agent", "front-desk agents"),
    "reservations": ("reservations agent", "reservations agents"),
    "concierge": ("concierge", "concierges"),
    "porter": ("porter", "porters"),
    "night_audit": ("night auditor", "night auditors"),
    "manager": ("front-office manager", "front-office managers"),
    "assistant_manager": ("assistant manager", "assistant managers"),
}

TEXTS: dict[str, str] = {
    # --- reading a problem (``ProblemError``) ---
    "problem_invalid": "The schedule problem is not valid: {count} mistake(s).",
    "required": "is required",
    "unknown_field": "unknown field (expected one of: {expected})",
    "not_an_object": "must be an object",
    "not_a_list": "must be a list",
    "not_a_string": "must be a non-empty text of at most {max} characters",
    "not_an_integer": "must be a whole number",
    "not_a_number": "must be a number",
    "not_a_boolean": "must be true or false",
    "out_of_range": "must be between {low} and {high}",
    "not_a_date": "must be a date YYYY-MM-DD",
    "not_a_time": "must be a time HH:MM (00:00 to 23:59; 24:00 allowed as an end)",
    "outside_horizon": "{date} is outside the horizon ({start} to {end})",
    "duplicate_id": "'{id}' is used twice",
    "duplicate_entry": "'{value}' is listed twice",
    "unknown_role": "unknown role '{role}' (roles: {roles})",
    "unknown_shift": "unknown shift type '{shift}'",
    "unknown_staff": "unknown staff member '{staff}'",
    "unknown_contract": "unknown contract '{contract}'",
    "unknown_weekday": "unknown weekday '{day}' (mon, tue, wed, thu, fri, sat, sun)",
    "empty_shift": "a shift cannot start and end at the same time",
    "min_over_max": "the minimum ({low}) is above the maximum ({high})",
    "shift_does_not_serve_role": "shift type '{shift}' does not serve role '{role}'",
    "date_and_weekdays": "give either a date or weekdays, not both",
    "cover_declared_twice": "another cover already sets {shift}/{role} on the same days (covers[{other}])",
    "fixed_twice": "another fixed shift is already on {date} (one shift a day)",
    "role_not_held": "'{staff}' does not hold role '{role}'",
    "no_role_for_shift": "'{staff}' holds no role that shift type '{shift}' serves",
    "too_big": "the problem is too big: {staff} staff × {days} days × {shifts} shift types is above {limit}",
    # --- hard rules (validator) ---
    "v_unknown": "{what} is not in the problem",
    "v_outside_horizon": "{staff} is scheduled on {date}, outside the horizon",
    "v_one_shift_a_day": "{staff} has {count} shifts on {date} (one a day at most)",
    "v_role_not_held": "{staff} works {shift} on {date} as {role}, a role they do not hold",
    "v_role_not_served": "shift {shift} on {date} does not serve role {role} ({staff})",
    "v_day_off": "{staff} works on {date}, a day off",
    "v_unavailable": "{staff} works on {date}, when unavailable",
    "v_fixed_missing": "{staff} should work {shift} on {date} (a fixed shift)",
    "v_succession": "{staff} works {first} on {date} then {second} the next day, a forbidden succession",
    "v_rest": "{staff} rests {rest} minutes between {first} on {date} and {second} on {next_date} "
    "(at least {need} required)",
    "v_max_consecutive_work": "{staff} works {length} days in a row from {date} (at most {limit})",
    "v_min_consecutive_work": "{staff} works only {length} days in a row from {date} (at least {limit})",
    "v_min_consecutive_off": "{staff} has only {length} days off in a row from {date} (at least {limit})",
    "v_max_shifts": "{staff} works {count} {shift} shifts (at most {limit})",
    "v_max_weekends": "{staff} works {count} weekends (at most {limit})",
    "v_min_minutes": "{staff} works {minutes} minutes (at least {limit})",
    "v_max_minutes": "{staff} works {minutes} minutes (at most {limit})",
    "v_hard_cover": "{date} {shift}: {count} {role} scheduled, at least {need} required",
    # --- why there is no schedule (explanation) ---
    "infeasible_precheck": "The hard rules cannot all be met: each requirement below is impossible on its own.",
    "infeasible_core": "The hard rules cannot all be met: the rules below cannot all hold together (relaxing any one "
    "of them removes this conflict).",
    "infeasible_staff": "The hard rules cannot all be met: the rules of {names} cannot hold together, whatever "
    "anyone else does (relax one of each person's rules listed).",
    "infeasible_unexplained": "The hard rules cannot all be met, and no smaller set of conflicting rules was "
    "found within the time limit.",
    "no_solution_in_time": "No schedule was found within the time limit; give the solver more time.",
    "cover_short": "cover of {need} {role_need} on {date} ({shift}): only {available} {role_available} "
    "can work that day{others}",
    "covers_short": "hard covers on {date} ({covers}) need {need} people, but only {available} staff can take "
    "them: {names}",
    "others_cannot": " (not available: {names})",
    "nobody": "nobody",
    "fixed_breaks_rule": "{staff}'s fixed shifts alone break a hard rule: {violation}",
    "min_minutes_unreachable": "{staff} must work at least {need} minutes, but can work at most {most} "
    "({days} days available)",
    # rule groups named in an infeasibility core
    "rule_hard_cover": "hard cover: at least {need} {role_need} on {date} ({shift})",
    "rule_day_off": "{staff}: day off on {date}",
    "rule_unavailable": "{staff}: unavailable on {date}",
    "rule_fixed": "{staff}: fixed shift {shift} on {date}",
    "rule_rest": "{staff}: forbidden successions and at least {minutes} minutes of rest between shifts",
    "rule_successions": "{staff}: forbidden successions",
    "rule_max_consecutive_work": "{staff}: at most {limit} consecutive work days",
    "rule_min_consecutive_work": "{staff}: at least {limit} consecutive work days",
    "rule_min_consecutive_off": "{staff}: at least {limit} consecutive days off",
    "rule_max_shifts": "{staff}: at most {limit} {shift} shifts",
    "rule_max_weekends": "{staff}: at most {limit} working weekend(s)",
    "rule_min_minutes": "{staff}: at least {limit} minutes of work",
    "rule_max_minutes": "{staff}: at most {limit} minutes of work",
    # --- penalty breakdown ---
    "p_cover_under": "{date} {shift}: {missing} {role_missing} short ({scheduled} of {need})",
    "p_cover_over": "{date} {shift}: {surplus} {role_surplus} too many ({scheduled}, at most {limit})",
    "p_request_on": "{staff} asked to work {what} on {date}",
    "p_request_off": "{staff} asked not to work {what} on {date}",
    "p_any_shift": "any shift",
    # --- summaries (CLI) ---
    "rule_label_cover_under": "cover shortfalls",
    "rule_label_cover_over": "cover surpluses",
    "rule_label_request": "requests not granted",
    "label_status": "status",
    "label_objective": "penalty (objective)",
    "label_bound": "best bound",
    "label_gap": "gap",
    "label_time": "solver time",
    "label_first": "first schedule after",
    "label_solutions": "schedules found",
    "label_assignments": "assignments",
    "label_rule": "soft rule",
    "label_count": "people or requests",
    "label_penalty": "penalty",
    "title_summary": "Schedule {start} to {end}: {status}",
    "title_penalties": "Penalty by soft rule",
    "title_errors": "The problem file is not valid",
    "title_explanation": "Why there is no schedule",
    "solving": "Solving…",
    "progress": "Solving… schedule {solutions}: penalty {objective}, bound {bound}, {seconds:.1f} s",
    "cannot_read": "Cannot read {path}: {reason}",
    "not_json": "{path} is not JSON: {reason}",
    "written": "Schedule written to {path}",
    "cli_infeasible": "No schedule: the hard rules cannot all be met.",
    "cli_unknown": "No schedule found within the time limit.",
    "cli_invalid": "The problem file is not valid.",
    "api_invalid": "The schedule problem is not valid.",
}


def say(code: str, **params) -> str:
    """The English text for ``code`` with ``params`` filled in."""
    return TEXTS[code].format(**params)


def role_label(role: str, count: int = 1) -> str:
    """``porter`` / ``porters`` by count; an unknown role is shown as it is."""
    singular, plural = ROLE_LABELS.get(role, (role, role))
    return singular if count == 1 else plural
