"""``manage.py seed_demo``: a demo database with a city hotel and a roadside motel.

Run by ``make demo`` after ``migrate``. When the database already holds a property it
only prints the logins. Otherwise it builds, in one transaction:

- **CITY**, a 120-room city hotel in Madrid (five room types, rooms on floors 1–8,
  out-of-order and out-of-service periods, plans BAR, NRF, FLEX, CORP, GOV, GRP and
  COMP with seasonal and weekday prices and restrictions, overbooking on a trade fair,
  companies and travel agents) and its whole staff, one user per role;
- **MOTEL**, an 8-room roadside motel run by one person who holds every front-office role;
- twelve months of history and three months of bookings ahead for both, planned in
  memory with a seeded random generator (``BookingPlanner``) so that no night is sold
  beyond its rooms (plus the allowed overbooking) and no room holds two stays at once,
  then bulk-inserted; every inventory night's ``sold`` is a recount of the stays.

Configuration goes through the services (room types, rooms, plans, prices, companies,
blocks, overbooking) with the administrator as actor; only the bulk history is inserted
directly. ``BookingPlanner`` is also used by ``benchmarks/run.py`` to build its data.
"""

import datetime as dt
import heapq
import json
import random
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import accumulate
from operator import attrgetter

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from frontoffice.core.domain.money import ZERO, money
from frontoffice.core.models import Membership, Property
from frontoffice.core.services import property_create
from frontoffice.guests.models import Guest
from frontoffice.guests.services import company_create
from frontoffice.rates.domain.policies import CancellationPolicy, deposit_due
from frontoffice.rates.domain.pricing import NightPrice, TaxRules, occupancy_price, quote
from frontoffice.rates.domain.restrictions import DayRestrictions, check_restrictions
from frontoffice.rates.models import RatePlan
from frontoffice.rates.selectors import daily_rates_load
from frontoffice.rates.services import MAX_BULK_DAYS, rate_plan_create, rates_bulk_update
from frontoffice.reservations.domain.availability import PlanInfo, plan_prices, plan_restrictions
from frontoffice.reservations.domain.confirmation import new_confirmation
from frontoffice.reservations.domain.status import HOLDS_INVENTORY, Status
from frontoffice.reservations.models import Reservation, ReservationNight
from frontoffice.reservations.selectors import plan_infos, tax_rules
from frontoffice.reservations.services import arrival_moment, cancellation_policy_of, overbooking_set
from frontoffice.rooms.inventory import dates_between, inventory_ensure
from frontoffice.rooms.models import InventoryNight, Room, RoomBlock, RoomType
from frontoffice.rooms.services import room_block_create, room_condition_set, room_create, room_type_create

