"""API schemas of the desk's lists, the day at a glance and the room-status board."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class RoomStatusOut(Schema):
    code: str = Field(description="VC, VD, VI, OC, OD, OOO or OOS")
    overlays: list[str] = Field(description="DND and/or MUR")
    discrepancy: str | None = Field(description="skip (desk occupied, found vacant) or sleep (the reverse)")
    ready: bool = Field(description="Vacant, clean or inspected, not blocked: a guest can have it now")


class DeskRowOut(Schema):
    confirmation: str
    party: str
    in_group: bool
    status: str
    arrival: dt.date
    departure: dt.date
    nights: int
    eta: dt.time | None
    adults: int
    children: int
    guest_name: str
    vip_level: int
    room: str | None
    room_status: RoomStatusOut | None
    room_type: str
    room_type_name: str
    company: str | None
    balance: str = Field(description="What the stay owes on its folios (deposit folio aside); negative: in credit")
    special_requests: str

    @staticmethod
    def resolve_room(obj):
        return obj.room_number

    @staticmethod
    def resolve_room_type(obj):
        return obj.room_type_code

    @staticmethod
    def resolve_balance(obj):
        return str(obj.balance)

    @staticmethod
    def resolve_room_status(obj):
        s = obj.room_status
        if s is None:
            return None
        return {
            "code": s.code.value,
            "overlays": [o.value for o in s.overlays],
            "discrepancy": s.discrepancy.value if s.discrepancy else None,
            "ready": s.ready,
        }


class SummaryOut(Schema):
    date: dt.date
    arrivals_expected: int
    arrivals_checked_in: int
    departures_expected: int
    departures_checked_out: int
    in_house: int
    stayovers: int
    rooms_to_sell: int
    arrivals_unassigned: int
    rooms_not_ready: list[DeskRowOut]
    vips_arriving: list[DeskRowOut]
    open_balances: list[DeskRowOut]
    open_balance_total: str

    @staticmethod
    def resolve_open_balance_total(obj):
        return str(obj.open_balance_total)


class BoardGuestOut(Schema):
    confirmation: str
    name: str
    vip_level: int
    departure: dt.date


class BoardRoomOut(Schema):
    number: str
    floor: int
    room_type: str
    condition: str
    status: RoomStatusOut
    housekeeping_found: str
    status_changed_at: dt.datetime | None
    guest: BoardGuestOut | None
    arriving: BoardGuestOut | None
    due_out: bool

    @staticmethod
    def resolve_room_type(obj):
        return obj.room_type_code

    @staticmethod
    def resolve_housekeeping_found(obj):
        return obj.found

    @staticmethod
    def resolve_status_changed_at(obj):
        return obj.changed_at

    @staticmethod
    def resolve_status(obj):
        s = obj.status
        return {
            "code": s.code.value,
            "overlays": [o.value for o in s.overlays],
            "discrepancy": s.discrepancy.value if s.discrepancy else None,
            "ready": s.ready,
        }


class BoardFloorOut(Schema):
    floor: int
    rooms: list[BoardRoomOut]


class RoomStatusIn(Schema):
    """Any of the fields; those left out stay as they are."""

    condition: str | None = Field(None, description="dirty, clean or inspected")
    do_not_disturb: bool | None = None
    make_up_room: bool | None = None
    housekeeping_found: str | None = Field(None, description='vacant, occupied, or "" to clear')


class RoomStatusBulkIn(RoomStatusIn):
    rooms: list[str] = Field(..., min_length=1, max_length=2000, description="Room numbers")


class RoomStatusChangedOut(Schema):
    number: str
    condition: str
    do_not_disturb: bool
    make_up_room: bool
    housekeeping_found: str
    status_changed_at: dt.datetime | None
