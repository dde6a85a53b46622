"""Rows inserted straight through the database driver: the floor of bulk loading.

For the demo and the benchmark data, which insert hundreds of thousands of rows: no
model instances, COPY on PostgreSQL, one prepared statement on SQLite.
"""

import json
from collections.abc import Iterable

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone


def _converter(field, vendor: str):
    """How a Python value is handed to the database driver for a column (None: as it is)."""
    internal = field.get_internal_type()
    if internal == "JSONField":
        return json.dumps
    if vendor == "sqlite" and internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if vendor == "sqlite" and internal == "TimeField":
        return connection.ops.adapt_timefield_value
    return None


def next_id(model) -> int:
    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def bulk_insert(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert plain tuples (values for ``columns``, attribute names) straight through the driver.

    The floor of bulk loading, for the demo and the benchmark data: no model instances,
    COPY on PostgreSQL, one prepared statement on SQLite. Columns left out get their
    field's default (``auto_now_add`` ones: now). Give ids explicitly to refer to the rows
    later; ``reset_sequences`` then moves PostgreSQL's id sequence past them. Checks and
    constraints still apply. Call inside the caller's transaction.
    """
    vendor = connection.vendor
    fields = {f.attname: f for f in model._meta.concrete_fields}
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
    now = timezone.now()
    rest = [f for name, f in fields.items() if name not in columns and not f.primary_key]
    defaults = tuple(
        now if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False) else f.get_default() for f in rest
    )
    names = list(columns) + [f.attname for f in rest]
    defaults = tuple(
        value if value is None or (c := _converter(f, vendor)) is None else c(value)
        for f, value in zip(rest, defaults, strict=True)
    )
    converters = [(i, c) for i, name in enumerate(columns) if (c := _converter(fields[name], vendor))]

    def prepared():
        for row in rows:
            if converters:
                row = list(row)
                for i, convert in converters:
                    if row[i] is not None:
                        row[i] = convert(row[i])
            yield (*row, *defaults) if defaults else row

    table = connection.ops.quote_name(model._meta.db_table)
    column_sql = ", ".join(connection.ops.quote_name(fields[n].column) for n in names)
    count = 0
    connection.ensure_connection()
    if vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy:
            for values in prepared():
                copy.write_row(values)
                count += 1
        return count
    marks = ", ".join("?" * len(names))
    sql = f"INSERT INTO {table} ({column_sql}) VALUES ({marks})"  # noqa: S608 - quoted model names; values bound
    batch: list = []
    raw = connection.connection
    for values in prepared():
        batch.append(values)
        if len(batch) >= 5000:
            raw.executemany(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        raw.executemany(sql, batch)
        count += len(batch)
    return count


def reset_sequences(*models) -> None:
    """After inserting explicit ids: let PostgreSQL's id sequences continue after them."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id by itself
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)
