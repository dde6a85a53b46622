"""``manage.py seed_demo``: a demo database with a city hotel and a roadside motel.

Run by ``make demo`` after ``migrate``. When the database already holds a property it
only prints the logins. Otherwise it builds, in one transaction, what
``frontoffice.reservations.demo`` describes:

- **CITY**, a 120-room city hotel in Madrid (five room types, rooms on floors 1–8,
  out-of-order and out-of-service periods, plans BAR, NRF, FLEX, CORP, GOV, GRP and
  COMP with seasonal and weekday prices and restrictions, overbooking on a trade fair,
  companies and travel agents) and its whole staff, one user per role;
- **MOTEL**, an 8-room roadside motel run by one person who holds every front-office role;
- twelve months of history and three months of bookings ahead for both, planned in
  memory with a seeded random generator so that no night is sold beyond its rooms (plus
  the allowed overbooking) and no room holds two stays at once, then bulk-inserted with
  their history; every inventory night's ``sold`` is a recount of the stays.

This command only parses its options, shows progress and prints the logins.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontoffice.core.models import Property
from frontoffice.reservations.demo.logins import DEMO_URL, FRONT_OFFICE_ROLES, LOGINS
from frontoffice.reservations.demo.seed import seed_demo


class Command(BaseCommand):
    help = (
        "Fill an empty database with the demo: a 120-room city hotel (CITY) and an 8-room motel (MOTEL) "
        "with their staff, a year of history and three months of bookings ahead. Does nothing but print "
        "the logins when the database already has a property."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months-back", type=int, default=12, help="months of history (default 12)")
        parser.add_argument("--months-ahead", type=int, default=3, help="months of bookings ahead (default 3)")
        parser.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")

    def handle(self, *args, **options):
        console = Console(file=self.stdout)
        if Property.objects.exists():
            console.print("The database already has data: the demo is not seeded again.")
            self._print_logins(console)
            return
        if options["months_back"] < 0 or options["months_ahead"] < 1:
            raise CommandError("--months-back must be 0 or more and --months-ahead at least 1.")
        today = dt.date.today()
        started = timezone.now()
        columns = [TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%")]
        with Progress(*columns, TimeElapsedColumn(), console=console) as progress, transaction.atomic():
            figures = seed_demo(
                today=today,
                months_back=options["months_back"],
                months_ahead=options["months_ahead"],
                seed=options["seed"],
                progress=progress,
            )
        seconds = (timezone.now() - started).total_seconds()
        console.print(
            f"Seeded CITY ({figures['CITY']} reservations) and MOTEL ({figures['MOTEL']}) in {seconds:.1f} s; "
            f"business date {today.isoformat()}; {', '.join(figures['notes'])}."
        )
        self._print_logins(console)

    def _print_logins(self, console: Console) -> None:
        table = Table(title=f"Front Office demo: open {DEMO_URL}")
        table.add_column("username")
        table.add_column("password")
        table.add_column("role")
        table.add_column("properties")
        for login in LOGINS:
            roles = "every front-office role" if set(login.roles) == set(FRONT_OFFICE_ROLES) else ", ".join(login.roles)
            table.add_row(login.username, login.password, roles, ", ".join(login.properties))
        console.print(table)
        console.print(f"Open {DEMO_URL} and sign in with one of the logins above.")
