"""``manage.py import_reservations FILE.csv --property CODE --user USERNAME [--dry-run]``.

Also ``frontoffice import-reservations …``. Imports bookings made elsewhere (another
PMS, a spreadsheet, a group's rooming list) all or nothing. See the command's help and
docs/import-reservations.md for the columns.
"""

import csv
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from frontoffice.core.access import can, property_for
from frontoffice.core.domain.errors import DomainError, InvalidInput, NotFound
from frontoffice.core.models import Property
from frontoffice.guests.services import guest_clean
from frontoffice.rates.models import RatePlan
from frontoffice.reservations.domain.stay import MAX_NIGHTS
from frontoffice.reservations.models import Channel, CustomerType, MarketSegment, Reservation
from frontoffice.reservations.services import MAX_CHILD_AGE, booking_create
from frontoffice.rooms.inventory import inventory_lock
from frontoffice.rooms.models import RoomType

COLUMNS = {
    "confirmation_ref": "the booking's reference where it was made; kept in the notes, refused if already imported",
    "first_name": "guest's first name (required)",
    "last_name": "guest's last name (required)",
    "email": "guest's email; with the names it finds an existing guest profile",
    "phone": "guest's phone, international form preferred (+34 600 000 000)",
    "language": "es or en",
    "nationality": "two-letter country code (ES, GB, …)",
    "room_type": "room type code, e.g. STD (required)",
    "rate_plan": "rate plan code, e.g. BAR (required, active)",
    "arrival": "ISO date YYYY-MM-DD, on or after the business date (required)",
    "departure": "ISO date YYYY-MM-DD, after arrival (required)",
    "adults": "number of adults (default 1)",
    "children_ages": "children's ages separated by semicolons, e.g. 4;9 (empty: no children)",
    "market_segment": f"one of {', '.join(MarketSegment.values)} (default leisure)",
    "channel": f"one of {', '.join(Channel.values)} (default import)",
    "customer_type": f"one of {', '.join(CustomerType.values)} (default transient)",
    "nightly_price": "price per night overriding the loaded rates (needs the price-override right; reason 'import')",
    "special_requests": "free text shown to the desk",
    "notes": "free text, appended to the reference in the reservation's notes",
}
REQUIRED = ("first_name", "last_name", "room_type", "rate_plan", "arrival", "departure")
GUEST_COLUMNS = ("first_name", "last_name", "email", "phone", "language", "nationality")
REF_PREFIX = "External ref: "

HELP = (
    "Import reservations from a CSV file (UTF-8, comma-separated, a header row naming the columns). "
    "Every row is validated first; then all rows are booked in one transaction through the booking "
    "service: restrictions are waived (the bookings were made elsewhere) but inventory still rules. "
    "If any row is refused nothing is imported: a table lists each refused line and why, and the "
    "command exits with status 1. Columns: " + "; ".join(f"{name}: {text}" for name, text in COLUMNS.items()) + "."
)


@dataclass
class Row:
    line: int
    ref: str
    guest: dict
    room_type: RoomType
    rate_plan: RatePlan
    arrival: dt.date
    departure: dt.date
    adults: int
    children_ages: list[int]
    market_segment: str
    channel: str
    customer_type: str
    nightly_price: Decimal | None
    special_requests: str
    notes: str


@dataclass
class Rejection:
    line: int
    ref: str
    reason: str


def _reason(exc: DomainError) -> str:
    details = [e.get("message") for e in exc.errors if isinstance(e, dict) and e.get("message")]
    extra = [d for d in details if d.rstrip(".") not in exc.detail]
    return exc.detail + (f" ({'; '.join(extra)})" if extra else "")


def _date(raw: str, name: str, problems: list[str]) -> dt.date | None:
    if not raw:
        problems.append(f"{name} is required")
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        problems.append(f"{name} {raw!r} is not a date (YYYY-MM-DD)")
        return None


def _int(raw: str, name: str, default: int, problems: list[str]) -> int:
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        problems.append(f"{name} {raw!r} is not a whole number")
        return default


