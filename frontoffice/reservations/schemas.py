import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field, model_validator

from frontoffice.guests.schemas import GuestIn


def _local_time(value: dt.time | None) -> dt.time | None:
    if value is not None and value.tzinfo is not None:
        raise ValueError("give the local time at the property, without a time zone")
    return value


LocalTime = Annotated[dt.time, AfterValidator(_local_time)]


class BlockOut(Schema):
    code: str
    message: str


class NightOut(Schema):
    date: dt.date
    price: str


class RateOptionOut(Schema):
    """One rate plan's offer, built from a row of ``presenters.availability_rows``."""

    rate_plan: str
    name: str
    meal_plan: str
    refundable: bool
    bookable: bool
    room_total: str | None
    vat: str | None
    city_tax: str | None
    total: str | None
    nights: list[NightOut]
    blocks: list[BlockOut]

    @staticmethod
    def resolve_rate_plan(obj):
        return obj["plan"].code

    @staticmethod
    def resolve_name(obj):
        return obj["plan"].display_name

    @staticmethod
    def resolve_meal_plan(obj):
        return obj["plan"].meal_plan

    @staticmethod
    def resolve_refundable(obj):
        return obj["plan"].refundable

    @staticmethod
    def resolve_room_total(obj):
        return str(obj["quote"].room_total) if obj["quote"] else None

    @staticmethod
    def resolve_vat(obj):
        return str(obj["quote"].vat_total) if obj["quote"] else None

    @staticmethod
    def resolve_city_tax(obj):
        return str(obj["quote"].city_tax) if obj["quote"] else None

    @staticmethod
    def resolve_total(obj):
        return str(obj["quote"].total) if obj["quote"] else None

    @staticmethod
    def resolve_nights(obj):
        q = obj["quote"]
        return [{"date": n.date, "price": str(n.price)} for n in q.nights] if q else []


class RoomTypeAvailabilityOut(Schema):
    room_type: str
    name: str
    available: int
    sellable: int
    blocks: list[BlockOut]
    rates: list[RateOptionOut]

    @staticmethod
    def resolve_room_type(obj):
        return obj["room_type"].code

    @staticmethod
    def resolve_name(obj):
        return obj["room_type"].name


class AvailabilityOut(Schema):
    arrival: dt.date
    departure: dt.date
    nights: int
    adults: int
    children: int
    currency: str
    room_types: list[RoomTypeAvailabilityOut]


class Occupancy(Schema):
    adults: int = Field(1, ge=1, le=20)
    children: int = Field(0, ge=0, le=20)
    children_ages: list[int] | None = Field(None, description="One age (0–17) per child")

    @model_validator(mode="after")
    def ages_match(self):
        if self.children_ages is not None:
            if any(a < 0 or a > 17 for a in self.children_ages):
                raise ValueError("children's ages go from 0 to 17")
            if self.children and self.children != len(self.children_ages):
                raise ValueError("give one age per child")
            self.children = len(self.children_ages)
        return self

    def ages(self) -> list[int | None]:
        return list(self.children_ages) if self.children_ages is not None else [None] * self.children


class ReservationIn(Occupancy):
    room_type: str
    rate_plan: str
    arrival: dt.date
    departure: dt.date
    guest: GuestIn | None = None
    guest_id: int | None = None
    booker: GuestIn | None = Field(None, description="Who made the booking, when not the guest")
    companions: list[GuestIn] = Field([], max_length=20, description="Other guests sharing the room")
    rooms: int = Field(1, ge=1, le=50)
    tentative_until: dt.datetime | None = None
    waitlist_if_full: bool = False
    company_id: int | None = None
    travel_agent_id: int | None = None
    market_segment: str = "leisure"
    channel: str = "phone"
    customer_type: str = "transient"
    eta: LocalTime | None = None
    special_requests: str = Field("", max_length=2000)
    parking: bool = False
    notes: str = Field("", max_length=4000)
    nightly_price: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    override_reason: str = Field("", max_length=200)

    @model_validator(mode="after")
    def one_guest(self):
        if (self.guest is None) == (self.guest_id is None):
            raise ValueError("give either guest (a new or matching profile) or guest_id")
        return self


class ReservationPatch(Schema):
    arrival: dt.date | None = None
    departure: dt.date | None = None
    room_type: str | None = None
    rate_plan: str | None = None
    adults: int | None = Field(None, ge=1, le=20)
    children_ages: list[int] | None = None
    nightly_price: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    override_reason: str = Field("", max_length=200)
    eta: LocalTime | None = None
    special_requests: str | None = Field(None, max_length=2000)
    notes: str | None = Field(None, max_length=4000)
    parking: bool | None = None
    market_segment: str | None = None
    channel: str | None = None
    customer_type: str | None = None


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=200)
    waive_fee: bool = False


class GuestBrief(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    vip_level: int


class ReservationOut(Schema):
    confirmation: str
    party: str
    status: str
    guest: GuestBrief
    room_type: str = Field(description="The room type the stay holds (that of its room after an upgrade)")
    room_type_charged: str | None = Field(
        None, description="The booked room type it is priced on, when an upgrade or downgrade put it in another type"
    )
    rate_plan: str
    room: str | None
    room_since: dt.date | None = Field(None, description="First night in the current room after a room move")
    arrival: dt.date
    departure: dt.date
    nights: int
    adults: int
    children: int
    children_ages: list[int | None]
    meal_plan: str
    market_segment: str
    channel: str
    customer_type: str
    room_total: str
    vat_total: str
    city_tax_total: str
    total: str
    deposit_due: str
    guarantee: str
    cancellation_fee: str
    price_overridden: bool
    option_expires_at: dt.datetime | None
    eta: dt.time | None
    special_requests: str
    parking: bool
    notes: str
    created_at: dt.datetime

    @staticmethod
    def resolve_room_type(obj):
        return obj.room_type.code

    @staticmethod
    def resolve_room_type_charged(obj):
        return obj.room_type_charged.code if obj.room_type_charged_id else None

    @staticmethod
    def resolve_rate_plan(obj):
        return obj.rate_plan.code

    @staticmethod
    def resolve_room(obj):
        return obj.room.number if obj.room_id else None

    @staticmethod
    def resolve_room_total(obj):
        return str(obj.room_total)

    @staticmethod
    def resolve_vat_total(obj):
        return str(obj.vat_total)

    @staticmethod
    def resolve_city_tax_total(obj):
        return str(obj.city_tax_total)

    @staticmethod
    def resolve_total(obj):
        return str(obj.total)

    @staticmethod
    def resolve_deposit_due(obj):
        return str(obj.deposit_due)

    @staticmethod
    def resolve_cancellation_fee(obj):
        return str(obj.cancellation_fee)


class AuditOut(Schema):
    at: dt.datetime
    action: str
    actor: str | None
    changes: dict
    reason: str

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.username if obj.actor_id else None


class ReservationDetailOut(ReservationOut):
    booker: GuestBrief | None
    companions: list[GuestBrief]
    nightly: list[NightOut]

    @staticmethod
    def resolve_companions(obj):
        return getattr(obj, "companions_list", [])

    party_rooms: list[str]
    history: list[AuditOut]


class OverbookingIn(Schema):
    room_type: str
    from_: dt.date = Field(alias="from")
    to: dt.date
    rooms: int = Field(ge=0, le=1000, description="Rooms that may be sold beyond the sellable rooms, per night")


class OverbookingOut(Schema):
    nights: int
