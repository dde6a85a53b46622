from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput
from frontoffice.guests.schemas import CompanyIn, CompanyOut, GuestCreated, GuestIn, GuestOut
from frontoffice.guests.selectors import company_list, guest_list
from frontoffice.guests.services import company_create, guest_create, guest_duplicates
from frontoffice.rates.models import RatePlan

router = Router(tags=["guests"])


@router.get("/properties/{code}/guests", response=list[GuestOut])
@paginate(Pagination)
def list_guests(request, code: str, q: str = ""):
    prop = scoped(request, code, "core.view_reservations")
    return guest_list(property=prop, text=q)


@router.post("/properties/{code}/guests", response={201: GuestCreated})
def create_guest(request, code: str, payload: GuestIn):
    """Create a profile. ``possible_duplicates`` lists profiles with the same email or document."""
    prop = scoped(request, code, "core.manage_guests")
    data = payload.dict()
    dupes = list(
        guest_duplicates(property=prop, email=data["email"], document_number=data["document_number"]).values_list(
            "id", flat=True
        )
    )
    guest = guest_create(property=prop, actor=user_of(request), data=data)
    guest.possible_duplicates = dupes
    return Status(201, guest)


@router.get("/properties/{code}/companies", response=list[CompanyOut])
@paginate(Pagination)
def list_companies(request, code: str, q: str = ""):
    prop = scoped(request, code, "core.view_reservations")
    return company_list(property=prop, text=q)


@router.post("/properties/{code}/companies", response={201: CompanyOut})
def create_company(request, code: str, payload: CompanyIn):
    prop = scoped(request, code, "core.manage_guests")
    data = payload.dict()
    codes = [c.upper() for c in data.pop("negotiated_rate_plans")]
    plans = list(RatePlan.objects.filter(property=prop, code__in=codes))
    if len(plans) != len(set(codes)):
        raise InvalidInput(
            _("Unknown rate plan."), errors=[{"field": "negotiated_rate_plans", "message": _("Unknown.")}]
        )
    return Status(201, company_create(property=prop, actor=user_of(request), data=data, rate_plans=plans))
