"""Issued invoices and their lines, and the city ledger's open items, payments and allocations,
are written once: the database refuses UPDATE and DELETE on them. A closed cashier shift is
never changed again. A correction is a new row (a credit note, a reversing entry)."""

from django.db import migrations

APPEND_ONLY = {
    "folios_invoice": "issued invoices are immutable: issue a credit note instead",
    "folios_invoiceline": "issued invoices are immutable: issue a credit note instead",
    "folios_openitem": "the city ledger is append-only: post a correcting item instead",
    "folios_receivablepayment": "the city ledger is append-only: post a correcting item instead",
    "folios_allocation": "the city ledger is append-only: post a correcting item instead",
}
CLOSED_SHIFT = "a closed cashier shift cannot be changed"


def _sqlite_forward():
    for table, message in APPEND_ONLY.items():
        for event in ("UPDATE", "DELETE"):
            yield (
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
    for event, row in (("UPDATE", "OLD"), ("DELETE", "OLD")):
        yield (
            f"CREATE TRIGGER folios_cashiershift_closed_no_{event.lower()} BEFORE {event} ON folios_cashiershift "
            f"WHEN {row}.status = 'closed' BEGIN SELECT RAISE(ABORT, '{CLOSED_SHIFT}'); END"
        )


def _sqlite_backward():
    for table in APPEND_ONLY:
        for event in ("update", "delete"):
            yield f"DROP TRIGGER IF EXISTS {table}_no_{event}"
    for event in ("update", "delete"):
        yield f"DROP TRIGGER IF EXISTS folios_cashiershift_closed_no_{event}"


def _postgres_forward():
    for table, message in APPEND_ONLY.items():
        yield f"""
            CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation';
            END;
            $$ LANGUAGE plpgsql
        """
        yield (
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
    yield f"""
        CREATE OR REPLACE FUNCTION folios_cashiershift_closed() RETURNS trigger AS $$
        BEGIN
            IF OLD.status = 'closed' THEN
                RAISE EXCEPTION '{CLOSED_SHIFT}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql
    """
    yield (
        "CREATE TRIGGER folios_cashiershift_closed BEFORE UPDATE OR DELETE ON folios_cashiershift "
        "FOR EACH ROW EXECUTE FUNCTION folios_cashiershift_closed()"
    )


def _postgres_backward():
    for table in APPEND_ONLY:
        yield f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}"
        yield f"DROP FUNCTION IF EXISTS {table}_append_only()"
    yield "DROP TRIGGER IF EXISTS folios_cashiershift_closed ON folios_cashiershift"
    yield "DROP FUNCTION IF EXISTS folios_cashiershift_closed()"


SQL = {
    "sqlite": (_sqlite_forward, _sqlite_backward),
    "postgresql": (_postgres_forward, _postgres_backward),
}


def forward(apps, schema_editor):
    if schema_editor.connection.vendor in SQL:
        for sql in SQL[schema_editor.connection.vendor][0]():
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor in SQL:
        for sql in SQL[schema_editor.connection.vendor][1]():
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("folios", "0003_cashiering")]
    operations = [migrations.RunPython(forward, backward)]
