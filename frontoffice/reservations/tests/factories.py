"""Test data built through the services, so tests start from states the product can reach."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import factory
from django.contrib.auth.models import Group, User

from frontoffice.core.models import Membership, Property
from frontoffice.guests.models import Guest
from frontoffice.rates.models import RatePlan
from frontoffice.rates.services import rate_plan_create, rates_bulk_update
from frontoffice.rooms.models import Room, RoomType
from frontoffice.rooms.services import room_create, room_type_create

BUSINESS_DATE = dt.date(2026, 6, 1)


def make_user(username: str, role: str | None, *properties: Property, superuser: bool = False) -> User:
    user = User.objects.create_user(username=username, password="pass-" + username, is_superuser=superuser)
    if role:
        user.groups.add(Group.objects.get(name=role))
    for prop in properties:
        Membership.objects.create(user=user, property=prop)
    return User.objects.get(pk=user.pk)  # fresh: permission cache empty


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Property

    code = factory.Sequence(lambda n: f"H{n:03d}")
    name = factory.Sequence(lambda n: f"Hotel {n}")
    timezone = "Europe/Madrid"
    currency = "EUR"
    business_date = BUSINESS_DATE
    vat_rate = Decimal("10.00")
    prices_include_vat = True
    city_tax_per_night = Decimal("2.00")
    city_tax_exempt_under_age = 16
    city_tax_max_nights = 7


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guest

    first_name = factory.Sequence(lambda n: f"Ana{n}")
    last_name = factory.Sequence(lambda n: f"García{n}")
    email = factory.LazyAttribute(lambda g: f"{g.first_name.lower()}@example.com")
    language = "es"


@dataclass
class Hotel:
    property: Property
    admin: User
    room_types: dict[str, RoomType] = field(default_factory=dict)
    rooms: list[Room] = field(default_factory=list)
    plans: dict[str, RatePlan] = field(default_factory=dict)


def make_hotel(
    *,
    code: str = "TEST",
    rooms: dict[str, int] | None = None,
    price: Decimal = Decimal("100.00"),
    days: int = 120,
    business_date: dt.date = BUSINESS_DATE,
) -> Hotel:
    """A property with room types DBL (2–3 guests) and SGL (1), plans BAR and NRF (BAR −10 %)."""
    prop = PropertyFactory(code=code, name=f"Hotel {code}", business_date=business_date)
    admin = make_user(f"admin-{code.lower()}", "administrator", prop)
    hotel = Hotel(property=prop, admin=admin)
    counts = rooms if rooms is not None else {"DBL": 5, "SGL": 2}
    for i, (type_code, n) in enumerate(counts.items()):
        rt = room_type_create(
            property=prop,
            actor=admin,
            code=type_code,
            name_en={"DBL": "Double", "SGL": "Single"}.get(type_code, type_code),
            name_es={"DBL": "Doble", "SGL": "Individual"}.get(type_code, ""),
            base_occupancy=1 if type_code == "SGL" else 2,
            max_occupancy=1 if type_code == "SGL" else 3,
        )
        hotel.room_types[type_code] = rt
        for j in range(n):
            hotel.rooms.append(
                room_create(property=prop, actor=admin, number=f"{i + 1}{j + 1:02d}", room_type=rt, floor=i + 1)
            )
    bar = rate_plan_create(
        property=prop,
        actor=admin,
        code="BAR",
        name="Best available rate",
        meal_plan="BB",
        cancellation_free_hours=48,
        cancellation_penalty="first_night",
        guarantee="card",
    )
    nrf = rate_plan_create(
        property=prop,
        actor=admin,
        code="NRF",
        name="Non-refundable",
        parent=bar,
        derive_percent=Decimal("-10"),
        refundable=False,
        cancellation_penalty="whole_stay",
        guarantee="deposit",
        deposit_percent=Decimal("100"),
    )
    hotel.plans = {"BAR": bar, "NRF": nrf}
    if hotel.room_types:
        rates_bulk_update(
            property=prop,
            actor=admin,
            room_types=list(hotel.room_types.values()),
            rate_plans=[bar],
            start=business_date,
            end=business_date + dt.timedelta(days=days),
            values={"price": price, "extra_adult": Decimal("20.00"), "child": Decimal("10.00")},
        )
    return hotel


def assert_inventory_matches_bookings(prop: Property) -> None:
    """Every inventory counter equals a recount of the stays holding a room, and nothing is oversold."""
    from frontoffice.reservations.domain.status import HOLDS_INVENTORY
    from frontoffice.reservations.models import ReservationNight
    from frontoffice.rooms.models import InventoryNight

    for row in InventoryNight.objects.filter(property=prop).select_related("room_type"):
        # A stay holds the nights it is priced for (a day use, checked out on arrival, holds none).
        holding = ReservationNight.objects.filter(
            reservation__room_type=row.room_type,
            date=row.date,
            reservation__status__in=[s.value for s in HOLDS_INVENTORY],
        ).count()
        assert row.sold == holding, f"{row.room_type.code} {row.date}: counter {row.sold}, recount {holding}"
        assert row.sold <= row.physical - row.out_of_order + row.overbooking, (
            f"{row.room_type.code} {row.date} oversold"
        )
