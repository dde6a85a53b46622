"""``python -m benchmarks.run --database sqlite|postgres [--rebuild]``: what ``make bench`` runs.

The benchmark owns its database: a SQLite file ``var/bench/bench.sqlite3``, or on
PostgreSQL a database ``frontoffice_bench`` created (and dropped on ``--rebuild``) next to
the one ``DATABASE_URL`` names. The first run builds a 500-room property with four
years of daily rates and more than 200,000 reservations over three years (planned by the
demo's ``BookingPlanner`` and bulk-inserted, inventory ``sold`` checked by a recount); later
runs reuse it when it is complete.

Measured, each beside its floor (the least work the database must do for the question):

1. availability: ``availability_get`` and ``GET /api/v1/properties/{code}/availability``
   against one SQL query returning, per room type, the fewest rooms free over the nights
   and the sum of the BAR prices;
2. bookings through ``reservation_create`` in one process against a raw-SQL booking
   (conditional inventory update, reservation and nightly rows, one transaction);
3. PostgreSQL only: 32 threads, each with its own connection, racing for a 10-room type
   on the same three nights;
4. charges through ``folio_post_charge`` and ``POST /api/v1/properties/{code}/folios/{id}/postings``,
   spread over the folios of 200 in-house stays and on one hot folio, against a raw INSERT of
   the same posting row (on PostgreSQL also behind the service's ``SELECT … FOR UPDATE``);
5. the folio screen of a 30-night stay with 300 postings: the front desk's page and
   ``GET /api/v1/properties/{code}/reservations/{confirmation}/folios``, time and SQL queries,
   against the one SQL query that reads those postings;
7. the arrivals page for 400 arrivals on one date (``/front-desk/arrivals/``, ``GET …/arrivals``
   and the ``desk_list`` selector), time and SQL queries, against the one SQL query that reads
   those arrivals;
8. the night audit of a 1,000-room hotel at 90 % occupancy with routing (``benchmarks.night_audit``),
   against a bulk insert of as many postings;
9. the KPI report by day over three years and the journal of a year (``benchmarks.back_office``),
   against one SQL query reading their rows;
10. SQLite run only (the solver does not touch the database): a 40-person, 28-day, 4-shift-type
    staff schedule with every rule type (``benchmarks.schedule``): time to the first schedule, to
    optimal or the gap at the time limit, the penalty, and the validator's check.

Postings cannot be deleted, so the cashiering benchmarks leave theirs behind: the spread
folios grow a little every run, each run posts to new hot (house) folios, and the folio
screen's stay is booked once (outside the write window) and reused.

Afterwards every inventory row is checked: no oversell (``sold`` above sellable plus the
allowed overbooking) and ``sold`` equal to a recount of the stays holding it. The run
exits non-zero if either check fails. Results are printed as tables and written as
JSON to ``var/bench/<database>-<timestamp>.json``.
"""

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import statistics
import sys
import threading
import time
import urllib.parse
from decimal import Decimal
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from benchmarks.back_office import bench_journal, bench_kpis
from benchmarks.night_audit import bench_night_audit
from benchmarks.schedule import bench_schedule

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PG_NAME = "frontoffice_bench"
CODE = "BENCH"
DATA_VERSION = "bench-data-v1"
MIN_RESERVATIONS = 200_000
# Room types: code, rooms, base, max occupancy, BAR on a business-week night, share of demand.
TYPES = [
    ("STD", 250, 2, 3, 110, 0.50),
    ("SUP", 120, 2, 3, 140, 0.24),
    ("DLX", 60, 2, 3, 175, 0.12),
    ("JRS", 30, 2, 4, 240, 0.06),
    ("FAM", 30, 2, 4, 190, 0.06),
    ("SCR", 10, 2, 2, 300, 0.02),  # the scarce type the race fights over
]
HISTORY_DAYS = 912  # two and a half years back ...
AHEAD_DAYS = 183  # ... and half a year ahead: three years of reservations
RATES_AHEAD_DAYS = 760  # prices for the far-future window the write benchmarks book in
WRITE_WINDOW = 400  # days after the business date where write benchmarks start
console = Console()


# --------------------------------------------------------------------------------------
# The database
# --------------------------------------------------------------------------------------


_SERVER_URL: list[str] = []  # the DATABASE_URL we were given: the server's maintenance database


def _pg_urls() -> tuple[str, str]:
    if not _SERVER_URL:
        _SERVER_URL.append(os.environ.get("DATABASE_URL", ""))
    base = _SERVER_URL[0]
    if not base.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database postgres needs DATABASE_URL (run it through scripts/with-postgres.sh)")
    parts = urllib.parse.urlsplit(base)
    return base, urllib.parse.urlunsplit(parts._replace(path="/" + PG_NAME))


def _pg_recreate(drop: bool) -> None:
    import psycopg

    base, _ = _pg_urls()
    with psycopg.connect(base, autocommit=True) as conn:
        if drop:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [PG_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{PG_NAME}"')


def _sqlite_path() -> Path:
    return BENCH_DIR / "bench.sqlite3"


def _sqlite_remove() -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(_sqlite_path()) + suffix).unlink(missing_ok=True)


