"""Check-in, check-out (with the invoices issued at it), reverting a check-in, walk-ins and keys.

Check-in locks the room row, then the reservation, then the folios: two agents giving the last
clean room to two guests at once are served one after the other, and the second is refused
because the room is taken. The rules themselves are ``domain.checkin``.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import can, require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, DomainError, InvalidInput
from frontoffice.core.domain.money import ZERO, money
from frontoffice.folios.domain.ledger import balance
from frontoffice.folios.models import Folio, FolioKind, Invoice, Posting, TransactionCode
from frontoffice.folios.services import (
    deposit_apply,
    deposit_return,
    deposit_schedule,
    folio_for_reservation,
    folio_post_charge,
    invoice_issue,
)
from frontoffice.frontdesk.domain.checkin import (
    CheckInFacts,
    CheckOutInvoice,
    Refusal,
    TravellerData,
    check_in_refusals,
    check_out_refusals,
    registration_problems,
    revert_refusals,
    unresolved,
)
from frontoffice.frontdesk.messages import refusal_text
from frontoffice.frontdesk.models import KeyIssue, StayEvent, StayRecord, Traveller
from frontoffice.reservations.domain.status import HOLDS_INVENTORY
from frontoffice.reservations.models import Channel, Reservation
from frontoffice.reservations.services import (
    reservation_create,
    reservation_stay_begin,
    reservation_stay_end,
    reservation_stay_revert,
)
from frontoffice.rooms.models import Room, RoomBlock, RoomBlockKind

TRAVELLER_FIELDS = [
    "first_name",
    "last_name",
    "document_type",
    "document_number",
    "document_country",
    "document_expiry",
    "nationality",
    "birth_date",
    "address",
    "is_main",
]
MAX_KEYS = 10


def _refuse(refusals: list[Refusal], **params) -> None:
    if not refusals:
        return
    errors = [{"code": r.value, "message": refusal_text(r, **params)} for r in refusals]
    raise Conflict(errors[0]["message"], code=refusals[0].value, errors=errors)


def _params(res: Reservation, **extra) -> dict:
    return {
        "status": res.get_status_display(),
        "room": res.room.number if res.room_id else "",
        "arrival": res.arrival,
        "outstanding": ZERO,
        "problems": "",
        "balance": ZERO,
    } | extra


def _travellers(raw: list[dict]) -> list[TravellerData]:
    out = []
    for i, item in enumerate(raw, start=1):
        unknown = set(item) - set(TRAVELLER_FIELDS)
        if unknown:
            raise InvalidInput(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
        data = {k: item.get(k) for k in TRAVELLER_FIELDS if k in item}
        for key in ("first_name", "last_name", "document_type", "document_number", "address"):
            data[key] = str(data.get(key) or "").strip()
        for key in ("document_country", "nationality"):
            data[key] = str(data.get(key) or "").strip().upper()
        for key in ("first_name", "last_name", "document_number"):
            if len(data[key]) > (30 if key == "document_number" else 80):
                raise InvalidInput(
                    _("Traveller %(n)d: %(field)s is too long.") % {"n": i, "field": key},
                    errors=[{"field": f"{i}.{key}", "message": _("Too long.")}],
                )
        for key in ("birth_date", "document_expiry"):
            value = data.get(key)
            if isinstance(value, str):
                try:
                    data[key] = dt.date.fromisoformat(value) if value.strip() else None
                except ValueError:
                    raise InvalidInput(
                        _("Traveller %(n)d: %(field)s is not a date.") % {"n": i, "field": key},
                        errors=[{"field": f"{i}.{key}", "message": _("A date, e.g. 1985-03-02.")}],
                    ) from None
            elif value is not None and not isinstance(value, dt.date):
                raise InvalidInput(
                    _("Traveller %(n)d: %(field)s is not a date.") % {"n": i, "field": key},
                    errors=[{"field": f"{i}.{key}"}],
                )
        if len(data["document_country"]) > 2 or len(data["nationality"]) > 2:
            raise InvalidInput(
                _("Traveller %(n)d: countries are two-letter codes.") % {"n": i},
                errors=[{"field": f"{i}.nationality", "message": _("A two-letter country code.")}],
            )
        out.append(TravellerData(**data))
    return out


def _room_state(res: Reservation, room: Room | None, business_date: dt.date) -> dict:
    if room is None:
        return {"room_assigned": False}
    occupied = (
        Reservation.objects.filter(room=room, status="in_house").exclude(pk=res.pk).exists()
        or Reservation.objects.filter(
            room=room,
            status__in=[s.value for s in HOLDS_INVENTORY],
            arrival__lt=res.departure,
            departure__gt=max(res.arrival, business_date),
        )
        .exclude(pk=res.pk)
        .exclude(status="checked_out")
        .exists()
    )
    out_of_order = RoomBlock.objects.filter(
        room=room, kind=RoomBlockKind.OUT_OF_ORDER, start__lte=business_date, end__gt=business_date
    ).exists()
    return {
        "room_assigned": True,
        "room_condition": room.condition,
        "room_occupied": occupied,
        "room_out_of_order": out_of_order,
    }


def _deposit_outstanding(res: Reservation) -> Decimal:
    return money(sum((line.outstanding for line in deposit_schedule(reservation=res)), ZERO))


def check_in(
    *,
    reservation: Reservation,
    actor,
    travellers: list[dict],
    room: Room | None = None,
    keys: int = 0,
    overrides: dict[str, str] | None = None,
) -> Reservation:
    """Check a guest in: register every traveller, take the room (assigning ``room`` if given),
    move the deposit to the guest folio and record the keys handed out. Refused with every reason
    at once; ``overrides`` maps a refusal code to the reason it is overridden."""
    require(actor, "core.check_in")
    overrides = {k: str(v)[:200] for k, v in (overrides or {}).items()}
    if not 0 <= keys <= MAX_KEYS:
        raise InvalidInput(_("From 0 to %(max)d keys.") % {"max": MAX_KEYS}, errors=[{"field": "keys"}])
    data = _travellers(travellers)
    manager = can(actor, "core.override_front_desk")
    try:
        with transaction.atomic():
            target_room = room
            if target_room is None and reservation.room_id:
                target_room = reservation.room
            if target_room is not None:
                # The room first: everyone checking into it queues here.
                target_room = Room.objects.select_for_update(of=("self",)).get(pk=target_room.pk)
            res = (
                Reservation.objects.select_for_update(of=("self",))
                .select_related("property", "guest", "room", "rate_plan")
                .get(pk=reservation.pk)
            )
            if target_room is not None and (
                target_room.property_id != res.property_id or target_room.room_type_id != res.room_type_id
            ):
                raise InvalidInput(
                    _("Choose a room of the booked type; upgrades are made by assigning the room."),
                    errors=[{"field": "room"}],
                )
            prop = res.property
            today = prop.business_date
            facts = CheckInFacts(
                status=res.status,
                arrival=res.arrival,
                departure=res.departure,
                business_date=today,
                deposit_outstanding=_deposit_outstanding(res),
                do_not_rent=res.guest.do_not_rent,
                registration_problems=tuple(
                    registration_problems(data, party_size=res.adults + len(res.children_ages), arrival=today)
                ),
                **_room_state(res, target_room, today),
            )
            refusals = check_in_refusals(facts)
            left = unresolved(refusals, overrides, manager=manager)
            _refuse(
                left,
                **_params(
                    res,
                    room=target_room.number if target_room else "",
                    outstanding=facts.deposit_outstanding,
                    problems=", ".join(facts.registration_problems),
                ),
            )
            if target_room is not None and res.room_id != target_room.pk:
                res.room = target_room
                res.save(update_fields=["room"])
            Traveller.objects.filter(reservation=res).delete()
            Traveller.objects.bulk_create(
                [
                    Traveller(
                        property=prop,
                        reservation=res,
                        guest=res.guest if t.is_main else None,
                        registered_by=actor,
                        **{k: getattr(t, k) for k in TRAVELLER_FIELDS},
                    )
                    for t in data
                ]
            )
            _update_profile(res, next(t for t in data if t.is_main))
            res = reservation_stay_begin(reservation=res, actor=actor)
            deposit_apply(reservation=res, actor=actor)
            if keys:
                KeyIssue.objects.create(property=prop, reservation=res, room=target_room, count=keys, actor=actor)
            used = {r.value: overrides[r.value] for r in refusals if r not in left}
            StayRecord.objects.create(
                property=prop,
                reservation=res,
                event=StayEvent.CHECK_IN,
                business_date=today,
                actor=actor,
                room=target_room,
                overrides=used,
            )
    except IntegrityError:
        # PostgreSQL's exclusion constraint: another stay took the room on one of these nights.
        raise Conflict(
            refusal_text(Refusal.ROOM_OCCUPIED, room=room.number if room else ""), code=Refusal.ROOM_OCCUPIED.value
        ) from None
    return res


def _update_profile(res: Reservation, main: TravellerData) -> None:
    """The main guest's profile learns the identity details registered (for the next stay)."""
    guest = res.guest
    for field in ("document_type", "document_number", "document_country", "nationality", "birth_date", "address"):
        value = getattr(main, field)
        if value:
            setattr(guest, field, value)
    if main.document_expiry:
        guest.document_expiry = main.document_expiry
    guest.save()