DEMO_URL = "http://127.0.0.1:8000"
FRONT_OFFICE_ROLES = [
    "front_desk_agent",
    "reservations_agent",
    "concierge",
    "porter",
    "night_auditor",
    "front_office_manager",
    "accountant",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    properties: tuple[str, ...]

    @property
    def password(self) -> str:
        # Fixed on purpose: this is the demo database, and the logins are printed.
        return f"demo-{self.username}"


LOGINS = [
    DemoLogin("admin", "Alicia", "Romero", ("administrator",), ("CITY", "MOTEL")),
    DemoLogin("manager", "Laura", "Sánchez", ("front_office_manager",), ("CITY",)),
    DemoLogin("desk1", "Carlos", "Martín", ("front_desk_agent",), ("CITY",)),
    DemoLogin("desk2", "Marta", "López", ("front_desk_agent",), ("CITY",)),
    DemoLogin("desk3", "David", "Ruiz", ("front_desk_agent",), ("CITY",)),
    DemoLogin("reservations", "Lucía", "Fernández", ("reservations_agent",), ("CITY",)),
    DemoLogin("concierge", "Javier", "Moreno", ("concierge",), ("CITY",)),
    DemoLogin("porter1", "Pablo", "Jiménez", ("porter",), ("CITY",)),
    DemoLogin("porter2", "Sergio", "Navarro", ("porter",), ("CITY",)),
    DemoLogin("nightaudit", "Elena", "Torres", ("night_auditor",), ("CITY",)),
    DemoLogin("accountant", "Isabel", "Díaz", ("accountant",), ("CITY",)),
    DemoLogin("hr", "Raquel", "Gil", ("hr",), ("CITY",)),
    DemoLogin("motel", "Paco", "Herrera", tuple(FRONT_OFFICE_ROLES), ("MOTEL",)),
]

# --------------------------------------------------------------------------------------
# Guests: names, nationalities, contact details
# --------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


FIRST_NAMES = {
    "es": _words(
        "María Carmen Ana Laura Lucía Marta Elena Paula Sara Cristina Isabel Pilar Rosa Teresa Alba Nuria Irene "
        "Antonio José Manuel Francisco David Juan Javier Daniel Carlos Jesús Alejandro Miguel Rafael Pablo Sergio "
        "Álvaro Fernando Jorge Luis Andrés Diego Raúl Iván Rubén Óscar Adrián"
    ),
    "en": _words(
        "Emma Olivia Sophie Charlotte Emily Grace Hannah Lucy Jessica Sarah James Oliver Thomas William "
        "Harry George Jack Daniel Michael Robert Matthew Andrew Christopher Ryan"
    ),
    "fr": _words(
        "Camille Léa Manon Chloé Inès Juliette Louise Julien Nicolas Thomas Antoine Lucas Hugo Mathieu Pierre"
    ),
    "de": _words("Anna Lena Julia Laura Katharina Sophie Lukas Jonas Maximilian Felix Stefan Tobias Florian Markus"),
    "it": _words("Giulia Francesca Chiara Sara Martina Alessandro Lorenzo Matteo Andrea Marco Luca Davide"),
    "pt": _words("Ana Beatriz Mariana Inês Catarina João Pedro Tiago Rui Miguel Gonçalo Diogo"),
    "nl": _words("Sanne Lotte Emma Fleur Anouk Daan Sem Bram Jeroen Thijs Ruben Koen"),
    "sv": _words("Elsa Maja Astrid Ingrid Erik Lars Anders Johan Nils Oskar"),
    "ja": _words("Yuki Haruka Aoi Sakura Hiroshi Kenji Takeshi Daiki Shota Ren"),
    "zh": _words("Wei Fang Li Jing Min Hui Lei Jun Yan Tao"),
}
LAST_NAMES = {
    "es": _words(
        "García González Rodríguez Fernández López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández "
        "Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Ramírez "
        "Serrano Blanco Molina Morales Suárez Ortega Delgado Castro Ortiz Rubio Marín Sanz Iglesias"
    ),
    "en": _words(
        "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White "
        "Roberts Green Hall Wood Jackson Clarke Miller Davis Anderson Murphy Kelly"
    ),
    "fr": _words("Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefebvre"),
    "de": _words("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch Richter Wolf"),
    "it": _words("Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti"),
    "pt": _words("Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gonçalves"),
    "nl": ["de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Smit", "Meijer"],
    "sv": _words("Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson"),
    "ja": _words("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato"),
    "zh": _words("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou"),
}


@dataclass(frozen=True)
class Nationality:
    country: str
    names: str  # key of FIRST_NAMES / LAST_NAMES
    language: str  # the guest's language for documents and messages: es or en
    phone: str  # E.164 pattern whose random digits make a valid number
    digits: int


NATIONALITIES = {
    n.country: n
    for n in [
        Nationality("ES", "es", "es", "+346", 8),
        Nationality("MX", "es", "es", "+5255", 8),
        Nationality("AR", "es", "es", "+549114", 7),
        Nationality("GB", "en", "en", "+44740", 7),
        Nationality("IE", "en", "en", "+35385", 7),
        Nationality("US", "en", "en", "+1212555", 4),
        Nationality("FR", "fr", "en", "+3361", 7),
        Nationality("DE", "de", "en", "+49151", 8),
        Nationality("CH", "de", "en", "+4179", 7),
        Nationality("IT", "it", "en", "+39347", 7),
        Nationality("PT", "pt", "en", "+35191", 7),
        Nationality("BR", "pt", "en", "+551198", 7),
        Nationality("NL", "nl", "en", "+3161", 7),
        Nationality("SE", "sv", "en", "+4670", 7),
        Nationality("JP", "ja", "en", "+81903", 7),
        Nationality("CN", "zh", "en", "+86139", 8),
    ]
}
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
PREFERENCES = ["high_floor", "quiet_room", "twin_beds", "feather_free_pillows", "late_check_out", "extra_towels"]
SPECIAL_REQUESTS = [
    "Late arrival, around midnight",
    "Cuna para un bebé",
    "High floor, away from the lift",
    "Habitación tranquila, por favor",
    "Celebrating an anniversary",
    "Alergia a los frutos secos",
    "Early check-in if possible",
    "Two single beds",
    "Necesita plaza de aparcamiento",
]
CANCEL_REASONS = [
    "Change of travel plans",
    "Trip postponed",
    "Booked another hotel",
    "Meeting cancelled",
    "Illness",
    "Flight cancelled",
    "Cambio de fechas",
]


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


class PlannedGuest:
    __slots__ = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "nationality",
        "birth_date",
        "company_id",
        "vip_level",
        "preferences",
        "document_type",
        "document_number",
        "document_country",
    )

    def __init__(self, **values):
        self.document_type = self.document_number = self.document_country = ""
        for key, value in values.items():
            setattr(self, key, value)

    def fields(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


class GuestMaker:
    """Plausible guests: names by nationality, a reserved-domain email, a valid mobile number."""

    def __init__(self, rng: random.Random, nationalities: dict[str, float], today: dt.date):
        self.rng = rng
        self.codes = list(nationalities)
        self.cum_weights = list(accumulate(nationalities.values()))
        self.today = today
        self.serial = 0

    def make(self, company_id: int | None = None) -> PlannedGuest:
        rng = self.rng
        nat = NATIONALITIES[rng.choices(self.codes, cum_weights=self.cum_weights)[0]]
        first = rng.choice(FIRST_NAMES[nat.names])
        last = rng.choice(LAST_NAMES[nat.names])
        if nat.names == "es":
            last = f"{last} {rng.choice(LAST_NAMES['es'])}"  # two surnames
        self.serial += 1
        email = f"{_ascii(first)}.{_ascii(last.split()[0])}{self.serial}@{rng.choice(EMAIL_DOMAINS)}"
        phone = nat.phone + str(rng.randrange(10**nat.digits)).zfill(nat.digits)
        vip = rng.choice([1, 1, 2, 3]) if rng.random() < 0.01 else 0
        return PlannedGuest(
            first_name=first,
            last_name=last,
            email=email if rng.random() < 0.92 else "",
            phone=phone if rng.random() < 0.85 else "",
            language=nat.language,
            nationality=nat.country,
            birth_date=self.today - dt.timedelta(days=rng.randint(20 * 365, 78 * 365)),
            company_id=company_id,
            vip_level=vip,
            preferences=rng.sample(PREFERENCES, rng.randint(1, 2)) if vip or rng.random() < 0.05 else [],
        )

    def register(self, guest: PlannedGuest) -> None:
        """The identity document the desk recorded at check-in."""
        if guest.document_number:
            return
        if guest.nationality == "ES":
            number = self.rng.randrange(10**8)
            guest.document_type, guest.document_number = "dni", f"{number:08d}{DNI_LETTERS[number % 23]}"
        else:
            letters = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
            guest.document_type, guest.document_number = "passport", f"{letters}{self.rng.randrange(10**7):07d}"
        guest.document_country = guest.nationality


# --------------------------------------------------------------------------------------
# The booking planner: realistic stays that respect inventory, rooms and restrictions
# --------------------------------------------------------------------------------------


@dataclass
class RoomSlot:
    id: int
    blocked: list[tuple[int, int]] = field(default_factory=list)  # day offsets [start, end) not to be let


@dataclass
class TypeModel:
    """A room type as the planner sees it. Arrays are indexed by day offset from ``start``."""

    id: int
    code: str
    base_occupancy: int
    max_occupancy: int
    weight: float  # share of demand asking for this type
    sellable: list[int]  # physical - out of order
    capacity: list[int]  # sellable + overbooking: what ``sold`` may reach
    rooms: list[RoomSlot]
    sold: list[int] = field(default_factory=list)
    free_rooms: list[tuple[int, int]] = field(default_factory=list)  # heap of (free from offset, room index)


@dataclass
class PlanModel:
    id: int
    code: str
    meal_plan: str
    guarantee: str
    deposit_percent: Decimal
    policy: CancellationPolicy
    cancel_rate: float  # share of bookings that get cancelled (on top of those that stay)
    prices: dict[int, list[NightPrice | None]]  # room type id -> price per day offset
    restrictions: dict[int, dict[dt.date, DayRestrictions]]


@dataclass
class Segment:
    code: str  # market segment
    weekday_weight: float  # arrivals Sunday to Thursday
    weekend_weight: float  # arrivals Friday and Saturday
    plans: dict[str, float]
    channels: dict[str, float]
    customer_type: str = "transient"
    contract_plans: frozenset[str] = frozenset()  # booked on these, the customer type is "contract"
    companies: list[int] = field(default_factory=list)
    travel_agents: list[int] = field(default_factory=list)
    group_rooms: tuple[int, int] | None = None
    solo_share: float = 0.3
    same_day: float = 0.06
    lead_mean: float = 15.0
    long_lead: float = 0.15  # share booked 61–180 days ahead
    tentative_share: float = 0.02
    notes: str = ""


@dataclass
class Profile:
    """How a property sells: demand per night, stay lengths, segments, guests."""

    occupancy: Callable[[dt.date], float]  # target share of sellable rooms per night
    segments: list[Segment]
    los: list[float]  # weights of 1..n nights
    nationalities: dict[str, float]
    child_share: float = 0.12
    walk_in_share: float = 0.45  # of same-day leisure bookings
    repeat_share: float = 0.12
    no_show_rate: float = 0.02
    parking_share: float = 0.08
    waitlist_max: int = 8
    assign_today_share: float = 0.5  # of today's arrivals with a room already assigned
    early_check_in_share: float = 0.12
    checked_out_today_share: float = 0.35
    special_request_share: float = 0.12


class PlannedStay:
    __slots__ = (
        "guest",
        "confirmation",
        "party",
        "status",
        "room_type_id",
        "rate_plan_id",
        "room_id",
        "arrival",
        "departure",
        "adults",
        "children_ages",
        "company_id",
        "travel_agent_id",
        "option_expires_at",
        "guarantee",
        "deposit_due",
        "market_segment",
        "channel",
        "customer_type",
        "meal_plan",
        "eta",
        "special_requests",
        "parking",
        "notes",
        "room_total",
        "vat_total",
        "city_tax_total",
        "total",
        "cancellation_fee",
        "cancelled_at",
        "cancel_reason",
        "booked_on",
        "created_by_id",
        "nights",  # tuple of QuotedNight
    )
    # Reservation fields a planned stay carries, with the model's attribute names.
    FIELDS = __slots__[1:-1]

    def __init__(self, **values):
        for key, value in values.items():
            setattr(self, key, value)


@dataclass
class BookingPlan:
    guests: list[PlannedGuest]
    stays: list[PlannedStay]
    sold: dict[int, list[int]]  # room type id -> rooms held per day offset (materialised stays only)


class BookingPlanner:
    """Plan a property's bookings arrival day by arrival day, in memory.

    For each arrival date it draws requests (segment, lead time, length of stay, room
    type, plan, occupancy) until the night reaches the profile's target occupancy. A
    request is kept only if every night has a price, no restriction blocks it, and the
    room type has inventory left on every night (``sold < capacity``). Stays that have
    begun by the business date get a real room: rooms are handed out in arrival order
    from a heap of "free from" dates, skipping out-of-order/out-of-service periods, so
    no room ever holds two stays on one night. Requests for future dates booked after
    the business date are counted (so far-off dates are not over-filled) but not kept:
    what is on the books thins out with distance, as it does in a real hotel.
    """

    def __init__(
        self,
        *,
        rng: random.Random,
        business_date: dt.date,
        now: dt.datetime,
        start: dt.date,
        end: dt.date,
        types: list[TypeModel],
        plans: dict[str, PlanModel],
        profile: Profile,
        taxes: TaxRules,
        arrival_at: Callable[[dt.date], dt.datetime],
        tz,
        agents: list[int] | None = None,
    ):
        self.rng = rng
        self.today = business_date
        self.now = now
        self.start = start
        self.days = (end - start).days
        self.types = types
        self.plans = plans
        self.profile = profile
        self.taxes = taxes
        self.arrival_at = arrival_at
        self.tz = tz
        self.agents = agents or []
        self.t = (business_date - start).days
        max_los = len(profile.los)
        self.horizon = self.days + max_los + 1
        self.dates = [start + dt.timedelta(days=i) for i in range(self.horizon)]
        for rt in types:
            if len(rt.capacity) < self.horizon or len(rt.sellable) < self.horizon:
                raise ValueError(f"inventory for {rt.code} must cover {self.horizon} nights from {start}")
            rt.sold = [0] * self.horizon
            rt.free_rooms = [(0, i) for i in range(len(rt.rooms))]
        self.type_weights = list(accumulate(rt.weight for rt in types))
        self.weights_cache: dict[int, tuple[list, list]] = {}
        self.guest_maker = GuestMaker(rng, profile.nationalities, business_date)
        self.guests: list[PlannedGuest] = []
        self.stays: list[PlannedStay] = []
        self.recent: list[int] = []
        self.company_pools: dict[int, list[int]] = {}
        self.confirmations: set[str] = set()
        self.waitlisted = 0
        self.los_values = list(range(1, max_los + 1))
        self.los_weights = list(accumulate(profile.los))

    # -- drawing ------------------------------------------------------------------------

    def _pick(self, weights: dict[str, float]) -> str:
        cached = self.weights_cache.get(id(weights))
        if cached is None:
            cached = self.weights_cache[id(weights)] = (list(weights), list(accumulate(weights.values())))
        return self.rng.choices(cached[0], cum_weights=cached[1])[0]

    def _lead(self, seg: Segment) -> int:
        r = self.rng.random()
        if r < seg.same_day:
            return 0
        if r < 1 - seg.long_lead:
            return min(60, 1 + int(self.rng.expovariate(1 / seg.lead_mean)))
        return self.rng.randint(61, 180)

    def _occupancy(self, rt: TypeModel, seg: Segment) -> tuple[int, list[int]]:
        rng = self.rng
        adults = 1 if rng.random() < seg.solo_share else 2
        if rt.max_occupancy >= 3 and seg.code == "leisure" and rng.random() < 0.05:
            adults = 3
        adults = min(adults, rt.max_occupancy)
        ages: list[int] = []
        room_left = rt.max_occupancy - adults
        child_share = self.profile.child_share * (4 if rt.max_occupancy >= 4 else 1)
        if room_left > 0 and seg.code == "leisure" and rng.random() < child_share:
            ages = [rng.randint(0, 15) for _ in range(rng.randint(1, min(room_left, 2)))]
        return adults, ages

    def _guest(self, company_id: int | None) -> int:
        rng = self.rng
        pool = self.company_pools.setdefault(company_id, []) if company_id else self.recent
        if pool and rng.random() < (0.45 if company_id else self.profile.repeat_share):
            return rng.choice(pool)
        self.guests.append(self.guest_maker.make(company_id))
        index = len(self.guests) - 1
        pool.append(index)
        if len(pool) > 4000:
            del pool[:2000]
        return index

    def _confirmation(self) -> str:
        while True:
            code = new_confirmation()
            if code not in self.confirmations:
                self.confirmations.add(code)
                return code

    # -- rooms --------------------------------------------------------------------------

    def _take_room(self, rt: TypeModel, a: int, d: int) -> tuple[int, int] | None:
        """A room of the type free on nights [a, d) (the one idle longest) and when it was free from."""
        heap = rt.free_rooms
        aside = []
        found = None
        while heap and heap[0][0] <= a:
            item = heapq.heappop(heap)
            if any(s < d and a < e for s, e in rt.rooms[item[1]].blocked):
                aside.append(item)
                continue
            found = item
            break
        for item in aside:
            heapq.heappush(heap, item)
        if found is None:
            return None
        heapq.heappush(heap, (d, found[1]))
        return found[1], found[0]

    def _give_back(self, rt: TypeModel, taken: list[tuple[int, int]]) -> None:
        """Undo ``_take_room`` for ``(room index, free from)`` pairs (a group that did not fit)."""
        previous = dict(taken)
        rt.free_rooms = [(previous.get(i, f), i) for f, i in rt.free_rooms]
        heapq.heapify(rt.free_rooms)

    # -- the plan -----------------------------------------------------------------------

    def plan(self, advance: Callable[[int], None] | None = None) -> BookingPlan:
        rng = self.rng
        for a in range(self.days):
            arrival = self.dates[a]
            sellable = sum(rt.sellable[a] for rt in self.types)
            target = self.profile.occupancy(arrival) * sellable
            sold = sum(rt.sold[a] for rt in self.types)
            attempts = int(target * 3) + 20
            weekend = arrival.isoweekday() in (5, 6)
            seg_weights = list(
                accumulate(s.weekend_weight if weekend else s.weekday_weight for s in self.profile.segments)
            )
            while sold < target and attempts > 0:
                attempts -= 1
                seg = rng.choices(self.profile.segments, cum_weights=seg_weights)[0]
                sold += self._request(a, seg)
            if advance:
                advance(1)
        sold_by_type = {rt.id: [0] * self.horizon for rt in self.types}
        for stay in self.stays:
            if stay.status in HOLDS_INVENTORY:
                first = (stay.arrival - self.start).days
                row = sold_by_type[stay.room_type_id]
                for i in range(first, first + (stay.departure - stay.arrival).days):
                    row[i] += 1
        return BookingPlan(self.guests, self.stays, sold_by_type)

    def _request(self, a: int, seg: Segment) -> int:
        """Draw one booking request arriving on day ``a``; the rooms it adds to that night."""
        rng = self.rng
        profile = self.profile
        today = self.today
        arrival = self.dates[a]
        lead = self._lead(seg)
        booked_on = arrival - dt.timedelta(days=lead)
        on_the_books = booked_on <= today
        nights = rng.choices(self.los_values, cum_weights=self.los_weights)[0]
        d = a + nights
        departure = self.dates[d]
        rt = rng.choices(self.types, cum_weights=self.type_weights)[0]
        plan = self.plans[self._pick(seg.plans)]
        prices = plan.prices.get(rt.id)
        if prices is None or any(p is None for p in prices[a:d]):
            return 0
        by_date = plan.restrictions.get(rt.id)
        if by_date and check_restrictions(arrival=arrival, departure=departure, today=booked_on, by_date=by_date):
            return 0
        n_rooms = rng.randint(*seg.group_rooms) if seg.group_rooms else 1
        walk_in = lead == 0 and seg.code == "leisure" and rng.random() < profile.walk_in_share
        channel = "walk_in" if walk_in else self._pick(seg.channels)

        if arrival < today and n_rooms == 1 and not walk_in and rng.random() < profile.no_show_rate:
            self._record(seg, rt, plan, a, d, lead, channel, [Status.NO_SHOW], [None])
            return 0
        sold, capacity = rt.sold, rt.capacity
        if any(sold[i] + n_rooms > capacity[i] for i in range(a, d)):
            if (
                on_the_books
                and arrival > today
                and n_rooms == 1
                and self.waitlisted < profile.waitlist_max
                and rng.random() < 0.3
            ):
                self.waitlisted += 1
                self._record(seg, rt, plan, a, d, lead, channel, [Status.WAITLISTED], [None])
            return 0
        if not on_the_books:
            # Demand that will book later: it fills the night, but is not on the books yet.
            for i in range(a, d):
                sold[i] += n_rooms
            return n_rooms

        statuses = [self._status(arrival, departure, walk_in) for _ in range(n_rooms)]
        rooms: list[int | None] = []
        taken: list[tuple[int, int]] = []
        for status in statuses:
            needs_room = status in (Status.CHECKED_OUT, Status.IN_HOUSE)
            wants_room = needs_room or (arrival == today and rng.random() < profile.assign_today_share)
            got = self._take_room(rt, a, d) if wants_room else None
            if got is None and needs_room:
                self._give_back(rt, taken)
                return 0
            if got is not None:
                taken.append(got)
            rooms.append(rt.rooms[got[0]].id if got is not None else None)
        for i in range(a, d):
            sold[i] += n_rooms
        self._record(seg, rt, plan, a, d, lead, channel, statuses, rooms)
        if n_rooms == 1 and rng.random() < plan.cancel_rate:
            self._record(seg, rt, plan, a, d, lead, channel, [Status.CANCELLED], [None])
        return n_rooms

    def _status(self, arrival: dt.date, departure: dt.date, walk_in: bool) -> Status:
        rng, today, p = self.rng, self.today, self.profile
        if departure < today:
            return Status.CHECKED_OUT
        if departure == today:
            return Status.CHECKED_OUT if rng.random() < p.checked_out_today_share else Status.IN_HOUSE
        if arrival < today:
            return Status.IN_HOUSE
        if arrival == today:
            return Status.IN_HOUSE if walk_in or rng.random() < p.early_check_in_share else Status.CONFIRMED
        return Status.CONFIRMED

    def _record(
        self,
        seg: Segment,
        rt: TypeModel,
        plan: PlanModel,
        a: int,
        d: int,
        lead: int,
        channel: str,
        statuses: list[Status],
        rooms: list[int | None],
    ) -> None:
        rng, today, profile = self.rng, self.today, self.profile
        arrival, departure = self.dates[a], self.dates[d]
        booked_on = arrival - dt.timedelta(days=lead)
        company_id = rng.choice(seg.companies) if seg.companies else None
        travel_agent_id = rng.choice(seg.travel_agents) if seg.travel_agents and channel == "travel_agent" else None
        adults, ages = self._occupancy(rt, seg)
        if seg.group_rooms:
            adults, ages = min(2, rt.max_occupancy), []
        nightly = [
            (
                self.dates[i],
                occupancy_price(
                    plan.prices[rt.id][i], adults=adults, children=len(ages), base_occupancy=rt.base_occupancy
                ),
            )
            for i in range(a, d)
        ]
        q = quote(nightly, self.taxes, adults=adults, children_ages=ages)
        deposit = deposit_due(guarantee=plan.guarantee, deposit_percent=plan.deposit_percent, total=q.room_gross)
        customer_type = "contract" if plan.code in seg.contract_plans else seg.customer_type
        tentative = (
            arrival > today + dt.timedelta(days=3)
            and statuses[0] == Status.CONFIRMED
            and rng.random() < seg.tentative_share
        )
        created_by = rng.choice(self.agents) if self.agents and channel in ("phone", "email", "walk_in") else None
        party = ""
        for status, room_id in zip(statuses, rooms, strict=True):
            if tentative and status == Status.CONFIRMED:
                status = Status.TENTATIVE
            guest = self._guest(company_id)
            if status in (Status.IN_HOUSE, Status.CHECKED_OUT):
                self.guest_maker.register(self.guests[guest])
            code = self._confirmation()
            party = party or code
            option_expires_at = None
            if status == Status.TENTATIVE:
                days = rng.randint(1, min(10, (arrival - today).days - 2))
                option_expires_at = self.now + dt.timedelta(days=days, hours=rng.randint(0, 8))
            cancelled_at, fee, reason = None, ZERO, ""
            if status == Status.CANCELLED:
                last = min(arrival, today)
                day = booked_on + dt.timedelta(days=rng.randint(0, max((last - booked_on).days, 0)))
                moment = dt.datetime.combine(day, dt.time(rng.randint(8, 21), rng.randint(0, 59)), tzinfo=self.tz)
                cancelled_at = min(moment, self.now)
                fee = plan.policy.fee(
                    now=cancelled_at,
                    arrival_at=self.arrival_at(arrival),
                    first_night=q.first_night,
                    room_total=q.room_total,
                )
                reason = rng.choice(CANCEL_REASONS)
            eta = None
            if status in (Status.CONFIRMED, Status.TENTATIVE) and rng.random() < 0.5:
                eta = dt.time(rng.randint(13, 23), rng.choice((0, 30)))
            self.stays.append(
                PlannedStay(
                    guest=guest,
                    confirmation=code,
                    party=party,
                    status=status.value,
                    room_type_id=rt.id,
                    rate_plan_id=plan.id,
                    room_id=room_id,
                    arrival=arrival,
                    departure=departure,
                    adults=adults,
                    children_ages=list(ages),
                    company_id=company_id,
                    travel_agent_id=travel_agent_id,
                    option_expires_at=option_expires_at,
                    guarantee=plan.guarantee,
                    deposit_due=deposit,
                    market_segment=seg.code,
                    channel=channel,
                    customer_type=customer_type,
                    meal_plan=plan.meal_plan,
                    eta=eta,
                    special_requests=rng.choice(SPECIAL_REQUESTS)
                    if rng.random() < profile.special_request_share
                    else "",
                    parking=rng.random() < profile.parking_share,
                    notes=seg.notes,
                    room_total=q.room_total,
                    vat_total=q.vat_total,
                    city_tax_total=q.city_tax,
                    total=q.total,
                    cancellation_fee=fee,
                    cancelled_at=cancelled_at,
                    cancel_reason=reason,
                    booked_on=booked_on,
                    created_by_id=created_by,
                    nights=q.nights,
                )
            )


def plan_models(
    *, property: Property, room_types: list[RoomType], start: dt.date, horizon: int, cancel_rates: dict[str, float]
) -> dict[str, PlanModel]:
    """Every active plan's nightly prices and restrictions, read back from the loaded daily rates.

    Derived plans are resolved through the same domain functions availability uses.
    """
    all_plans = list(RatePlan.objects.filter(property=property, active=True).select_related("parent"))
    _, infos = plan_infos(all_plans)
    by_code: dict[str, PlanInfo] = {i.code: i for i in infos}
    end = start + dt.timedelta(days=horizon)
    loaded_prices, loaded_restrictions = daily_rates_load(
        property=property, room_type_ids=[rt.pk for rt in room_types], start=start, end=end
    )
    dates = [start + dt.timedelta(days=i) for i in range(horizon)]
    models = {}
    for plan in all_plans:
        info = by_code[plan.code]
        prices, restrictions = {}, {}
        for rt in room_types:
            resolved = plan_prices(info, by_code, loaded_prices.get(rt.pk, {}), dates)
            prices[rt.pk] = [resolved.get(day) for day in dates]
            rules = plan_restrictions(info, by_code, loaded_restrictions.get(rt.pk, {}))
            if rules:
                restrictions[rt.pk] = rules
        models[plan.code] = PlanModel(
            id=plan.pk,
            code=plan.code,
            meal_plan=plan.meal_plan,
            guarantee=plan.guarantee,
            deposit_percent=plan.deposit_percent,
            policy=cancellation_policy_of(plan),
            cancel_rate=cancel_rates.get(plan.code, 0.1),
            prices=prices,
            restrictions=restrictions,
        )
    return models


def type_models(*, property: Property, start: dt.date, horizon: int, weights: dict[str, float]) -> list[TypeModel]:
    """Room types with their inventory per night (the rows must exist) and their rooms' blocks."""
    end = start + dt.timedelta(days=horizon)
    types = list(RoomType.objects.filter(property=property))
    rows = InventoryNight.objects.filter(property=property, date__gte=start, date__lt=end).values_list(
        "room_type_id", "date", "physical", "out_of_order", "overbooking"
    )
    sellable = {rt.pk: [0] * horizon for rt in types}
    capacity = {rt.pk: [0] * horizon for rt in types}
    for rt_id, day, physical, ooo, over in rows:
        i = (day - start).days
        sellable[rt_id][i] = physical - ooo
        capacity[rt_id][i] = physical - ooo + over
    rooms: dict[int, list[RoomSlot]] = {rt.pk: [] for rt in types}
    slots = {}
    for room in Room.objects.filter(property=property, active=True).order_by("number"):
        slots[room.pk] = RoomSlot(room.pk)
        rooms[room.room_type_id].append(slots[room.pk])
    for block in RoomBlock.objects.filter(property=property, released_at__isnull=True, end__gt=start, start__lt=end):
        if block.room_id in slots:
            slots[block.room_id].blocked.append(((block.start - start).days, (block.end - start).days))
    return [
        TypeModel(
            id=rt.pk,
            code=rt.code,
            base_occupancy=rt.base_occupancy,
            max_occupancy=rt.max_occupancy,
            weight=weights.get(rt.code, 0.0),
            sellable=sellable[rt.pk],
            capacity=capacity[rt.pk],
            rooms=rooms[rt.pk],
        )
        for rt in types
    ]


def inventory_recount(property: Property) -> int:
    """Set every inventory night's ``sold`` to the number of stays holding it; returns rows updated."""
    held = (
        ReservationNight.objects.filter(
            reservation__property=property, reservation__status__in=[s.value for s in HOLDS_INVENTORY]
        )
        .values("reservation__room_type_id", "date")
        .annotate(n=Count("id"))
        .values_list("reservation__room_type_id", "date", "n")
    )
    counts = {(rt, day): n for rt, day, n in held}
    rows = list(InventoryNight.objects.filter(property=property))
    missing = set(counts) - {(r.room_type_id, r.date) for r in rows}
    if missing:
        raise RuntimeError(f"stays hold nights without an inventory row: {sorted(missing)[:3]}")
    changed = []
    for row in rows:
        sold = counts.get((row.room_type_id, row.date), 0)
        if row.sold != sold:
            row.sold = sold
            changed.append(row)
    InventoryNight.objects.bulk_update(changed, ["sold"], batch_size=500)
    return len(changed)


def _converter(field, vendor: str):
    """How a Python value is handed to the database driver for a column (None: as it is)."""
    internal = field.get_internal_type()
    if internal == "JSONField":
        return json.dumps
    if vendor == "sqlite" and internal == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if vendor == "sqlite" and internal == "TimeField":
        return connection.ops.adapt_timefield_value
    return None


def next_id(model) -> int:
    return (model.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def bulk_insert(model, columns: list[str], rows: Iterable[tuple]) -> int:
    """Insert plain tuples (values for ``columns``, attribute names) straight through the driver.

    The floor of bulk loading, for the demo and the benchmark data: no model instances,
    COPY on PostgreSQL, one prepared statement on SQLite. Columns left out get their
    field's default (``auto_now_add`` ones: now). Give ids explicitly to refer to the rows
    later; ``reset_sequences`` then moves PostgreSQL's id sequence past them. Checks and
    constraints still apply. Call inside the caller's transaction.
    """
    vendor = connection.vendor
    fields = {f.attname: f for f in model._meta.concrete_fields}
    unknown = set(columns) - set(fields)
    if unknown:
        raise ValueError(f"{model.__name__} has no column {sorted(unknown)}")
    now = timezone.now()
    rest = [f for name, f in fields.items() if name not in columns and not f.primary_key]
    defaults = tuple(
        now if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False) else f.get_default() for f in rest
    )
    names = list(columns) + [f.attname for f in rest]
    defaults = tuple(
        value if value is None or (c := _converter(f, vendor)) is None else c(value)
        for f, value in zip(rest, defaults, strict=True)
    )
    converters = [(i, c) for i, name in enumerate(columns) if (c := _converter(fields[name], vendor))]

    def prepared():
        for row in rows:
            if converters:
                row = list(row)
                for i, convert in converters:
                    if row[i] is not None:
                        row[i] = convert(row[i])
            yield (*row, *defaults) if defaults else row

    table = connection.ops.quote_name(model._meta.db_table)
    column_sql = ", ".join(connection.ops.quote_name(fields[n].column) for n in names)
    count = 0
    connection.ensure_connection()
    if vendor == "postgresql":
        with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({column_sql}) FROM STDIN") as copy:
            for values in prepared():
                copy.write_row(values)
                count += 1
        return count
    marks = ", ".join("?" * len(names))
    sql = f"INSERT INTO {table} ({column_sql}) VALUES ({marks})"  # noqa: S608 - quoted model names; values bound
    batch: list = []
    raw = connection.connection
    for values in prepared():
        batch.append(values)
        if len(batch) >= 5000:
            raw.executemany(sql, batch)
            count += len(batch)
            batch = []
    if batch:
        raw.executemany(sql, batch)
        count += len(batch)
    return count


def reset_sequences(*models) -> None:
    """After inserting explicit ids: let PostgreSQL's id sequences continue after them."""
    if connection.vendor != "postgresql":
        return  # SQLite's AUTOINCREMENT follows the largest id by itself
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(models)):
            cursor.execute(sql)


