"""Writes for reservations: book, modify, cancel, confirm and the waitlist.

Each write follows load → decide → persist inside one transaction: it locks the
inventory rows it will change (ordered by room type and date), asks the pure domain
whether the stay can be sold and at what price, then writes the reservation, its
nightly prices and the inventory counters together. The database's check constraint
on inventory is the last line of defence against an oversell.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import can, require
from frontoffice.core.audit import audit_record, diff, snapshot
from frontoffice.core.domain.errors import Conflict, IllegalTransition, InvalidInput, PermissionDenied
from frontoffice.core.domain.money import money
from frontoffice.core.models import Property
from frontoffice.guests.models import Company, Guest
from frontoffice.guests.services import guest_find_or_create
from frontoffice.rates.domain.policies import CancellationPolicy, deposit_due, may_sell_plan, penalty_amount
from frontoffice.rates.domain.pricing import NightPrice, Quote, quote
from frontoffice.rates.domain.restrictions import Block
from frontoffice.rates.models import Guarantee, RatePlan
from frontoffice.rates.selectors import daily_rates_load
from frontoffice.reservations.domain.availability import (
    NightInventory,
    PlanInfo,
    RateOption,
    RoomTypeAvailability,
    evaluate_room_type,
    plan_prices,
)
from frontoffice.reservations.domain.confirmation import new_confirmation
from frontoffice.reservations.domain.modification import (
    Occupancy,
    blocks_for_change,
    change_needs_manager,
    nightly_prices_for_change,
)
from frontoffice.reservations.domain.status import HOLDS_INVENTORY, MODIFIABLE, Status, can_transition
from frontoffice.reservations.domain.stay import Stay, StayError
from frontoffice.reservations.messages import block_text
from frontoffice.reservations.models import (
    STATUS_LABELS,
    Channel,
    CustomerType,
    MarketSegment,
    Reservation,
    ReservationNight,
)
from frontoffice.reservations.selectors import plan_infos, tax_rules
from frontoffice.reservations.signals import reservation_cancelled, reservation_no_show_marked
from frontoffice.rooms.inventory import dates_between, inventory_lock
from frontoffice.rooms.models import InventoryNight, RoomType

AUDITED_FIELDS = [
    "status",
    "room",
    "room_type",
    "rate_plan",
    "arrival",
    "departure",
    "adults",
    "children_ages",
    "guest",
    "total",
    "market_segment",
    "channel",
    "customer_type",
    "eta",
    "special_requests",
    "parking",
    "notes",
    "option_expires_at",
    "cancellation_fee",
    "company",
]
MAX_ROOMS_PER_BOOKING = 50
MAX_CHILD_AGE = 17


class NoAvailability(Conflict):
    """Nothing is free, or a restriction blocks the stay. ``errors`` says which and why."""

    code = "no_availability"


def _validate_stay(arrival, departure, adults, children_ages, rooms=1) -> Stay:
    errors = []
    stay = None
    try:
        stay = Stay(arrival, departure)
    except StayError as exc:
        errors.append({"field": "departure", "message": str(exc)})
    if adults < 1:
        errors.append({"field": "adults", "message": _("At least one adult.")})
    if any(a is not None and (not isinstance(a, int) or a < 0 or a > MAX_CHILD_AGE) for a in children_ages):
        errors.append(
            {"field": "children_ages", "message": _("Children's ages go from 0 to %(max)d.") % {"max": MAX_CHILD_AGE}}
        )
    if not 1 <= rooms <= MAX_ROOMS_PER_BOOKING:
        errors.append(
            {"field": "rooms", "message": _("From 1 to %(max)d rooms in one booking.") % {"max": MAX_ROOMS_PER_BOOKING}}
        )
    if errors:
        raise InvalidInput(_("The stay is not valid."), errors=errors)
    return stay


def _check_plan_may_be_sold(actor, rate_plan: RatePlan, company: Company | None) -> None:
    negotiated = set(company.negotiated_rate_plans.values_list("code", flat=True)) if company else set()
    if not may_sell_plan(
        public=rate_plan.public,
        plan_code=rate_plan.code,
        negotiated=negotiated,
        manager=can(actor, "core.override_price"),
    ):
        raise PermissionDenied(
            _("Rate %(plan)s is reserved for companies that negotiated it; a manager may book it.")
            % {"plan": rate_plan.code},
            code="restricted_rate",
        )


def _check_choices(segment, channel, customer_type):
    errors = []
    if segment not in MarketSegment.values:
        errors.append(
            {
                "field": "market_segment",
                "message": _("One of %(choices)s.") % {"choices": ", ".join(MarketSegment.values)},
            }
        )
    if channel not in Channel.values:
        errors.append(
            {"field": "channel", "message": _("One of %(choices)s.") % {"choices": ", ".join(Channel.values)}}
        )
    if customer_type not in CustomerType.values:
        errors.append(
            {
                "field": "customer_type",
                "message": _("One of %(choices)s.") % {"choices": ", ".join(CustomerType.values)},
            }
        )
    if errors:
        raise InvalidInput(_("The booking's segmentation is not valid."), errors=errors)


def _locked_nights(rows: dict, room_type_id: int, dates: list[dt.date]) -> dict[dt.date, NightInventory]:
    return {
        d: NightInventory(
            rows[(room_type_id, d)].physical,
            rows[(room_type_id, d)].out_of_order,
            rows[(room_type_id, d)].sold,
            rows[(room_type_id, d)].overbooking,
        )
        for d in dates
    }


@dataclass(frozen=True)
class _Offer:
    """What the domain says of one room type and plan for a stay, and the prices it used."""

    result: RoomTypeAvailability
    option: RateOption
    plans: dict[str, PlanInfo]
    loaded: dict[str, dict[dt.date, NightPrice]]


def _evaluate(
    *,
    property: Property,
    room_type: RoomType,
    rate_plan: RatePlan,
    stay: Stay,
    adults: int,
    children_ages: list,
    nights_inventory: dict[dt.date, NightInventory],
    rooms: int = 1,
    with_restrictions: bool = True,
) -> _Offer:
    all_plans = list(RatePlan.objects.filter(property=property))
    _unused, known = plan_infos([rate_plan], all_plans)
    prices, restrictions = daily_rates_load(
        property=property, room_type_ids=[room_type.pk], start=stay.arrival, end=stay.departure
    )
    loaded = prices.get(room_type.pk, {})
    result = evaluate_room_type(
        room_type_code=room_type.code,
        base_occupancy=room_type.base_occupancy,
        max_occupancy=room_type.max_occupancy,
        arrival=stay.arrival,
        departure=stay.departure,
        today=property.business_date,
        adults=adults,
        children_ages=children_ages,
        inventory=nights_inventory,
        plans=known,
        prices=loaded,
        restrictions=restrictions.get(room_type.pk, {}) if with_restrictions else {},
        taxes=tax_rules(property),
        rooms=rooms,
    )
    option = next(o for o in result.rates if o.plan_code == rate_plan.code)
    return _Offer(result, option, {p.code: p for p in known}, loaded)


def _refuse_if(blocks: list[Block]) -> None:
    if blocks:
        raise NoAvailability(
            block_text(blocks[0]),
            errors=[{"code": b.code, "message": block_text(b)} for b in blocks],
        )


def _price_stay(
    *,
    property: Property,
    room_type: RoomType,
    rate_plan: RatePlan,
    stay: Stay,
    adults: int,
    children_ages: list[int],
    nights_inventory: dict[dt.date, NightInventory],
    rooms: int,
    check_inventory: bool = True,
) -> Quote:
    """The quote for the stay, or NoAvailability with every reason it cannot be sold."""
    offer = _evaluate(
        property=property,
        room_type=room_type,
        rate_plan=rate_plan,
        stay=stay,
        adults=adults,
        children_ages=children_ages,
        nights_inventory=nights_inventory,
        rooms=rooms,
    )
    _refuse_if(
        [b for b in offer.result.blocks if check_inventory or b.code != "no_availability"] + list(offer.option.blocks)
    )
    assert offer.option.quote is not None
    return offer.option.quote


def _override_quote(property: Property, stay: Stay, nightly_price: Decimal, adults, children_ages) -> Quote:
    return quote(
        [(d, money(nightly_price)) for d in stay.dates()],
        tax_rules(property),
        adults=adults,
        children_ages=children_ages,
    )


def _unique_confirmation(property: Property, taken: set[str]) -> str:
    for _attempt in range(20):
        code = new_confirmation()
        if code not in taken and not Reservation.objects.filter(property=property, confirmation=code).exists():
            taken.add(code)
            return code
    raise Conflict(_("Could not allocate a confirmation number; try again."))  # pragma: no cover


def _write_nights(reservation: Reservation, q: Quote) -> None:
    ReservationNight.objects.filter(reservation=reservation).delete()
    ReservationNight.objects.bulk_create(
        [ReservationNight(reservation=reservation, date=n.date, price=n.price, vat=n.vat) for n in q.nights]
    )


def _apply_quote(reservation: Reservation, q: Quote, rate_plan: RatePlan) -> None:
    reservation.room_total = q.room_total
    reservation.vat_total = q.vat_total
    reservation.city_tax_total = q.city_tax
    reservation.total = q.total
    reservation.guarantee = rate_plan.guarantee
    reservation.deposit_due = deposit_due(
        guarantee=rate_plan.guarantee, deposit_percent=rate_plan.deposit_percent, total=q.room_gross
    )


def _take_inventory(room_type_id: int, dates: list[dt.date], rooms: int) -> None:
    try:
        with transaction.atomic():
            InventoryNight.objects.filter(room_type_id=room_type_id, date__in=dates).update(sold=F("sold") + rooms)
    except IntegrityError:
        raise NoAvailability(_("No room is free for those nights.")) from None


def _release_inventory(room_type_id: int, dates: list[dt.date], rooms: int = 1) -> None:
    InventoryNight.objects.filter(room_type_id=room_type_id, date__in=dates).update(sold=F("sold") - rooms)


def reservation_create(
    *,
    property: Property,
    actor,
    room_type: RoomType,
    rate_plan: RatePlan,
    arrival: dt.date,
    departure: dt.date,
    guest: Guest,
    adults: int = 1,
    children_ages: list[int] | None = None,
    rooms: int = 1,
    tentative_until: dt.datetime | None = None,
    waitlist_if_full: bool = False,
    booker: Guest | None = None,
    companions: list[Guest] | None = None,
    company: Company | None = None,
    travel_agent: Company | None = None,
    market_segment: str = MarketSegment.LEISURE,
    channel: str = Channel.DIRECT_PHONE,
    customer_type: str = CustomerType.TRANSIENT,
    eta: dt.time | None = None,
    special_requests: str = "",
    parking: bool = False,
    notes: str = "",
    nightly_price: Decimal | None = None,
    override_reason: str = "",
    check_restrictions: bool = True,
) -> list[Reservation]:
    """Book ``rooms`` rooms of one type on one plan; returns the reservations (one per room).

    Refusals: NoAvailability (nothing free, or a restriction blocks; with every reason),
    InvalidInput, PermissionDenied (price override without the right, or a do-not-rent
    guest without a manager). ``tentative_until`` makes an option that expires then.
    With ``waitlist_if_full`` a full house yields waitlisted stays holding no inventory.
    """
    require(actor, "core.book")
    children_ages = list(children_ages or [])
    stay = _validate_stay(arrival, departure, adults, children_ages, rooms)
    _check_choices(market_segment, channel, customer_type)
    companions = list(companions or [])
    for obj in (room_type, rate_plan, guest, booker, company, travel_agent, *companions):
        if obj is not None and obj.property_id != property.pk:
            raise InvalidInput(_("A room type, plan, guest or company belongs to another property."))
    _check_plan_may_be_sold(actor, rate_plan, company)
    if not rate_plan.active:
        raise InvalidInput(
            _("Rate plan %(code)s is not active.") % {"code": rate_plan.code}, errors=[{"field": "rate_plan"}]
        )
    if guest.do_not_rent and not can(actor, "core.book_do_not_rent"):
        raise PermissionDenied(
            _("%(guest)s is marked do-not-rent (%(reason)s); a manager must book.")
            % {"guest": guest.full_name, "reason": guest.do_not_rent_reason},
            code="do_not_rent",
        )
    if nightly_price is not None:
        require(actor, "core.override_price")
        if nightly_price < 0:
            raise InvalidInput(_("The price cannot be negative."), errors=[{"field": "nightly_price"}])
        if not override_reason.strip():
            raise InvalidInput(_("Say why the price is overridden."), errors=[{"field": "override_reason"}])
    now = timezone.now()
    if tentative_until is not None and timezone.is_naive(tentative_until):
        tentative_until = timezone.make_aware(tentative_until, property.tz)  # a desk's wall-clock time
    if tentative_until is not None and tentative_until <= now:
        raise InvalidInput(_("An option must expire in the future."), errors=[{"field": "tentative_until"}])
    dates = stay.dates()

    with transaction.atomic():
        rows = inventory_lock(property_id=property.pk, stays=[(room_type.pk, stay.arrival, stay.departure)])
        nights_inventory = _locked_nights(rows, room_type.pk, dates)
        status = Status.TENTATIVE if tentative_until else Status.CONFIRMED
        pricing = dict(
            property=property,
            room_type=room_type,
            rate_plan=rate_plan,
            stay=stay,
            adults=adults,
            children_ages=children_ages,
            nights_inventory=nights_inventory,
            rooms=rooms,
        )
        if check_restrictions:
            try:
                q = _price_stay(**pricing)
            except NoAvailability as exc:
                if not (waitlist_if_full and all(e["code"] == "no_availability" for e in exc.errors)):
                    raise
                status = Status.WAITLISTED
                q = _price_stay(**pricing, check_inventory=False)
        else:
            # Restrictions waived (a booking made elsewhere being imported): inventory still rules.
            if min(n.sellable for n in nights_inventory.values()) < rooms:
                raise NoAvailability(
                    _("No room of this type is free for those nights."),
                    errors=[{"code": "no_availability", "message": _("No room of this type is free.")}],
                )
            q = _price_ignoring_restrictions(property, room_type, rate_plan, stay, adults, children_ages)
        if nightly_price is not None:
            q = _override_quote(property, stay, nightly_price, adults, children_ages)
        taken: set[str] = set()
        created = []
        party = ""
        for _room in range(rooms):
            code = _unique_confirmation(property, taken)
            party = party or code
            res = Reservation(
                property=property,
                confirmation=code,
                party=party,
                status=status,
                room_type=room_type,
                rate_plan=rate_plan,
                arrival=stay.arrival,
                departure=stay.departure,
                adults=adults,
                children_ages=children_ages,
                guest=guest,
                booker=booker,
                company=company,
                travel_agent=travel_agent,
                option_expires_at=tentative_until,
                market_segment=market_segment,
                channel=channel,
                customer_type=customer_type,
                meal_plan=rate_plan.meal_plan,
                eta=eta,
                special_requests=special_requests,
                parking=parking,
                notes=notes,
                price_overridden=nightly_price is not None,
                booked_on=property.business_date,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            _apply_quote(res, q, rate_plan)
            res.save()
            if companions:
                res.companions.set(companions)
            _write_nights(res, q)
            created.append(res)
            audit_record(
                property=property,
                entity="reservation",
                entity_id=code,
                action="create",
                actor=actor,
                changes=snapshot(res, AUDITED_FIELDS),
                reason=override_reason if nightly_price is not None else "",
            )
        if status in HOLDS_INVENTORY:
            _take_inventory(room_type.pk, dates, rooms)
    return created


def booking_create(
    *,
    property: Property,
    actor,
    guest: Guest | dict,
    booker: Guest | dict | None = None,
    companions: list[Guest | dict] | None = None,
    **reservation,
) -> list[Reservation]:
    """Book from the desk or the API: find or create the guest profiles, then reserve.

    Profiles given as dicts are matched to an existing profile (same name and email) or
    created; all in one transaction with the booking, so a refused booking leaves no new
    profile behind. ``reservation`` takes the keyword arguments of ``reservation_create``.
    """

    def profile(data: Guest | dict) -> Guest:
        if isinstance(data, Guest):
            return data
        return guest_find_or_create(property=property, actor=actor, data=data)

    with transaction.atomic():
        return reservation_create(
            property=property,
            actor=actor,
            guest=profile(guest),
            booker=profile(booker) if booker is not None else None,
            companions=[profile(c) for c in companions or []],
            **reservation,
        )


def _price_ignoring_restrictions(property, room_type, rate_plan, stay, adults, children_ages) -> Quote:
    """Price a stay whose restrictions were waived (imports of bookings made elsewhere)."""
    offer = _evaluate(
        property=property,
        room_type=room_type,
        rate_plan=rate_plan,
        stay=stay,
        adults=adults,
        children_ages=children_ages,
        nights_inventory={},
        with_restrictions=False,
    )
    # Restrictions are waived, but not the room type's capacity, the business date or a missing price.
    blocks = [b for b in offer.result.blocks if b.code != "no_availability"]
    _refuse_if(blocks + (list(offer.option.blocks) if offer.option.quote is None else []))
    return offer.option.quote


def _locked(reservation: Reservation) -> Reservation:
    return (
        Reservation.objects.select_for_update(of=("self",))
        .select_related("property", "room_type", "rate_plan", "guest")
        .get(pk=reservation.pk)
    )


def reservation_modify(
    *,
    reservation: Reservation,
    actor,
    arrival: dt.date | None = None,
    departure: dt.date | None = None,
    room_type: RoomType | None = None,
    rate_plan: RatePlan | None = None,
    adults: int | None = None,
    children_ages: list[int] | None = None,
    nightly_price: Decimal | None = None,
    override_reason: str = "",
    details: dict | None = None,
) -> Reservation:
    """Change dates, room type, occupancy or plan (re-priced and re-checked atomically), or details.

    The old nights are released and the new ones taken in one transaction: if the new
    stay cannot be sold nothing changes. ``details`` carries fields that do not affect
    price or inventory (ETA, requests, notes, segment, channel, parking, guest).
    """
    require(actor, "core.book")
    details = dict(details or {})
    allowed_details = {
        "eta",
        "special_requests",
        "notes",
        "parking",
        "market_segment",
        "channel",
        "customer_type",
        "guest",
        "company",
    }
    unknown = set(details) - allowed_details
    if unknown:
        raise InvalidInput(_("Cannot change %(fields)s here.") % {"fields": ", ".join(sorted(unknown))})
    with transaction.atomic():
        res = _locked(reservation)
        prop = res.property
        before = snapshot(res, AUDITED_FIELDS)
        stay_change = any(v is not None for v in (arrival, departure, room_type, rate_plan, adults, children_ages))
        if (stay_change or nightly_price is not None) and res.status not in MODIFIABLE:
            raise IllegalTransition(
                _("A reservation that is %(status)s cannot be changed.") % {"status": res.get_status_display()}
            )
        if details and res.status in {Status.CANCELLED, Status.NO_SHOW, Status.CHECKED_OUT}:
            raise IllegalTransition(
                _("A reservation that is %(status)s cannot be changed.") % {"status": res.get_status_display()}
            )
        new_arrival = arrival or res.arrival
        new_departure = departure or res.departure
        # An upgraded stay is re-booked in the type it pays for; the desk assigns a room again.
        new_type = room_type or (res.room_type_charged if res.room_type_charged_id else res.room_type)
        new_plan = rate_plan or res.rate_plan
        if rate_plan is not None and rate_plan.pk != res.rate_plan_id:
            if not rate_plan.active:
                raise InvalidInput(
                    _("Rate plan %(plan)s is not active.") % {"plan": rate_plan.code}, errors=[{"field": "rate_plan"}]
                )
            _check_plan_may_be_sold(actor, rate_plan, details.get("company", res.company))
        elif "company" in details and details["company"] != res.company:
            _check_plan_may_be_sold(actor, res.rate_plan, details["company"])
        new_adults = adults if adults is not None else res.adults
        new_ages = list(children_ages) if children_ages is not None else list(res.children_ages)
        for obj in (new_type, new_plan, details.get("guest"), details.get("company")):
            if obj is not None and obj.property_id != prop.pk:
                raise InvalidInput(_("A room type, plan, guest or company belongs to another property."))
        stay = _validate_stay(new_arrival, new_departure, new_adults, new_ages)
        _check_choices(
            details.get("market_segment", res.market_segment),
            details.get("channel", res.channel),
            details.get("customer_type", res.customer_type),
        )
        if nightly_price is not None:
            require(actor, "core.override_price")
            if nightly_price < 0 or not override_reason.strip():
                raise InvalidInput(_("An override needs a price of zero or more and a reason."))
        if (
            details.get("guest") is not None
            and details["guest"].do_not_rent
            and not can(actor, "core.book_do_not_rent")
        ):
            raise PermissionDenied(_("That guest is marked do-not-rent; a manager must book."), code="do_not_rent")

        if stay_change:
            holds = res.status in HOLDS_INVENTORY
            old_dates = dates_between(res.arrival, res.departure)
            new_dates = stay.dates()
            same_product = new_type.pk == res.booked_room_type_id and new_plan.pk == res.rate_plan_id
            penalty_now = cancellation_fee_preview(reservation=res)
            stays = [(new_type.pk, stay.arrival, stay.departure)]
            if holds:
                stays.append((res.room_type_id, res.arrival, res.departure))
            rows = inventory_lock(property_id=prop.pk, stays=stays)
            nights = _locked_nights(rows, new_type.pk, new_dates)
            if holds:
                # Count the availability as if this stay's own nights were already released.
                nights = {
                    d: NightInventory(n.physical, n.out_of_order, n.sold - 1, n.overbooking)
                    if (new_type.pk == res.room_type_id and d in set(old_dates))
                    else n
                    for d, n in nights.items()
                }
            q = _price_change(
                res=res,
                room_type=new_type,
                rate_plan=new_plan,
                stay=stay,
                adults=new_adults,
                children_ages=new_ages,
                nights_inventory=nights,
                check_inventory=res.status != Status.WAITLISTED,
            )
            if nightly_price is not None:
                q = _override_quote(prop, stay, nightly_price, new_adults, new_ages)
            if change_needs_manager(
                penalty_now=penalty_now,
                plan_changed=new_plan.pk != res.rate_plan_id,
                arrival_changed=stay.arrival != res.arrival,
                old_room_total=res.room_total,
                new_room_total=q.room_total,
            ) and not can(actor, "core.override_price"):
                raise PermissionDenied(
                    _(
                        "The cancellation terms already apply to this booking (fee now %(fee)s): "
                        "a change that lowers what the guest owes needs a manager."
                    )
                    % {"fee": penalty_now},
                    code="penalty_applies",
                )
            if holds:
                _release_inventory(res.room_type_id, old_dates)
                _take_inventory(new_type.pk, new_dates, 1)
            dates_changed = (stay.arrival, stay.departure) != (res.arrival, res.departure)
            res.arrival, res.departure = stay.arrival, stay.departure
            res.room_type, res.rate_plan = new_type, new_plan
            res.room_type_charged, res.room_since = None, None
            res.adults, res.children_ages = new_adults, new_ages
            res.meal_plan = new_plan.meal_plan
            if res.room_id and (res.room.room_type_id != new_type.pk or (dates_changed and _room_taken(res))):
                res.room = None  # the desk assigns another room
            res.price_overridden = nightly_price is not None or (res.price_overridden and same_product)
            _apply_quote(res, q, new_plan)
            _write_nights(res, q)
        elif nightly_price is not None:
            q = _override_quote(prop, stay, nightly_price, res.adults, res.children_ages)
            res.price_overridden = True
            _apply_quote(res, q, res.rate_plan)
            _write_nights(res, q)
        for key, value in details.items():
            setattr(res, key, value)
        try:
            with transaction.atomic():
                res.save()
        except IntegrityError:
            # PostgreSQL's exclusion constraint: another stay took the room for those nights meanwhile.
            raise Conflict(
                _("Room %(room)s is taken on those nights; choose other dates or another room.")
                % {"room": res.room.number if res.room_id else "?"},
                code="room_taken",
            ) from None
        changes = diff(before, snapshot(res, AUDITED_FIELDS))
        if changes:
            audit_record(
                property=prop,
                entity="reservation",
                entity_id=res.confirmation,
                action="modify",
                actor=actor,
                changes=changes,
                reason=override_reason,
            )
    return res


def _room_taken(res: Reservation) -> bool:
    """Another stay holds this reservation's room on one of its (new) nights."""
    return (
        Reservation.objects.filter(
            room_id=res.room_id,
            status__in=[s.value for s in HOLDS_INVENTORY],
            departure__gt=res.arrival,
        )
        .annotate(room_from=Coalesce("room_since", "arrival"))
        .filter(room_from__lt=res.departure)
        .exclude(pk=res.pk)
        .exists()
    )


