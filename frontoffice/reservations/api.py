import datetime as dt

from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput, NotFound
from frontoffice.core.models import AuditEntry
from frontoffice.guests.models import Company, Guest
from frontoffice.rates.api import rate_plan_by_code
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.presenters import availability_rows
from frontoffice.reservations.schemas import (
    AvailabilityOut,
    CancelIn,
    OverbookingIn,
    OverbookingOut,
    ReservationDetailOut,
    ReservationIn,
    ReservationOut,
    ReservationPatch,
)
from frontoffice.reservations.selectors import availability_get, reservation_get, reservation_list, waitlist_confirmable
from frontoffice.reservations.services import (
    booking_create,
    overbooking_set,
    reservation_cancel,
    reservation_confirm,
    reservation_modify,
)
from frontoffice.rooms.api import room_type_by_code

router = Router(tags=["reservations"])


def parse_ages(children: int, ages: str) -> list[int | None]:
    if not ages.strip():
        return [None] * children
    try:
        parsed = [int(a) for a in ages.split(",") if a.strip()]
    except ValueError:
        raise InvalidInput(_("Ages are whole numbers separated by commas."), errors=[{"field": "ages"}]) from None
    if children and len(parsed) != children:
        raise InvalidInput(_("Give one age per child."), errors=[{"field": "ages"}])
    if any(a < 0 or a > 17 for a in parsed):
        raise InvalidInput(_("Children's ages go from 0 to 17."), errors=[{"field": "ages"}])
    return parsed


@router.get("/properties/{code}/availability", response=AvailabilityOut)
def get_availability(
    request,
    code: str,
    arrival: dt.date,
    departure: dt.date,
    adults: int = Query(1, ge=1, le=20),
    children: int = Query(0, ge=0, le=20),
    ages: str = Query("", description="Children's ages, comma-separated, e.g. 4,9"),
    rooms: int = Query(1, ge=1, le=50),
    company: int | None = Query(None, description="A company or travel agent id: adds its negotiated plans"),
):
    """Rooms free per room type and every rate plan's price, or the reasons it cannot be sold.

    Non-public plans (negotiated, group, complimentary) are listed for a ``company`` that
    negotiated them, and always for callers who may override prices (managers).
    """
    prop = scoped(request, code, "core.view_rates")
    if departure <= arrival:
        raise InvalidInput(_("Departure must be after arrival."), errors=[{"field": "departure"}])
    if (departure - arrival).days > 365:
        raise InvalidInput(_("A stay cannot be longer than 365 nights."), errors=[{"field": "departure"}])
    children_ages = parse_ages(children, ages)
    negotiated = set(_company(prop, company).negotiated_rate_plans.values_list("code", flat=True)) if company else set()
    results = availability_get(
        property=prop,
        arrival=arrival,
        departure=departure,
        adults=adults,
        children_ages=children_ages,
        rooms=rooms,
        negotiated=negotiated,
        include_restricted=user_of(request).has_perm("core.override_price"),
    )
    return {
        "arrival": arrival,
        "departure": departure,
        "nights": (departure - arrival).days,
        "adults": adults,
        "children": len(children_ages),
        "currency": prop.currency,
        "room_types": availability_rows(results),
    }


@router.get("/properties/{code}/reservations", response=list[ReservationOut])
@paginate(Pagination)
def list_reservations(
    request,
    code: str,
    status: str = "",
    q: str = "",
    arrival_from: dt.date | None = None,
    arrival_to: dt.date | None = None,
    departure_from: dt.date | None = None,
    departure_to: dt.date | None = None,
):
    prop = scoped(request, code, "core.view_reservations")
    return reservation_list(
        property=prop,
        text=q,
        status=status,
        arrival_from=arrival_from,
        arrival_to=arrival_to,
        departure_from=departure_from,
        departure_to=departure_to,
    )


def _company(prop, pk):
    if pk is None:
        return None
    company = Company.objects.filter(property=prop, pk=pk).first()
    if company is None:
        raise InvalidInput(_("Unknown company."), errors=[{"field": "company_id", "message": _("Unknown.")}])
    return company


def _detail(prop, confirmation: str) -> Reservation:
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    res.nightly = [{"date": n.date, "price": str(n.price)} for n in res.nights_priced.all()]
    res.companions_list = list(res.companions.all())
    res.party_rooms = list(
        Reservation.objects.filter(property=prop, party=res.party).order_by("id").values_list("confirmation", flat=True)
    )
    res.history = list(
        AuditEntry.objects.filter(property=prop, entity="reservation", entity_id=res.confirmation).select_related(
            "actor"
        )
    )
    return res