GUEST_COLUMNS = ["id", "property_id", *PlannedGuest.__slots__]
RESERVATION_COLUMNS = ["id", "property_id", "guest_id", *PlannedStay.FIELDS]


def write_plan(property: Property, plan: BookingPlan) -> int:
    """Insert the planned guests, reservations and nightly prices; returns the reservations written."""
    first_guest = next_id(Guest)
    guest_values = attrgetter(*PlannedGuest.__slots__)
    bulk_insert(
        Guest,
        GUEST_COLUMNS,
        ((first_guest + i, property.pk, *guest_values(g)) for i, g in enumerate(plan.guests)),
    )
    first_reservation = next_id(Reservation)
    stay_values = attrgetter(*PlannedStay.FIELDS)
    bulk_insert(
        Reservation,
        RESERVATION_COLUMNS,
        (
            (first_reservation + i, property.pk, first_guest + s.guest, *stay_values(s))
            for i, s in enumerate(plan.stays)
        ),
    )
    bulk_insert(
        ReservationNight,
        ["reservation_id", "date", "price", "vat"],
        ((first_reservation + i, n.date, n.price, n.vat) for i, s in enumerate(plan.stays) for n in s.nights),
    )
    reset_sequences(Guest, Reservation, ReservationNight)
    return len(plan.stays)


