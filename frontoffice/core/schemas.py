import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import AfterValidator, Field


def _local_time(value: dt.time) -> dt.time:
    if value.tzinfo is not None:
        raise ValueError("give the local time at the property, without a time zone")
    return value


LocalTime = Annotated[dt.time, AfterValidator(_local_time)]


class ErrorOut(Schema):
    code: str
    detail: str
    errors: list[dict] = []


class PropertyIn(Schema):
    code: str = Field(pattern=r"^[A-Z0-9][A-Z0-9-]{1,11}$")
    name: str = Field(min_length=1, max_length=120)
    address: str = ""
    timezone: str = "Europe/Madrid"
    currency: str = Field("EUR", pattern=r"^[A-Z]{3}$")
    default_language: str = Field("es", pattern=r"^(es|en)$")
    business_date: dt.date
    check_in_time: LocalTime = dt.time(15, 0)
    check_out_time: LocalTime = dt.time(12, 0)
    vat_rate: Decimal = Field(Decimal("10.00"), ge=0, le=100, decimal_places=2)
    prices_include_vat: bool = True
    city_tax_per_night: Decimal = Field(Decimal("0.00"), ge=0, max_digits=8, decimal_places=2)
    city_tax_exempt_under_age: int = Field(16, ge=0, le=120)
    city_tax_max_nights: int = Field(7, ge=0, le=365)


class PropertyOut(Schema):
    code: str
    name: str
    address: str
    timezone: str
    currency: str
    default_language: str
    business_date: dt.date
    check_in_time: dt.time
    check_out_time: dt.time
    vat_rate: str
    prices_include_vat: bool
    city_tax_per_night: str
    city_tax_exempt_under_age: int
    city_tax_max_nights: int

    @staticmethod
    def resolve_vat_rate(obj):
        return str(obj.vat_rate)

    @staticmethod
    def resolve_city_tax_per_night(obj):
        return str(obj.city_tax_per_night)
