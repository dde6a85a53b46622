"""PostgreSQL: no two stays in one room on one night, enforced by an exclusion constraint.

SQLite has no exclusion constraints; there the room-assignment service checks overlaps
inside its (serialised) write transaction.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    """
    ALTER TABLE reservations_reservation ADD CONSTRAINT reservation_room_no_overlap
    EXCLUDE USING gist (room_id WITH =, daterange(arrival, departure, '[)') WITH &&)
    WHERE (room_id IS NOT NULL AND status IN ('tentative', 'confirmed', 'in_house', 'checked_out'))
    """,
]
BACKWARD = ["ALTER TABLE reservations_reservation DROP CONSTRAINT IF EXISTS reservation_room_no_overlap"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in FORWARD:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in BACKWARD:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("reservations", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
