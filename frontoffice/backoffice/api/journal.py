"""The journal for the accounting system, pulled incrementally by date."""

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from frontoffice.backoffice.domain.journal import day_totals
from frontoffice.backoffice.exports import journal_beancount, journal_csv
from frontoffice.backoffice.selectors import closed_through, journal_entries
from frontoffice.core.api import MAX_DATE, MIN_DATE, scoped
from frontoffice.core.domain.errors import InvalidInput

router = Router()
MAX_DAYS = 366
JSON_MAX_DAYS = 31


class JournalQuery(Schema):
    from_: dt.date = Field(ge=MIN_DATE, le=MAX_DATE, alias="from", description="First business date (inclusive)")
    to: dt.date = Field(ge=MIN_DATE, le=MAX_DATE, description="Last business date (inclusive)")
    format: str = Field("json", pattern="^(json|csv|beancount)$", description="json, csv or beancount")
    include_open: bool = Field(
        False, description="Include dates the night audit has not closed yet (their entries may still grow)"
    )


class LineOut(Schema):
    account: str
    debit: str
    credit: str


class EntryOut(Schema):
    date: dt.date
    ref: str = Field(description="P<posting id> or R<company payment id>: stable, for de-duplication")
    narration: str
    lines: list[LineOut]


class DayOut(Schema):
    date: dt.date
    debits: str
    credits: str


class JournalOut(Schema):
    from_: dt.date = Field(alias="from")
    to: dt.date
    closed_through: dt.date | None = Field(description="The last date the night audit closed")
    days: list[DayOut] = Field(description="Debits and credits per date: equal on every date")
    entries: list[EntryOut]


@router.get(
    "/properties/{code}/journal",
    response=JournalOut,
    summary="The double-entry journal",
    by_alias=True,
)
def journal(request, code: str, q: Query[JournalQuery]):
    """Journal entries per business date, derived from postings, payments, refunds, deposits,
    transfers and company payments, by the transaction codes' accounts (see the back-office docs).
    Only closed dates by default, so a client pulling ``from`` the day after its last pull never
    sees an entry change. ``format=csv`` or ``beancount`` returns a file (up to a year); JSON is
    for up to a month. Needs ``core.view_back_office``."""
    prop = scoped(request, code, "core.view_back_office")
    start, end = q.from_, q.to
    if end < start:
        raise InvalidInput(_("The period ends before it starts."), errors=[{"field": "to"}])
    limit = JSON_MAX_DAYS if q.format == "json" else MAX_DAYS
    if (end - start).days + 1 > limit:
        raise InvalidInput(_("Ask for at most %(days)s days at a time.") % {"days": limit}, errors=[{"field": "to"}])
    closed = closed_through(property=prop)
    if not q.include_open:
        end = min(end, closed) if closed else start - dt.timedelta(days=1)
    entries = journal_entries(property=prop, start=start, end=end) if end >= start else []
    if q.format == "csv":
        response = HttpResponse(journal_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{prop.code}-journal-{start}-{q.to}.csv"'
        return response
    if q.format == "beancount":
        response = HttpResponse(journal_beancount(prop, entries), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{prop.code}-journal-{start}-{q.to}.beancount"'
        return response
    return {
        "from": start,
        "to": q.to,
        "closed_through": closed,
        "days": [
            {"date": d, "debits": f"{debits:.2f}", "credits": f"{credits:.2f}"}
            for d, (debits, credits) in sorted(day_totals(entries).items())
        ],
        "entries": [
            {
                "date": e.date,
                "ref": e.ref,
                "narration": e.narration,
                "lines": [
                    {"account": line.account, "debit": f"{line.debit:.2f}", "credit": f"{line.credit:.2f}"}
                    for line in e.lines
                ],
            }
            for e in entries
        ],
    }
