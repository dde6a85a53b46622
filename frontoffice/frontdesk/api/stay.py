"""Check-in, check-out, reverting a check-in, keys, walk-ins, registration and the guest registry."""

import datetime as dt

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from frontoffice.core.api import scoped, user_of
from frontoffice.core.domain.errors import InvalidInput, NotFound
from frontoffice.frontdesk.documents import guest_registry_csv, registration_card_pdf
from frontoffice.frontdesk.models import Traveller
from frontoffice.frontdesk.schemas import (
    CheckInIn,
    CheckOutIn,
    CheckOutOut,
    KeysIn,
    LateFeeIn,
    ReasonIn,
    StayOut,
    TravellerOut,
    WalkInIn,
)
from frontoffice.frontdesk.services import (
    check_in,
    check_in_revert,
    check_out,
    keys_issue,
    late_check_out_fee_post,
    walk_in_create,
)
from frontoffice.guests.services import guest_find_or_create
from frontoffice.rates.models import RatePlan
from frontoffice.reservations.selectors import reservation_get
from frontoffice.rooms.models import Room, RoomType

router = Router()


def _reservation(prop, confirmation: str):
    res = reservation_get(property=prop, confirmation=confirmation)
    if res is None:
        raise NotFound(_("No reservation %(confirmation)s.") % {"confirmation": confirmation})
    return res


def _unknown(field: str):
    return InvalidInput(_("Unknown %(field)s.") % {"field": field}, errors=[{"field": field, "message": _("Unknown.")}])


@router.post("/properties/{code}/reservations/{confirmation}/check-in", response=StayOut)
def post_check_in(request, code: str, confirmation: str, payload: CheckInIn):
    """Check in with every traveller registered. 409 with every refusal (``errors``) when refused."""
    prop = scoped(request, code, "core.check_in")
    res = _reservation(prop, confirmation)
    room = None
    if payload.room:
        room = Room.objects.filter(property=prop, number=payload.room).first()
        if room is None:
            raise _unknown("room")
    return check_in(
        reservation=res,
        actor=user_of(request),
        travellers=[t.dict() for t in payload.travellers],
        room=room,
        keys=payload.keys,
        overrides=payload.overrides,
    )


def _issued(request, prop, invoice) -> dict:
    pdf = reverse("api-v1:get_invoice_pdf", kwargs={"code": prop.code, "invoice_id": invoice.pk})
    return {
        "id": invoice.pk,
        "number": invoice.full_number,
        "kind": invoice.kind,
        "folio": invoice.folio_id,
        "window": invoice.folio.window,
        "total": str(invoice.gross),
        "currency": invoice.currency,
        "pdf_url": request.build_absolute_uri(pdf),
    }


@router.post("/properties/{code}/reservations/{confirmation}/check-out", response=CheckOutOut)
def post_check_out(request, code: str, confirmation: str, payload: CheckOutIn):
    """Check out, issuing the invoices asked for in the same transaction. 409 ``balance_due`` while
    the bill is not settled (a manager may override); 409 with the invoice's code (e.g.
    ``payer_tax_id_required``) when an invoice is refused, and then nothing changes."""
    prop = scoped(request, code, "core.check_in")
    invoices = {item.folio: item.kind for item in payload.invoices}
    if len(invoices) < len(payload.invoices):
        text = _("One invoice per window.")
        raise InvalidInput(text, errors=[{"field": "invoices", "message": text}])
    done = check_out(
        reservation=_reservation(prop, confirmation),
        actor=user_of(request),
        override_reason=payload.override_reason,
        invoices=invoices,
    )
    res = done.reservation
    # StayOut reads the reservation; CheckOutOut.invoices reads what is set here.
    res.issued_invoices = [_issued(request, prop, invoice) for invoice in done.invoices]
    return res


@router.post("/properties/{code}/reservations/{confirmation}/revert-check-in", response=StayOut)
def post_revert(request, code: str, confirmation: str, payload: ReasonIn):
    prop = scoped(request, code, "core.override_front_desk")
    return check_in_revert(reservation=_reservation(prop, confirmation), actor=user_of(request), reason=payload.reason)


@router.post("/properties/{code}/reservations/{confirmation}/keys", response={201: dict})
def post_keys(request, code: str, confirmation: str, payload: KeysIn):
    """Record keys handed out (the point where a key encoder is driven)."""
    prop = scoped(request, code, "core.check_in")
    issue = keys_issue(reservation=_reservation(prop, confirmation), actor=user_of(request), count=payload.count)
    return Status(201, {"room": issue.room.number, "count": issue.count})


@router.post("/properties/{code}/walk-ins", response={201: StayOut})
def post_walk_in(request, code: str, payload: WalkInIn):
    """A guest without a booking: a reservation for tonight (walk-in channel), priced like any other."""
    prop = scoped(request, code, "core.book")
    room_type = RoomType.objects.filter(property=prop, code=payload.room_type).first()
    plan = RatePlan.objects.filter(property=prop, code=payload.rate_plan).first()
    if room_type is None:
        raise _unknown("room_type")
    if plan is None:
        raise _unknown("rate_plan")
    actor = user_of(request)
    guest = guest_find_or_create(property=prop, actor=actor, data=payload.guest.dict())
    res = walk_in_create(
        property=prop,
        actor=actor,
        room_type=room_type,
        rate_plan=plan,
        nights=payload.nights,
        guest=guest,
        adults=payload.adults,
    )
    return Status(201, res)


@router.get("/properties/{code}/reservations/{confirmation}/registration", response=list[TravellerOut])
def get_registration(request, code: str, confirmation: str):
    prop = scoped(request, code, "core.check_in")
    return list(Traveller.objects.filter(reservation=_reservation(prop, confirmation)))


@router.get("/properties/{code}/reservations/{confirmation}/registration-card", response={200: bytes})
def get_registration_card(request, code: str, confirmation: str):
    """The registration card as PDF, in the guest's language, for signature."""
    prop = scoped(request, code, "core.check_in")
    res = _reservation(prop, confirmation)
    response = HttpResponse(registration_card_pdf(res), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="registration-{res.confirmation}.pdf"'
    return response


class RegistryQuery(Schema):
    date_from: dt.date
    date_to: dt.date


@router.get("/properties/{code}/guest-registry", response={200: bytes})
def get_guest_registry(request, code: str, q: Query[RegistryQuery]):
    """Every traveller checked in between two dates (inclusive), as CSV for the authorities."""
    prop = scoped(request, code, "core.export_guest_registry")
    if q.date_to < q.date_from or (q.date_to - q.date_from).days > 366:
        raise InvalidInput(_("A range of at most a year, from before to."), errors=[{"field": "date_to"}])
    response = HttpResponse(guest_registry_csv(prop, q.date_from, q.date_to), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="guest-registry-{q.date_from}-{q.date_to}.csv"'
    return response


@router.post("/properties/{code}/reservations/{confirmation}/late-check-out-fee", response={201: dict})
def post_late_fee(request, code: str, confirmation: str, payload: LateFeeIn):
    """Charge a late check-out to the guest's bill (code LATE-CO), to be settled before check-out."""
    prop = scoped(request, code, "core.post_charges")
    posting = late_check_out_fee_post(
        reservation=_reservation(prop, confirmation), actor=user_of(request), amount=payload.amount
    )
    return Status(201, {"posting": posting.pk, "folio": posting.folio_id, "gross": str(posting.gross)})
