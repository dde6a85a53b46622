"""``gross = net + tax`` compared after rounding to the cent: SQLite keeps decimals as floating
point, where 19.70 + 1.97 is not 21.67. On SQLite, changing a constraint rebuilds the table and
drops its triggers, so the append-only triggers of postings and invoices are created again."""

from importlib import import_module

import django.db.models.expressions
import django.db.models.functions.math
from django.conf import settings
from django.db import migrations, models


def sqlite_triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    postings = import_module("frontoffice.folios.migrations.0002_postings_append_only")
    documents = import_module("frontoffice.folios.migrations.0004_documents_immutable")
    existing = {
        row[0]
        for row in schema_editor.connection.cursor().execute("SELECT name FROM sqlite_master WHERE type='trigger'")
    }
    for sql in [*postings.SQLITE_FORWARD, *documents._sqlite_forward()]:
        name = sql.split("TRIGGER", 1)[1].split()[0]
        if name not in existing:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_credit_invoices_permission"),
        ("folios", "0004_documents_immutable"),
        ("guests", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="invoice",
            name="invoice_gross_is_net_plus_tax",
        ),
        migrations.RemoveConstraint(
            model_name="posting",
            name="posting_gross_is_net_plus_tax",
        ),
        migrations.AddConstraint(
            model_name="invoice",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "gross",
                        django.db.models.functions.math.Round(
                            django.db.models.expressions.CombinedExpression(models.F("net"), "+", models.F("tax")), 2
                        ),
                    )
                ),
                name="invoice_gross_is_net_plus_tax",
            ),
        ),
        migrations.AddConstraint(
            model_name="posting",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "gross",
                        django.db.models.functions.math.Round(
                            django.db.models.expressions.CombinedExpression(models.F("net"), "+", models.F("tax")), 2
                        ),
                    )
                ),
                name="posting_gross_is_net_plus_tax",
            ),
        ),
        migrations.RunPython(sqlite_triggers_again, migrations.RunPython.noop),
    ]