# --------------------------------------------------------------------------------------
# The two properties
# --------------------------------------------------------------------------------------


def _euros(value: float) -> Decimal:
    return money(Decimal(round(value)))


def _easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m + 114) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return dt.date(year, month, day + 1)


def madrid_holidays(years: range) -> set[dt.date]:
    days = set()
    for y in years:
        easter = _easter(y)
        days |= {easter - dt.timedelta(days=3), easter - dt.timedelta(days=2)}
        for m, d in [(1, 1), (1, 6), (5, 1), (5, 2), (5, 15), (8, 15), (10, 12), (11, 1), (11, 9), (12, 6), (12, 8)]:
            days.add(dt.date(y, m, d))
        days.add(dt.date(y, 12, 25))
    return days


def city_season(day: dt.date) -> str:
    md = (day.month, day.day)
    if md >= (12, 20) or md <= (1, 6):
        return "christmas"
    if day.month in (1, 2):
        return "low"
    if (6, 15) <= md <= (9, 10):
        return "high"
    return "shoulder"


CITY_PRICE_FACTOR = {"low": 0.8, "shoulder": 1.0, "high": 1.25, "christmas": 1.3, "fair": 1.5}
CITY_OCCUPANCY = {"low": 0.55, "shoulder": 0.76, "high": 0.86, "christmas": 0.82}
WEEKDAY_NIGHTS = {7, 1, 2, 3, 4}  # Sunday to Thursday nights: the business week
WEEKEND_NIGHTS = {5, 6}