def _price_change(
    *,
    res: Reservation,
    room_type: RoomType,
    rate_plan: RatePlan,
    stay: Stay,
    adults: int,
    children_ages: list,
    nights_inventory: dict[dt.date, NightInventory],
    check_inventory: bool,
) -> Quote:
    """The changed stay's quote: kept nights keep their agreed price (see domain.modification)."""
    prop = res.property
    same_product = room_type.pk == res.booked_room_type_id and rate_plan.pk == res.rate_plan_id
    offer = _evaluate(
        property=prop,
        room_type=room_type,
        rate_plan=rate_plan,
        stay=stay,
        adults=adults,
        children_ages=children_ages,
        nights_inventory=nights_inventory,
    )
    blocks = blocks_for_change(
        [b for b in offer.result.blocks if check_inventory or b.code != "no_availability"] + list(offer.option.blocks),
        old_dates=set(dates_between(res.arrival, res.departure)),
        arrival_changed=stay.arrival != res.arrival,
        departure_changed=stay.departure != res.departure,
        same_product=same_product,
    )
    nightly, missing = nightly_prices_for_change(
        dates=stay.dates(),
        agreed={n.date: n.price for n in res.nights_priced.all()},
        current=plan_prices(offer.plans[rate_plan.code], offer.plans, offer.loaded, stay.dates()),
        same_product=same_product,
        old=Occupancy(res.adults, len(res.children_ages)),
        new=Occupancy(adults, len(children_ages)),
        base_occupancy=room_type.base_occupancy,
    )
    if missing and not any(b.code == "no_rate" for b in blocks):
        blocks.append(Block("no_rate", f"No price is loaded for {missing[0].isoformat()}.", {"date": missing[0]}))
    _refuse_if(blocks)
    return quote(sorted(nightly.items()), tax_rules(prop), adults=adults, children_ages=children_ages)