def keys_issue(*, reservation: Reservation, actor, count: int) -> KeyIssue:
    """Record more keys handed out for an in-house guest's room (a lost key, a second guest)."""
    require(actor, "core.check_in")
    if not 1 <= count <= MAX_KEYS:
        raise InvalidInput(_("From 1 to %(max)d keys.") % {"max": MAX_KEYS}, errors=[{"field": "count"}])
    res = Reservation.objects.select_related("property").get(pk=reservation.pk)
    if res.status != "in_house" or res.room_id is None:
        _refuse([Refusal.NOT_IN_HOUSE], **_params(res))
    return KeyIssue.objects.create(
        property=res.property, reservation=res, room_id=res.room_id, count=count, actor=actor
    )


def _bill_balance(res: Reservation) -> Decimal:
    grosses = Posting.objects.filter(folio__reservation=res).exclude(folio__kind=FolioKind.DEPOSIT)
    return balance(grosses.values_list("gross", flat=True))


@dataclass(frozen=True)
class CheckedOut:
    """What a check-out did: the reservation, now checked out, and the invoices issued with it
    (in window order; empty when none was asked for)."""

    reservation: Reservation
    invoices: tuple[Invoice, ...] = ()


def _invoices_asked(invoices: Mapping[int, str] | None) -> dict[int, CheckOutInvoice]:
    """Folio id → the document to issue, leaving out the windows given "none"."""
    asked = {}
    for folio_id, kind in (invoices or {}).items():
        try:
            pk, choice = int(folio_id), CheckOutInvoice(kind)
        except (TypeError, ValueError):
            text = _("Choose full, simplified or none for folio %(folio)s.") % {"folio": folio_id}
            raise InvalidInput(text, errors=[{"field": f"invoices.{folio_id}", "message": text}]) from None
        if choice is not CheckOutInvoice.NONE:
            asked[pk] = choice
    return asked


