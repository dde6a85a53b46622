"""Raw reads for the few hot paths where the ORM's query building costs more than the query.

Only plain ``SELECT``s with ``%s`` parameters, on both SQLite and PostgreSQL. SQLite returns
dates and booleans converted (Django registers those converters) but decimals as floats:
``decimal_of`` gives them back as the cent-exact Decimals the ORM would.
"""

from decimal import Decimal

from django.db import connection

CENT = Decimal("0.01")


def fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def decimal_of(value) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(CENT)


def placeholders(values: list) -> str:
    return ", ".join(["%s"] * len(values))