def arrival_moment(property: Property, arrival: dt.date) -> dt.datetime:
    return dt.datetime.combine(arrival, property.check_in_time, tzinfo=property.tz)


def cancellation_policy_of(plan: RatePlan) -> CancellationPolicy:
    return CancellationPolicy(
        refundable=plan.refundable,
        free_hours=plan.cancellation_free_hours,
        penalty=plan.cancellation_penalty,
        percent=plan.cancellation_percent,
    )


def cancellation_fee_preview(*, reservation: Reservation, now: dt.datetime | None = None) -> Decimal:
    """The fee the policy would charge if the reservation were cancelled at ``now``.

    Only a confirmed booking costs anything: options and waitlisted stays cancel free.
    """
    if reservation.status != Status.CONFIRMED:
        return Decimal("0.00")
    first = reservation.nights_priced.order_by("date").first()
    return cancellation_policy_of(reservation.rate_plan).fee(
        now=now or timezone.now(),
        arrival_at=arrival_moment(reservation.property, reservation.arrival),
        first_night=first.price if first else Decimal("0"),
        room_total=reservation.room_total,
    )


def reservation_cancel(
    *, reservation: Reservation, actor, reason: str, now: dt.datetime | None = None, waive_fee: bool = False
) -> Reservation:
    """Cancel: releases the nights and records the fee the rate plan's policy makes due.

    The fee is charged to the folio by cashiering. Waiving it needs the right to
    override prices. Tentative and waitlisted stays cancel free of charge.
    """
    require(actor, "core.cancel")
    if not reason.strip():
        raise InvalidInput(
            _("Say why the reservation is cancelled."), errors=[{"field": "reason", "message": _("Required.")}]
        )
    if waive_fee:
        require(actor, "core.override_price")
    now = now or timezone.now()
    with transaction.atomic():
        res = _locked(reservation)
        if not can_transition(res.status, Status.CANCELLED):
            raise IllegalTransition(
                _("A reservation that is %(status)s cannot be cancelled.") % {"status": res.get_status_display()}
            )
        before = snapshot(res, AUDITED_FIELDS)
        fee = Decimal("0.00") if waive_fee else cancellation_fee_preview(reservation=res, now=now)
        if res.status in HOLDS_INVENTORY:
            inventory_lock(property_id=res.property_id, stays=[(res.room_type_id, res.arrival, res.departure)])
            _release_inventory(res.room_type_id, dates_between(res.arrival, res.departure))
        res.status = Status.CANCELLED
        res.cancellation_fee = fee
        res.cancelled_at = now
        res.cancelled_on = res.property.business_date
        res.cancel_reason = reason.strip()[:200]
        res.room = None
        res.save()
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action="cancel",
            actor=actor,
            changes=diff(before, snapshot(res, AUDITED_FIELDS)),
            reason=reason,
        )
        reservation_cancelled.send(sender=Reservation, reservation=res, actor=actor)
    return res