def _issue_invoices(folios: list[Folio], asked: dict[int, CheckOutInvoice], actor) -> list[Invoice]:
    """Issue the invoices asked for, window by window, through the cashiering service (its rules,
    series and gapless numbers). A refusal names the window and refuses the whole check-out."""
    windows = {f.pk: f for f in folios}
    strangers = sorted(set(asked) - set(windows))
    if strangers:
        text = _("Folio %(folio)s is not a bill window of this stay.") % {"folio": strangers[0]}
        raise InvalidInput(text, errors=[{"field": f"invoices.{pk}", "message": text} for pk in strangers])
    issued = []
    for folio in sorted((windows[pk] for pk in asked), key=lambda f: f.window):
        try:
            issued.append(
                invoice_issue(folio=folio, actor=actor, simplified=asked[folio.pk] is CheckOutInvoice.SIMPLIFIED)
            )
        except DomainError as exc:
            text = _("Window %(window)s: %(reason)s") % {"window": folio.window, "reason": exc.detail}
            error = {"field": f"invoices.{folio.pk}", "code": exc.code, "message": exc.detail}
            raise type(exc)(text, code=exc.code, errors=[error]) from exc
    return issued


def check_out(
    *,
    reservation: Reservation,
    actor,
    override_reason: str = "",
    invoices: Mapping[int, str] | None = None,
) -> CheckedOut:
    """Check a guest out: refused while the bill has a balance (settle it or transfer it to a
    company account first), unless a manager overrides with a reason. Leaving before the booked
    departure gives the unused nights back; the room becomes vacant and dirty; settled windows
    are closed.

    ``invoices`` maps a bill window (folio id) to the document to issue for its charges not yet
    invoiced: "full", "simplified" or "none". They are issued after the balance check, in the
    same transaction: an invoice refused (e.g. a full invoice without the payer's tax id) refuses
    the check-out, and nothing changes — no status, no invoice number used."""
    require(actor, "core.check_in")
    override_reason = override_reason.strip()[:200]
    asked = _invoices_asked(invoices)
    if asked:
        require(actor, "core.issue_invoices")
    with transaction.atomic():
        res = (
            Reservation.objects.select_for_update(of=("self",))
            .select_related("property", "room")
            .get(pk=reservation.pk)
        )
        folios = list(
            Folio.objects.select_for_update(of=("self",))
            .filter(reservation=res)
            .exclude(kind=FolioKind.DEPOSIT)
            .order_by("window")
        )
        owed = _bill_balance(res)
        refusals = check_out_refusals(status=res.status, balance=owed)
        manager = can(actor, "core.override_front_desk")
        left = unresolved(refusals, {Refusal.BALANCE_DUE.value: override_reason}, manager=manager)
        _refuse(left, **_params(res, balance=owed))
        issued = _issue_invoices(folios, asked, actor)
        today = res.property.business_date
        res = reservation_stay_end(reservation=res, actor=actor, departure=max(today, res.arrival))
        now = timezone.now()
        if res.room_id:
            Room.objects.filter(pk=res.room_id).update(condition="dirty", status_changed_at=now)
        for folio in folios:
            if folio.status == "open" and balance(folio.postings.values_list("gross", flat=True)) == 0:
                folio.status, folio.closed_at = "closed", now
                folio.save(update_fields=["status", "closed_at"])
        StayRecord.objects.create(
            property=res.property,
            reservation=res,
            event=StayEvent.CHECK_OUT,
            business_date=today,
            actor=actor,
            room_id=res.room_id,
            overrides={Refusal.BALANCE_DUE.value: override_reason} if refusals and not left else {},
        )
    return CheckedOut(reservation=res, invoices=tuple(issued))


