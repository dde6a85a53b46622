"""A stay's room from a date (room moves), the room type it is charged at (upgrades), and the
business date of a cancellation or no-show (the night audit's counts).

On PostgreSQL the no-overlap exclusion constraint now counts a stay in its room from
``room_since`` (the first night after a move) instead of from the arrival: a guest moved
mid-stay into a room another guest left earlier in the stay no longer collides with them.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


OLD = """
    ALTER TABLE reservations_reservation ADD CONSTRAINT reservation_room_no_overlap
    EXCLUDE USING gist (room_id WITH =, daterange(arrival, departure, '[)') WITH &&)
    WHERE (room_id IS NOT NULL AND status IN ('tentative', 'confirmed', 'in_house', 'checked_out'))
"""
NEW = """
    ALTER TABLE reservations_reservation ADD CONSTRAINT reservation_room_no_overlap
    EXCLUDE USING gist (room_id WITH =, daterange(COALESCE(room_since, arrival), departure, '[)') WITH &&)
    WHERE (room_id IS NOT NULL AND status IN ('tentative', 'confirmed', 'in_house', 'checked_out'))
"""
DROP = "ALTER TABLE reservations_reservation DROP CONSTRAINT IF EXISTS reservation_room_no_overlap"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)
        schema_editor.execute(NEW)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)
        schema_editor.execute(OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_front_desk_permissions"),
        ("guests", "0001_initial"),
        ("rates", "0002_rate_plan_public"),
        ("reservations", "0002_room_no_overlap"),
        ("rooms", "0002_room_status_overlays"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="reservation",
            name="room_since",
            field=models.DateField(
                blank=True,
                help_text="First night in the current room after a room move (empty: the arrival)",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="reservation",
            name="room_type_charged",
            field=models.ForeignKey(
                blank=True,
                help_text="The booked room type the stay is priced on, when an upgrade or downgrade put it in another type",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="rooms.roomtype",
            ),
        ),
        migrations.AddField(
            model_name="reservation",
            name="cancelled_on",
            field=models.DateField(
                blank=True, help_text="Business date of the cancellation or of the no-show", null=True
            ),
        ),
        migrations.AddConstraint(
            model_name="reservation",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("room_since__isnull", True),
                    models.Q(("room_since__gte", models.F("arrival")), ("room_since__lte", models.F("departure"))),
                    _connector="OR",
                ),
                name="reservation_room_since_in_stay",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
