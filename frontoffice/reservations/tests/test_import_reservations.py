import csv
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frontoffice.core.models import AuditEntry
from frontoffice.guests.models import Guest
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import make_user
from frontoffice.rooms.models import InventoryNight

HEADER = [
    "confirmation_ref",
    "first_name",
    "last_name",
    "email",
    "phone",
    "language",
    "nationality",
    "room_type",
    "rate_plan",
    "arrival",
    "departure",
    "adults",
    "children_ages",
    "market_segment",
    "channel",
    "customer_type",
    "nightly_price",
    "special_requests",
    "notes",
]


def row(ref, first, last, room_type="DBL", arrival="2026-06-10", departure="2026-06-12", **extra):
    values = {
        "confirmation_ref": ref,
        "first_name": first,
        "last_name": last,
        "email": f"{first.lower()}@example.com",
        "phone": "+34 600 111 222",
        "language": "es",
        "nationality": "ES",
        "room_type": room_type,
        "rate_plan": "BAR",
        "arrival": arrival,
        "departure": departure,
        "adults": "2" if room_type == "DBL" else "1",
    }
    values.update(extra)
    return values


def write(tmp_path, rows, header=HEADER):
    path = tmp_path / "bookings.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(path, user, *options):
    out = io.StringIO()
    call_command("import_reservations", str(path), "--property", "TEST", "--user", user, *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def booker(hotel):
    return make_user("resv", "reservations_agent", hotel.property)


def test_a_good_file_books_every_row(hotel, booker, tmp_path):
    path = write(
        tmp_path,
        [
            row("EXT-1", "Ana", "García"),
            row("EXT-2", "John", "Smith", children_ages="4", nationality="GB", language="en"),
            row("EXT-3", "Eva", "Ruiz", room_type="SGL", market_segment="corporate", channel="email", notes="VIP"),
        ],
    )
    output = run(path, "resv")
    assert "3 bookings imported" in output
    imported = {r.notes.split("\n")[0]: r for r in Reservation.objects.filter(property=hotel.property)}
    assert set(imported) == {"External ref: EXT-1", "External ref: EXT-2", "External ref: EXT-3"}
    smith = imported["External ref: EXT-2"]
    assert smith.children_ages == [4] and smith.channel == "import" and smith.guest.nationality == "GB"
    assert imported["External ref: EXT-3"].notes == "External ref: EXT-3\nVIP"
    assert imported["External ref: EXT-3"].market_segment == "corporate"
    assert InventoryNight.objects.get(room_type=hotel.room_types["DBL"], date="2026-06-10").sold == 2
    assert Guest.objects.count() == 3
    assert all(r.confirmation in output for r in imported.values())


def test_a_price_override_is_recorded_with_the_reason_import(hotel, manager, tmp_path):
    path = write(tmp_path, [row("EXT-9", "Ana", "García", nightly_price="80.00")])
    run(path, "manager")
    (res,) = Reservation.objects.all()
    assert res.price_overridden and res.room_total == Decimal("160.00")
    assert AuditEntry.objects.get(entity="reservation", entity_id=res.confirmation).reason == "import"


def test_one_bad_row_imports_nothing_and_reports_the_line_and_reason(hotel, booker, tmp_path):
    path = write(
        tmp_path,
        [
            row("EXT-1", "Ana", "García"),
            row("EXT-2", "John", "Smith"),
            row("EXT-3", "Eva", "Ruiz", room_type="XXL"),
            row("EXT-4", "Luis", "Gil", arrival="2026-06-31"),
        ],
    )
    out = io.StringIO()
    with pytest.raises(CommandError, match="2 of 4 rows refused; nothing was imported"):
        call_command("import_reservations", str(path), "--property", "TEST", "--user", "resv", stdout=out)
    report = out.getvalue()
    assert "│    4 │ EXT-3" in report and "unknown room type 'XXL'" in report
    assert "│    5 │ EXT-4" in report and "arrival '2026-06-31' is not a date" in report
    assert Reservation.objects.count() == 0 and Guest.objects.count() == 0


def test_a_file_that_overbooks_imports_nothing(hotel, booker, tmp_path):
    # Two single rooms; the third booking on the same nights has nowhere to go.
    path = write(tmp_path, [row(f"EXT-{i}", f"Guest{i}", "Solo", room_type="SGL") for i in range(1, 4)])
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 3 rows refused"):
        call_command("import_reservations", str(path), "--property", "TEST", "--user", "resv", stdout=out)
    assert "│    4 │ EXT-3" in out.getvalue() and "No room" in out.getvalue()
    assert Reservation.objects.count() == 0 and Guest.objects.count() == 0
    assert InventoryNight.objects.filter(sold__gt=0).count() == 0


def test_a_dry_run_saves_nothing_and_the_same_file_cannot_be_imported_twice(hotel, booker, tmp_path):
    path = write(tmp_path, [row("EXT-1", "Ana", "García")])
    assert "1 bookings would be imported" in run(path, "resv", "--dry-run")
    assert Reservation.objects.count() == 0
    run(path, "resv")
    with pytest.raises(CommandError, match="1 of 1 rows refused"):
        run(path, "resv")
    assert Reservation.objects.count() == 1


def test_a_misspelt_column_or_a_stranger_is_refused_before_anything_happens(hotel, booker, other_hotel, tmp_path):
    path = write(tmp_path, [{"first_name": "Ana"}], header=["first_name", "last_name", "arival"])
    with pytest.raises(CommandError, match="missing column.*arrival.*unknown column.*arival"):
        run(path, "resv")
    good = write(tmp_path, [row("EXT-1", "Ana", "García")])
    with pytest.raises(CommandError, match="does not work in a property 'OTHER'"):
        call_command("import_reservations", str(good), "--property", "OTHER", "--user", "resv")
    make_user("porter", "porter", hotel.property)
    with pytest.raises(CommandError, match="may not import"):
        run(good, "porter")
    assert Reservation.objects.count() == 0
