import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field


class RatePlanIn(Schema):
    code: str = Field(min_length=1, max_length=12)
    name: str = Field(min_length=1, max_length=80)
    name_es: str = Field("", max_length=80)
    meal_plan: str = Field("RO", pattern="^(RO|BB|HB|FB|AI)$")
    refundable: bool = True
    cancellation_free_hours: int = Field(24, ge=0, le=24 * 365)
    cancellation_penalty: str = Field("first_night", pattern="^(none|first_night|percent|whole_stay)$")
    cancellation_percent: Decimal = Field(Decimal("0"), ge=0, le=100, decimal_places=2)
    guarantee: str = Field("card", pattern="^(none|card|deposit)$")
    deposit_percent: Decimal = Field(Decimal("0"), ge=0, le=100, decimal_places=2)
    no_show_penalty: str = Field("first_night", pattern="^(none|first_night|percent|whole_stay)$")
    package_per_guest: Decimal = Field(
        Decimal("0"), ge=0, le=10000, decimal_places=2, description="F&B included in each night's price, per guest"
    )
    parent: str | None = None
    derive_percent: Decimal = Field(Decimal("0"), ge=-100, le=1000, decimal_places=2)
    derive_amount: Decimal = Field(Decimal("0"), ge=-100000, le=100000, decimal_places=2)
    public: bool = Field(True, description="False: sold only to companies that negotiated it, or by a manager")


class RatePlanOut(Schema):
    code: str
    name: str
    name_es: str
    meal_plan: str
    refundable: bool
    cancellation_free_hours: int
    cancellation_penalty: str
    cancellation_percent: str
    guarantee: str
    deposit_percent: str
    no_show_penalty: str
    package_per_guest: str
    parent: str | None
    derive_percent: str
    derive_amount: str
    active: bool
    public: bool

    @staticmethod
    def resolve_parent(obj):
        return obj.parent.code if obj.parent_id else None

    @staticmethod
    def resolve_cancellation_percent(obj):
        return str(obj.cancellation_percent)

    @staticmethod
    def resolve_deposit_percent(obj):
        return str(obj.deposit_percent)

    @staticmethod
    def resolve_package_per_guest(obj):
        return str(obj.package_per_guest)

    @staticmethod
    def resolve_derive_percent(obj):
        return str(obj.derive_percent)

    @staticmethod
    def resolve_derive_amount(obj):
        return str(obj.derive_amount)


class RatesIn(Schema):
    """Bulk price/restriction change. Omit ``room_type`` or ``rate_plan`` to mean all of them."""

    room_type: str | None = None
    rate_plan: str | None = None
    from_: dt.date = Field(alias="from")
    to: dt.date
    weekdays: list[int] = Field([], description="ISO weekdays, 1 = Monday … 7 = Sunday; empty = every day")
    price: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    extra_adult: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    child: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    closed: bool | None = None
    closed_to_arrival: bool | None = None
    closed_to_departure: bool | None = None
    min_stay: int | None = Field(None, ge=0, le=365)
    max_stay: int | None = Field(None, ge=0, le=365)
    min_advance: int | None = Field(None, ge=0, le=1000)
    max_advance: int | None = Field(None, ge=0, le=1000)
    clear: list[str] = Field([], description='min/max restrictions to remove, e.g. ["min_stay"]')


class RatesOut(Schema):
    updated: int