CITY_TYPES = [
    # code, English, Spanish, description en, description es, base, max, beds, demand weight
    (
        "STD",
        "Standard double",
        "Doble estándar",
        "18 m² facing the street or the quiet courtyard, rain shower, desk.",
        "18 m² a la calle o al patio tranquilo, ducha de lluvia, escritorio.",
        2,
        2,
        "1 double bed (150 cm) or 2 twin beds (90 cm)",
        0.57,
    ),
    (
        "SUP",
        "Superior double",
        "Doble superior",
        "24 m² on the upper floors with city views, bathtub and a sofa bed.",
        "24 m² en plantas altas con vistas a la ciudad, bañera y sofá cama.",
        2,
        3,
        "1 king bed (180 cm) + sofa bed",
        0.26,
    ),
    (
        "JRS",
        "Junior suite",
        "Junior suite",
        "38 m² with a sitting area, balcony over the rooftops and a bathtub.",
        "38 m² con zona de estar, balcón sobre los tejados y bañera.",
        2,
        3,
        "1 king bed (200 cm) + sofa bed",
        0.09,
    ),
    (
        "ACC",
        "Accessible double",
        "Doble adaptada",
        "Step-free room on the first floor: roll-in shower, grab bars, wide doors.",
        "Habitación sin escalones en la primera planta: ducha a ras de suelo, asideros, puertas anchas.",
        2,
        2,
        "2 twin beds (90 cm), adjusted height",
        0.03,
    ),
    (
        "FAM",
        "Family room",
        "Habitación familiar",
        "Two connecting rooms for up to four guests.",
        "Dos habitaciones comunicadas para hasta cuatro personas.",
        2,
        4,
        "1 double bed + 2 single beds",
        0.05,
    ),
]
CITY_BAR = {"STD": 120, "SUP": 150, "JRS": 230, "ACC": 120, "FAM": 190}
CITY_CORP = {"STD": 105, "SUP": 130, "JRS": 200, "ACC": 105, "FAM": 165}
CITY_GOV = {"STD": 85, "SUP": 100, "JRS": 150, "ACC": 85, "FAM": 120}
CITY_GRP = {"STD": 95, "SUP": 120, "JRS": 180, "ACC": 95, "FAM": 150}


def city_layout() -> list[tuple[str, int, str, list[str]]]:
    """(number, floor, type, features): 15 rooms a floor on floors 1–8; 120 rooms in all."""
    rooms = []
    for floor in range(1, 9):
        for n in range(1, 16):
            if floor == 1:
                code = "ACC" if n <= 4 else "FAM" if n <= 8 else "STD"
            elif floor <= 5:
                code = "STD"
            elif floor == 6:
                code = "STD" if n <= 3 else "SUP"
            elif floor == 7:
                code = "SUP"
            else:
                code = "SUP" if n <= 3 else "JRS"
            features = []
            if code == "ACC":
                features.append("accessible")
            if floor >= 3 and n <= 7:
                features.append("city_view")
            if n >= 10:
                features.append("quiet")
            if code in ("SUP", "JRS"):
                features.append("bathtub")
            if code == "JRS":
                features.append("balcony")
            if code == "FAM" or (2 <= floor <= 5 and n >= 14):
                features.append("connecting")
            rooms.append((f"{floor}{n:02d}", floor, code, features))
    return rooms


@dataclass
class Built:
    property: Property
    profile: Profile
    weights: dict[str, float]
    cancel_rates: dict[str, float]
    agents: list[int]
    notes: list[str] = field(default_factory=list)


