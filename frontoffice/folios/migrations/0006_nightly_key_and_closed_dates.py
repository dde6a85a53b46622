"""The night audit's key (a night's room and taxes are posted once per stay, folio and date), and
closed dates: the database refuses a posting dated before the property's business date, so
nothing can be posted to a day the night audit has closed, whatever the path (service, admin,
raw SQL). On SQLite adding a column with a default rebuilds the table, so the append-only
triggers are created again."""

from importlib import import_module

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


SQLITE_FORWARD = [
    """
    CREATE TRIGGER folios_posting_date_open BEFORE INSERT ON folios_posting
    WHEN NEW.business_date < (SELECT business_date FROM core_property WHERE id = NEW.property_id)
    BEGIN SELECT RAISE(ABORT, 'business date closed: the night audit has closed this date'); END
    """,
]
POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION folios_posting_date_open() RETURNS trigger AS $$
    BEGIN
        IF NEW.business_date < (SELECT business_date FROM core_property WHERE id = NEW.property_id) THEN
            RAISE EXCEPTION 'business date closed: the night audit has closed %%', NEW.business_date
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER folios_posting_date_open BEFORE INSERT ON folios_posting
    FOR EACH ROW EXECUTE FUNCTION folios_posting_date_open()
    """,
]
BACKWARD = {
    "sqlite": ["DROP TRIGGER IF EXISTS folios_posting_date_open"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS folios_posting_date_open ON folios_posting",
        "DROP FUNCTION IF EXISTS folios_posting_date_open()",
    ],
}


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        import_module("frontoffice.folios.migrations.0005_gross_check_rounded").sqlite_triggers_again(
            apps, schema_editor
        )
    for sql in {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in BACKWARD.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_front_desk_permissions"),
        ("folios", "0005_gross_check_rounded"),
        ("reservations", "0003_room_since_and_charged_type"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="posting",
            name="nightly_kind",
            field=models.CharField(blank=True, max_length=12),
        ),
        migrations.AddField(
            model_name="posting",
            name="nightly_stay",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="reservations.reservation",
            ),
        ),
        migrations.AddConstraint(
            model_name="posting",
            constraint=models.UniqueConstraint(
                condition=models.Q(("nightly_stay__isnull", False)),
                fields=("folio", "business_date", "nightly_kind", "nightly_stay"),
                name="posting_nightly_once",
            ),
        ),
        migrations.RunPython(forward, backward),
    ]