def reservation_confirm(*, reservation: Reservation, actor) -> Reservation:
    """Confirm an option (tentative) or a waitlisted stay; a waitlisted one takes inventory now."""
    require(actor, "core.book")
    with transaction.atomic():
        res = _locked(reservation)
        if not can_transition(res.status, Status.CONFIRMED):
            raise IllegalTransition(
                _("A reservation that is %(status)s cannot be confirmed.") % {"status": res.get_status_display()}
            )
        before = snapshot(res, AUDITED_FIELDS)
        if res.status == Status.WAITLISTED:
            stay = Stay(res.arrival, res.departure)
            rows = inventory_lock(property_id=res.property_id, stays=[(res.room_type_id, res.arrival, res.departure)])
            _price_stay(
                property=res.property,
                room_type=res.room_type,
                rate_plan=res.rate_plan,
                stay=stay,
                adults=res.adults,
                children_ages=res.children_ages,
                nights_inventory=_locked_nights(rows, res.room_type_id, stay.dates()),
                rooms=1,
            )
            _take_inventory(res.room_type_id, stay.dates(), 1)
        res.status = Status.CONFIRMED
        res.option_expires_at = None
        res.save()
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action="confirm",
            actor=actor,
            changes=diff(before, snapshot(res, AUDITED_FIELDS)),
        )
    return res