def configure(database: str, rebuild: bool) -> None:
    """Point Django at the benchmark's own database, then set Django up and migrate."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    os.environ["FRONTOFFICE_ENV"] = "test"
    os.environ["DJANGO_SETTINGS_MODULE"] = "frontoffice.config.settings"
    if database == "sqlite":
        if rebuild:
            _sqlite_remove()
        os.environ["DATABASE_URL"] = f"sqlite:///{_sqlite_path()}"
    else:
        _pg_recreate(drop=rebuild)
        os.environ["DATABASE_URL"] = _pg_urls()[1]
    import django

    django.setup()
    _migrate()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def reset_database(database: str) -> None:
    """Throw away an incomplete or outdated benchmark database and start from an empty one."""
    from django.db import connections

    connections.close_all()
    if database == "sqlite":
        _sqlite_remove()
    else:
        _pg_recreate(drop=True)
    _migrate()


# --------------------------------------------------------------------------------------
# Building the data
# --------------------------------------------------------------------------------------


# ``rate_plan_create`` arguments by code, in order; ``parent`` names a plan above.
PLANS = {
    "BAR": dict(name="Best available rate", meal_plan="BB", cancellation_free_hours=48, guarantee="card", sort_order=1),
    "NRF": dict(
        name="Non-refundable", parent="BAR", derive_percent=Decimal("-10"), meal_plan="BB", refundable=False,
        cancellation_penalty="whole_stay", guarantee="deposit", deposit_percent=Decimal("100"), sort_order=2,
    ),
    "FLEX": dict(
        name="Flexible room only", parent="BAR", derive_amount=Decimal("-15"), meal_plan="RO",
        cancellation_free_hours=24, sort_order=3,
    ),
    "CORP": dict(name="Corporate", meal_plan="RO", cancellation_free_hours=24, sort_order=4),
}  # fmt: skip
CORPORATE_SHARE = 0.85  # the corporate plan's price, of a business-week BAR in the shoulder season


def build(database: str) -> dict:
    """Build the benchmark property in one transaction; returns what was built."""
    from django.contrib.auth.models import Group, User
    from django.db import connection, transaction

    from frontoffice.core.models import Membership, Property
    from frontoffice.core.services import property_create
    from frontoffice.rates.models import DailyRate
    from frontoffice.reservations.demo.bookings import planner_for
    from frontoffice.reservations.demo.building import WEEKEND_PRICE, rate_plans_create, rate_values
    from frontoffice.reservations.demo.bulk import bulk_insert
    from frontoffice.reservations.demo.demand import Profile, Segment
    from frontoffice.reservations.demo.offer import RoomSlot, TypeModel, plan_models
    from frontoffice.reservations.demo.seasons import CITY_OCCUPANCY, CITY_PRICE_FACTOR, WEEKDAY_NIGHTS, city_season
    from frontoffice.reservations.demo.writing import inventory_recount, write_plan
    from frontoffice.rooms.models import InventoryNight, Room
    from frontoffice.rooms.services import room_create, room_type_create

    started = time.perf_counter()
    today = dt.date.today()
    start = today - dt.timedelta(days=HISTORY_DAYS)
    end = today + dt.timedelta(days=AHEAD_DAYS)
    rates_end = today + dt.timedelta(days=RATES_AHEAD_DAYS)
    figures: dict = {}
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # a page cache big enough for the indexes being filled
            cursor.execute("PRAGMA cache_size = -262144")
    with Progress(*columns, console=console) as progress, transaction.atomic():
        setup = progress.add_task("Property, rooms, plans, rates", total=4)
        admin = User.objects.create_user("bench-admin", password="bench-admin")
        admin.groups.add(Group.objects.get(name="administrator"))
        admin = User.objects.get(pk=admin.pk)
        agent = User.objects.create_user("bench-agent", password="bench-agent")
        agent.groups.add(Group.objects.get(name="reservations_agent"))
        prop = property_create(
            actor=admin,
            data={
                "code": CODE,
                "name": "Benchmark Grand Hotel (building)",
                "timezone": "Europe/Madrid",
                "currency": "EUR",
                "business_date": today,
                "vat_rate": Decimal("10.00"),
                "prices_include_vat": True,
                "city_tax_per_night": Decimal("2.00"),
                "city_tax_exempt_under_age": 16,
                "city_tax_max_nights": 7,
            },
        )
        Membership.objects.create(user=agent, property=prop)
        room_types = {}
        number = 0
        for order, (code, rooms, base, top, _, _) in enumerate(TYPES):
            rt = room_type_create(
                property=prop,
                actor=admin,
                code=code,
                name_en=f"{code} room",
                base_occupancy=base,
                max_occupancy=top,
                sort_order=order,
            )
            room_types[code] = rt
            for _ in range(rooms):
                floor, door = divmod(number, 25)
                number += 1
                room_create(property=prop, actor=admin, number=str((floor + 1) * 100 + door + 1), room_type=rt)
        progress.advance(setup)
        plans_made = rate_plans_create(property=prop, actor=admin, specs=PLANS)
        bar, corp = plans_made["BAR"], plans_made["CORP"]
        progress.advance(setup)
        # Four years of prices, straight in: the rates service loads at most two years per call.
        days = [start + dt.timedelta(days=i) for i in range((rates_end - start).days + 1)]
        rate_rows = []
        for code, _, _, _, price, _ in TYPES:
            rt = room_types[code]
            for day in days:
                weekly = 1.0 if day.isoweekday() in WEEKDAY_NIGHTS else WEEKEND_PRICE
                by_plan = (
                    (bar, rate_values(price, CITY_PRICE_FACTOR[city_season(day)], weekly)),
                    (corp, rate_values(price, CORPORATE_SHARE)),
                )
                for rate_plan, values in by_plan:
                    rate_rows.append((prop.pk, rt.pk, rate_plan.pk, day, *values.values()))
        figures["daily_rates"] = bulk_insert(
            DailyRate,
            ["property_id", "room_type_id", "rate_plan_id", "date", "price", "extra_adult", "child"],
            rate_rows,
        )
        progress.advance(setup)
        horizon = (end - start).days + 9
        rooms_by_type: dict[int, list[RoomSlot]] = {rt.pk: [] for rt in room_types.values()}
        for room_id, rt_id in Room.objects.filter(property=prop).values_list("id", "room_type_id"):
            rooms_by_type[rt_id].append(RoomSlot(room_id))
        types = [
            TypeModel(
                id=room_types[code].pk,
                code=code,
                base_occupancy=base,
                max_occupancy=top,
                weight=weight,
                sellable=[rooms] * horizon,
                capacity=[rooms] * horizon,
                rooms=rooms_by_type[room_types[code].pk],
            )
            for code, rooms, base, top, _, weight in TYPES
        ]
        plans = plan_models(
            property=prop,
            room_types=list(room_types.values()),
            start=start,
            horizon=horizon,
            cancel_rates={"BAR": 0.24, "FLEX": 0.22, "CORP": 0.18, "NRF": 0.03},
        )
        progress.advance(setup)

        def occupancy(day: dt.date) -> float:
            target = CITY_OCCUPANCY[city_season(day)] + 0.05
            return min(target * (1.06 if day.isoweekday() in (7, 1, 2, 3, 4) else 0.9), 0.97)

        profile = Profile(
            occupancy=occupancy,
            los=[0.45, 0.30, 0.13, 0.06, 0.03, 0.015, 0.015],
            nationalities={"ES": 0.5, "GB": 0.1, "US": 0.1, "FR": 0.1, "DE": 0.1, "IT": 0.1},
            repeat_share=0.4,
            segments=[
                Segment(
                    "leisure", weekday_weight=0.45, weekend_weight=0.8, plans={"BAR": 0.5, "NRF": 0.35, "FLEX": 0.15},
                    channels={"ota": 0.5, "website": 0.3, "phone": 0.1, "travel_agent": 0.1}, solo_share=0.2,
                    lead_mean=28, long_lead=0.2,
                ),
                Segment(
                    "corporate", weekday_weight=0.5, weekend_weight=0.15, plans={"CORP": 0.8, "BAR": 0.2},
                    channels={"gds": 0.5, "email": 0.3, "website": 0.2}, contract_plans=frozenset({"CORP"}),
                    solo_share=0.85, lead_mean=16, long_lead=0.05,
                ),
                Segment(
                    "group", weekday_weight=0.02, weekend_weight=0.03, plans={"BAR": 1.0}, channels={"email": 1.0},
                    customer_type="group", group_rooms=(5, 15), same_day=0.0, lead_mean=45, long_lead=0.5,
                    tentative_share=0.4,
                ),
            ],
        )  # fmt: skip
        planning = progress.add_task("Planning reservations (days)", total=(end - start).days)
        gc.disable()  # hundreds of thousands of long-lived objects: no point scanning them
        try:
            planner = planner_for(
                prop,
                rng=random.Random(20240601),
                today=today,
                start=start,
                end=end,
                types=types,
                plans=plans,
                profile=profile,
            )
            plan = planner.plan(lambda n: progress.advance(planning, n))
            writing = progress.add_task("Writing guests, reservations, nights", total=1)
            figures["reservations"] = write_plan(prop, plan)
            figures["guests"] = len(plan.guests)
            figures["reservation_nights"] = sum(len(s.nights) for s in plan.stays)
            progress.advance(writing)
        finally:
            gc.enable()
        counting = progress.add_task("Inventory: sold = recount", total=1)
        inventory = []
        for code, rooms, *_ in TYPES:
            rt_id = room_types[code].pk
            planned = plan.sold[rt_id]
            for i in range(horizon):
                sold = planned[i] if i < len(planned) else 0
                inventory.append((prop.pk, rt_id, start + dt.timedelta(days=i), rooms, 0, sold, 0))
        figures["inventory_rows"] = bulk_insert(
            InventoryNight, ["property_id", "room_type_id", "date", "physical", "out_of_order", "sold", "overbooking"],
            inventory,
        )  # fmt: skip
        # The planner's counts must be what the stays hold: a recount corrects nothing.
        corrected = inventory_recount(prop)
        if corrected:
            raise RuntimeError(f"planner and recount disagree on {corrected} inventory nights")
        Property.objects.filter(pk=prop.pk).update(
            name="Benchmark Grand Hotel", address=f"{DATA_VERSION};{figures['reservations']}"
        )
        progress.advance(counting)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    figures["rooms"] = sum(t[1] for t in TYPES)
    figures["room_types"] = len(TYPES)
    figures["build_seconds"] = round(time.perf_counter() - started, 1)
    return figures


def ensure_data(database: str) -> dict:
    """Reuse a complete benchmark database, or build one."""
    from frontoffice.core.models import Property
    from frontoffice.rates.models import DailyRate
    from frontoffice.reservations.models import Reservation, ReservationNight
    from frontoffice.rooms.models import InventoryNight, Room

    prop = Property.objects.filter(code=CODE).first()
    if prop is not None and prop.address.startswith(DATA_VERSION + ";"):
        console.print(f"Reusing the benchmark data in {database} (built for {prop.business_date}; --rebuild to redo).")
        window = prop.business_date + dt.timedelta(days=WRITE_WINDOW)  # what earlier write benchmarks added
        built = Reservation.objects.filter(property=prop, arrival__lt=window).exclude(notes=SCREEN_NOTE)
        return {
            "reused": True,
            "rooms": Room.objects.filter(property=prop).count(),
            "room_types": len(TYPES),
            "reservations": built.count(),
            "reservation_nights": ReservationNight.objects.filter(reservation__in=built).count(),
            "inventory_rows": InventoryNight.objects.filter(property=prop, date__lt=window).count(),
            "daily_rates": DailyRate.objects.filter(property=prop).count(),
        }
    if prop is not None or Property.objects.exists():
        console.print("The benchmark database is incomplete or outdated: rebuilding it.")
        reset_database(database)
    console.print(f"Building the benchmark data in {database} (once; later runs reuse it)…")
    figures = build(database)
    if figures["reservations"] < MIN_RESERVATIONS:
        console.print(f"[yellow]Only {figures['reservations']} reservations were planned.[/yellow]")
    return {"reused": False, **figures}


# --------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def summary(times: list[float]) -> dict:
    return {"n": len(times), "median_ms": ms(statistics.median(times)), "p99_ms": ms(percentile(times, 99))}


def floor_sql() -> str:
    from frontoffice.rates.models import DailyRate
    from frontoffice.rooms.models import InventoryNight

    inventory = InventoryNight._meta.db_table
    rates = DailyRate._meta.db_table
    return (
        f"SELECT i.room_type_id, MIN(i.physical - i.out_of_order - i.sold), SUM(r.price) "  # noqa: S608
        f"FROM {inventory} i JOIN {rates} r "
        f"ON r.room_type_id = i.room_type_id AND r.date = i.date AND r.rate_plan_id = %s "
        f"WHERE i.property_id = %s AND i.date >= %s AND i.date < %s GROUP BY i.room_type_id"
    )


def bench_availability(searches: int) -> dict:
    """Service, API and SQL floor for the same random searches, interleaved."""
    from django.db import connection
    from django.test import Client

    from frontoffice.core.models import Property
    from frontoffice.core.tokens import api_token_create
    from frontoffice.rates.models import RatePlan
    from frontoffice.reservations.selectors import availability_get
    from frontoffice.rooms.models import InventoryNight

    prop = Property.objects.get(code=CODE)
    agent = prop.memberships.get(user__username="bench-agent").user
    _, token = api_token_create(user=agent, name="benchmark")
    bar_id = RatePlan.objects.get(property=prop, code="BAR").pk
    dates = InventoryNight.objects.filter(property=prop).order_by("date").values_list("date", flat=True)
    first, last = dates.first(), dates.last() - dt.timedelta(days=7)
    rng = random.Random(300)
    queries = [
        (first + dt.timedelta(days=rng.randrange((last - first).days)), rng.randint(1, 7), rng.randint(1, 3))
        for _ in range(searches)
    ]
    client = Client()
    url = f"/api/v1/properties/{CODE}/availability"
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    sql = floor_sql()

    def service(arrival, nights, adults):
        return availability_get(
            property=prop, arrival=arrival, departure=arrival + dt.timedelta(days=nights), adults=adults,
            children_ages=[],
        )  # fmt: skip

    def api(arrival, nights, adults):
        params = {"arrival": arrival.isoformat(), "departure": (arrival + dt.timedelta(days=nights)).isoformat()}
        response = client.get(url, {**params, "adults": adults}, **auth)
        if response.status_code != 200:
            raise RuntimeError(f"API answered {response.status_code}: {response.content[:200]!r}")
        return response

    def floor(arrival, nights, adults):
        with connection.cursor() as cursor:
            cursor.execute(sql, [bar_id, prop.pk, arrival, arrival + dt.timedelta(days=nights)])
            return cursor.fetchall()

    # The floor answers the same question: check it against the service once.
    arrival, nights, _ = queries[0]
    by_type = {r.room_type.pk: r.result for r in service(arrival, nights, 2)}
    for rt_id, free, bar_total in floor(arrival, nights, 2):
        result = by_type[rt_id]
        bar = next(o for o in result.rates if o.plan_code == "BAR")
        if result.available != max(free, 0) or bar.quote.room_total != Decimal(str(bar_total)).quantize(
            Decimal("0.01")
        ):
            raise RuntimeError("the SQL floor and the service disagree; the benchmark would compare different work")

    kinds = {"service": service, "api": api, "floor": floor}
    for arrival, nights, adults in queries[:20]:  # warm caches and connections
        for run in kinds.values():
            run(arrival, nights, adults)
    times: dict[str, list[float]] = {k: [] for k in kinds}
    order = list(kinds)
    with Progress(TextColumn("Availability searches"), BarColumn(), MofNCompleteColumn(), console=console) as p:
        task = p.add_task("", total=len(queries))
        for arrival, nights, adults in queries:
            rng.shuffle(order)
            for kind in order:
                t0 = time.perf_counter()
                kinds[kind](arrival, nights, adults)
                times[kind].append(time.perf_counter() - t0)
            p.advance(task)
    result = {k: summary(v) for k, v in times.items()}
    result["service_over_floor"] = round(result["service"]["median_ms"] / result["floor"]["median_ms"], 2)
    result["api_over_floor"] = round(result["api"]["median_ms"] / result["floor"]["median_ms"], 2)
    result["searches"] = searches
    return result


def clean_write_window(prop) -> dt.date:
    """Forget what earlier runs booked in the far-future window; returns where the window starts."""
    from frontoffice.core.models import AuditEntry
    from frontoffice.reservations.models import Reservation, ReservationNight
    from frontoffice.rooms.models import InventoryNight

    window = prop.business_date + dt.timedelta(days=WRITE_WINDOW)
    old = Reservation.objects.filter(property=prop, arrival__gte=window)
    ReservationNight.objects.filter(reservation__in=old).delete()
    Reservation.companions.through.objects.filter(reservation__in=old).delete()
    old.delete()
    InventoryNight.objects.filter(property=prop, date__gte=window).delete()
    AuditEntry.objects.filter(property=prop, entity="reservation").delete()
    return window


def bench_writes(bookings: int) -> dict:
    """Bookings per second through the service, and through the raw-SQL floor, in one process."""
    from django.db import connection, transaction

    from frontoffice.core.models import Property
    from frontoffice.guests.models import Guest
    from frontoffice.rates.models import RatePlan
    from frontoffice.reservations.services import NoAvailability, reservation_create
    from frontoffice.rooms.inventory import dates_between, inventory_ensure
    from frontoffice.rooms.models import RoomType

    prop = Property.objects.get(code=CODE)
    agent = prop.memberships.get(user__username="bench-agent").user
    window = clean_write_window(prop)
    types = [rt for rt in RoomType.objects.filter(property=prop) if rt.code != "SCR"]
    bar = RatePlan.objects.get(property=prop, code="BAR")
    guests = list(Guest.objects.filter(property=prop).order_by("id")[:500])
    with transaction.atomic():  # rows exist far ahead in a live hotel: set them up outside the timing
        inventory_ensure(
            property_id=prop.pk,
            keys={(rt.pk, d) for rt in types for d in dates_between(window, window + dt.timedelta(days=320))},
        )
    rng = random.Random(99)

    def stay(offset: int):
        arrival = window + dt.timedelta(days=offset + rng.randrange(150))
        return rng.choice(types), arrival, arrival + dt.timedelta(days=rng.randint(1, 4)), rng.randint(1, 2)

    service_times, refused = [], 0
    started = time.perf_counter()
    for _ in range(bookings):
        rt, arrival, departure, adults = stay(0)
        t0 = time.perf_counter()
        try:
            reservation_create(
                property=prop, actor=agent, room_type=rt, rate_plan=bar, arrival=arrival, departure=departure,
                guest=rng.choice(guests), adults=adults, channel="website",
            )  # fmt: skip
        except NoAvailability:
            refused += 1
        service_times.append(time.perf_counter() - t0)
    service_elapsed = time.perf_counter() - started

    floor_times, floor_refused = [], 0
    insert_reservation, insert_night, update_inventory = floor_statements()
    template = floor_template(prop, bar)
    started = time.perf_counter()
    for i in range(bookings):
        rt, arrival, departure, adults = stay(160)
        nights = dates_between(arrival, departure)
        t0 = time.perf_counter()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(update_inventory, [rt.pk, arrival, departure])
                if cursor.rowcount != len(nights):
                    raise NoAvailability("full")
                values = dict(template, confirmation=f"F{i:06d}{rng.randrange(10**4):04d}"[:12], room_type_id=rt.pk)
                values.update(arrival=arrival, departure=departure, booked_on=prop.business_date, adults=adults)
                values["party"] = values["confirmation"]
                cursor.execute(insert_reservation[0], [values[c] for c in insert_reservation[1]])
                reservation_id = cursor.fetchone()[0]
                price = Decimal("100.00")
                cursor.executemany(
                    insert_night, [(reservation_id, d, price, Decimal("9.09")) for d in nights]
                )  # fmt: skip
        except NoAvailability:
            floor_refused += 1
        floor_times.append(time.perf_counter() - t0)
    floor_elapsed = time.perf_counter() - started
    result = {
        "service": {
            **summary(service_times),
            "booked": bookings - refused,
            "refused": refused,
            "bookings_per_s": round((bookings - refused) / service_elapsed, 1),
        },
        "floor": {
            **summary(floor_times),
            "booked": bookings - floor_refused,
            "refused": floor_refused,
            "bookings_per_s": round((bookings - floor_refused) / floor_elapsed, 1),
        },
    }
    result["service_over_floor"] = round(result["service"]["median_ms"] / result["floor"]["median_ms"], 2)
    return result


def floor_statements() -> tuple[tuple[str, list[str]], str, str]:
    """The least SQL a booking needs: take the nights only where a room is left, insert the stay."""
    from django.db import connection

    from frontoffice.reservations.models import Reservation, ReservationNight
    from frontoffice.rooms.models import InventoryNight

    q = connection.ops.quote_name
    columns = [f.attname for f in Reservation._meta.concrete_fields if not f.primary_key]
    marks = ", ".join(["%s"] * len(columns))
    column_sql = ", ".join(q(Reservation._meta.get_field(c).column) for c in columns)
    insert_reservation = (
        f"INSERT INTO {q(Reservation._meta.db_table)} ({column_sql}) VALUES ({marks}) RETURNING id",  # noqa: S608
        columns,
    )
    insert_night = (
        f"INSERT INTO {q(ReservationNight._meta.db_table)} (reservation_id, date, price, vat) "  # noqa: S608
        "VALUES (%s, %s, %s, %s)"
    )
    update_inventory = (
        f"UPDATE {q(InventoryNight._meta.db_table)} SET sold = sold + 1 "  # noqa: S608
        "WHERE room_type_id = %s AND date >= %s AND date < %s AND sold < physical - out_of_order + overbooking"
    )
    return insert_reservation, insert_night, update_inventory


def floor_template(prop, plan) -> dict:
    """Column values of a plain confirmed booking, adapted for the driver."""
    from django.db import connection
    from django.utils import timezone

    now = timezone.now()
    return {
        "property_id": prop.pk,
        "status": "confirmed",
        "rate_plan_id": plan.pk,
        "room_id": None,
        "room_since": None,
        "room_type_charged_id": None,
        "children_ages": "[]",
        "guest_id": prop.guests.order_by("id").values_list("id", flat=True).first(),
        "booker_id": None,
        "company_id": None,
        "travel_agent_id": None,
        "option_expires_at": None,
        "guarantee": "card",
        "deposit_due": Decimal("0.00"),
        "market_segment": "leisure",
        "channel": "website",
        "customer_type": "transient",
        "meal_plan": "BB",
        "eta": None,
        "special_requests": "",
        "parking": False,
        "notes": "",
        "room_total": Decimal("100.00"),
        "vat_total": Decimal("9.09"),
        "city_tax_total": Decimal("0.00"),
        "total": Decimal("100.00"),
        "price_overridden": False,
        "cancellation_fee": Decimal("0.00"),
        "cancelled_at": None,
        "cancelled_on": None,
        "cancel_reason": "",
        "created_at": connection.ops.adapt_datetimefield_value(now) if connection.vendor == "sqlite" else now,
        "created_by_id": None,
    }


def bench_race(clients: int, attempts: int) -> dict:
    """PostgreSQL: ``clients`` threads, each with its own connection, book the same 3 nights of a 10-room type."""
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from frontoffice.core.models import Property
    from frontoffice.guests.models import Guest
    from frontoffice.rates.models import RatePlan
    from frontoffice.reservations.services import NoAvailability, reservation_create
    from frontoffice.rooms.inventory import dates_between, inventory_ensure
    from frontoffice.rooms.models import InventoryNight, RoomType

    prop = Property.objects.get(code=CODE)
    arrival = prop.business_date + dt.timedelta(days=WRITE_WINDOW + 320)
    departure = arrival + dt.timedelta(days=3)
    scarce = RoomType.objects.get(property=prop, code="SCR")
    with transaction.atomic():
        inventory_ensure(property_id=prop.pk, keys={(scarce.pk, d) for d in dates_between(arrival, departure)})
    rows = InventoryNight.objects.filter(room_type=scarce, date__gte=arrival, date__lt=departure)
    expected = min(r.physical - r.out_of_order + r.overbooking - r.sold for r in rows)
    guest_ids = list(Guest.objects.filter(property=prop).order_by("id").values_list("id", flat=True)[:clients])
    barrier = threading.Barrier(clients + 1)
    lock = threading.Lock()
    outcome = {"booked": 0, "conflicts": 0, "errors": []}

    def client(i: int) -> None:
        try:
            me = User.objects.get(username="bench-agent")
            here = Property.objects.get(pk=prop.pk)
            room_type = RoomType.objects.get(pk=scarce.pk)
            plan = RatePlan.objects.get(property=here, code="BAR")
            guest = Guest.objects.get(pk=guest_ids[i % len(guest_ids)])
            barrier.wait(timeout=120)
            for _ in range(attempts):
                try:
                    reservation_create(
                        property=here, actor=me, room_type=room_type, rate_plan=plan, arrival=arrival,
                        departure=departure, guest=guest, adults=2, channel="ota",
                    )  # fmt: skip
                    key = "booked"
                except NoAvailability:
                    key = "conflicts"
                except Exception as exc:  # counted and reported: a race must never end in an error
                    with lock:
                        outcome["errors"].append(f"{type(exc).__name__}: {exc}")
                    continue
                with lock:
                    outcome[key] += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    total = clients * attempts
    return {
        "clients": clients,
        "attempts": total,
        "rooms_to_sell": expected,
        "booked": outcome["booked"],
        "conflicts": outcome["conflicts"],
        "errors": len(outcome["errors"]),
        "error_samples": outcome["errors"][:3],
        "seconds": round(elapsed, 3),
        "attempts_per_s": round(total / elapsed, 1),
    }


# --------------------------------------------------------------------------------------
# Cashiering: postings and the folio screen
# --------------------------------------------------------------------------------------


SPREAD_FOLIOS = 200  # in-house reservations whose folios the spread postings go to
SCREEN_NIGHTS = 30
SCREEN_POSTINGS = 300
SCREEN_NOTE = "Benchmark: the folio screen's stay"  # marks the one reservation the cashiering benchmarks add
SCREEN_OFFSET = AHEAD_DAYS - 45  # its arrival after the business date: inside the built inventory, barely booked


def cashiering_setup() -> dict:
    """What every cashiering benchmark needs (made on first use, reused after): the property's
    transaction codes and a front-desk agent, with a fresh API token."""
    from django.contrib.auth.models import Group, User

    from frontoffice.core.models import Membership, Property
    from frontoffice.core.tokens import api_token_create
    from frontoffice.folios.models import TransactionCode
    from frontoffice.folios.services import transaction_codes_install

    prop = Property.objects.get(code=CODE)
    transaction_codes_install(property=prop)
    desk = User.objects.filter(username="bench-desk").first()
    if desk is None:
        desk = User.objects.create_user("bench-desk")
        desk.groups.add(Group.objects.get(name="front_desk_agent"))
    Membership.objects.get_or_create(user=desk, property=prop)
    desk = User.objects.get(pk=desk.pk)  # without a stale permission cache
    _, token = api_token_create(user=desk, name="benchmark")
    return {
        "property": prop,
        "desk": desk,
        "admin": User.objects.get(username="bench-admin"),
        "token": token,
        "codes": {c.code: c for c in TransactionCode.objects.filter(property=prop)},
    }


def charge_amount(rng: random.Random, low: int, high: int, code, prop) -> Decimal:
    """A random amount between ``low`` and ``high`` cents."""
    return Decimal(rng.randrange(low, high)) / 100


def posting_insert() -> tuple[str, list]:
    """The floor's statement: one posting row, every column given, its id returned."""
    from django.db import connection

    from frontoffice.folios.models import Posting

    q = connection.ops.quote_name
    fields = [f for f in Posting._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(q(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {q(Posting._meta.db_table)} ({columns}) VALUES ({marks}) RETURNING id"  # noqa: S608
    return sql, fields


def bench_postings(postings: int, setup: dict) -> dict:
    """Charges through ``folio_post_charge``, through the API and as a raw INSERT (on PostgreSQL
    also behind the same ``SELECT … FOR UPDATE`` of the folio), interleaved; each path both
    spread over the folios of in-house stays and on one hot folio of its own, new every run."""
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from frontoffice.folios.domain.ledger import price_line
    from frontoffice.folios.models import Folio, FolioKind, Posting
    from frontoffice.folios.services import folio_for_reservation, folio_post_charge
    from frontoffice.reservations.domain.status import Status
    from frontoffice.reservations.models import Reservation

    prop, desk, code = setup["property"], setup["desk"], setup["codes"]["FB"]
    in_house = list(
        Reservation.objects.filter(
            property=prop, status=Status.IN_HOUSE, arrival__lte=prop.business_date, departure__gt=prop.business_date
        ).order_by("id")[:SPREAD_FOLIOS]
    )
    if len(in_house) < SPREAD_FOLIOS:
        raise RuntimeError(f"only {len(in_house)} in-house reservations; the spread needs {SPREAD_FOLIOS}")
    spread = [folio_for_reservation(reservation=r, actor=desk) for r in in_house]
    held_before = Posting.objects.filter(folio__in=spread).count()
    paths = ["service", "api", "floor"] + (["floor_locked"] if connection.vendor == "postgresql" else [])
    stamp = timezone.now().isoformat(timespec="seconds")
    hot = {
        path: Folio.objects.create(property=prop, kind=FolioKind.HOUSE, name=f"Benchmark hot folio ({path}, {stamp})")
        for path in paths
    }
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {setup['token']}"}
    insert, fields = posting_insert()
    lock = f"SELECT id FROM {connection.ops.quote_name(Folio._meta.db_table)} WHERE id = %s FOR UPDATE"  # noqa: S608
    rng = random.Random(4242)

    def floor_row(folio, amount: Decimal) -> list:
        """The row the service would insert, adapted for the driver (built outside the timing)."""
        amounts = price_line(
            quantity=1, unit_amount=amount, tax_rate=code.tax_rate, amounts_include_tax=prop.prices_include_vat
        )
        posting = Posting(
            property=prop, folio=folio, business_date=prop.business_date, transaction_code=code,
            description="Restaurant", quantity=1, unit_amount=amount, net=amounts.net, tax=amounts.tax,
            gross=amounts.gross, actor=desk, created_at=timezone.now(),
        )  # fmt: skip
        return [f.get_db_prep_save(getattr(posting, f.attname), connection) for f in fields]

    def service(folio, amount, row):
        return folio_post_charge(
            folio=folio, actor=desk, transaction_code=code, unit_amount=amount, description="Restaurant"
        ).pk

    def api(folio, amount, row):
        response = client.post(
            f"/api/v1/properties/{CODE}/folios/{folio.pk}/postings",
            {"transaction_code": code.code, "unit_amount": str(amount), "description": "Restaurant"},
            content_type="application/json",
            **auth,
        )
        if response.status_code != 201:
            raise RuntimeError(f"API answered {response.status_code}: {response.content[:200]!r}")
        return response.json()["posting"]["id"]

    def floor(folio, amount, row):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(insert, row)
            return cursor.fetchone()[0]

    def floor_locked(folio, amount, row):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(lock, [folio.pk])
            cursor.fetchone()
            cursor.execute(insert, row)
            return cursor.fetchone()[0]

    runs = {"service": service, "api": api, "floor": floor, "floor_locked": floor_locked}
    kinds = [(path, where) for path in paths for where in ("spread", "hot")]

    def post(path: str, where: str, amount: Decimal, target) -> tuple[int, float]:
        folio = target if where == "spread" else hot[path]
        row = floor_row(folio, amount) if path.startswith("floor") else None
        t0 = time.perf_counter()
        pk = runs[path](folio, amount, row)
        return pk, time.perf_counter() - t0

    def amount() -> Decimal:
        return charge_amount(rng, 300, 8000, code, prop)

    # The floor writes the row the service writes: check it once.
    same, target = amount(), spread[0]
    ids = {path: post(path, "spread", same, target)[0] for path in paths}
    compared = ["property_id", "folio_id", "business_date", "transaction_code_id", "description", "quantity"]
    compared += ["unit_amount", "net", "tax", "gross", "payment_method", "actor_id", "reversal_of_id", "shift_id"]
    rows = {pk: row for pk, *row in Posting.objects.filter(pk__in=ids.values()).values_list("pk", *compared)}
    if len({tuple(rows[pk]) for pk in ids.values()}) != 1:
        raise RuntimeError("the SQL floor and the service insert different postings; the benchmark would mislead")

    for _ in range(10):  # warm caches and connections
        target = rng.choice(spread)
        for path, where in kinds:
            post(path, where, amount(), target)
    times: dict[tuple[str, str], list[float]] = {k: [] for k in kinds}
    order = list(kinds)
    with Progress(TextColumn("Postings"), BarColumn(), MofNCompleteColumn(), console=console) as p:
        task = p.add_task("", total=postings)
        for _ in range(postings):
            charge, target = amount(), rng.choice(spread)
            rng.shuffle(order)
            for path, where in order:
                times[(path, where)].append(post(path, where, charge, target)[1])
            p.advance(task)
    result: dict = {"postings": postings, "spread_folios": len(spread)}
    result["spread_postings_before"] = held_before
    for path, where in kinds:
        row = summary(times[(path, where)])
        row["postings_per_s"] = round(len(times[(path, where)]) / sum(times[(path, where)]), 1)
        result[f"{path}_{where}"] = row
    result["hot_postings_after"] = Posting.objects.filter(folio=hot["service"]).count()
    for path in paths:
        for where in ("spread", "hot"):
            result[f"{path}_{where}_over_floor"] = round(
                result[f"{path}_{where}"]["median_ms"] / result[f"floor_{where}"]["median_ms"], 2
            )
    return result


def folio_screen_reservation(setup: dict):
    """The 30-night stay with 300 postings the folio screen shows, made once in one transaction."""
    from django.db import transaction

    from frontoffice.folios.models import Posting
    from frontoffice.folios.services import (
        folio_for_reservation,
        folio_post_charge,
        folio_post_payment,
        folio_reverse_posting,
    )
    from frontoffice.guests.models import Guest
    from frontoffice.rates.models import RatePlan
    from frontoffice.reservations.models import Reservation, ReservationNight
    from frontoffice.reservations.services import NoAvailability, reservation_create
    from frontoffice.rooms.models import RoomType

    prop, desk, admin, codes = setup["property"], setup["desk"], setup["admin"], setup["codes"]
    for res in Reservation.objects.filter(property=prop, notes=SCREEN_NOTE).order_by("-id"):
        if Posting.objects.filter(folio__reservation=res).count() == SCREEN_POSTINGS:
            return res
    agent = prop.memberships.get(user__username="bench-agent").user
    bar = RatePlan.objects.get(property=prop, code="BAR")
    guest = Guest.objects.filter(property=prop).order_by("id").first()
    rng = random.Random(30)
    with transaction.atomic():
        res = None
        for offset, rt in ((o, rt) for o in range(0, 60, 7) for rt in RoomType.objects.filter(property=prop)):
            arrival = prop.business_date + dt.timedelta(days=SCREEN_OFFSET - offset)
            try:
                (res,) = reservation_create(
                    property=prop, actor=agent, room_type=rt, rate_plan=bar, arrival=arrival,
                    departure=arrival + dt.timedelta(days=SCREEN_NIGHTS), guest=guest, adults=2, channel="website",
                    notes=SCREEN_NOTE,
                )  # fmt: skip
                break
            except NoAvailability:
                continue
        if res is None:
            raise RuntimeError("no room type is free for 30 nights; the folio screen's stay cannot be booked")
        folio = folio_for_reservation(reservation=res, actor=desk)

        def charge(code: str, unit: Decimal, description: str = ""):
            return folio_post_charge(
                folio=folio, actor=desk, transaction_code=codes[code], unit_amount=unit, description=description
            )

        owed = Decimal("0.00")
        for night, (date, price) in enumerate(
            ReservationNight.objects.filter(reservation=res).order_by("date").values_list("date", "price")
        ):
            posted = [charge("ROOM", price, f"Room, night of {date.isoformat()}"), charge("CITYTAX", Decimal("4.00"))]
            for outlet in ("Breakfast extras", "Lunch", "Bar", "Dinner", "Room service"):
                posted.append(charge("FB", Decimal(rng.randrange(400, 9000)) / 100, outlet))
            posted += [charge("MINI", Decimal(rng.randrange(300, 1800)) / 100, "Minibar") for _ in range(2)]
            owed += sum(p.gross for p in posted)
            if night % 3 == 0:  # a minibar line posted by mistake
                reversal = folio_reverse_posting(posting=posted[-1], actor=admin, reason="Posted by mistake")
                owed += reversal.gross
            if night % 3 == 2:  # the guest settles most of what is owed, in two card payments
                for share in (Decimal("0.5"), Decimal("0.4")):
                    paid = folio_post_payment(
                        folio=folio, actor=desk, method="card", amount=(owed * share).quantize(Decimal("0.01")),
                        card_brand="VISA", card_last4="4242", card_token=f"tok_bench_{night}_{share}",
                    )  # fmt: skip
                    owed += paid.gross
        made = Posting.objects.filter(folio__reservation=res).count()
        if made != SCREEN_POSTINGS:
            raise RuntimeError(f"the folio screen's stay has {made} postings, not {SCREEN_POSTINGS}")
    return res


def bench_folio_screen(runs: int, setup: dict) -> dict:
    """Server time and SQL queries of the folio page and of the API's folio list for one 30-night
    stay with 300 postings, against the one SQL query that reads those postings."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from frontoffice.folios.models import Folio, Posting, TransactionCode

    res = folio_screen_reservation(setup)
    page = Client()
    page.force_login(setup["desk"])
    api = Client()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {setup['token']}"}
    page_url = reverse("folios:folio", args=[res.confirmation])
    api_url = f"/api/v1/properties/{CODE}/reservations/{res.confirmation}/folios"
    q = connection.ops.quote_name
    sql = (
        "SELECT p.id, p.business_date, t.code, t.department, p.description, p.quantity, p.unit_amount, p.net, "  # noqa: S608
        "p.tax, p.gross, p.payment_method, p.card_brand, p.card_last4, p.reference, p.reason, p.reversal_of_id, "
        f"p.actor_id, p.created_at FROM {q(Posting._meta.db_table)} p "
        f"JOIN {q(Folio._meta.db_table)} f ON f.id = p.folio_id "
        f"JOIN {q(TransactionCode._meta.db_table)} t ON t.id = p.transaction_code_id "
        "WHERE f.reservation_id = %s ORDER BY f.window, p.id"
    )

    def get_page():
        response = page.get(page_url)
        if response.status_code != 200:
            raise RuntimeError(f"the folio page answered {response.status_code}")
        return response.content.count(b'id="posting-')

    def get_api():
        response = api.get(api_url, **auth)
        if response.status_code != 200:
            raise RuntimeError(f"API answered {response.status_code}: {response.content[:200]!r}")
        return sum(len(f["postings"]) for f in response.json())

    def floor():
        with connection.cursor() as cursor:
            cursor.execute(sql, [res.pk])
            return len(cursor.fetchall())

    kinds = {"page": get_page, "api": get_api, "floor": floor}
    result: dict = {"runs": runs, "nights": SCREEN_NIGHTS, "confirmation": res.confirmation}
    for name, run in kinds.items():  # each shows every posting; count the queries once, warm
        with CaptureQueriesContext(connection) as captured:
            shown = run()
        if shown != SCREEN_POSTINGS:
            raise RuntimeError(f"{name} shows {shown} postings, not {SCREEN_POSTINGS}")
        statements = [c["sql"] for c in captured.captured_queries]
        result[name] = {"queries": len(statements), "postings": shown, "sql": [s[:300] for s in statements]}
    for _ in range(10):
        for run in kinds.values():
            run()
    times: dict[str, list[float]] = {k: [] for k in kinds}
    order = list(kinds)
    rng = random.Random(300)
    with Progress(TextColumn("Folio screen"), BarColumn(), MofNCompleteColumn(), console=console) as p:
        task = p.add_task("", total=runs)
        for _ in range(runs):
            rng.shuffle(order)
            for kind in order:
                t0 = time.perf_counter()
                kinds[kind]()
                times[kind].append(time.perf_counter() - t0)
            p.advance(task)
    for kind in kinds:
        result[kind].update(summary(times[kind]))
    result["page_over_floor"] = round(result["page"]["median_ms"] / result["floor"]["median_ms"], 1)
    result["api_over_floor"] = round(result["api"]["median_ms"] / result["floor"]["median_ms"], 1)
    return result


def bench_auto_assign(arrivals: int, runs: int) -> dict:
    """``rooms_auto_assign`` of ``arrivals`` arrivals on the busiest arrival date ahead, every stay
    placed afresh (``reshuffle``), against the one SQL query that loads the candidate rooms.

    The scenario is set up inside a transaction that is rolled back, so the cached database is left
    as it was: the benchmark's rooms get floors (from their numbers) and a few features, a third of
    the arriving guests get room wishes, and stays arriving in the following days are brought
    forward to that date until there are ``arrivals`` of them."""
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext

    from frontoffice.core.models import Property
    from frontoffice.frontdesk.services import rooms_auto_assign
    from frontoffice.guests.models import Guest
    from frontoffice.reservations.models import Reservation
    from frontoffice.rooms.models import Room

    prop = Property.objects.get(code=CODE)
    admin = User.objects.get(username="bench-admin")
    booked = ("tentative", "confirmed")
    window = prop.business_date + dt.timedelta(days=WRITE_WINDOW)
    busiest = (
        Reservation.objects.filter(property=prop, status__in=booked, arrival__gt=prop.business_date, arrival__lt=window)
        .values("arrival")
        .annotate(n=Count("id"))
        .order_by("-n", "arrival")
        .first()
    )
    day = busiest["arrival"]
    rng = random.Random(404)
    q = connection.ops.quote_name
    floor_sql = (
        f"SELECT id, number, floor, room_type_id, features, condition, connects_to_id FROM {q(Room._meta.db_table)} "  # noqa: S608
        "WHERE property_id = %s AND active ORDER BY id"
    )
    result: dict = {"date": day.isoformat(), "natural_arrivals": busiest["n"], "runs": runs}
    with transaction.atomic():
        rooms = list(Room.objects.filter(property=prop).order_by("id"))
        for room in rooms:
            floor, door = divmod(int(room.number), 100)
            room.floor = floor
            room.features = (["accessible"] if door == 1 else []) + (["quiet"] if door >= 20 else [])
        Room.objects.bulk_update(rooms, ["floor", "features"], batch_size=500)
        missing = max(0, arrivals - busiest["n"])
        later = list(
            Reservation.objects.filter(
                property=prop, status__in=booked, room__isnull=True, arrival__gt=day, arrival__lt=window
            )
            .order_by("arrival", "id")
            .values_list("id", flat=True)[:missing]
        )
        Reservation.objects.filter(pk__in=later).update(arrival=day)
        stays = Reservation.objects.filter(property=prop, arrival=day, status__in=booked)
        wishes = [["high_floor"], ["quiet_room"], ["high_floor", "quiet"], ["low_floor"], ["accessible"]]
        guests = list(Guest.objects.filter(pk__in=stays.values("guest_id")).order_by("id"))
        for guest in guests:
            guest.preferences = rng.choice(wishes) if rng.random() < 0.33 else []
        Guest.objects.bulk_update(guests, ["preferences"], batch_size=500)
        result["arrivals"] = stays.count()
        times, floor_times = [], []
        for i in range(runs):
            point = transaction.savepoint()
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                outcome = rooms_auto_assign(property=prop, date=day, actor=admin, reshuffle=True)
                times.append(time.perf_counter() - t0)
            transaction.savepoint_rollback(point)
            if i == 0:
                result.update(
                    queries=len(captured.captured_queries),
                    placed=outcome.kept + outcome.assigned + outcome.upgraded,
                    upgraded=outcome.upgraded,
                    unplaced=len(outcome.unplaced),
                    preferences_met=round(outcome.preferences_met or 0, 3),
                )
            t0 = time.perf_counter()
            with connection.cursor() as cursor:
                cursor.execute(floor_sql, [prop.pk])
                loaded = len(cursor.fetchall())
            floor_times.append(time.perf_counter() - t0)
        result["rooms"] = loaded
        transaction.set_rollback(True)
    result["service"] = summary(times)
    result["floor"] = summary(floor_times)
    result["service_over_floor"] = round(result["service"]["median_ms"] / result["floor"]["median_ms"], 1)
    return result


def bench_arrivals_page(arrivals: int, runs: int, setup: dict) -> dict:
    """Server time and SQL queries of the desk's arrivals page, of ``GET …/arrivals`` (one page
    of 200) and of the ``desk_list`` selector, for ``arrivals`` arrivals on one date, against the one
    SQL query that reads those arrivals with guest, room, room type and company.

    Set up inside a transaction that is rolled back, leaving the cached database as it was: on the
    busiest arrival date ahead, stays arriving later are brought forward until there are
    ``arrivals``; three in four get a room and one in twenty a VIP guest."""
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from frontoffice.frontdesk.selectors import desk_list
    from frontoffice.guests.models import Company, Guest
    from frontoffice.reservations.models import Reservation
    from frontoffice.rooms.models import Room, RoomType

    prop, desk = setup["property"], setup["desk"]
    booked = ("tentative", "confirmed")
    window = prop.business_date + dt.timedelta(days=WRITE_WINDOW)
    busiest = (
        Reservation.objects.filter(property=prop, status__in=booked, arrival__gt=prop.business_date, arrival__lt=window)
        .values("arrival")
        .annotate(n=Count("id"))
        .order_by("-n", "arrival")
        .first()
    )
    day = busiest["arrival"]
    q = connection.ops.quote_name
    sql = (
        "SELECT r.id, r.confirmation, r.party, r.status, r.arrival, r.departure, r.eta, r.adults, "  # noqa: S608
        "g.first_name, g.last_name, g.vip_level, rm.number, rm.condition, rt.code, c.name "
        f"FROM {q(Reservation._meta.db_table)} r JOIN {q(Guest._meta.db_table)} g ON g.id = r.guest_id "
        f"JOIN {q(RoomType._meta.db_table)} rt ON rt.id = r.room_type_id "
        f"LEFT JOIN {q(Room._meta.db_table)} rm ON rm.id = r.room_id "
        f"LEFT JOIN {q(Company._meta.db_table)} c ON c.id = r.company_id "
        "WHERE r.property_id = %s AND r.arrival = %s AND r.status IN (%s, %s, %s)"
    )
    result: dict = {"date": day.isoformat(), "natural_arrivals": busiest["n"], "runs": runs}
    page, api = Client(), Client()
    page.force_login(desk)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {setup['token']}"}
    page_url = reverse("frontdesk:list", args=["arrivals"]) + f"?date={day.isoformat()}"
    api_url = f"/api/v1/properties/{CODE}/arrivals?date={day.isoformat()}&limit=200"
    with transaction.atomic():
        missing = max(0, arrivals - busiest["n"])
        later = list(
            Reservation.objects.filter(property=prop, status__in=booked, arrival__gt=day, arrival__lt=window)
            .order_by("arrival", "id")
            .values_list("id", flat=True)[:missing]
        )
        Reservation.objects.filter(pk__in=later).update(arrival=day)
        stays = list(Reservation.objects.filter(property=prop, arrival=day, status__in=booked).order_by("id"))
        # Only rooms no other stay holds over these nights (PostgreSQL forbids two stays in a room).
        last = max((r.departure for r in stays), default=day + dt.timedelta(days=1))
        held = set(
            Reservation.objects.filter(
                property=prop, room__isnull=False, status__in=(*booked, "in_house"), arrival__lt=last, departure__gt=day
            )
            .exclude(pk__in=[r.pk for r in stays])
            .values_list("room_id", flat=True)
        )
        rooms = list(
            Room.objects.filter(property=prop).exclude(pk__in=held).order_by("id").values_list("id", "room_type_id")
        )
        for res in stays:
            res.room_id = None
        free = {}
        for room_id, type_id in rooms:
            free.setdefault(type_id, []).append(room_id)
        for i, res in enumerate(stays):
            if i % 4 and free.get(res.room_type_id):
                res.room_id = free[res.room_type_id].pop()
        Reservation.objects.bulk_update(stays, ["room"], batch_size=500)
        Guest.objects.filter(pk__in=[r.guest_id for r in stays[::20]]).update(vip_level=1)
        result["arrivals"] = len(stays)
        result["assigned"] = sum(1 for r in stays if r.room_id)

        def get_page():
            response = page.get(page_url)
            if response.status_code != 200:
                raise RuntimeError(f"the arrivals page answered {response.status_code}")
            return response.content.count(b'class="button primary next-action"')

        def get_api():
            response = api.get(api_url, **auth)
            if response.status_code != 200:
                raise RuntimeError(f"API answered {response.status_code}: {response.content[:200]!r}")
            return response.json()["count"]

        def selector():
            return len(desk_list(property=prop, kind="arrivals", date=day))

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(sql, [prop.pk, day, "tentative", "confirmed", "in_house"])
                return len(cursor.fetchall())

        kinds = {"page": get_page, "api": get_api, "selector": selector, "floor": floor}
        for name, run in kinds.items():  # each shows every arrival; count the queries once, warm
            run()
            with CaptureQueriesContext(connection) as captured:
                shown = run()
            if shown != len(stays):
                raise RuntimeError(f"{name} shows {shown} arrivals, not {len(stays)}")
            result[name] = {"queries": len(captured.captured_queries), "arrivals": shown}
        times: dict[str, list[float]] = {k: [] for k in kinds}
        order = list(kinds)
        rng = random.Random(400)
        with Progress(TextColumn("Arrivals page"), BarColumn(), MofNCompleteColumn(), console=console) as p:
            task = p.add_task("", total=runs)
            for _ in range(runs):
                rng.shuffle(order)
                for kind in order:
                    t0 = time.perf_counter()
                    kinds[kind]()
                    times[kind].append(time.perf_counter() - t0)
                p.advance(task)
        transaction.set_rollback(True)
    for kind in kinds:
        result[kind].update(summary(times[kind]))
    for kind in ("page", "api", "selector"):
        result[f"{kind}_over_floor"] = round(result[kind]["median_ms"] / result["floor"]["median_ms"], 1)
    return result


def invariants() -> dict:
    """Across every inventory row: oversells and ``sold`` against a recount of the stays."""
    from django.db import connection

    from frontoffice.core.models import Property
    from frontoffice.reservations.domain.status import HOLDS_INVENTORY
    from frontoffice.reservations.models import Reservation, ReservationNight
    from frontoffice.rooms.models import InventoryNight

    prop = Property.objects.get(code=CODE)
    inventory = InventoryNight._meta.db_table
    nights = ReservationNight._meta.db_table
    stays = Reservation._meta.db_table
    holding = sorted(s.value for s in HOLDS_INVENTORY)
    marks = ", ".join(["%s"] * len(holding))
    held = (
        f"SELECT r.room_type_id AS room_type_id, n.date AS date, COUNT(*) AS c FROM {nights} n "  # noqa: S608
        f"JOIN {stays} r ON r.id = n.reservation_id WHERE r.property_id = %s AND r.status IN ({marks}) "
        "GROUP BY r.room_type_id, n.date"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*), COALESCE(SUM(sold - (physical - out_of_order + overbooking)), 0) FROM {inventory} "  # noqa: S608
            "WHERE property_id = %s AND sold > physical - out_of_order + overbooking",
            [prop.pk],
        )
        oversold_rows, oversold_rooms = cursor.fetchone()
        cursor.execute(
            f"SELECT COUNT(*) FROM {inventory} i LEFT JOIN ({held}) h "  # noqa: S608
            "ON h.room_type_id = i.room_type_id AND h.date = i.date "
            "WHERE i.property_id = %s AND i.sold <> COALESCE(h.c, 0)",
            [prop.pk, *holding, prop.pk],
        )
        mismatched = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT COUNT(*) FROM ({held}) h LEFT JOIN {inventory} i "  # noqa: S608
            "ON h.room_type_id = i.room_type_id AND h.date = i.date WHERE i.id IS NULL",
            [prop.pk, *holding],
        )
        without_row = cursor.fetchone()[0]
        cursor.execute(f"SELECT COUNT(*) FROM {inventory} WHERE property_id = %s", [prop.pk])  # noqa: S608
        rows = cursor.fetchone()[0]
    return {
        "inventory_rows_checked": rows,
        "oversells": int(oversold_rooms),
        "oversold_rows": oversold_rows,
        "recount_mismatches": mismatched + without_row,
    }


# --------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------


def report(
    database: str,
    data: dict,
    availability: dict,
    writes: dict,
    race: dict | None,
    postings: dict,
    screen: dict,
    checks: dict,
    assignment: dict | None = None,
    arrivals_page: dict | None = None,
    night_audit: dict | None = None,
    kpis: dict | None = None,
    journal: dict | None = None,
    schedule: dict | None = None,
) -> None:
    cores = os.cpu_count()
    table = Table(title=f"Data on {database} ({cores} CPU cores)")
    table.add_column("what")
    table.add_column("figure", justify="right")
    for key in ("rooms", "room_types", "reservations", "reservation_nights", "inventory_rows", "daily_rates"):
        if key in data:
            table.add_row(key.replace("_", " "), f"{data[key]:,}")
    table.add_row("built", "reused" if data.get("reused") else f"in {data.get('build_seconds')} s")
    console.print(table)

    table = Table(title=f"Availability on {database}: {availability['searches']} searches, 1–7 nights, 1–3 adults")
    for name in ("path", "median ms", "p99 ms", "× floor"):
        table.add_column(name, justify="left" if name == "path" else "right")
    floor = availability["floor"]["median_ms"]
    for key, label in (
        ("service", "service availability_get"),
        ("api", "API GET …/availability"),
        ("floor", "floor: 1 SQL query"),
    ):
        row = availability[key]
        table.add_row(label, f"{row['median_ms']:.2f}", f"{row['p99_ms']:.2f}", f"{row['median_ms'] / floor:.1f}")
    console.print(table)
    aim = availability["service"]["median_ms"] <= 5 and availability["service_over_floor"] <= 3
    console.print(
        f"Aim (service median ≤ 5 ms and ≤ 3× floor): {'met' if aim else 'not met'} — "
        f"service {availability['service']['median_ms']:.2f} ms = {availability['service_over_floor']}× floor; "
        f"API {availability['api_over_floor']}× floor."
    )

    table = Table(title=f"Bookings on {database}, one process, 1–4 nights")
    for name in ("path", "booked", "refused", "per s", "median ms", "p99 ms", "× floor"):
        table.add_column(name, justify="left" if name == "path" else "right")
    for key, label in (("service", "reservation_create"), ("floor", "floor: raw SQL")):
        row = writes[key]
        table.add_row(
            label,
            str(row["booked"]),
            str(row["refused"]),
            f"{row['bookings_per_s']:.0f}",
            f"{row['median_ms']:.2f}",
            f"{row['p99_ms']:.2f}",
            f"{row['median_ms'] / writes['floor']['median_ms']:.1f}",
        )
    console.print(table)

    if race is not None:
        table = Table(title=f"Race: {race['clients']} clients for {race['rooms_to_sell']} rooms on the same 3 nights")
        for name in ("attempts", "booked", "conflicts", "errors", "seconds", "attempts/s"):
            table.add_column(name, justify="right")
        table.add_row(
            str(race["attempts"]),
            str(race["booked"]),
            str(race["conflicts"]),
            str(race["errors"]),
            f"{race['seconds']:.2f}",
            f"{race['attempts_per_s']:.0f}",
        )
        console.print(table)
        for sample in race["error_samples"]:
            console.print(f"[red]race error: {sample}[/red]")

    table = Table(title=f"Postings on {database}, one process, {postings['postings']} charges per path and folios")
    for name in ("path", "folios", "per s", "median ms", "p99 ms", "× floor"):
        table.add_column(name, justify="left" if name == "path" else "right")
    paths = [
        ("service", "folio_post_charge"),
        ("api", "API POST …/postings"),
        ("floor", "floor: INSERT"),
        ("floor_locked", "floor: FOR UPDATE + INSERT"),
    ]
    for key, label in paths:
        for where in ("spread", "hot"):
            row = postings.get(f"{key}_{where}")
            if row is None:
                continue
            table.add_row(
                label,
                str(postings["spread_folios"]) if where == "spread" else "1 hot",
                f"{row['postings_per_s']:.0f}",
                f"{row['median_ms']:.2f}",
                f"{row['p99_ms']:.2f}",
                f"{postings[f'{key}_{where}_over_floor']:.1f}",
            )
    console.print(table)
    console.print(
        f"Spread: over the folios of {postings['spread_folios']} in-house stays, which held "
        f"{postings['spread_postings_before']:,} postings before the run; hot: one new house folio per path, "
        f"{postings['hot_postings_after']:,} postings at the end."
    )

    table = Table(
        title=f"Folio screen on {database}: {screen['nights']} nights, {SCREEN_POSTINGS} postings, "
        f"{screen['runs']} runs"
    )
    for name in ("path", "SQL queries", "median ms", "p99 ms", "× floor"):
        table.add_column(name, justify="left" if name == "path" else "right")
    for key, label in (
        ("page", "page GET …/folio/"),
        ("api", "API GET …/folios"),
        ("floor", "floor: 1 SQL query"),
    ):
        row = screen[key]
        table.add_row(
            label,
            str(row["queries"]),
            f"{row['median_ms']:.2f}",
            f"{row['p99_ms']:.2f}",
            f"{row['median_ms'] / screen['floor']['median_ms']:.1f}",
        )
    console.print(table)

    if assignment is not None:
        table = Table(
            title=f"Auto-assign on {database}: {assignment['arrivals']} arrivals on {assignment['date']}, "
            f"{assignment['rooms']} rooms, {assignment['runs']} runs"
        )
        for name in ("path", "SQL queries", "median ms", "p99 ms", "× floor"):
            table.add_column(name, justify="left" if name == "path" else "right")
        service, floor_row = assignment["service"], assignment["floor"]
        table.add_row(
            "rooms_auto_assign (reshuffle)", str(assignment["queries"]), f"{service['median_ms']:.1f}",
            f"{service['p99_ms']:.1f}", f"{assignment['service_over_floor']:.1f}",
        )  # fmt: skip
        table.add_row("floor: 1 SQL query (candidate rooms)", "1", f"{floor_row['median_ms']:.2f}",
                      f"{floor_row['p99_ms']:.2f}", "1.0")  # fmt: skip
        console.print(table)
        console.print(
            f"Placed {assignment['placed']} ({assignment['upgraded']} upgrades), unplaced {assignment['unplaced']}; "
            f"guest room wishes met: {assignment['preferences_met']:.1%}."
        )

    if arrivals_page is not None:
        table = Table(
            title=f"Arrivals page on {database}: {arrivals_page['arrivals']} arrivals on {arrivals_page['date']} "
            f"({arrivals_page['assigned']} with a room), {arrivals_page['runs']} runs"
        )
        for name in ("path", "SQL queries", "median ms", "p99 ms", "× floor"):
            table.add_column(name, justify="left" if name == "path" else "right")
        for key, label in (
            ("page", "page GET /front-desk/arrivals/"),
            ("api", "API GET …/arrivals (200 a page)"),
            ("selector", "selector desk_list"),
            ("floor", "floor: 1 SQL query"),
        ):
            row = arrivals_page[key]
            table.add_row(
                label,
                str(row["queries"]),
                f"{row['median_ms']:.2f}",
                f"{row['p99_ms']:.2f}",
                f"{row['median_ms'] / arrivals_page['floor']['median_ms']:.1f}",
            )
        console.print(table)
        console.print(
            f"The busiest arrival date ahead had {arrivals_page['natural_arrivals']} arrivals; stays arriving later "
            "were brought forward (in a transaction rolled back afterwards)."
        )

    if night_audit is not None:
        table = Table(
            title=f"Night audit on {database}: {night_audit['rooms']} rooms, {night_audit['stays']} in house "
            f"({night_audit['routed']} routing to a company), {night_audit['runs']} runs"
        )
        for name in ("path", "postings", "SQL queries", "median s", "× floor"):
            table.add_column(name, justify="left" if name == "path" else "right")
        table.add_row(
            "night_audit_run (every step, reports included)",
            f"{night_audit['postings']:,}",
            str(night_audit["queries"]),
            f"{night_audit['seconds']:.3f}",
            f"{night_audit['audit_over_floor']:.1f}",
        )
        table.add_row("floor: bulk insert of the postings", f"{night_audit['postings']:,}", "",
                      f"{night_audit['floor_seconds']:.3f}", "1.0")  # fmt: skip
        console.print(table)
        console.print("Steps (ms): " + ", ".join(f"{k} {v}" for k, v in night_audit["steps_ms"].items()))

    if kpis is not None:
        table = Table(title=f"KPI report on {database}: {kpis['rows']} nights by day, {kpis['runs']} runs")
        for name in ("path", "median s", "× floor"):
            table.add_column(name, justify="left" if name == "path" else "right")
        table.add_row("kpi_report by day, three years", f"{kpis['by_day_seconds']:.3f}", f"{kpis['over_floor']:.1f}")
        table.add_row("kpi_report by market segment", f"{kpis['by_segment_seconds']:.3f}", "")
        table.add_row("floor: 1 SQL query of the statistics rows", f"{kpis['floor_seconds']:.4f}", "1.0")
        console.print(table)
    if journal is not None:
        table = Table(
            title=f"Journal of a year on {database}: {journal['rooms']} rooms at {journal['occupancy']:.0%}, "
            f"{journal['postings']:,} postings, {journal['runs']} runs"
        )
        for name in ("path", "median s", "× floor"):
            table.add_column(name, justify="left" if name == "path" else "right")
        table.add_row(
            "journal_entries (the year)", f"{journal['entries_seconds']:.3f}", f"{journal['entries_over_floor']:.1f}"
        )
        table.add_row(f"CSV export ({journal['csv_mb']} MB)", f"{journal['csv_seconds']:.3f}", "")
        table.add_row("Beancount export", f"{journal['beancount_seconds']:.3f}", "")
        table.add_row("floor: 1 SQL query of the posting rows", f"{journal['floor_seconds']:.3f}", "1.0")
        console.print(table)

    if schedule is not None:
        table = Table(title="Staff schedule: " + schedule.get("title", "40 staff, 28 days, 4 shift types"))
        table.add_column("figure")
        table.add_column("value", justify="right")
        for key, value in schedule.items():
            if key != "title" and not isinstance(value, dict | list):
                table.add_row(key.replace("_", " "), str(value))
        console.print(table)

    table = Table(title="Invariants over every inventory row")
    table.add_column("check")
    table.add_column("value", justify="right")
    table.add_row("inventory rows checked", f"{checks['inventory_rows_checked']:,}")
    table.add_row("oversells (sold > sellable + overbooking)", str(checks["oversells"]))
    table.add_row("recount mismatches (sold ≠ stays)", str(checks["recount_mismatches"]))
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--rebuild", action="store_true", help="throw the benchmark database away and build it again")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--bookings", type=int, default=300)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--attempts", type=int, default=10, help="bookings each racing client attempts")
    parser.add_argument("--postings", type=int, default=300, help="charges posted by each path, spread and hot")
    parser.add_argument("--screen-runs", type=int, default=200, help="loads of the folio screen by each path")
    parser.add_argument("--assign-arrivals", type=int, default=400, help="arrivals the automatic assignment places")
    parser.add_argument("--assign-runs", type=int, default=5, help="runs of the automatic assignment")
    parser.add_argument("--arrivals", type=int, default=400, help="arrivals on the arrivals page")
    parser.add_argument("--arrivals-runs", type=int, default=30, help="loads of the arrivals page by each path")
    parser.add_argument("--audit-rooms", type=int, default=1000, help="rooms of the night audit's hotel")
    parser.add_argument("--audit-runs", type=int, default=3, help="runs of the night audit")
    parser.add_argument("--report-runs", type=int, default=3, help="runs of the KPI report and the journal")
    parser.add_argument("--schedule-seconds", type=int, default=60, help="the schedule solver's time limit")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    configure(args.database, args.rebuild)
    data = ensure_data(args.database)
    availability = bench_availability(args.searches)
    writes = bench_writes(args.bookings)
    race = bench_race(args.clients, args.attempts) if args.database == "postgres" else None
    cashiering = cashiering_setup()
    postings = bench_postings(args.postings, cashiering)
    screen = bench_folio_screen(args.screen_runs, cashiering)
    assignment = bench_auto_assign(args.assign_arrivals, args.assign_runs)
    arrivals_page = bench_arrivals_page(args.arrivals, args.arrivals_runs, cashiering)
    audit = bench_night_audit(args.audit_rooms, 0.9, args.audit_runs)
    kpis = bench_kpis(args.report_runs)
    journal = bench_journal(args.report_runs)
    schedule = bench_schedule(args.schedule_seconds) if args.database == "sqlite" else None
    checks = invariants()
    report(
        args.database,
        data,
        availability,
        writes,
        race,
        postings,
        screen,
        checks,
        assignment,
        arrivals_page,
        audit,
        kpis,
        journal,
        schedule,
    )

    import django

    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    out = BENCH_DIR / f"{args.database}-{stamp}.json"
    figures = {
        "database": args.database,
        "at": dt.datetime.now().isoformat(timespec="seconds"),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "data": data,
        "availability": availability,
        "writes": writes,
        "race": race,
        "postings": postings,
        "folio_screen": screen,
        "auto_assign": assignment,
        "arrivals_page": arrivals_page,
        "night_audit": audit,
        "kpis": kpis,
        "journal": journal,
        "schedule": schedule,
        "invariants": checks,
        "seconds": round(time.perf_counter() - started, 1),
    }
    out.write_text(json.dumps(figures, indent=2, default=str))
    console.print(f"Wrote {out.relative_to(ROOT)} ({figures['seconds']} s in all).")

    from django.db import connections

    connections.close_all()
    failed = checks["oversells"] or checks["recount_mismatches"] or (race and race["errors"])
    if failed:
        console.print("[red]Invariant broken: see the tables above.[/red]")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
