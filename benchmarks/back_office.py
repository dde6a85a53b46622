"""The back office's reports at scale, each beside its floor, in transactions rolled back after:

* the KPI report by day over three years of the 500-room benchmark hotel (its nights' statistics
  reconstructed from its bookings first), and broken down by market segment, against one SQL query
  reading the statistics rows;
* the journal of a year for a 200-room hotel at 80 % (a year of nightly room and city-tax postings
  bulk-inserted first), as entries and exported as CSV and Beancount, against one SQL query reading
  the posting rows.
"""

import datetime as dt
import random
import time
from decimal import Decimal

CODE = "BENCH"


def _best(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2], result


def bench_kpis(runs: int) -> dict:
    from django.db import connection, transaction

    from frontoffice.backoffice.history import history_statistics_seed
    from frontoffice.backoffice.selectors import kpi_report
    from frontoffice.core.models import Property
    from frontoffice.nightaudit.models import DailyStatistics

    prop = Property.objects.get(code=CODE)
    end = prop.business_date - dt.timedelta(days=1)
    start = end - dt.timedelta(days=3 * 365 - 1)
    result: dict = {"nights": 3 * 365, "runs": runs}
    with transaction.atomic():
        t0 = time.perf_counter()
        result["history_rows"] = history_statistics_seed(property=prop, days=3 * 365 + 1)
        result["history_seconds"] = round(time.perf_counter() - t0, 2)
        seconds, report = _best(lambda: kpi_report(property=prop, start=start, end=end, group_by="day"), runs)
        result["by_day_seconds"] = round(seconds, 3)
        result["rows"] = len(report["rows"])
        result["occupancy_usali"] = str(report["total"]["occupancy_usali"])
        seconds, _report = _best(lambda: kpi_report(property=prop, start=start, end=end, group_by="segment"), runs)
        result["by_segment_seconds"] = round(seconds, 3)
        table = connection.ops.quote_name(DailyStatistics._meta.db_table)
        sql = f"SELECT * FROM {table} WHERE property_id = %s AND date BETWEEN %s AND %s"  # noqa: S608

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(sql, [prop.pk, start, end])
                return len(cursor.fetchall())

        seconds, _n = _best(floor, runs)
        result["floor_seconds"] = round(seconds, 4)
        transaction.set_rollback(True)
    result["over_floor"] = round(result["by_day_seconds"] / max(result["floor_seconds"], 1e-6), 1)
    return result


def bench_journal(runs: int, rooms: int = 200, occupancy: float = 0.8) -> dict:
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from frontoffice.backoffice.exports import journal_beancount, journal_csv
    from frontoffice.backoffice.selectors import journal_entries
    from frontoffice.core.models import Property
    from frontoffice.folios.models import Folio, FolioKind, Posting, TransactionCode
    from frontoffice.folios.services import transaction_codes_install
    from frontoffice.guests.models import Guest
    from frontoffice.rates.services import rate_plan_create
    from frontoffice.reservations.models import Reservation
    from frontoffice.rooms.services import room_type_create

    admin = User.objects.get(username="bench-admin")
    rng = random.Random(365)
    result: dict = {"rooms": rooms, "occupancy": occupancy, "runs": runs}
    with transaction.atomic():
        start = dt.date(2025, 1, 1)
        end = dt.date(2025, 12, 31)
        prop = Property.objects.create(code="JOURNAL", name="Journal benchmark", business_date=start)
        transaction_codes_install(property=prop)
        codes = {c.code: c for c in TransactionCode.objects.filter(property=prop)}
        rt = room_type_create(property=prop, actor=admin, code="STD", name_en="Standard", max_occupancy=2)
        plan = rate_plan_create(property=prop, actor=admin, code="BAR", name="Best available rate")
        guests = Guest.objects.bulk_create(
            [Guest(property=prop, first_name="G", last_name=f"{i}") for i in range(rooms)], batch_size=500
        )
        stays = Reservation.objects.bulk_create(
            [
                Reservation(property=prop, confirmation=f"J{i:05d}", party=f"J{i:05d}", status="checked_out",
                            room_type=rt, rate_plan=plan, arrival=start, departure=end, guest=g, booked_on=start)
                for i, g in enumerate(guests)
            ],
            batch_size=500,
        )  # fmt: skip
        folios = Folio.objects.bulk_create(
            [Folio(property=prop, reservation=s, window=1, kind=FolioKind.GUEST) for s in stays], batch_size=500
        )
        rows = []
        day = start
        while day <= end:
            for folio in rng.sample(folios, int(rooms * occupancy)):
                price = Decimal(rng.randrange(8000, 20000)) / 100
                tax = (price * 10 / 110).quantize(Decimal("0.01"))
                rows.append(
                    Posting(property=prop, folio=folio, business_date=day, transaction_code=codes["ROOM"],
                            description="Room", unit_amount=price, net=price - tax, tax=tax, gross=price)
                )  # fmt: skip
                rows.append(
                    Posting(property=prop, folio=folio, business_date=day, transaction_code=codes["CITYTAX"],
                            description="City tax", unit_amount=Decimal("2.00"), net=Decimal("4.00"),
                            tax=Decimal("0.00"), gross=Decimal("4.00"), quantity=2)
                )  # fmt: skip
            day += dt.timedelta(days=1)
        t0 = time.perf_counter()
        Posting.objects.bulk_create(rows, batch_size=2000)
        result["postings"] = len(rows)
        result["insert_seconds"] = round(time.perf_counter() - t0, 2)
        seconds, entries = _best(lambda: journal_entries(property=prop, start=start, end=end), runs)
        result["entries_seconds"] = round(seconds, 3)
        result["entries"] = len(entries)
        seconds, text = _best(lambda: journal_csv(entries), runs)
        result["csv_seconds"] = round(seconds, 3)
        result["csv_mb"] = round(len(text) / 1e6, 1)
        seconds, text = _best(lambda: journal_beancount(prop, entries), runs)
        result["beancount_seconds"] = round(seconds, 3)
        table = connection.ops.quote_name(Posting._meta.db_table)
        sql = (
            f"SELECT id, business_date, folio_id, transaction_code_id, net, tax, gross FROM {table} "  # noqa: S608
            "WHERE property_id = %s AND business_date BETWEEN %s AND %s ORDER BY business_date, id"
        )

        def floor():
            with connection.cursor() as cursor:
                cursor.execute(sql, [prop.pk, start, end])
                return len(cursor.fetchall())

        seconds, _n = _best(floor, runs)
        result["floor_seconds"] = round(seconds, 3)
        transaction.set_rollback(True)
    result["export_seconds"] = round(result["entries_seconds"] + result["csv_seconds"], 3)
    result["entries_over_floor"] = round(result["entries_seconds"] / max(result["floor_seconds"], 1e-6), 1)
    return result
