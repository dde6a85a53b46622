"""The booking planner: a property's bookings over months, in memory, never over its inventory.

It draws requests arrival day by arrival day from a ``demand.Profile`` against an
``offer`` of room types and plans, and returns a ``BookingPlan`` of guests and stays ready
to bulk-insert (see ``writing``). Plain Python over the pure domain: no database access.
"""

import datetime as dt
import heapq
import random
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from frontoffice.core.domain.money import ZERO
from frontoffice.rates.domain.policies import deposit_due
from frontoffice.rates.domain.pricing import TaxRules, occupancy_price, quote
from frontoffice.rates.domain.restrictions import check_restrictions
from frontoffice.reservations.demo.demand import Profile, Segment
from frontoffice.reservations.demo.offer import PlanModel, TypeModel
from frontoffice.reservations.demo.people import CANCEL_REASONS, SPECIAL_REQUESTS, GuestMaker, PlannedGuest
from frontoffice.reservations.domain.confirmation import new_confirmation
from frontoffice.reservations.domain.status import HOLDS_INVENTORY, Status


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
        "cancelled_on",
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
            cancelled_on = arrival if status == Status.NO_SHOW else None
            if status == Status.CANCELLED:
                last = min(arrival, today)
                day = booked_on + dt.timedelta(days=rng.randint(0, max((last - booked_on).days, 0)))
                moment = dt.datetime.combine(day, dt.time(rng.randint(8, 21), rng.randint(0, 59)), tzinfo=self.tz)
                cancelled_at = min(moment, self.now)
                cancelled_on = min(day, today)
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
                    cancelled_on=cancelled_on,
                    cancel_reason=reason,
                    booked_on=booked_on,
                    created_by_id=created_by,
                    nights=q.nights,
                )
            )