def check_in_revert(*, reservation: Reservation, actor, reason: str) -> Reservation:
    """Undo a check-in made by mistake: the same business date, nothing posted since but the
    deposit moved in at check-in (which goes back to the deposit folio). Needs a manager."""
    require(actor, "core.override_front_desk")
    reason = (reason or "").strip()[:200]
    if not reason:
        raise InvalidInput(_("Give a reason."), code="reason_required", errors=[{"field": "reason"}])
    with transaction.atomic():
        res = Reservation.objects.select_for_update(of=("self",)).select_related("property").get(pk=reservation.pk)
        if res.status != "in_house":
            _refuse([Refusal.NOT_IN_HOUSE], **_params(res))
        record = StayRecord.objects.filter(reservation=res, event=StayEvent.CHECK_IN).order_by("-at").first()
        postings = Posting.objects.filter(folio__reservation=res).exclude(folio__kind=FolioKind.DEPOSIT)
        other = postings.exclude(transfer_folio__kind=FolioKind.DEPOSIT).count()
        _refuse(
            revert_refusals(
                checked_in_on=record.business_date if record else None,
                business_date=res.property.business_date,
                other_postings=other,
            ),
            **_params(res),
        )
        deposit_return(reservation=res, actor=actor, reason=reason)
        res = reservation_stay_revert(reservation=res, actor=actor, reason=reason)
        StayRecord.objects.create(
            property=res.property,
            reservation=res,
            event=StayEvent.CHECK_IN_REVERTED,
            business_date=res.property.business_date,
            actor=actor,
            room_id=res.room_id,
            overrides={"reason": reason},
        )
    return res


def walk_in_create(*, property, actor, room_type, rate_plan, nights: int, guest, adults: int = 1, **kw) -> Reservation:
    """A guest without a booking: a reservation made at the desk for tonight with the walk-in
    channel, priced and checked for availability like any other."""
    require(actor, "core.book")
    if not 1 <= nights <= 30:
        raise InvalidInput(_("From 1 to 30 nights."), errors=[{"field": "nights"}])
    arrival = property.business_date
    (res,) = reservation_create(
        property=property,
        actor=actor,
        room_type=room_type,
        rate_plan=rate_plan,
        arrival=arrival,
        departure=arrival + dt.timedelta(days=nights),
        guest=guest,
        adults=adults,
        channel=Channel.WALK_IN,
        **kw,
    )
    audit_record(
        property=property,
        entity="reservation",
        entity_id=res.confirmation,
        action="walk_in",
        actor=actor,
        changes={"nights": nights},
    )
    return res


def late_check_out_fee_post(*, reservation: Reservation, actor, amount: Decimal) -> Posting:
    """Charge a late check-out (code ``LATE-CO``) to the guest's bill, before settling it."""
    require(actor, "core.post_charges")
    res = Reservation.objects.select_related("property").get(pk=reservation.pk)
    if res.status != "in_house":
        _refuse([Refusal.NOT_IN_HOUSE], **_params(res))
    code = TransactionCode.objects.filter(property=res.property, code="LATE-CO", active=True).first()
    if code is None:
        raise Conflict(
            _("No active transaction code LATE-CO; set up the property's transaction codes."),
            code="no_transaction_code",
        )
    folio = next(
        (f for f in Folio.objects.filter(reservation=res, kind=FolioKind.GUEST, status="open").order_by("window")),
        None,
    ) or folio_for_reservation(reservation=res, actor=actor)
    return folio_post_charge(
        folio=folio, actor=actor, transaction_code=code, unit_amount=amount, description=_("Late check-out")
    )