def overbooking_set(*, property: Property, actor, room_type: RoomType, start: dt.date, end: dt.date, rooms: int) -> int:
    """Allow ``rooms`` rooms of overbooking per night in ``[start, end]`` (inclusive)."""
    require(actor, "core.manage_rates")
    if room_type.property_id != property.pk:
        raise InvalidInput(_("The room type belongs to another property."))
    if rooms < 0 or end < start or (end - start).days > 730:
        raise InvalidInput(_("Overbooking needs zero or more rooms and a period of at most two years."))
    with transaction.atomic():
        rows = inventory_lock(property_id=property.pk, stays=[(room_type.pk, start, end + dt.timedelta(days=1))])
        too_low = [d for (_type, d), r in sorted(rows.items()) if r.sold > r.physical - r.out_of_order + rooms]
        if too_low:
            raise Conflict(
                _("More rooms are already sold on %(date)s than that allowance permits.")
                % {"date": too_low[0].isoformat()},
                code="would_oversell",
            )
        InventoryNight.objects.filter(room_type=room_type, date__gte=start, date__lte=end).update(overbooking=rooms)
        audit_record(
            property=property,
            entity="room_type",
            entity_id=room_type.code,
            action="overbooking",
            actor=actor,
            changes={"from": start, "to": end, "rooms": rooms},
        )
    return len(rows)


