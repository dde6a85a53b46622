import datetime as dt

from ninja import Schema
from pydantic import Field


class GuestIn(Schema):
    first_name: str = Field(min_length=1, max_length=80)
    last_name: str = Field(min_length=1, max_length=80)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=32)
    language: str = Field("es", pattern="^(es|en)$")
    nationality: str = Field("", max_length=2)
    document_type: str = ""
    document_number: str = Field("", max_length=30)
    document_country: str = Field("", max_length=2)
    document_expiry: dt.date | None = None
    birth_date: dt.date | None = None
    address: str = ""
    preferences: list[str] = []
    notes: str = ""
    vip_level: int = Field(0, ge=0, le=5)
    do_not_disclose: bool = False
    do_not_rent: bool = False
    do_not_rent_reason: str = Field("", max_length=200)


class GuestOut(Schema):
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    language: str
    nationality: str
    document_type: str
    document_number: str
    birth_date: dt.date | None
    preferences: list[str]
    vip_level: int
    do_not_disclose: bool
    do_not_rent: bool


class GuestCreated(GuestOut):
    possible_duplicates: list[int] = []


class CompanyIn(Schema):
    name: str = Field(min_length=1, max_length=120)
    kind: str = Field("company", pattern="^(company|travel_agent)$")
    tax_id: str = Field("", max_length=30)
    contact_name: str = Field("", max_length=120)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=32)
    address: str = ""
    negotiated_rate_plans: list[str] = []


class CompanyOut(Schema):
    id: int
    name: str
    kind: str
    tax_id: str
    contact_name: str
    email: str
    phone: str
    negotiated_rate_plans: list[str]

    @staticmethod
    def resolve_negotiated_rate_plans(obj):
        return [p.code for p in obj.negotiated_rate_plans.all()]
