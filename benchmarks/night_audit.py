"""The night audit of a 1,000-room hotel at 90 % occupancy, a fifth of the stays routing room and
tax to a company window with a daily cap, against its floor: a bulk insert of the same number of
posting rows in one statement batch.

Everything happens inside a transaction that is rolled back, so the benchmark database is left as
it was: a property of its own is made (rooms, one rate plan, guests, in-house stays with the
night's price, their folios and routing instructions, all bulk-inserted), then each run closes
its business date in a savepoint that is rolled back, and each floor run inserts the postings in
a savepoint rolled back too.
"""

import datetime as dt
import random
import time
from decimal import Decimal

CODE = "NIGHT"


def _setup(rooms: int, occupancy: float, admin) -> dict:
    from frontoffice.core.models import Membership, Property
    from frontoffice.folios.models import Folio, FolioKind, RoutingInstruction
    from frontoffice.folios.services import transaction_codes_install
    from frontoffice.guests.models import Guest
    from frontoffice.rates.services import rate_plan_create
    from frontoffice.reservations.models import Reservation, ReservationNight
    from frontoffice.rooms.models import Room
    from frontoffice.rooms.services import room_type_create

    rng = random.Random(1000)
    day = dt.date(2027, 3, 10)
    prop = Property.objects.create(
        code=CODE, name="Night audit benchmark", business_date=day, city_tax_per_night=Decimal("2.00")
    )
    Membership.objects.get_or_create(user=admin, property=prop)
    transaction_codes_install(property=prop)
    types = [
        room_type_create(property=prop, actor=admin, code=code, name_en=code, max_occupancy=3, sort_order=i)
        for i, code in enumerate(("STD", "SUP", "JRS"))
    ]
    plan = rate_plan_create(property=prop, actor=admin, code="BAR", name="Best available rate", meal_plan="BB")
    room_rows = [
        Room(property=prop, number=str(100 * (1 + i // 50) + i % 50), floor=1 + i // 50,
             room_type=types[0 if i % 10 < 7 else (1 if i % 10 < 9 else 2)])
        for i in range(rooms)
    ]  # fmt: skip
    Room.objects.bulk_create(room_rows, batch_size=500)
    room_rows = list(Room.objects.filter(property=prop).order_by("id"))
    occupied = room_rows[: int(rooms * occupancy)]
    guests = Guest.objects.bulk_create(
        [Guest(property=prop, first_name="Guest", last_name=f"N{i:04d}") for i in range(len(occupied))],
        batch_size=500,
    )
    stays = []
    for i, (room, guest) in enumerate(zip(occupied, guests, strict=True)):
        arrival = day - dt.timedelta(days=rng.randint(0, 4))
        stays.append(
            Reservation(
                property=prop, confirmation=f"N{i:06d}", party=f"N{i:06d}", status="in_house",
                room_type=room.room_type, rate_plan=plan, room=room, arrival=arrival,
                departure=day + dt.timedelta(days=rng.randint(1, 4)), adults=rng.choice((1, 2, 2, 2)),
                guest=guest, booked_on=arrival - dt.timedelta(days=10), market_segment="corporate" if i % 5 == 0
                else "leisure",
            )
        )  # fmt: skip
    Reservation.objects.bulk_create(stays, batch_size=500)
    stays = list(Reservation.objects.filter(property=prop).order_by("id"))
    ReservationNight.objects.bulk_create(
        [ReservationNight(reservation=s, date=day, price=Decimal(rng.randrange(9000, 22000)) / 100,
                          vat=Decimal("0")) for s in stays],
        batch_size=500,
    )  # fmt: skip
    folios = [
        Folio(property=prop, reservation=s, window=w, kind=FolioKind.GUEST, payer_guest_id=s.guest_id)
        for s in stays
        for w in ((1, 2) if s.market_segment == "corporate" else (1,))
    ]
    Folio.objects.bulk_create(folios, batch_size=500)
    company = {f.reservation_id: f for f in Folio.objects.filter(property=prop, window=2)}
    RoutingInstruction.objects.bulk_create(
        [
            RoutingInstruction(property=prop, reservation_id=res_id, source_window=1, target_folio=folio,
                               departments=["rooms", "taxes"], daily_cap=Decimal("150.00"), created_by=admin)
            for res_id, folio in company.items()
        ]
    )  # fmt: skip
    return {"property": prop, "stays": len(stays), "routed": len(company)}


def _floor_rows(prop, count: int) -> list:
    from frontoffice.folios.models import Folio, Posting, TransactionCode

    code = TransactionCode.objects.get(property=prop, code="ROOM")
    folios = list(Folio.objects.filter(property=prop, window=1).values_list("pk", flat=True))
    return [
        Posting(property=prop, folio_id=folios[i % len(folios)], business_date=prop.business_date,
                transaction_code=code, description="Room", unit_amount=Decimal("100.00"), net=Decimal("90.91"),
                tax=Decimal("9.09"), gross=Decimal("100.00"))
        for i in range(count)
    ]  # fmt: skip


def bench_night_audit(rooms: int, occupancy: float, runs: int) -> dict:
    """Seconds for ``night_audit_run`` (every step: pre-checks, room and city tax with routing,
    rooms dirty, statistics, the six reports with the flash PDF, the next date) against a bulk
    insert of as many postings as the audit writes."""
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from frontoffice.folios.models import Posting
    from frontoffice.nightaudit.services import night_audit_run

    admin = User.objects.get(username="bench-admin")
    result: dict = {"rooms": rooms, "occupancy": occupancy, "runs": runs}
    times, floor_times, step_times = [], [], []
    with transaction.atomic():
        t0 = time.perf_counter()
        made = _setup(rooms, occupancy, admin)
        result["setup_seconds"] = round(time.perf_counter() - t0, 2)
        prop = made["property"]
        result.update(stays=made["stays"], routed=made["routed"])
        for i in range(runs):
            point = transaction.savepoint()
            marks: list[tuple[str, float]] = []
            with CaptureQueriesContext(connection) as captured:
                t0 = time.perf_counter()
                audit = night_audit_run(
                    property=prop,
                    actor=admin,
                    early=True,
                    on_step=lambda code, detail, marks=marks: marks.append((code, time.perf_counter())),
                )
                times.append(time.perf_counter() - t0)
            previous = t0
            steps = {}
            for code, at in marks:
                steps[code] = round((at - previous) * 1000)
                previous = at
            step_times.append(steps)
            if i == 0:
                result["postings"] = Posting.objects.filter(property=prop, business_date=audit.business_date).count()
                result["queries"] = len(captured.captured_queries)
            transaction.savepoint_rollback(point)
            prop.refresh_from_db()
        rows = _floor_rows(prop, result["postings"])
        for _ in range(runs):
            point = transaction.savepoint()
            t0 = time.perf_counter()
            Posting.objects.bulk_create(rows, batch_size=500)
            floor_times.append(time.perf_counter() - t0)
            transaction.savepoint_rollback(point)
            for r in rows:
                r.pk = None
        transaction.set_rollback(True)
    result["seconds"] = round(sorted(times)[len(times) // 2], 3)
    result["floor_seconds"] = round(sorted(floor_times)[len(floor_times) // 2], 3)
    result["audit_over_floor"] = round(result["seconds"] / result["floor_seconds"], 1)
    result["steps_ms"] = step_times[len(step_times) // 2]
    return result