def _transition(res: Reservation, target: Status) -> None:
    if not can_transition(res.status, target):
        raise IllegalTransition(
            _("A reservation that is %(status)s cannot become %(target)s.")
            % {"status": res.get_status_display(), "target": STATUS_LABELS[target.value]},
            code="illegal_transition",
        )


def reservation_stay_begin(*, reservation: Reservation, actor) -> Reservation:
    """The guest has arrived: confirmed → in house, in the room already assigned. The front desk
    decides whether the check-in may happen; this records it on the reservation."""
    require(actor, "core.check_in")
    with transaction.atomic():
        res = _locked(reservation)
        _transition(res, Status.IN_HOUSE)
        if res.room_id is None:
            raise Conflict(_("Assign a room before checking in."), code="room_not_assigned")
        before = snapshot(res, AUDITED_FIELDS)
        res.status = Status.IN_HOUSE
        res.save(update_fields=["status"])
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action="check_in",
            actor=actor,
            changes=diff(before, snapshot(res, AUDITED_FIELDS)),
        )
    return res


def reservation_stay_revert(*, reservation: Reservation, actor, reason: str) -> Reservation:
    """Undo a check-in made by mistake: in house → confirmed, the room kept."""
    require(actor, "core.check_in")
    with transaction.atomic():
        res = _locked(reservation)
        _transition(res, Status.CONFIRMED)
        res.status = Status.CONFIRMED
        res.room_since = None  # a move made before the revert was on the arrival day
        res.save(update_fields=["status", "room_since"])
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action="check_in_reverted",
            actor=actor,
            changes={"status": [Status.IN_HOUSE.value, Status.CONFIRMED.value]},
            reason=reason,
        )
    return res


