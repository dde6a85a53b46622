import datetime as dt
from importlib import import_module

import pytest
import time_machine
from django.db import connection
from django.utils import translation

from frontoffice.reservations.tests.factories import make_hotel, make_user


@pytest.fixture
def hotel(db):
    return make_hotel()


@pytest.fixture
def other_hotel(db):
    return make_hotel(code="OTHER")


@pytest.fixture
def agent(hotel):
    return make_user("agent", "front_desk_agent", hotel.property)


@pytest.fixture
def manager(hotel):
    return make_user("manager", "front_office_manager", hotel.property)


@pytest.fixture
def is_postgres():
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _english_by_default():
    """Every test starts in English; a test that switches language cannot leak it to the next."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clock_on_the_business_date():
    """The wall clock agrees with the test hotels' business date (1 June 2026), and keeps ticking."""
    with time_machine.travel(dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC), tick=True):
        yield


def _append_only_triggers() -> list[tuple[str, str]]:
    """(name, CREATE statement) of every SQLite trigger that keeps a ledger table append-only."""
    postings = import_module("frontoffice.folios.migrations.0002_postings_append_only")
    documents = import_module("frontoffice.folios.migrations.0004_documents_immutable")
    audits = import_module("frontoffice.nightaudit.migrations.0002_audit_records_immutable")
    statements = [*postings.SQLITE_FORWARD, *documents._sqlite_forward(), *audits.sqlite_forward()]
    return [(sql.split("TRIGGER", 1)[1].split()[0], sql) for sql in statements]


@pytest.fixture(scope="session", autouse=True)
def sqlite_flush_past_append_only_triggers():
    """A transactional test (live server, browser) ends with a flush that DELETEs every row; on SQLite
    the append-only triggers refuse that for postings and invoices (PostgreSQL truncates, which
    fires no row trigger). The test flush lifts the triggers for its own statements and puts them
    back in the same transaction; nothing outside the test teardown flushes."""
    if connection.vendor != "sqlite":
        yield
        return
    from django.db.backends.sqlite3.base import DatabaseOperations as SQLiteOperations

    original = SQLiteOperations.sql_flush
    triggers = _append_only_triggers()

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if not statements:
            return statements
        drops = [f"DROP TRIGGER IF EXISTS {name}" for name, _sql in triggers]
        return [*drops, *statements, *(sql for _name, sql in triggers)]

    SQLiteOperations.sql_flush = sql_flush
    yield
    SQLiteOperations.sql_flush = original
