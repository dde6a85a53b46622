"""The demo's roadside motel, MOTEL: eight rooms on the A-4 run by one person.

Two room types, one room-only plan priced by the motel's seasons, a haulage company on
a negotiated rate, and demand that is mostly same-day and one night long. ``build_motel``
returns what the booking planner needs.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from frontoffice.core.services import property_create
from frontoffice.guests.services import company_create
from frontoffice.reservations.demo.building import (
    Built,
    inventory_rows,
    rate_plans_create,
    room_types_create,
    season_rates,
)
from frontoffice.reservations.demo.demand import Profile, Segment
from frontoffice.reservations.demo.seasons import motel_season
from frontoffice.rooms.services import room_create

MOTEL_PROPERTY = {
    "code": "MOTEL",
    "name": "Motel La Parada",
    "address": "Autovía A-4, km 199, 13300 Valdepeñas (Ciudad Real), España",
    "timezone": "Europe/Madrid",
    "currency": "EUR",
    "default_language": "es",
    "vat_rate": Decimal("10.00"),
    "prices_include_vat": True,
    "city_tax_per_night": Decimal("0.00"),
    "check_in_time": dt.time(13, 0),
    "check_out_time": dt.time(11, 0),
}
MOTEL_ROOM_TYPES = [
    dict(
        code="DBL",
        name_en="Double room",
        name_es="Habitación doble",
        description_en="Ground-floor room with parking at the door.",
        description_es="Habitación en planta baja con aparcamiento en la puerta.",
        base_occupancy=2,
        max_occupancy=3,
        bed_configuration="1 double bed (150 cm) + folding bed",
    ),
    dict(
        code="FAM",
        name_en="Family room",
        name_es="Habitación familiar",
        description_en="Room for four with a double bed and bunk beds.",
        description_es="Habitación para cuatro con cama de matrimonio y litera.",
        base_occupancy=2,
        max_occupancy=4,
        bed_configuration="1 double bed + bunk beds",
    ),
]
MOTEL_PLANS = {
    "RO": dict(
        name="Room only",
        name_es="Solo alojamiento",
        meal_plan="RO",
        refundable=True,
        cancellation_free_hours=24,
        cancellation_penalty="first_night",
        guarantee="none",
        sort_order=1,
    ),
}
MOTEL_PRICES = {"DBL": {"low": 49, "mid": 55, "summer": 65}, "FAM": {"low": 69, "mid": 75, "summer": 89}}
MOTEL_OCCUPANCY = {"low": 0.45, "mid": 0.64, "summer": 0.84}


def build_motel(*, admin: User, today: dt.date, start: dt.date, end: dt.date, rates_end: dt.date) -> Built:
    """The motel, priced from ``start`` to ``rates_end``, with inventory rows to ``end`` + 10 days."""
    prop = property_create(actor=admin, data={**MOTEL_PROPERTY, "business_date": today})
    types = room_types_create(property=prop, actor=admin, specs=MOTEL_ROOM_TYPES, first_sort_order=1)
    dbl, fam = types["DBL"], types["FAM"]
    for n in range(1, 9):
        features = ["accessible"] if n == 1 else ["quiet"] if n >= 7 else []
        room_create(property=prop, actor=admin, number=str(n), room_type=fam if n >= 7 else dbl, features=features)
    plan = rate_plans_create(property=prop, actor=admin, specs=MOTEL_PLANS)["RO"]
    for rt in (dbl, fam):
        season_rates(
            property=prop,
            actor=admin,
            room_type=rt,
            plan=plan,
            base=100,
            start=start,
            end=rates_end,
            factor=lambda day, code=rt.code: MOTEL_PRICES[code][motel_season(day)] / 100,
            weekend=1.08,
        )
    inventory_rows(prop, [dbl, fam], start, end + dt.timedelta(days=10))
    haulier = company_create(
        property=prop,
        actor=admin,
        data={"name": "Transportes La Mancha S.L.", "tax_id": "B13000044", "phone": "+34926123456"},
        rate_plans=[plan],
    )

    def occupancy(day: dt.date) -> float:
        weekday = day.isoweekday()
        return MOTEL_OCCUPANCY[motel_season(day)] + (0.1 if weekday in (5, 7) else -0.05 if weekday == 6 else 0)

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