def reservation_stay_end(*, reservation: Reservation, actor, departure: dt.date) -> Reservation:
    """The guest leaves: in house → checked out. Leaving before the booked departure shortens the
    stay to ``departure``: the unused nights go back to inventory and the totals are those of the
    nights kept, at the prices fixed on the reservation. Leaving on the arrival day (a day use)
    keeps no night: all go back, and whatever the day use costs is charged on the folio."""
    require(actor, "core.check_in")
    with transaction.atomic():
        res = _locked(reservation)
        _transition(res, Status.CHECKED_OUT)
        before = snapshot(res, AUDITED_FIELDS)
        if departure <= res.arrival:
            # Checked out on the arrival day (a day use): no night was slept, every night goes
            # back to inventory and the room is held for none (``room_since`` at the departure).
            inventory_lock(property_id=res.property_id, stays=[(res.room_type_id, res.arrival, res.departure)])
            _release_inventory(res.room_type_id, dates_between(res.arrival, res.departure))
            ReservationNight.objects.filter(reservation=res).delete()
            res.departure = res.arrival + dt.timedelta(days=1)
            res.room_since = res.departure
            res.room_total = res.vat_total = res.city_tax_total = res.total = Decimal("0.00")
            departure = res.departure
        departure = max(departure, res.arrival + dt.timedelta(days=1))
        if departure < res.departure:
            unused = dates_between(departure, res.departure)
            inventory_lock(property_id=res.property_id, stays=[(res.room_type_id, departure, res.departure)])
            _release_inventory(res.room_type_id, unused)
            kept = list(ReservationNight.objects.filter(reservation=res, date__lt=departure).order_by("date"))
            ReservationNight.objects.filter(reservation=res, date__gte=departure).delete()
            q = quote(
                [(n.date, n.price) for n in kept],
                tax_rules(res.property),
                adults=res.adults,
                children_ages=res.children_ages,
            )
            res.room_total, res.vat_total, res.city_tax_total, res.total = (
                q.room_total,
                q.vat_total,
                q.city_tax,
                q.total,
            )
            res.departure = departure
        res.status = Status.CHECKED_OUT
        res.save()
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action="check_out",
            actor=actor,
            changes=diff(before, snapshot(res, AUDITED_FIELDS)),
        )
    return res