def _segment_rates(
    *,
    prop,
    actor,
    room_type: RoomType,
    plan: RatePlan,
    base: int,
    start: dt.date,
    end: dt.date,
    factor: Callable[[dt.date], float],
    weekend: float = 0.85,
) -> None:
    """Load a plan's prices: one bulk update per run of days with the same season factor and weekday group.

    Friday and Saturday nights cost ``weekend`` times a business-week night.
    """
    runs: list[tuple[dt.date, dt.date, float]] = []
    day = start
    while day <= end:
        f = factor(day)
        if runs and runs[-1][2] == f and runs[-1][1] == day - dt.timedelta(days=1):
            runs[-1] = (runs[-1][0], day, f)
        else:
            runs.append((day, day, f))
        day += dt.timedelta(days=1)
    extra = _euros(base * 0.25)
    child = _euros(base * 0.12)
    longest = dt.timedelta(days=MAX_BULK_DAYS - 1)  # the service takes at most this many days at once
    pieces = []
    for first, last, f in runs:
        while last - first > longest:
            pieces.append((first, first + longest - dt.timedelta(days=1), f))
            first += longest
        pieces.append((first, last, f))
    for first, last, f in pieces:
        for weekdays, weekly in ((WEEKDAY_NIGHTS, 1.0), (WEEKEND_NIGHTS, weekend)):
            rates_bulk_update(
                property=prop,
                actor=actor,
                room_types=[room_type],
                rate_plans=[plan],
                start=first,
                end=last,
                weekdays=weekdays,
                values={"price": _euros(base * f * weekly), "extra_adult": extra, "child": child},
            )


def _inventory_rows(prop: Property, room_types: list[RoomType], start: dt.date, end: dt.date) -> None:
    """Inventory rows for every room type and night in ``[start, end)`` (physical and out of order counted)."""
    inventory_ensure(property_id=prop.pk, keys={(rt.pk, d) for rt in room_types for d in dates_between(start, end)})


def build_city(*, admin: User, today: dt.date, start: dt.date, end: dt.date, rates_end: dt.date) -> Built:
    prop = property_create(
        actor=admin,
        data={
            "code": "CITY",
            "name": "Hotel Alameda Madrid",
            "address": "Calle de Alcalá 123, 28009 Madrid, España",
            "timezone": "Europe/Madrid",
            "currency": "EUR",
            "default_language": "es",
            "business_date": today,
            "vat_rate": Decimal("10.00"),
            "prices_include_vat": True,
            "city_tax_per_night": Decimal("2.00"),
            "city_tax_exempt_under_age": 16,
            "city_tax_max_nights": 7,
        },
    )
    types = {}
    for order, (code, name_en, name_es, desc_en, desc_es, base, top, beds, _) in enumerate(CITY_TYPES):
        types[code] = room_type_create(
            property=prop,
            actor=admin,
            code=code,
            name_en=name_en,
            name_es=name_es,
            description_en=desc_en,
            description_es=desc_es,
            base_occupancy=base,
            max_occupancy=top,
            bed_configuration=beds,
            sort_order=order,
        )
    rooms = {}
    for number, floor, code, features in city_layout():
        rooms[number] = room_create(
            property=prop, actor=admin, number=number, room_type=types[code], floor=floor, features=features
        )
    # Connecting pairs: the family rooms two by two, and rooms x14–x15 on floors 2–5.
    pairs = [("105", "106"), ("107", "108")] + [(f"{f}14", f"{f}15") for f in range(2, 6)]
    for a, b in pairs:
        Room.objects.filter(pk=rooms[a].pk).update(connects_to=rooms[b])
        Room.objects.filter(pk=rooms[b].pk).update(connects_to=rooms[a])

    plan_fields = {
        "BAR": dict(
            name="Best available rate",
            name_es="Mejor tarifa disponible",
            meal_plan="BB",
            refundable=True,
            cancellation_free_hours=48,
            cancellation_penalty="first_night",
            guarantee="card",
            no_show_penalty="first_night",
            sort_order=1,
        ),
        "CORP": dict(
            name="Corporate negotiated",
            name_es="Tarifa corporativa",
            meal_plan="RO",
            refundable=True,
            cancellation_free_hours=24,
            cancellation_penalty="first_night",
            guarantee="card",
            sort_order=4,
        ),
        "GOV": dict(
            name="Government",
            name_es="Administración pública",
            meal_plan="RO",
            refundable=True,
            cancellation_free_hours=6,
            cancellation_penalty="first_night",
            guarantee="none",
            sort_order=5,
        ),
        "GRP": dict(
            name="Groups",
            name_es="Grupos",
            meal_plan="BB",
            refundable=True,
            cancellation_free_hours=21 * 24,
            cancellation_penalty="percent",
            cancellation_percent=Decimal("50"),
            guarantee="deposit",
            deposit_percent=Decimal("30"),
            sort_order=6,
        ),
    }
    plans = {code: rate_plan_create(property=prop, actor=admin, code=code, **f) for code, f in plan_fields.items()}
    plans["NRF"] = rate_plan_create(
        property=prop,
        actor=admin,
        code="NRF",
        name="Non-refundable",
        name_es="No reembolsable",
        parent=plans["BAR"],
        derive_percent=Decimal("-10"),
        meal_plan="BB",
        refundable=False,
        cancellation_penalty="whole_stay",
        guarantee="deposit",
        deposit_percent=Decimal("100"),
        no_show_penalty="whole_stay",
        sort_order=2,
    )
    plans["FLEX"] = rate_plan_create(
        property=prop,
        actor=admin,
        code="FLEX",
        name="Flexible, room only",
        name_es="Flexible, solo alojamiento",
        parent=plans["BAR"],
        derive_amount=Decimal("-15"),
        meal_plan="RO",
        refundable=True,
        cancellation_free_hours=24,
        cancellation_penalty="first_night",
        guarantee="card",
        sort_order=3,
    )
    plans["COMP"] = rate_plan_create(
        property=prop,
        actor=admin,
        code="COMP",
        name="Complimentary",
        name_es="Cortesía",
        parent=plans["BAR"],
        derive_percent=Decimal("-100"),
        meal_plan="BB",
        refundable=True,
        cancellation_free_hours=0,
        cancellation_penalty="none",
        guarantee="none",
        no_show_penalty="none",
        sort_order=9,
    )

    fair = today + dt.timedelta(days=max(2, min(24, (end - today).days - 6)))
    fair_nights = {fair + dt.timedelta(days=i) for i in range(4)}

    def factor(day: dt.date) -> float:
        return CITY_PRICE_FACTOR["fair" if day in fair_nights else city_season(day)]

    for code, rt in types.items():
        _segment_rates(
            prop=prop,
            actor=admin,
            room_type=rt,
            plan=plans["BAR"],
            base=CITY_BAR[code],
            start=start,
            end=rates_end,
            factor=factor,
        )
        for plan_code, table in (("CORP", CITY_CORP), ("GOV", CITY_GOV), ("GRP", CITY_GRP)):
            _segment_rates(
                prop=prop,
                actor=admin,
                room_type=rt,
                plan=plans[plan_code],
                base=table[code],
                start=start,
                end=rates_end,
                factor=lambda day: 1.0,
                weekend=1.0,
            )
    all_types = list(types.values())
    loaded = [plans["BAR"], plans["CORP"], plans["GOV"], plans["GRP"]]
    # Minimum stay of two nights arriving on the eve of a holiday, on December Fridays and on the fair.
    min_stay_days = {h - dt.timedelta(days=1) for h in madrid_holidays(range(start.year, rates_end.year + 1))}
    min_stay_days |= {
        d
        for d in (start + dt.timedelta(days=i) for i in range((rates_end - start).days + 1))
        if d.month == 12 and d.day <= 22 and d.isoweekday() == 5
    }
    min_stay_days.add(fair)
    for day in sorted(d for d in min_stay_days if start <= d <= rates_end):
        rates_bulk_update(
            property=prop,
            actor=admin,
            room_types=all_types,
            rate_plans=[plans["BAR"]],
            start=day,
            end=day,
            values={"min_stay": 2},
        )
    # Closed to arrival on New Year's Eve and on one date soon; a stop-sell day a few weeks ahead.
    cta_days = {dt.date(y, 12, 31) for y in range(start.year, rates_end.year + 1)} | {today + dt.timedelta(days=17)}
    for day in sorted(d for d in cta_days if start <= d <= rates_end):
        rates_bulk_update(
            property=prop,
            actor=admin,
            room_types=all_types,
            rate_plans=[plans["BAR"]],
            start=day,
            end=day,
            values={"closed_to_arrival": True},
        )
    stop_sell = today + dt.timedelta(days=max(3, min(45, (end - today).days - 3)))
    if stop_sell in fair_nights or stop_sell == today + dt.timedelta(days=17):
        stop_sell += dt.timedelta(days=5)
    rates_bulk_update(
        property=prop,
        actor=admin,
        room_types=all_types,
        rate_plans=loaded,
        start=stop_sell,
        end=stop_sell,
        values={"closed": True},
    )

    companies = []
    for name, tax_id, contact, plan_codes in [
        ("Consultora Castellana S.L.", "B84000013", "Beatriz Ortega", ["CORP"]),
        ("Laboratorios Ribera S.A.", "A28000014", "Jorge Salas", ["CORP"]),
        ("Nordvik Software AB", "SE556000000101", "Ingrid Nilsson", ["CORP"]),
        ("Ingeniería del Tajo S.A.", "A45000022", "Rosa Medina", ["CORP"]),
    ]:
        companies.append(
            company_create(
                property=prop,
                actor=admin,
                data={
                    "name": name,
                    "tax_id": tax_id,
                    "contact_name": contact,
                    "email": f"reservas@{_ascii(name.split()[0])}.example.com",
                    "phone": "+34915550" + str(100 + len(companies)),
                    "address": "Madrid",
                },
                rate_plans=[plans[c] for c in plan_codes],
            )
        )
    government = company_create(
        property=prop,
        actor=admin,
        data={
            "name": "Agencia Estatal de Demostraciones",
            "tax_id": "Q2800000J",
            "contact_name": "Mercedes Vidal",
            "email": "viajes@agencia-demo.example.org",
            "phone": "+34913330000",
        },
        rate_plans=[plans["GOV"]],
    )
    agents = []
    for name, tax_id, contact in [
        ("Viajes Sol y Sombra S.L.", "B85000020", "Nuria Campos"),
        ("Iberian Incoming Tours S.L.", "B86000031", "Tom Walsh"),
        ("EuroReisen GmbH", "DE123456789", "Katharina Wolf"),
    ]:
        agents.append(
            company_create(
                property=prop,
                actor=admin,
                data={
                    "kind": "travel_agent",
                    "name": name,
                    "tax_id": tax_id,
                    "contact_name": contact,
                    "email": f"groups@{_ascii(name.split()[0])}.example.net",
                    "phone": "+34917770" + str(100 + len(agents)),
                },
                rate_plans=[plans["GRP"], plans["NRF"]],
            )
        )

    # Out-of-order (leaves inventory) and out-of-service (still sellable) periods.
    for number, kind, first, days, reason in [
        ("204", "out_of_order", -200, 7, "Water leak in the bathroom: plumber and drying"),
        ("612", "out_of_order", -60, 15, "Bathroom refurbishment"),
        ("310", "out_of_order", -2, 5, "Air conditioning broken, spare part on order"),
        ("801", "out_of_order", 20, 7, "Carpet replacement"),
        ("509", "out_of_service", -1, 2, "Deep cleaning after a smoke complaint"),
        ("715", "out_of_service", 10, 2, "Painting touch-ups"),
    ]:
        block_start = today + dt.timedelta(days=first)
        if block_start >= start and block_start + dt.timedelta(days=days) <= end:
            room_block_create(
                room=rooms[number],
                actor=admin,
                kind=kind,
                start=block_start,
                end=block_start + dt.timedelta(days=days),
                reason=reason,
            )
    _inventory_rows(prop, all_types, start, end + dt.timedelta(days=10))
    overbooking_set(
        property=prop, actor=admin, room_type=types["STD"], start=fair, end=fair + dt.timedelta(days=3), rooms=2
    )

    def occupancy(day: dt.date) -> float:
        if day in fair_nights:
            return 1.03
        target = CITY_OCCUPANCY[city_season(day)]
        weekday = day.isoweekday()
        target *= 1.06 if weekday in WEEKDAY_NIGHTS else 0.92 if weekday == 5 else 0.86
        return min(target, 0.97)

    company_ids = [c.pk for c in companies]
    agent_ids = [a.pk for a in agents]
    profile = Profile(
        occupancy=occupancy,
        los=[0.38, 0.30, 0.17, 0.07, 0.04, 0.02, 0.02],
        nationalities={
            "ES": 0.44,
            "GB": 0.07,
            "US": 0.08,
            "FR": 0.06,
            "DE": 0.06,
            "IT": 0.06,
            "PT": 0.03,
            "NL": 0.03,
            "MX": 0.04,
            "AR": 0.03,
            "JP": 0.02,
            "CN": 0.02,
            "BR": 0.02,
            "IE": 0.02,
            "SE": 0.01,
            "CH": 0.01,
        },
        segments=[
            Segment(
                "leisure",
                weekday_weight=0.42,
                weekend_weight=0.78,
                plans={"BAR": 0.5, "NRF": 0.35, "FLEX": 0.15},
                channels={"ota": 0.45, "website": 0.25, "phone": 0.1, "email": 0.05, "travel_agent": 0.15},
                travel_agents=agent_ids,
                solo_share=0.2,
                lead_mean=28,
                long_lead=0.2,
            ),
            Segment(
                "corporate",
                weekday_weight=0.40,
                weekend_weight=0.08,
                plans={"CORP": 0.75, "BAR": 0.25},
                channels={"gds": 0.4, "email": 0.25, "phone": 0.15, "website": 0.2},
                contract_plans=frozenset({"CORP"}),
                companies=company_ids,
                solo_share=0.85,
                same_day=0.08,
                lead_mean=16,
                long_lead=0.05,
            ),
            Segment(
                "group",
                weekday_weight=0.016,
                weekend_weight=0.02,
                plans={"GRP": 1.0},
                channels={"email": 0.6, "travel_agent": 0.4},
                customer_type="group",
                travel_agents=agent_ids,
                group_rooms=(4, 10),
                same_day=0.0,
                lead_mean=40,
                long_lead=0.5,
                tentative_share=0.5,
                notes="Group: rooming list to follow",
            ),
            Segment(
                "government",
                weekday_weight=0.07,
                weekend_weight=0.02,
                plans={"GOV": 1.0},
                channels={"email": 0.6, "phone": 0.4},
                contract_plans=frozenset({"GOV"}),
                companies=[government.pk],
                solo_share=0.95,
                lead_mean=12,
                long_lead=0.02,
            ),
            Segment(
                "complimentary",
                weekday_weight=0.005,
                weekend_weight=0.005,
                plans={"COMP": 1.0},
                channels={"phone": 1.0},
                notes="Compliments of the general manager",
            ),
        ],
    )
    return Built(
        property=prop,
        profile=profile,
        weights={code: w for code, *_, w in CITY_TYPES},
        cancel_rates={"BAR": 0.26, "FLEX": 0.24, "CORP": 0.18, "GOV": 0.15, "GRP": 0.1, "NRF": 0.03, "COMP": 0.05},
        agents=[],
        notes=[f"trade fair {fair:%d %b} (+2 STD overbooking)", f"stop-sell {stop_sell:%d %b}"],
    )


