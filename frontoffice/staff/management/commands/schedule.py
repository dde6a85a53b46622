"""``frontoffice schedule solve PROBLEM.json [--out SCHEDULE.json] [--time-limit S] [--workers N]``.

Reads a schedule problem (the JSON format of docs/scheduling.md; ``-`` reads standard input),
solves it and writes the schedule with its penalty breakdown as JSON to ``--out`` (standard output
when not given). A short summary goes to standard error: status, penalty, gap, time and the penalty
of each soft rule — or why there is no schedule.

Exit status: 0 a schedule was found (optimal or not); 1 the problem file cannot be read or is not
valid (each mistake is listed with its field); 2 the hard rules cannot all be met (explained; the
JSON is written all the same); 3 no schedule was found within the time limit.
"""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from frontoffice.staff.domain.messages import say
from frontoffice.staff.domain.problem import Problem, ProblemError, problem_from_json
from frontoffice.staff.domain.schedule import SOFT_RULES, Schedule, Status, schedule_as_json
from frontoffice.staff.domain.solver import solve

EXIT_INVALID, EXIT_INFEASIBLE, EXIT_NO_SCHEDULE_IN_TIME = 1, 2, 3


def positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise ValueError(text)
    return value


class Command(BaseCommand):
    help = "Staff schedules: solve a schedule problem given as JSON (see docs/scheduling.md)."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        solving = actions.add_parser("solve", help="solve PROBLEM.json and write the schedule as JSON")
        solving.add_argument("problem", help="the problem file (JSON); - for standard input")
        solving.add_argument("--out", help="write the schedule here instead of standard output")
        solving.add_argument("--time-limit", type=positive, help="seconds (default: the problem's time_limit_seconds)")
        solving.add_argument("--workers", type=int, help="solver threads (default: one per core, 3 to 8)")

    def handle(self, *args, **options):
        console = Console(file=self.stderr, highlight=False)
        problem = self.read(options["problem"], console)
        with console.status(say("solving")) as status:

            def progress(p):
                status.update(
                    say(
                        "progress",
                        solutions=p.solutions,
                        objective=p.objective,
                        bound=round(p.best_bound),
                        seconds=p.seconds,
                    )
                )

            schedule = solve(
                problem, time_limit=options["time_limit"], workers=options["workers"], on_solution=progress
            )
        text = json.dumps(schedule_as_json(schedule), indent=2, ensure_ascii=False) + "\n"
        if options["out"]:
            Path(options["out"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
        self.summary(console, problem, schedule)
        if options["out"]:
            console.print(say("written", path=options["out"]))
        if schedule.status == Status.INFEASIBLE:
            raise CommandError(say("cli_infeasible"), returncode=EXIT_INFEASIBLE)
        if not schedule.found:
            raise CommandError(say("cli_unknown"), returncode=EXIT_NO_SCHEDULE_IN_TIME)

    def read(self, path: str, console: Console) -> Problem:
        try:
            raw = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as failed:
            raise CommandError(say("cannot_read", path=path, reason=failed), returncode=EXIT_INVALID) from None
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as failed:
            raise CommandError(say("not_json", path=path, reason=failed), returncode=EXIT_INVALID) from None
        try:
            return problem_from_json(data)
        except ProblemError as refused:
            console.print(say("title_errors"), style="bold", markup=False)
            table = Table()
            table.add_column("field")
            table.add_column("message")
            for error in refused.errors:
                table.add_row(escape(error["path"] or "(problem)"), escape(error["message"]))
            console.print(table)
            raise CommandError(say("cli_invalid"), returncode=EXIT_INVALID) from None

    def summary(self, console: Console, problem: Problem, schedule: Schedule) -> None:
        horizon = problem.horizon
        console.print(
            say("title_summary", start=horizon.start, end=horizon.end, status=schedule.status.value),
            style="bold",
            markup=False,
        )
        table = Table(show_header=False)
        table.add_column()
        table.add_column(justify="right")
        table.add_row(say("label_status"), schedule.status.value)
        if schedule.found:
            table.add_row(say("label_objective"), str(schedule.objective))
            table.add_row(say("label_bound"), f"{schedule.best_bound:g}")
            table.add_row(say("label_gap"), f"{schedule.gap:.1%}")
            table.add_row(say("label_assignments"), str(len(schedule.assignments)))
        table.add_row(say("label_time"), f"{schedule.wall_seconds:.2f} s")
        if schedule.first_solution_seconds is not None:
            table.add_row(say("label_first"), f"{schedule.first_solution_seconds:.2f} s")
            table.add_row(say("label_solutions"), str(schedule.solutions))
        console.print(table)
        if schedule.penalties is not None:
            console.print(say("title_penalties"), style="bold", markup=False)
            rules = Table()
            rules.add_column(say("label_rule"))
            rules.add_column(say("label_count"), justify="right")
            rules.add_column(say("label_penalty"), justify="right")
            by_rule = schedule.penalties.by_rule()
            for rule in SOFT_RULES:
                rules.add_row(say(f"rule_label_{rule}"), str(by_rule[rule]["units"]), str(by_rule[rule]["penalty"]))
            console.print(rules)
        if schedule.explanation is not None:
            console.print(
                f"[bold]{say('title_explanation')}[/bold]: {escape(schedule.explanation.summary)}", soft_wrap=True
            )
            for finding in schedule.explanation.findings:
                console.print(f"  • {escape(finding.message)}", soft_wrap=True)