@router.post("/properties/{code}/reservations", response={201: ReservationDetailOut})
def create_reservation(request, code: str, payload: ReservationIn):
    """Book one or more rooms. 409 ``no_availability`` lists every reason when it cannot be sold."""
    prop = scoped(request, code, "core.book")
    actor = user_of(request)
    if payload.guest_id is not None:
        guest = Guest.objects.filter(property=prop, pk=payload.guest_id).first()
        if guest is None:
            raise InvalidInput(_("Unknown guest."), errors=[{"field": "guest_id", "message": _("Unknown.")}])
    else:
        guest = payload.guest.dict()
    created = booking_create(
        property=prop,
        actor=actor,
        guest=guest,
        booker=payload.booker.dict() if payload.booker else None,
        companions=[c.dict() for c in payload.companions],
        room_type=room_type_by_code(prop, payload.room_type),
        rate_plan=rate_plan_by_code(prop, payload.rate_plan),
        arrival=payload.arrival,
        departure=payload.departure,
        adults=payload.adults,
        children_ages=payload.ages(),
        rooms=payload.rooms,
        tentative_until=payload.tentative_until,
        waitlist_if_full=payload.waitlist_if_full,
        company=_company(prop, payload.company_id),
        travel_agent=_company(prop, payload.travel_agent_id),
        market_segment=payload.market_segment,
        channel=payload.channel,
        customer_type=payload.customer_type,
        eta=payload.eta,
        special_requests=payload.special_requests,
        parking=payload.parking,
        notes=payload.notes,
        nightly_price=payload.nightly_price,
        override_reason=payload.override_reason,
    )
    return Status(201, _detail(prop, created[0].confirmation))


@router.get("/properties/{code}/reservations/{confirmation}", response=ReservationDetailOut)
def get_reservation(request, code: str, confirmation: str):
    prop = scoped(request, code, "core.view_reservations")
    return _detail(prop, confirmation)


@router.patch("/properties/{code}/reservations/{confirmation}", response=ReservationDetailOut)
def patch_reservation(request, code: str, confirmation: str, payload: ReservationPatch):
    """Change a booking. Dates, room type, plan and occupancy are re-priced and re-checked atomically."""
    prop = scoped(request, code, "core.book")
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    data = payload.dict(exclude_unset=True)
    details = {
        k: data[k]
        for k in ("eta", "special_requests", "notes", "parking", "market_segment", "channel", "customer_type")
        if k in data and data[k] is not None
    }
    reservation_modify(
        reservation=res,
        actor=user_of(request),
        arrival=data.get("arrival"),
        departure=data.get("departure"),
        room_type=room_type_by_code(prop, data["room_type"]) if data.get("room_type") else None,
        rate_plan=rate_plan_by_code(prop, data["rate_plan"]) if data.get("rate_plan") else None,
        adults=data.get("adults"),
        children_ages=data.get("children_ages"),
        nightly_price=data.get("nightly_price"),
        override_reason=data.get("override_reason") or "",
        details=details,
    )
    return _detail(prop, res.confirmation)


@router.post("/properties/{code}/reservations/{confirmation}/cancel", response=ReservationDetailOut)
def cancel_reservation(request, code: str, confirmation: str, payload: CancelIn):
    """Cancel, releasing the rooms; the fee due under the plan's policy is recorded."""
    prop = scoped(request, code, "core.cancel")
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    reservation_cancel(reservation=res, actor=user_of(request), reason=payload.reason, waive_fee=payload.waive_fee)
    return _detail(prop, res.confirmation)


@router.post("/properties/{code}/reservations/{confirmation}/confirm", response=ReservationDetailOut)
def confirm_reservation(request, code: str, confirmation: str):
    """Confirm an option or a waitlisted stay (which then takes a room, if one is free)."""
    prop = scoped(request, code, "core.book")
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    reservation_confirm(reservation=res, actor=user_of(request))
    return _detail(prop, res.confirmation)


@router.get("/properties/{code}/waitlist/confirmable", response=list[ReservationOut])
def list_waitlist_confirmable(request, code: str):
    """Waitlisted stays that could be confirmed now."""
    prop = scoped(request, code, "core.view_reservations")
    return waitlist_confirmable(property=prop)


@router.put("/properties/{code}/overbooking", response=OverbookingOut, summary="Set an overbooking allowance")
def put_overbooking(request, code: str, payload: OverbookingIn):
    """Allow selling ``rooms`` rooms beyond a room type's sellable rooms on each night from ``from`` to ``to``.

    Refused (409 ``would_oversell``) when more rooms are already sold than the new allowance permits.
    """
    prop = scoped(request, code, "core.manage_rates")
    nights = overbooking_set(
        property=prop,
        actor=user_of(request),
        room_type=room_type_by_code(prop, payload.room_type),
        start=payload.from_,
        end=payload.to,
        rooms=payload.rooms,
    )
    return {"nights": nights}
