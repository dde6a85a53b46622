import datetime as dt

from ninja import Schema
from pydantic import Field


class PreCheckOut(Schema):
    code: str = Field(description="arrivals_pending, departures_pending, open_shifts, over_credit_limit, …")
    severity: str = Field(description="blocking (resolve or override with a reason) or warning")
    count: int
    items: list[str] = Field(description="What to look at: confirmations and names, folios, cashiers")


class NightAuditStatusOut(Schema):
    business_date: dt.date = Field(description="The date the next audit closes")
    day_over: bool = Field(description="Whether the property's calendar date is past the business date")
    prechecks: list[PreCheckOut]
    last_closed: dt.date | None


class NightAuditIn(Schema):
    date: dt.date | None = Field(
        None, description="The business date to close; if given and already closed, nothing happens (409)"
    )
    overrides: dict[str, str] = Field(
        default_factory=dict, description="Blocking pre-check code → the auditor's reason for going ahead"
    )
    early: bool = Field(False, description="Close the date on its own evening, before midnight")


class NightAuditOut(Schema):
    business_date: dt.date = Field(description="The date closed")
    next_business_date: dt.date
    started_at: dt.datetime
    finished_at: dt.datetime
    actor: str | None
    overrides: list[dict]
    steps: list[dict] = Field(description="Each step in order with what it did")
    reports: list[str] = Field(description="URLs of the reports kept for the date")


class DailyStatisticsOut(Schema):
    date: dt.date
    physical_rooms: int
    out_of_order: int
    out_of_service: int
    occupied: int
    complimentary: int
    house_use: int
    sold: int
    day_use: int
    arrivals: int
    departures: int
    no_shows: int
    cancellations: int
    guests: int
    room_revenue: str
    fees: str
    kpis: dict[str, dict] = Field(description="usali and operational: available, sold, occupancy %, ADR, RevPAR")
    revenue_by_department: dict[str, str]
    payments_by_method: dict[str, str]
    refunds_by_method: dict[str, str]
    ledgers: dict[str, dict[str, str]]
    by_segment: dict[str, dict]
