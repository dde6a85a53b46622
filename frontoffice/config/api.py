"""The REST API: one NinjaAPI, each app's router, and one handler for every refusal."""

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from frontoffice.backoffice.api import router as backoffice_router
from frontoffice.core.api import AUTH
from frontoffice.core.api import router as core_router
from frontoffice.core.domain.errors import DomainError
from frontoffice.folios.api import router as folios_router
from frontoffice.frontdesk.api import router as frontdesk_router
from frontoffice.guests.api import router as guests_router
from frontoffice.nightaudit.api import router as nightaudit_router
from frontoffice.rates.api import router as rates_router
from frontoffice.reservations.api import router as reservations_router
from frontoffice.rooms.api import router as rooms_router
from frontoffice.staff.api import router as staff_router

api = NinjaAPI(
    title="Front Office API",
    version="1",
    description=(
        "Hotel front-office REST API. Authenticate with `Authorization: Bearer <token>` "
        "(create one with `frontoffice api-token USERNAME` or on your profile page). "
        "Dates are ISO 8601, amounts are decimal strings, lists are paginated as "
        "`{items, count}` with `limit` and `offset`. Refusals carry `{code, detail, errors}`."
    ),
    urls_namespace="api-v1",
    auth=AUTH,
)


@api.exception_handler(DomainError)
def domain_error(request, exc: DomainError):
    return api.create_response(
        request, {"code": exc.code, "detail": exc.detail, "errors": exc.errors}, status=exc.status
    )


@api.exception_handler(NinjaValidationError)
def validation_error(request, exc: NinjaValidationError):
    errors = [
        {
            "field": ".".join(str(p) for p in e.get("loc", [])[1:] if p != "payload") or None,
            "message": e.get("msg", "invalid"),
        }
        for e in exc.errors
    ]
    return api.create_response(
        request, {"code": "invalid", "detail": _("The request is not valid."), "errors": errors}, status=422
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"code": "not_found", "detail": _("Not found."), "errors": []}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return api.create_response(
        request,
        {"code": "unauthenticated", "detail": _("Sign in or send a valid API token."), "errors": []},
        status=401,
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return api.create_response(
        request, {"code": "http_error", "detail": str(exc), "errors": []}, status=exc.status_code
    )


api.add_router("", core_router)
api.add_router("", rooms_router)
api.add_router("", rates_router)
api.add_router("", guests_router)
api.add_router("", reservations_router)
api.add_router("", folios_router)
api.add_router("", frontdesk_router)
api.add_router("", nightaudit_router)
api.add_router("", backoffice_router)
api.add_router("", staff_router)
