"""The night's room and city tax, posted by the night audit to every stay in house.

Load → decide → persist, in bulk: a 1,000-room hotel is posted in a handful of queries. Each
stay is charged the price fixed on the reservation for the night being closed (a guest past the
departure date, kept in house by the auditor, pays the last night's price again), with the VAT
of the room code, and the city tax per person for the nights the property's rule taxes. The
stay's routing instructions apply as to any charge (a company paying room and tax up to a daily
cap, say). Every posting carries the stay and the kind of charge: a unique key on (folio, date,
kind, stay) lets a re-run post only what is missing, never twice.
"""

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from frontoffice.core.audit import audit_record
from frontoffice.core.domain.money import ZERO, money
from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import Amounts, price_line
from frontoffice.folios.domain.transfer import Charge, Instruction, route_charge
from frontoffice.folios.models import Folio, FolioKind, FolioStatus, Posting, RoutingInstruction, TransactionCode
from frontoffice.folios.selectors import routing_rules
from frontoffice.rates.domain.pricing import city_tax
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import Reservation, ReservationNight
from frontoffice.reservations.selectors import tax_rules

ROOM, PACKAGE, CITY_TAX = "room", "package", "city_tax"
KIND_CODES = {ROOM: "ROOM", PACKAGE: "FB", CITY_TAX: "CITYTAX"}


@dataclass
class NightlyResult:
    stays: int = 0  # stays in house
    postings: int = 0  # postings written by this run
    already_posted: int = 0  # stays whose night was posted by an earlier run
    room_net: Decimal = ZERO
    city_tax: Decimal = ZERO
    missing_price: list[str] | None = None  # confirmations with no price for the night


def _window_folios(stays: list[Reservation], actor) -> dict[int, Folio]:
    """Each stay's first open guest window (opened, or a new window after the last, when none is)."""
    folios: dict[int, list[Folio]] = {}
    for f in Folio.objects.filter(reservation__in=stays, kind=FolioKind.GUEST).order_by("window"):
        folios.setdefault(f.reservation_id, []).append(f)
    chosen: dict[int, Folio] = {}
    to_open = []
    for res in stays:
        windows = folios.get(res.pk, [])
        open_ = [f for f in windows if f.status == FolioStatus.OPEN]
        if open_:
            chosen[res.pk] = open_[0]
        else:
            window = max((f.window for f in windows), default=0) + 1
            to_open.append(
                Folio(property_id=res.property_id, reservation=res, window=window, kind=FolioKind.GUEST,
                      payer_guest_id=res.guest_id)
            )  # fmt: skip
    if to_open:
        Folio.objects.bulk_create(to_open, batch_size=500)
        for f in Folio.objects.filter(reservation__in=[f.reservation_id for f in to_open], kind=FolioKind.GUEST):
            if f.reservation_id not in chosen and f.status == FolioStatus.OPEN:
                chosen[f.reservation_id] = f
    return chosen


def _instructions(folios: dict[int, Folio], business_date: dt.date) -> dict[int, list[Instruction]]:
    """The active routing instructions of each folio's window whose target is open, as the routing
    rule needs them (with what each already routed on the date), by stay."""
    rows = RoutingInstruction.objects.filter(reservation_id__in=list(folios), active=True).select_related(
        "target_folio"
    )
    chosen = [
        i
        for i in rows.order_by("id")
        if i.source_window == folios[i.reservation_id].window and i.target_folio.status == FolioStatus.OPEN
    ]
    stay_of = {i.pk: i.reservation_id for i in chosen}
    by_stay: dict[int, list[Instruction]] = {}
    for rule in routing_rules(
        instructions=chosen, business_date=business_date, open_folios={i.target_folio_id for i in chosen}
    ):
        by_stay.setdefault(stay_of[rule.id], []).append(rule)
    return by_stay


def _unit_of(amounts: Amounts, include_tax: bool) -> Decimal:
    return abs(amounts.gross if include_tax else amounts.net)


