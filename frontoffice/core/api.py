"""API building blocks: token auth, the domain-error handler and the properties endpoints."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination
from ninja.security import HttpBearer, django_auth

from frontoffice.core.access import properties_for, property_for, require
from frontoffice.core.models import Property
from frontoffice.core.schemas import PropertyIn, PropertyOut
from frontoffice.core.services import property_create
from frontoffice.core.tokens import api_token_authenticate


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
        return user


AUTH = [BearerToken(), django_auth]


def user_of(request: HttpRequest):
    return request.auth if hasattr(request.auth, "is_authenticated") else request.user


# Dates the API accepts in queries: far enough either way for any hotel, near enough that a
# period's arithmetic never leaves the calendar.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)


def scoped(request: HttpRequest, code: str, perm: str | None = None) -> Property:
    """The property in the path if the caller works there (else 404), checking ``perm`` (else 403)."""
    user = user_of(request)
    prop = property_for(user, code)
    if perm:
        require(user, perm)
    return prop


class Pagination(LimitOffsetPagination):
    """``{"items": [...], "count": N}`` with ``limit`` (1–200, default 50) and a bounded ``offset``."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=10_000_000)

    def __init__(self, **kwargs):
        super().__init__(max_limit=200, **kwargs)


router = Router(tags=["properties"])


@router.get("/properties", response=list[PropertyOut], summary="Properties you work in")
def list_properties(request):
    return list(properties_for(user_of(request)))


@router.post("/properties", response={201: PropertyOut}, summary="Create a property (administrator)")
def create_property(request, payload: PropertyIn):
    return Status(201, property_create(actor=user_of(request), data=payload.dict()))


@router.get("/properties/{code}", response=PropertyOut)
def get_property(request, code: str):
    return scoped(request, code)