def reservation_room_type_hold(*, reservation: Reservation, room_type: RoomType, start: dt.date | None = None) -> None:
    """The stay is put in a room of ``room_type``: its inventory follows the room.

    Called inside the caller's transaction with ``reservation`` locked (room assignment, room
    move). The nights from ``start`` (default: the arrival) move from the type the stay holds to
    ``room_type``. An upgrade or downgrade must find a room of that type unsold on every night
    (no overbooking: a guest of that type would be left without a room); going back to the
    booked type may use its overbooking allowance, as the booking did. The price stays that of
    the booked type, which ``room_type_charged`` keeps until the stay is back in it.
    Raises ``Conflict`` (``type_full``) and changes nothing when a night has no room to spare.
    """
    res = reservation
    if room_type.pk == res.room_type_id:
        return
    booked = res.booked_room_type_id
    first = max(start or res.arrival, res.arrival)
    dates = dates_between(first, res.departure)
    if dates and res.status in HOLDS_INVENTORY:
        rows = inventory_lock(
            property_id=res.property_id,
            stays=[(res.room_type_id, first, res.departure), (room_type.pk, first, res.departure)],
        )
        for d in dates:
            n = rows[(room_type.pk, d)]
            allowance = n.overbooking if room_type.pk == booked else 0
            if n.sold + 1 > n.physical - n.out_of_order + allowance:
                raise Conflict(
                    _("No room of type %(type)s is left to sell on %(date)s: the stay cannot be moved into it.")
                    % {"type": room_type.code, "date": d.isoformat()},
                    code="type_full",
                )
        _release_inventory(res.room_type_id, dates)
        _take_inventory(room_type.pk, dates, 1)
    res.room_type_charged_id = None if room_type.pk == booked else booked
    res.room_type = room_type
    Reservation.objects.filter(pk=res.pk).update(room_type=room_type, room_type_charged=res.room_type_charged_id)


def no_show_fee_preview(*, reservation: Reservation) -> Decimal:
    """The fee a guaranteed stay owes when the guest does not come, by the plan's no-show penalty
    (none, first night, a percentage of the room total or the whole stay). A stay without a
    guarantee owes nothing: the hotel had no means to charge it."""
    res = reservation
    if res.guarantee in ("", Guarantee.NONE):
        return Decimal("0.00")
    first = res.nights_priced.order_by("date").first()
    plan = res.rate_plan
    return penalty_amount(
        plan.no_show_penalty,
        plan.cancellation_percent,
        first_night=first.price if first else Decimal("0"),
        room_total=res.room_total,
    )


def reservation_no_show(*, reservation: Reservation, actor) -> Reservation:
    """The guest did not arrive: confirmed → no-show, on or after the arrival date.

    Every night goes back to inventory and the room is freed; a guaranteed stay owes the plan's
    no-show fee, which cashiering posts to the bill (signal ``reservation_no_show_marked``) and
    settles from the deposit where there is one. Marked by the night audit for the arrivals of
    the day being closed, or by the desk once the arrival date has come.
    """
    require(actor, "core.cancel")
    with transaction.atomic():
        res = _locked(reservation)
        _transition(res, Status.NO_SHOW)
        today = res.property.business_date
        if res.arrival > today:
            raise IllegalTransition(
                _("The guest is due on %(date)s: a stay is a no-show only from its arrival date.")
                % {"date": res.arrival.isoformat()},
                code="not_due_yet",
            )
        before = snapshot(res, AUDITED_FIELDS)
        inventory_lock(property_id=res.property_id, stays=[(res.room_type_id, res.arrival, res.departure)])
        _release_inventory(res.room_type_id, dates_between(res.arrival, res.departure))
        res.status = Status.NO_SHOW
        res.cancellation_fee = no_show_fee_preview(reservation=res)
        res.cancelled_on = today
        res.cancelled_at = timezone.now()
        res.cancel_reason = _("No-show")
        res.room = None
        res.save()
        audit_record(
            property=res.property,
            entity="reservation",
            entity_id=res.confirmation,
            action="no_show",
            actor=actor,
            changes=diff(before, snapshot(res, AUDITED_FIELDS)),
        )
        reservation_no_show_marked.send(sender=Reservation, reservation=res, actor=actor)
    return res