class RowReader:
    """Turns CSV records into bookable rows, or into every reason a row cannot be booked."""

    def __init__(self, *, property: Property, user):
        self.property = property
        self.user = user
        self.room_types = {rt.code: rt for rt in RoomType.objects.filter(property=property)}
        self.plans = {p.code: p for p in RatePlan.objects.filter(property=property)}
        self.refs: dict[str, int] = {}
        self.may_override = can(user, "core.override_price")
        # References of earlier imports: the first line of the notes, "External ref: <ref>".
        earlier = Reservation.objects.filter(property=property, notes__startswith=REF_PREFIX)
        self.imported = {
            notes.split("\n", 1)[0][len(REF_PREFIX) :]: confirmation
            for notes, confirmation in earlier.values_list("notes", "confirmation")
        }

    def read(self, line: int, record: dict[str, str]) -> Row | Rejection:
        problems: list[str] = []
        if record.get(None):
            problems.append("more cells than the header has columns")
        value = {k: (v or "").strip() for k, v in record.items() if k}
        ref = value.get("confirmation_ref", "")
        if ref:
            if ref in self.refs:
                problems.append(f"confirmation_ref {ref} is also on line {self.refs[ref]}")
            else:
                self.refs[ref] = line
                if ref in self.imported:
                    problems.append(f"confirmation_ref {ref} was already imported as {self.imported[ref]}")
        guest = {k: value[k] for k in GUEST_COLUMNS if value.get(k)}
        try:
            guest_clean(dict(guest), today=self.property.business_date)
        except InvalidInput as exc:
            problems += [f"{e.get('field')}: {e.get('message')}" for e in exc.errors]

        room_type = self.room_types.get(value.get("room_type", "").upper())
        if room_type is None:
            known = ", ".join(sorted(self.room_types)) or "none"
            problems.append(f"unknown room type {value.get('room_type', '')!r} (known: {known})")
        rate_plan = self.plans.get(value.get("rate_plan", "").upper())
        if rate_plan is None:
            known = ", ".join(sorted(code for code, p in self.plans.items() if p.active)) or "none"
            problems.append(f"unknown rate plan {value.get('rate_plan', '')!r} (known: {known})")
        elif not rate_plan.active:
            problems.append(f"rate plan {rate_plan.code} is not active")

        arrival = _date(value.get("arrival", ""), "arrival", problems)
        departure = _date(value.get("departure", ""), "departure", problems)
        if arrival and departure:
            if departure <= arrival:
                problems.append("departure must be after arrival")
            elif (departure - arrival).days > MAX_NIGHTS:
                problems.append(f"a stay cannot be longer than {MAX_NIGHTS} nights")
        if arrival and arrival < self.property.business_date:
            problems.append(f"arrival {arrival.isoformat()} is before the business date")

        adults = _int(value.get("adults", ""), "adults", 1, problems)
        if adults < 1:
            problems.append("at least one adult")
        ages: list[int] = []
        for part in value.get("children_ages", "").replace(",", ";").split(";"):
            if part.strip():
                age = _int(part.strip(), "child's age", -1, problems)
                if not 0 <= age <= MAX_CHILD_AGE:
                    problems.append(f"children's ages go from 0 to {MAX_CHILD_AGE}, not {part.strip()}")
                ages.append(age)
        if room_type and adults + len(ages) > room_type.max_occupancy:
            problems.append(f"{room_type.code} sleeps at most {room_type.max_occupancy}")

        choices = {}
        for name, enum, default in (
            ("market_segment", MarketSegment, MarketSegment.LEISURE),
            ("channel", Channel, Channel.IMPORT),
            ("customer_type", CustomerType, CustomerType.TRANSIENT),
        ):
            choices[name] = value.get(name, "").lower() or default.value
            if choices[name] not in enum.values:
                problems.append(f"{name} {value.get(name)!r} is not one of {', '.join(enum.values)}")

        price = None
        if value.get("nightly_price"):
            try:
                price = Decimal(value["nightly_price"].replace(",", "."))
                if not price.is_finite() or price < 0 or price != price.quantize(Decimal("0.01")):
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(f"nightly_price {value['nightly_price']!r} is not an amount such as 89.50")
                price = None
            if price is not None and not self.may_override:
                problems.append("nightly_price needs the right to override prices (a front-office manager)")

        if problems:
            return Rejection(line, ref, "; ".join(problems))
        notes = f"{REF_PREFIX}{ref}" if ref else ""
        if value.get("notes"):
            notes = f"{notes}\n{value['notes']}" if notes else value["notes"]
        return Row(
            line=line,
            ref=ref,
            guest=guest,
            room_type=room_type,
            rate_plan=rate_plan,
            arrival=arrival,
            departure=departure,
            adults=adults,
            children_ages=ages,
            market_segment=choices["market_segment"],
            channel=choices["channel"],
            customer_type=choices["customer_type"],
            nightly_price=price,
            special_requests=value.get("special_requests", ""),
            notes=notes,
        )