def nightly_charges_post(*, property: Property, actor) -> NightlyResult:
    """Post the business date's room and city tax to every stay in house (see the module
    docstring). Called by the night audit inside its transaction; the caller checks permission."""
    date = property.business_date
    result = NightlyResult(missing_price=[])
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        stays = list(
            Reservation.objects.filter(property=property, status=Status.IN_HOUSE.value)
            .exclude(arrival__gt=date)
            .select_related("rate_plan")
            .order_by("id")
        )
        result.stays = len(stays)
        if not stays:
            return result
        codes = {
            c.code: c
            for c in TransactionCode.objects.filter(property=property, code__in=KIND_CODES.values(), active=True)
        }
        prices: dict[int, ReservationNight] = {}
        # The night's price, or for a guest past departure the last night booked.
        for n in ReservationNight.objects.filter(reservation__in=stays, date__lte=date).order_by("reservation", "date"):
            prices[n.reservation_id] = n
        posted = set(
            Posting.objects.filter(property=property, business_date=date, nightly_stay__in=stays).values_list(
                "nightly_stay_id", "nightly_kind"
            )
        )
        folios = _window_folios(stays, actor)
        routing = _instructions(folios, date)
        # Every folio written to is locked, in id order (the order every posting path uses).
        involved = {f.pk for f in folios.values()} | {i.target for rules in routing.values() for i in rules}
        list(Folio.objects.select_for_update().filter(pk__in=involved).order_by("id").values_list("pk", flat=True))
        rules = tax_rules(property)
        include = property.prices_include_vat
        rows: list[Posting] = []
        for res in stays:
            night = prices.get(res.pk)
            if night is None:
                result.missing_price.append(res.confirmation)
                continue
            folio = folios[res.pk]
            night_index = (date - res.arrival).days
            charges = []
            room_code, package_code = codes.get("ROOM"), codes.get("FB")
            # Food included in the price (a breakfast plan, say) goes to F&B; the rest is room.
            package = ZERO
            if package_code and res.rate_plan.meal_plan != "RO" and res.rate_plan.package_per_guest > 0:
                guests = res.adults + len(res.children_ages or [])
                package = min(money(res.rate_plan.package_per_guest * guests), money(night.price))
            if room_code and (res.pk, ROOM) not in posted:
                amounts = price_line(quantity=1, unit_amount=night.price - package, tax_rate=room_code.tax_rate,
                                     amounts_include_tax=include)  # fmt: skip
                label = _("Room %(date)s") % {"date": date.isoformat()}
                if night.date != date:
                    label = _("Room %(date)s (stay past departure)") % {"date": date.isoformat()}
                charges.append((ROOM, room_code, amounts, label))
            if package > 0 and (res.pk, PACKAGE) not in posted:
                amounts = price_line(quantity=1, unit_amount=package, tax_rate=package_code.tax_rate,
                                     amounts_include_tax=include)  # fmt: skip
                label = _("%(meal_plan)s included, %(date)s") % {"meal_plan": res.rate_plan.get_meal_plan_display(),
                                                                 "date": date.isoformat()}  # fmt: skip
                charges.append((PACKAGE, package_code, amounts, label))
            tax_code = codes.get("CITYTAX")
            taxed = not rules.city_tax_max_nights or night_index < rules.city_tax_max_nights
            if tax_code and taxed and (res.pk, CITY_TAX) not in posted:
                tax = city_tax(rules, adults=res.adults, children_ages=list(res.children_ages or []), nights=1)
                if tax > 0:
                    amounts = Amounts(net=tax, tax=ZERO, gross=tax)
                    charges.append((CITY_TAX, tax_code, amounts, _("City tax %(date)s") % {"date": date.isoformat()}))
            if not charges and (res.pk, ROOM) in posted:
                result.already_posted += 1
                continue
            instructions = routing.get(res.pk, [])
            for kind, code, amounts, label in charges:
                routed = route_charge(Charge(code.code, code.department, date, amounts), instructions)
                parts = [(r.target, r.amounts, r.instruction) for r in routed.routes]
                if routed.stays.gross != 0 or not parts:
                    parts.append((folio.pk, routed.stays, None))
                for target, part, instruction in parts:
                    rows.append(
                        Posting(
                            property=property,
                            folio_id=target,
                            business_date=date,
                            transaction_code=code,
                            description=label[:120],
                            quantity=1,
                            unit_amount=_unit_of(part, include),
                            net=part.net,
                            tax=part.tax,
                            gross=part.gross,
                            actor=user,
                            routed_by_id=instruction,
                            nightly_stay=res,
                            nightly_kind=kind,
                        )
                    )
                    if kind == ROOM:
                        result.room_net += part.net
                    elif kind == CITY_TAX:
                        result.city_tax += part.gross
                # What a capped instruction routed counts against its cap for the next charge.
                instructions = [
                    replace(i, routed_today=i.routed_today + sum((r.amounts.gross for r in routed.routes
                                                                  if r.instruction == i.id), ZERO))
                    for i in instructions
                ]  # fmt: skip
        Posting.objects.bulk_create(rows, batch_size=500)
        result.postings = len(rows)
        audit_record(
            property=property,
            entity="night_audit",
            entity_id=date.isoformat(),
            action="nightly_charges",
            actor=actor,
            changes={
                "stays": result.stays,
                "postings": result.postings,
                "room_net": money(result.room_net),
                "city_tax": money(result.city_tax),
            },
        )
    return result
