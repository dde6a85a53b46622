"""A closed date's record, statistics and reports are written once: the database refuses UPDATE
and DELETE on them, so a figure the back office has read never changes under it."""

from django.db import migrations

IMMUTABLE = {
    "nightaudit_nightaudit": "a closed business date cannot be changed",
    "nightaudit_dailystatistics": "the statistics of a closed date cannot be changed",
    "nightaudit_auditreport": "the reports of a closed date cannot be changed",
}


def sqlite_forward():
    for table, message in IMMUTABLE.items():
        for event in ("UPDATE", "DELETE"):
            yield (
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def _sqlite_backward():
    for table in IMMUTABLE:
        for event in ("update", "delete"):
            yield f"DROP TRIGGER IF EXISTS {table}_no_{event}"


def _postgres_forward():
    for table, message in IMMUTABLE.items():
        yield f"""
            CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
            END;
            $$ LANGUAGE plpgsql
        """
        yield (
            f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_immutable()"
        )


def _postgres_backward():
    for table in IMMUTABLE:
        yield f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}"
        yield f"DROP FUNCTION IF EXISTS {table}_immutable()"


SQL = {"sqlite": (sqlite_forward, _sqlite_backward), "postgresql": (_postgres_forward, _postgres_backward)}


def forward(apps, schema_editor):
    for sql in SQL.get(schema_editor.connection.vendor, (list, list))[0]():
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in SQL.get(schema_editor.connection.vendor, (list, list))[1]():
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("nightaudit", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