def motel_season(day: dt.date) -> str:
    if day.month in (7, 8):
        return "summer"
    if day.month in (1, 2, 11):
        return "low"
    return "mid"


def build_motel(*, admin: User, today: dt.date, start: dt.date, end: dt.date, rates_end: dt.date) -> Built:
    prop = property_create(
        actor=admin,
        data={
            "code": "MOTEL",
            "name": "Motel La Parada",
            "address": "Autovía A-4, km 199, 13300 Valdepeñas (Ciudad Real), España",
            "timezone": "Europe/Madrid",
            "currency": "EUR",
            "default_language": "es",
            "business_date": today,
            "vat_rate": Decimal("10.00"),
            "prices_include_vat": True,
            "city_tax_per_night": Decimal("0.00"),
            "check_in_time": dt.time(13, 0),
            "check_out_time": dt.time(11, 0),
        },
    )
    dbl = room_type_create(
        property=prop,
        actor=admin,
        code="DBL",
        name_en="Double room",
        name_es="Habitación doble",
        description_en="Ground-floor room with parking at the door.",
        description_es="Habitación en planta baja con aparcamiento en la puerta.",
        base_occupancy=2,
        max_occupancy=3,
        bed_configuration="1 double bed (150 cm) + folding bed",
        sort_order=1,
    )
    fam = room_type_create(
        property=prop,
        actor=admin,
        code="FAM",
        name_en="Family room",
        name_es="Habitación familiar",
        description_en="Room for four with a double bed and bunk beds.",
        description_es="Habitación para cuatro con cama de matrimonio y litera.",
        base_occupancy=2,
        max_occupancy=4,
        bed_configuration="1 double bed + bunk beds",
        sort_order=2,
    )
    for n in range(1, 9):
        features = ["accessible"] if n == 1 else ["quiet"] if n >= 7 else []
        room_create(property=prop, actor=admin, number=str(n), room_type=fam if n >= 7 else dbl, features=features)
    plan = rate_plan_create(
        property=prop,
        actor=admin,
        code="RO",
        name="Room only",
        name_es="Solo alojamiento",
        meal_plan="RO",
        refundable=True,
        cancellation_free_hours=24,
        cancellation_penalty="first_night",
        guarantee="none",
        sort_order=1,
    )
    prices = {"DBL": {"low": 49, "mid": 55, "summer": 65}, "FAM": {"low": 69, "mid": 75, "summer": 89}}
    for rt in (dbl, fam):
        _segment_rates(
            prop=prop,
            actor=admin,
            room_type=rt,
            plan=plan,
            base=100,
            start=start,
            end=rates_end,
            factor=lambda day, code=rt.code: prices[code][motel_season(day)] / 100,
            weekend=1.08,
        )
    _inventory_rows(prop, [dbl, fam], start, end + dt.timedelta(days=10))
    haulier = company_create(
        property=prop,
        actor=admin,
        data={"name": "Transportes La Mancha S.L.", "tax_id": "B13000044", "phone": "+34926123456"},
        rate_plans=[plan],
    )

    def occupancy(day: dt.date) -> float:
        target = {"low": 0.45, "mid": 0.64, "summer": 0.84}[motel_season(day)]
        weekday = day.isoweekday()
        return target + (0.1 if weekday in (5, 7) else -0.05 if weekday == 6 else 0)

    profile = Profile(
        occupancy=occupancy,
        los=[0.78, 0.15, 0.04, 0.01, 0.01, 0.005, 0.005],
        nationalities={"ES": 0.8, "PT": 0.06, "FR": 0.06, "GB": 0.03, "DE": 0.03, "NL": 0.02},
        segments=[
            Segment(
                "leisure",
                weekday_weight=0.55,
                weekend_weight=0.8,
                plans={"RO": 1.0},
                channels={"phone": 0.35, "website": 0.2, "ota": 0.45},
                solo_share=0.3,
                same_day=0.4,
                lead_mean=4,
                long_lead=0.02,
            ),
            Segment(
                "corporate",
                weekday_weight=0.45,
                weekend_weight=0.2,
                plans={"RO": 1.0},
                channels={"phone": 0.7, "email": 0.3},
                contract_plans=frozenset({"RO"}),
                companies=[haulier.pk],
                solo_share=0.95,
                same_day=0.3,
                lead_mean=3,
                long_lead=0.0,
            ),
        ],
        walk_in_share=0.7,
        parking_share=0.8,
        waitlist_max=2,
        child_share=0.1,
    )
    return Built(
        property=prop,
        profile=profile,
        weights={"DBL": 0.8, "FAM": 0.2},
        cancel_rates={"RO": 0.08},
        agents=[],
    )