class Command(BaseCommand):
    help = HELP

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV file (UTF-8) with a header row")
        parser.add_argument("--property", required=True, help="code of the property, e.g. CITY")
        parser.add_argument("--user", required=True, help="username the bookings are made as (audit trail)")
        parser.add_argument("--dry-run", action="store_true", help="check and book everything, then roll back")

    def handle(self, *args, file: str, property: str, user: str, dry_run: bool, **options):
        console = Console(file=self.stdout, width=None if self.stdout.isatty() else 160)
        actor = get_user_model().objects.filter(username=user, is_active=True).first()
        if actor is None:
            raise CommandError(f"There is no active user named {user!r}.")
        try:
            prop = property_for(actor, property)
        except NotFound:
            raise CommandError(f"User {user} does not work in a property {property!r}.") from None
        if not (can(actor, "core.import_reservations") and can(actor, "core.book")):
            raise CommandError(f"User {user}'s role may not import reservations.")
        records = self._records(Path(file))

        reader = RowReader(property=prop, user=actor)
        checked = [reader.read(line, record) for line, record in records]
        rejected = [r for r in checked if isinstance(r, Rejection)]
        if rejected:
            self._refuse(console, rejected, len(checked), "Rows that failed validation")

        rows = [r for r in checked if isinstance(r, Row)]
        booked: list[tuple[Row, list[Reservation]]] = []
        columns = [TextColumn("Booking"), BarColumn(), MofNCompleteColumn()]
        with transaction.atomic():
            # Lock every night the file needs up front, in the one order all writers use, so the
            # import neither deadlocks with the desk nor loses a room to it half-way through.
            inventory_lock(property_id=prop.pk, stays=[(r.room_type.pk, r.arrival, r.departure) for r in rows])
            with Progress(*columns, console=console, transient=True) as progress:
                task = progress.add_task("book", total=len(rows))
                for row in rows:
                    try:
                        booked.append((row, self._book(prop, actor, row)))
                    except DomainError as exc:
                        rejected.append(Rejection(row.line, row.ref, _reason(exc)))
                    progress.advance(task)
            if rejected:
                transaction.set_rollback(True)
                self._refuse(console, rejected, len(rows), "Rows that could not be booked")
            if dry_run:
                transaction.set_rollback(True)
        self._report(console, booked, dry_run)

    def _records(self, path: Path) -> list[tuple[int, dict[str, str]]]:
        try:
            handle = path.open(newline="", encoding="utf-8-sig")
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}.") from None
        with handle:
            try:
                reader = csv.DictReader(handle)
                header = [h.strip() for h in (reader.fieldnames or [])]
                reader.fieldnames = header
                missing = [c for c in REQUIRED if c not in header]
                unknown = [c for c in header if c and c not in COLUMNS]
                if missing or unknown:
                    parts = []
                    if missing:
                        parts.append(f"missing column(s) {', '.join(missing)}")
                    if unknown:
                        parts.append(f"unknown column(s) {', '.join(unknown)}")
                    raise CommandError(f"{path}: {'; '.join(parts)}. See --help for the columns.")
                records = []
                start = reader.line_num + 1
                for record in reader:
                    records.append((start, record))
                    start = reader.line_num + 1
            except (csv.Error, UnicodeDecodeError) as exc:
                raise CommandError(f"{path} is not a readable UTF-8 CSV file: {exc}") from None
        if not records:
            raise CommandError(f"{path} has no rows to import.")
        return records

    def _book(self, prop: Property, actor, row: Row) -> list[Reservation]:
        return booking_create(
            property=prop,
            actor=actor,
            guest=dict(row.guest),
            room_type=row.room_type,
            rate_plan=row.rate_plan,
            arrival=row.arrival,
            departure=row.departure,
            adults=row.adults,
            children_ages=row.children_ages,
            market_segment=row.market_segment,
            channel=row.channel,
            customer_type=row.customer_type,
            special_requests=row.special_requests,
            notes=row.notes,
            nightly_price=row.nightly_price,
            override_reason="import" if row.nightly_price is not None else "",
            check_restrictions=False,
        )

    def _refuse(self, console: Console, rejected: list[Rejection], total: int, title: str) -> None:
        table = Table(title=title)
        table.add_column("line", justify="right")
        table.add_column("ref")
        table.add_column("reason")
        for r in sorted(rejected, key=lambda r: r.line):
            table.add_row(str(r.line), r.ref, r.reason)
        console.print(table)
        raise CommandError(f"{len(rejected)} of {total} rows refused; nothing was imported.")

    def _report(self, console: Console, booked: list[tuple[Row, list[Reservation]]], dry_run: bool) -> None:
        table = Table(title="Would be imported (dry run: nothing was saved)" if dry_run else "Imported")
        for name in ("line", "ref", "confirmation", "guest", "room", "arrival", "nights", "total"):
            table.add_column(name, justify="right" if name in ("line", "nights", "total") else "left")
        shown = booked[:50]
        for row, reservations in shown:
            res = reservations[0]
            table.add_row(
                str(row.line),
                row.ref,
                "" if dry_run else res.confirmation,
                f"{row.guest.get('first_name', '')} {row.guest.get('last_name', '')}",
                row.room_type.code,
                row.arrival.isoformat(),
                str(res.nights),
                str(res.total),
            )
        console.print(table)
        more = f" ({len(booked) - len(shown)} not shown)" if len(booked) > len(shown) else ""
        verb = "would be imported" if dry_run else "imported"
        console.print(f"{len(booked)} bookings {verb}{more}.")
