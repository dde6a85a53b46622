"""``frontoffice night-audit --property CODE --user USERNAME``: close a property's business date.

Meant for cron, after midnight: ``--date`` names the date the job expects to close, so a second
run finds it closed and exits quietly (status 0). Blocking pre-checks stop the audit (status 1)
unless overridden with ``--override CODE=REASON``; ``--early`` closes the date before midnight.
The user (``--user`` or ``FRONTOFFICE_AUDIT_USER``) must hold the night audit permission.
"""

import datetime as dt
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.table import Table

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.models import Property
from frontoffice.nightaudit.services import night_audit_run

STEPS = ["prechecks", "no_shows", "room_and_tax", "rooms_dirty", "statistics", "reports", "business_date"]


class Command(BaseCommand):
    help = "Close a property's business date (the night audit)."

    def add_arguments(self, parser):
        parser.add_argument("--property", required=True, help="Property code")
        parser.add_argument("--user", default=os.environ.get("FRONTOFFICE_AUDIT_USER"), help="Who closes the day")
        parser.add_argument("--date", type=dt.date.fromisoformat, help="The business date expected to close")
        parser.add_argument(
            "--override", action="append", default=[], metavar="CODE=REASON", help="Go ahead over a blocking check"
        )
        parser.add_argument("--early", action="store_true", help="Close the date before midnight")

    def handle(self, *args, **opts):
        console = Console(file=self.stdout, highlight=False)
        prop = Property.objects.filter(code=opts["property"]).first()
        if prop is None:
            raise CommandError(f"No property {opts['property']}.")
        if not opts["user"]:
            raise CommandError("Say who closes the day: --user USERNAME (or FRONTOFFICE_AUDIT_USER).")
        user = get_user_model().objects.filter(username=opts["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {opts['user']}.")
        overrides = {}
        for item in opts["override"]:
            code, sep, reason = item.partition("=")
            if not sep or not reason.strip():
                raise CommandError(f"--override wants CODE=REASON, not {item!r}.")
            overrides[code.strip()] = reason.strip()

        done = []

        def on_step(code, detail):
            done.append((code, detail))
            console.print(f"[{len(done)}/{len(STEPS)}] {code}")

        try:
            audit = night_audit_run(
                property=prop, actor=user, date=opts["date"], overrides=overrides, early=opts["early"], on_step=on_step
            )
        except DomainError as refused:
            if refused.code == "already_closed":
                console.print(f"{prop.code}: {refused.detail}")
                return
            console.print(f"[bold red]{prop.code}: {refused.detail}[/]")
            for error in refused.errors:
                items = ", ".join(error.get("items", [])[:10])
                console.print(f"  {error.get('code')}: {error.get('count')} — {items}")
            raise CommandError(refused.detail) from None
        table = Table(title=f"{prop.code}: {audit.business_date.isoformat()} closed")
        table.add_column("step")
        table.add_column("result")
        for step in audit.steps:
            detail = {k: v for k, v in step.items() if k != "step"}
            table.add_row(step["step"], ", ".join(f"{k}={v}" for k, v in detail.items()))
        console.print(table)
