import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Schema
from pydantic import Field

from frontoffice.folios.domain.ledger import MAX_WINDOWS
from frontoffice.guests.schemas import GuestIn


class TravellerIn(Schema):
    first_name: str = Field(max_length=80)
    last_name: str = Field(max_length=80)
    document_type: str = Field("", max_length=10, description="dni, nie, passport, id_card, driving_licence, other")
    document_number: str = Field("", max_length=30)
    document_country: str = Field("", max_length=2, description="ISO 3166 alpha-2")
    document_expiry: dt.date | None = None
    nationality: str = Field("", max_length=2, description="ISO 3166 alpha-2")
    birth_date: dt.date | None = None
    address: str = Field("", max_length=300)
    is_main: bool = False


class TravellerOut(TravellerIn):
    id: int


class CheckInIn(Schema):
    """Every traveller staying (one ``is_main``), the room if not assigned yet, keys handed out,
    and overrides: refusal code → reason (``room_not_ready`` by the agent; ``early_arrival``,
    ``late_arrival`` and ``deposit_missing`` by a manager)."""

    travellers: list[TravellerIn] = Field(max_length=20)
    room: str | None = Field(None, max_length=10)
    keys: int = Field(0, ge=0, le=10)
    overrides: dict[str, str] = Field(default_factory=dict)


class CheckOutInvoiceIn(Schema):
    folio: int = Field(ge=1, le=2**63 - 1, description="A bill window of this stay (its folio id)")
    kind: Literal["full", "simplified"] = Field(
        description="full: names the payer with a tax id (a company's, or the guest's identity document); "
        "simplified: a ticket, allowed up to the property's simplified-invoice limit"
    )


class CheckOutIn(Schema):
    """Check out, optionally issuing invoices for the charges not yet invoiced on some windows.
    The invoices are issued after the balance check in the same transaction as the check-out:
    if one is refused (409 ``payer_tax_id_required``, ``simplified_over_limit``,
    ``nothing_to_invoice``…) the guest stays in house and no invoice number is used. Leaving
    ``invoices`` out checks out without invoicing, as before."""

    override_reason: str = Field("", max_length=200, description="A manager checks out with a balance, giving why")
    invoices: list[CheckOutInvoiceIn] = Field(
        default_factory=list, max_length=MAX_WINDOWS, description="At most one per window; needs core.issue_invoices"
    )


class ReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=200)


class KeysIn(Schema):
    count: int = Field(ge=1, le=10)


class WalkInIn(Schema):
    room_type: str = Field(max_length=10)
    rate_plan: str = Field(max_length=16)
    nights: int = Field(ge=1, le=30)
    adults: int = Field(1, ge=1, le=20)
    guest: GuestIn


class StayOut(Schema):
    confirmation: str
    status: str
    room: str | None
    arrival: dt.date
    departure: dt.date
    total: str

    @staticmethod
    def resolve_room(obj):
        return obj.room.number if obj.room_id else None

    @staticmethod
    def resolve_total(obj):
        return str(obj.total)


class IssuedInvoiceOut(Schema):
    """An invoice issued at check-out."""

    id: int
    number: str = Field(description="e.g. F2026-00042 (series, year, gapless sequence)")
    kind: str = Field(description="invoice or simplified")
    folio: int
    window: int
    total: str = Field(description="The gross amount, taxes included")
    currency: str
    pdf_url: str


class CheckOutOut(StayOut):
    invoices: list[IssuedInvoiceOut] = Field(description="The invoices issued with the check-out, by window")

    @staticmethod
    def resolve_invoices(obj):
        return getattr(obj, "issued_invoices", [])


class LateFeeIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
