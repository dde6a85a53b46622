"""Reads for the desk: arrivals, departures, in-house and stayovers for a date, the day at a
glance, the room-status board, and the bill windows to invoice at check-out.

Every list reads in a fixed number of queries however long it is: the reservations with what
each row shows (one query), the balance of every stay on the list (one grouped query), and the
state of the rooms on it (what is occupied and what is blocked today: two queries).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import get_language

from frontoffice.core.domain.money import ZERO
from frontoffice.core.models import Property
from frontoffice.core.sql import fetch, placeholders
from frontoffice.folios.domain.invoice import DocumentKind
from frontoffice.folios.models import Folio, FolioKind, Posting
from frontoffice.folios.services import InvoicePreview, invoice_preview
from frontoffice.frontdesk.domain.checkin import CheckOutInvoice
from frontoffice.frontdesk.domain.room_status import Code, RoomStatus, room_status
from frontoffice.reservations.domain.confirmation import normalise_confirmation
from frontoffice.reservations.domain.status import HOLDS_INVENTORY, Status
from frontoffice.reservations.models import CustomerType, Reservation
from frontoffice.reservations.selectors import inventory_read
from frontoffice.rooms.models import Room, RoomBlock, RoomType

CENTS = Decimal("0.01")
EXPECTED = (Status.TENTATIVE.value, Status.CONFIRMED.value)
HOLDING = tuple(sorted(s.value for s in HOLDS_INVENTORY))


class ListKind(StrEnum):
    ARRIVALS = "arrivals"
    DEPARTURES = "departures"
    IN_HOUSE = "in_house"
    STAYOVERS = "stayovers"


@dataclass(frozen=True)
class DeskFilters:
    """What the agent narrows a list with; every field optional."""

    vip: bool = False
    unassigned: bool = False
    balance_due: bool = False
    group: bool = False
    party: str = ""
    eta_from: dt.time | None = None
    eta_to: dt.time | None = None
    text: str = ""


@dataclass(frozen=True)
class DeskRow:
    """One stay as the desk lists it."""

    id: int
    confirmation: str
    party: str
    in_group: bool
    status: str
    arrival: dt.date
    departure: dt.date
    eta: dt.time | None
    adults: int
    children: int
    guest_name: str
    vip_level: int
    room_number: str | None
    room_status: RoomStatus | None
    room_type_code: str
    room_type_name: str
    company: str | None
    balance: Decimal
    special_requests: str

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days

    @property
    def room_code(self) -> str | None:
        return self.room_status.code.value if self.room_status else None

    @property
    def room_ready(self) -> bool | None:
        return self.room_status.ready if self.room_status else None


# --- the lists ---------------------------------------------------------------------------------


def _kind_filter(kind: ListKind, day: dt.date, business_date: dt.date) -> Q:
    """Which stays a list holds on ``day``.

    Arrivals: arriving that day, expected or already checked in. Departures: leaving that day,
    still in house or already checked out (on the business date also those overdue, still in house
    after their departure date). In-house: on the business date the guests in house now (due-outs
    included); on another date the stays holding a room that night. Stayovers: in-house guests who
    neither arrive nor leave that day.
    """
    today = day == business_date
    if kind == ListKind.ARRIVALS:
        return Q(arrival=day, status__in=(*EXPECTED, Status.IN_HOUSE))
    if kind == ListKind.DEPARTURES:
        leaving = Q(departure=day, status__in=(Status.IN_HOUSE, Status.CHECKED_OUT))
        if today:
            leaving |= Q(departure__lt=day, status=Status.IN_HOUSE)
        return leaving
    if kind == ListKind.IN_HOUSE:
        if today:
            return Q(status=Status.IN_HOUSE)
        return Q(arrival__lte=day, departure__gt=day, status__in=HOLDING)
    if today:
        return Q(status=Status.IN_HOUSE, arrival__lt=day, departure__gt=day)
    return Q(arrival__lt=day, departure__gt=day, status__in=HOLDING)


ROW_FIELDS = (
    "id",
    "confirmation",
    "party",
    "in_group",
    "customer_type",
    "status",
    "arrival",
    "departure",
    "eta",
    "adults",
    "children_ages",
    "guest__first_name",
    "guest__last_name",
    "guest__vip_level",
    "room_id",
    "room__number",
    "room__condition",
    "room__do_not_disturb",
    "room__make_up_room",
    "room__housekeeping_found",
    "room_type__code",
    "room_type__name_en",
    "room_type__name_es",
    "company__name",
    "special_requests",
)


def _text_filter(text: str) -> Q:
    code = normalise_confirmation(text)
    return (
        Q(confirmation=code)
        | Q(party=code)
        | Q(room__number__iexact=text)
        | Q(guest__last_name__icontains=text)
        | Q(guest__first_name__icontains=text)
    )


def reservation_balances(reservation_ids: list[int]) -> dict[int, Decimal]:
    """What each stay owes (its folios but the deposit folio: positive, the guest owes), in one
    grouped query. Summed as whole cents, which SQLite adds exactly (it holds decimals as floats)."""
    if not reservation_ids:
        return {}
    rows = fetch(
        f"""
        SELECT f.reservation_id, SUM(ROUND(p.gross * 100)) FROM {Posting._meta.db_table} p
        JOIN {Folio._meta.db_table} f ON f.id = p.folio_id
        WHERE f.reservation_id IN ({placeholders(reservation_ids)}) AND f.kind <> %s
        GROUP BY f.reservation_id
        """,  # noqa: S608 - table names from the models, values as parameters
        [*reservation_ids, FolioKind.DEPOSIT.value],
    )
    return {pk: (Decimal(int(round(cents))) * CENTS) for pk, cents in rows if cents is not None}


@dataclass(frozen=True)
class RoomsNow:
    """Which rooms are occupied (a guest in house) and which are blocked on the business date."""

    occupied: dict[int, int] = field(default_factory=dict)  # room id -> reservation id in house
    blocks: dict[int, str] = field(default_factory=dict)  # room id -> block kind


def rooms_now(*, property: Property, room_ids: list[int] | None = None) -> RoomsNow:
    """Two queries (none for an empty ``room_ids``); ``None`` reads every room of the property."""
    if room_ids is not None and not room_ids:
        return RoomsNow()
    day = property.business_date
    in_house = Reservation.objects.filter(property=property, status=Status.IN_HOUSE, room__isnull=False)
    blocks = RoomBlock.objects.filter(property=property, start__lte=day, end__gt=day, released_at__isnull=True)
    if room_ids is not None:
        in_house = in_house.filter(room_id__in=room_ids)
        blocks = blocks.filter(room_id__in=room_ids)
    occupied = dict(in_house.values_list("room_id", "id"))
    blocked: dict[int, str] = {}
    # An out-of-order period wins over an out-of-service one on the same day.
    for room_id, kind in blocks.order_by("kind").values_list("room_id", "kind"):
        blocked.setdefault(room_id, kind)
    return RoomsNow(occupied=occupied, blocks=blocked)


def _room_type_name(name_en: str, name_es: str) -> str:
    return (name_es if (get_language() or "en").startswith("es") else "") or name_en


def desk_list(
    *,
    property: Property,
    kind: ListKind | str,
    date: dt.date | None = None,
    filters: DeskFilters | None = None,
) -> list[DeskRow]:
    """The stays of one desk list for ``date`` (the business date by default), filtered; four
    queries at most. Arrivals come by ETA (unknown last) then name; the others by room, then name."""
    kind = ListKind(kind)
    day = date or property.business_date
    f = filters or DeskFilters()
    qs = Reservation.objects.filter(property=property).filter(_kind_filter(kind, day, property.business_date))
    if f.vip:
        qs = qs.filter(guest__vip_level__gt=0)
    if f.unassigned:
        qs = qs.filter(room__isnull=True)
    if f.party:
        qs = qs.filter(party=normalise_confirmation(f.party))
    if f.eta_from:
        qs = qs.filter(eta__gte=f.eta_from)
    if f.eta_to:
        qs = qs.filter(eta__lte=f.eta_to)
    text = (f.text or "").strip()
    if text:
        qs = qs.filter(_text_filter(text))
    partners = Reservation.objects.filter(property=property, party=OuterRef("party")).exclude(pk=OuterRef("pk"))
    qs = qs.annotate(in_group=Exists(partners))
    if f.group:
        qs = qs.filter(Q(in_group=True) | Q(customer_type=CustomerType.GROUP))
    rows = list(qs.values_list(*ROW_FIELDS))
    balances = reservation_balances([r[0] for r in rows])
    now = rooms_now(property=property, room_ids=sorted({r[14] for r in rows if r[14]}))
    out = []
    for (
        pk,
        confirmation,
        party,
        in_group,
        customer_type,
        status,
        arrival,
        departure,
        eta,
        adults,
        children_ages,
        first_name,
        last_name,
        vip_level,
        room_id,
        room_number,
        condition,
        dnd,
        mur,
        found,
        type_code,
        type_en,
        type_es,
        company,
        requests,
    ) in rows:
        balance = balances.get(pk, ZERO)
        if f.balance_due and balance <= 0:
            continue
        status_of_room = None
        if room_id:
            status_of_room = room_status(
                condition=condition,
                occupied=room_id in now.occupied,
                block=now.blocks.get(room_id),
                do_not_disturb=dnd,
                make_up_room=mur,
                found=found,
            )
        out.append(
            DeskRow(
                id=pk,
                confirmation=confirmation,
                party=party,
                in_group=bool(in_group) or customer_type == CustomerType.GROUP,
                status=status,
                arrival=arrival,
                departure=departure,
                eta=eta,
                adults=adults,
                children=len(children_ages or []),
                guest_name=f"{last_name}, {first_name}".strip(", "),
                vip_level=vip_level or 0,
                room_number=room_number,
                room_status=status_of_room,
                room_type_code=type_code,
                room_type_name=_room_type_name(type_en, type_es),
                company=company,
                balance=balance,
                special_requests=requests,
            )
        )
    if kind == ListKind.ARRIVALS:
        out.sort(key=lambda r: (r.eta is None, r.eta or dt.time.min, r.guest_name.casefold(), r.id))
    else:
        out.sort(key=lambda r: (r.room_number is None, _room_sort(r.room_number), r.guest_name.casefold(), r.id))
    return out


def _room_sort(number: str | None) -> tuple:
    number = number or ""
    return (len(number), number) if number.isdigit() else (99, number)


def desk_counts(*, property: Property, date: dt.date | None = None) -> dict[str, int]:
    """How many stays each list holds on ``date``, unfiltered (one query)."""
    day = date or property.business_date
    aggregates = {kind.value: Count("id", filter=_kind_filter(kind, day, property.business_date)) for kind in ListKind}
    return Reservation.objects.filter(property=property).aggregate(**aggregates)


# --- the day at a glance -----------------------------------------------------------------------


@dataclass(frozen=True)
class DeskSummary:
    date: dt.date
    arrivals_expected: int
    arrivals_checked_in: int
    departures_expected: int
    departures_checked_out: int
    in_house: int
    stayovers: int
    rooms_to_sell: int
    arrivals_unassigned: int
    rooms_not_ready: list[DeskRow]
    vips_arriving: list[DeskRow]
    open_balances: list[DeskRow]

    @property
    def open_balance_total(self) -> Decimal:
        return sum((r.balance for r in self.open_balances), ZERO)


def desk_summary(*, property: Property, date: dt.date | None = None) -> DeskSummary:
    """The day at a glance for ``date`` (the business date by default): arrivals and departures
    (still to come and done), in-house and stayovers, rooms left to sell that night, arriving guests
    whose assigned room is not ready (or who have no room yet), VIPs arriving, and departing guests
    with a balance still open."""
    day = date or property.business_date
    arrivals = desk_list(property=property, kind=ListKind.ARRIVALS, date=day)
    departures = desk_list(property=property, kind=ListKind.DEPARTURES, date=day)
    counts = desk_counts(property=property, date=day)
    expected = [r for r in arrivals if r.status in EXPECTED]
    leaving = [r for r in departures if r.status == Status.IN_HOUSE]
    return DeskSummary(
        date=day,
        arrivals_expected=len(expected),
        arrivals_checked_in=len(arrivals) - len(expected),
        departures_expected=len(leaving),
        departures_checked_out=len(departures) - len(leaving),
        in_house=counts[ListKind.IN_HOUSE.value],
        stayovers=counts[ListKind.STAYOVERS.value],
        rooms_to_sell=rooms_to_sell(property=property, date=day),
        arrivals_unassigned=sum(1 for r in expected if r.room_number is None),
        rooms_not_ready=[r for r in expected if r.room_status is not None and not r.room_status.ready],
        vips_arriving=[r for r in arrivals if r.vip_level > 0],
        open_balances=[r for r in leaving if r.balance > 0],
    )


def rooms_to_sell(*, property: Property, date: dt.date) -> int:
    """Rooms still unsold on the night of ``date``, over every room type (never below zero per type)."""
    type_ids = list(RoomType.objects.filter(property=property).values_list("id", flat=True))
    nights = inventory_read(property=property, room_type_ids=type_ids, start=date, end=date + dt.timedelta(days=1))
    return sum(max(by_day[date].free, 0) for by_day in nights.values() if date in by_day)


# --- the room-status board ---------------------------------------------------------------------


@dataclass(frozen=True)
class BoardGuest:
    confirmation: str
    name: str
    vip_level: int
    departure: dt.date


@dataclass(frozen=True)
class BoardRoom:
    id: int
    number: str
    floor: int
    room_type_code: str
    condition: str
    status: RoomStatus
    do_not_disturb: bool
    make_up_room: bool
    found: str
    changed_at: dt.datetime | None
    guest: BoardGuest | None  # in house now
    arriving: BoardGuest | None  # assigned, arriving on the business date
    due_out: bool  # the guest in house leaves today (or is overdue)


@dataclass(frozen=True)
class BoardFloor:
    floor: int
    rooms: list[BoardRoom]

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for room in self.rooms:
            out[room.status.code.value] = out.get(room.status.code.value, 0) + 1
        return out


def room_status_board(
    *, property: Property, floor: int | None = None, code: str = "", room_ids: list[int] | None = None
) -> list[BoardFloor]:
    """The property's active rooms per floor with code, overlays, discrepancy, the guest in house
    and the guest arriving today; optionally one floor, one code or some rooms (four queries)."""
    day = property.business_date
    rooms = Room.objects.filter(property=property, active=True)
    if floor is not None:
        rooms = rooms.filter(floor=floor)
    if room_ids is not None:
        rooms = rooms.filter(pk__in=room_ids)
    room_rows = list(
        rooms.order_by("floor", "number").values_list(
            "id",
            "number",
            "floor",
            "room_type__code",
            "condition",
            "do_not_disturb",
            "make_up_room",
            "housekeeping_found",
            "status_changed_at",
        )
    )
    stay_fields = ("room_id", "confirmation", "guest__first_name", "guest__last_name", "guest__vip_level", "departure")
    stays = Reservation.objects.filter(property=property, room__isnull=False).filter(
        Q(status=Status.IN_HOUSE) | Q(status__in=EXPECTED, arrival=day)
    )
    if floor is not None:
        stays = stays.filter(room__floor=floor)
    in_house: dict[int, BoardGuest] = {}
    arriving: dict[int, BoardGuest] = {}
    for status, room_id, conf, first, last, vip, departure in stays.order_by("id").values_list("status", *stay_fields):
        guest = BoardGuest(conf, f"{last}, {first}".strip(", "), vip or 0, departure)
        (in_house if status == Status.IN_HOUSE else arriving).setdefault(room_id, guest)
    blocks = RoomBlock.objects.filter(property=property, start__lte=day, end__gt=day, released_at__isnull=True)
    if floor is not None:
        blocks = blocks.filter(room__floor=floor)
    blocked: dict[int, str] = {}
    for room_id, kind in blocks.order_by("kind").values_list("room_id", "kind"):
        blocked.setdefault(room_id, kind)
    floors: dict[int, list[BoardRoom]] = {}
    for pk, number, room_floor, type_code, condition, dnd, mur, found, changed_at in room_rows:
        guest = in_house.get(pk)
        status = room_status(
            condition=condition,
            occupied=guest is not None,
            block=blocked.get(pk),
            do_not_disturb=dnd,
            make_up_room=mur,
            found=found,
        )
        if code and status.code != code:
            continue
        floors.setdefault(room_floor, []).append(
            BoardRoom(
                id=pk,
                number=number,
                floor=room_floor,
                room_type_code=type_code,
                condition=condition,
                status=status,
                do_not_disturb=dnd,
                make_up_room=mur,
                found=found,
                changed_at=changed_at,
                guest=guest,
                arriving=arriving.get(pk),
                due_out=guest is not None and guest.departure <= day,
            )
        )
    return [BoardFloor(f, rs) for f, rs in sorted(floors.items())]


def board_floors(*, property: Property) -> list[int]:
    return list(
        Room.objects.filter(property=property, active=True).order_by("floor").values_list("floor", flat=True).distinct()
    )


def board_codes() -> list[str]:
    return [c.value for c in Code]


# --- check-out: the invoices -------------------------------------------------------------------

CHECK_OUT_CHOICE = {DocumentKind.INVOICE: CheckOutInvoice.FULL, DocumentKind.SIMPLIFIED: CheckOutInvoice.SIMPLIFIED}


@dataclass(frozen=True)
class CheckOutWindow:
    """A bill window with charges not yet invoiced, and what check-out issues for it unless the
    agent chooses otherwise."""

    preview: InvoicePreview
    default: CheckOutInvoice

    @property
    def folio(self) -> Folio:
        return self.preview.folio


def check_out_windows(*, reservation: Reservation) -> list[CheckOutWindow]:
    """The stay's bill windows that have charges not yet invoiced, in window order, each with the
    suggested document: a full invoice when the payer has a tax id (a company, or a guest whose
    identity document is on file), else a simplified invoice within the property's limit, else a
    full invoice (``folios.domain.invoice.suggested_kind``)."""
    folios = (
        Folio.objects.filter(reservation=reservation)
        .exclude(kind=FolioKind.DEPOSIT)
        .select_related("property", "payer_company", "payer_guest", "reservation__guest")
        .order_by("window")
    )
    previews = [invoice_preview(folio=f) for f in folios]
    return [CheckOutWindow(preview=p, default=CHECK_OUT_CHOICE[p.suggested]) for p in previews if p.suggested]
