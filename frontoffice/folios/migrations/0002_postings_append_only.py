"""The ledger is append-only: the database itself refuses UPDATE and DELETE on postings.

A correction is a new, reversing posting. Triggers exist for both vendors we run on; on
PostgreSQL a TRUNCATE (used only by test teardown) is not a row change and is not refused.
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE TRIGGER folios_posting_no_update BEFORE UPDATE ON folios_posting
    BEGIN SELECT RAISE(ABORT, 'postings are append-only: post a reversal instead'); END
    """,
    """
    CREATE TRIGGER folios_posting_no_delete BEFORE DELETE ON folios_posting
    BEGIN SELECT RAISE(ABORT, 'postings are append-only: post a reversal instead'); END
    """,
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS folios_posting_no_update",
    "DROP TRIGGER IF EXISTS folios_posting_no_delete",
]

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION folios_posting_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'postings are append-only: post a reversal instead'
            USING ERRCODE = 'integrity_constraint_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER folios_posting_append_only BEFORE UPDATE OR DELETE ON folios_posting
    FOR EACH ROW EXECUTE FUNCTION folios_posting_append_only()
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS folios_posting_append_only ON folios_posting",
    "DROP FUNCTION IF EXISTS folios_posting_append_only()",
]

SQL = {
    "sqlite": (SQLITE_FORWARD, SQLITE_BACKWARD),
    "postgresql": (POSTGRES_FORWARD, POSTGRES_BACKWARD),
}


def forward(apps, schema_editor):
    for sql in SQL.get(schema_editor.connection.vendor, ([], []))[0]:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    for sql in SQL.get(schema_editor.connection.vendor, ([], []))[1]:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("folios", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