def _demo_password_hash(password: str) -> str:
    """The demo's printed passwords, hashed with fewer PBKDF2 rounds so seeding stays quick.

    Django verifies them as usual and re-hashes each with the full work factor at its
    first successful login.
    """
    hasher = get_hasher("default")
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=20_000)
    return make_password(password)


def _user(login: DemoLogin) -> User:
    user = User.objects.create(
        username=login.username,
        password=_demo_password_hash(login.password),
        first_name=login.first_name,
        last_name=login.last_name,
        email=f"{login.username}@hotel.example.com",
        is_staff=login.username == "admin",
    )
    user.groups.set(Group.objects.filter(name__in=login.roles))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions


def seed_bookings(built: Built, *, today: dt.date, start: dt.date, end: dt.date, seed: int, advance=None) -> int:
    """Plan and write the bookings of one property; returns how many reservations were written."""
    prop = built.property
    horizon = (end - start).days + 9
    types = type_models(property=prop, start=start, horizon=horizon, weights=built.weights)
    plans = plan_models(
        property=prop,
        room_types=list(RoomType.objects.filter(property=prop)),
        start=start,
        horizon=horizon,
        cancel_rates=built.cancel_rates,
    )
    planner = BookingPlanner(
        rng=random.Random(f"{seed}-{prop.code}"),
        business_date=today,
        now=timezone.now(),
        start=start,
        end=end,
        types=types,
        plans=plans,
        profile=built.profile,
        taxes=tax_rules(prop),
        arrival_at=lambda day: arrival_moment(prop, day),
        tz=prop.tz,
        agents=built.agents,
    )
    plan = planner.plan(advance)
    written = write_plan(prop, plan)
    inventory_recount(prop)
    _room_conditions(prop, today, random.Random(seed))
    return written


def _room_conditions(prop: Property, today: dt.date, rng: random.Random) -> None:
    """Housekeeping the morning after the audit: departures dirty, stayovers mostly dirty, the rest clean."""
    occupied = set(
        Reservation.objects.filter(property=prop, status=Status.IN_HOUSE, room__isnull=False).values_list(
            "room_id", flat=True
        )
    )
    left_today = set(
        Reservation.objects.filter(
            property=prop, status=Status.CHECKED_OUT, departure=today, room__isnull=False
        ).values_list("room_id", flat=True)
    )
    for room in Room.objects.filter(property=prop):
        if room.pk in left_today and room.pk not in occupied:
            condition = "dirty"
        elif room.pk in occupied:
            condition = "dirty" if rng.random() < 0.7 else "clean"
        else:
            condition = "inspected" if rng.random() < 0.6 else "clean"
        if condition != room.condition:
            room_condition_set(room=room, actor=None, condition=condition)


def seed_demo(*, today: dt.date, months_back: int, months_ahead: int, seed: int, progress: Progress) -> dict:
    """Build the whole demo; returns figures for the summary."""
    start = today - dt.timedelta(days=round(months_back * 30.44))
    end = today + dt.timedelta(days=round(months_ahead * 30.44))
    rates_end = max(end + dt.timedelta(days=10), min(today + dt.timedelta(days=364), start + dt.timedelta(days=729)))
    setup = progress.add_task("Users and configuration", total=3)
    users = {login.username: _user(login) for login in LOGINS}
    admin = users["admin"]
    progress.advance(setup)
    city = build_city(admin=admin, today=today, start=start, end=end, rates_end=rates_end)
    city.agents = [users[u].pk for u in ("desk1", "desk2", "desk3", "reservations", "manager")]
    progress.advance(setup)
    motel = build_motel(admin=admin, today=today, start=start, end=end, rates_end=rates_end)
    motel.agents = [users["motel"].pk]
    progress.advance(setup)
    codes = {"CITY": city.property, "MOTEL": motel.property}
    for login in LOGINS:
        for code in login.properties:
            Membership.objects.get_or_create(user=users[login.username], property=codes[code])
    # A guest the desk must not accommodate again, for the do-not-rent check.
    Guest.objects.create(
        property=city.property,
        first_name="Rodrigo",
        last_name="Peña Valls",
        email="rodrigo.pena@example.com",
        language="es",
        nationality="ES",
        do_not_rent=True,
        do_not_rent_reason="Damaged furniture and refused to pay (2024)",
    )
    figures = {}
    for built in (city, motel):
        task = progress.add_task(f"Bookings {built.property.code}", total=(end - start).days)
        figures[built.property.code] = seed_bookings(
            built,
            today=today,
            start=start,
            end=end,
            seed=seed,
            advance=lambda n, task=task: progress.advance(task, n),
        )
    figures["notes"] = city.notes
    return figures


class Command(BaseCommand):
    help = (
        "Fill an empty database with the demo: a 120-room city hotel (CITY) and an 8-room motel (MOTEL) "
        "with their staff, a year of history and three months of bookings ahead. Does nothing but print "
        "the logins when the database already has a property."
    )

    def add_arguments(self, parser):
        parser.add_argument("--months-back", type=int, default=12, help="months of history (default 12)")
        parser.add_argument("--months-ahead", type=int, default=3, help="months of bookings ahead (default 3)")
        parser.add_argument("--seed", type=int, default=2025, help="random seed (default 2025)")

    def handle(self, *args, **options):
        console = Console(file=self.stdout)
        if Property.objects.exists():
            console.print("The database already has data: the demo is not seeded again.")
            self._print_logins(console)
            return
        if options["months_back"] < 0 or options["months_ahead"] < 1:
            raise CommandError("--months-back must be 0 or more and --months-ahead at least 1.")
        today = dt.date.today()
        started = timezone.now()
        columns = [TextColumn("{task.description}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%")]
        with Progress(*columns, TimeElapsedColumn(), console=console) as progress, transaction.atomic():
            figures = seed_demo(
                today=today,
                months_back=options["months_back"],
                months_ahead=options["months_ahead"],
                seed=options["seed"],
                progress=progress,
            )
        seconds = (timezone.now() - started).total_seconds()
        console.print(
            f"Seeded CITY ({figures['CITY']} reservations) and MOTEL ({figures['MOTEL']}) in {seconds:.1f} s; "
            f"business date {today.isoformat()}; {', '.join(figures['notes'])}."
        )
        self._print_logins(console)

    def _print_logins(self, console: Console) -> None:
        table = Table(title=f"Front Office demo: open {DEMO_URL}")
        table.add_column("username")
        table.add_column("password")
        table.add_column("role")
        table.add_column("properties")
        for login in LOGINS:
            roles = "every front-office role" if set(login.roles) == set(FRONT_OFFICE_ROLES) else ", ".join(login.roles)
            table.add_row(login.username, login.password, roles, ", ".join(login.properties))
        console.print(table)
        console.print(f"Open {DEMO_URL} and sign in with one of the logins above.")
