"""The demo's city hotel, CITY: 120 rooms in Madrid, its plans, prices, companies and demand.

Five room types on floors 1–8, out-of-order and out-of-service periods, plans BAR, NRF,
FLEX, CORP, GOV, GRP and COMP with seasonal and weekday prices and restrictions,
overbooking on a trade fair, companies and travel agents; all made through the services
with the administrator as actor. ``build_city`` returns what the booking planner needs.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth.models import User

from frontoffice.core.services import property_create
from frontoffice.guests.models import Company
from frontoffice.guests.services import company_create
from frontoffice.rates.models import RatePlan
from frontoffice.reservations.demo.building import (
    WEEKEND_PRICE,
    Built,
    inventory_rows,
    rate_plans_create,
    restrict_days,
    room_types_create,
    season_rates,
)
from frontoffice.reservations.demo.demand import Profile, Segment
from frontoffice.reservations.demo.people import ascii_slug
from frontoffice.reservations.demo.seasons import (
    CITY_OCCUPANCY,
    CITY_PRICE_FACTOR,
    WEEKDAY_NIGHTS,
    city_season,
    madrid_holidays,
)
from frontoffice.reservations.services import overbooking_set
from frontoffice.rooms.models import Room
from frontoffice.rooms.services import room_block_create, room_create

BREAKFAST = Decimal("12.00")  # the breakfast each bed-and-breakfast night includes, per guest
CITY_PROPERTY = {
    "code": "CITY",
    "name": "Hotel Alameda Madrid",
    "address": "Calle de Alcalá 123, 28009 Madrid, España",
    "timezone": "Europe/Madrid",
    "currency": "EUR",
    "default_language": "es",
    "vat_rate": Decimal("10.00"),
    "prices_include_vat": True,
    "city_tax_per_night": Decimal("2.00"),
    "city_tax_exempt_under_age": 16,
    "city_tax_max_nights": 7,
}
CITY_ROOM_TYPES = [
    dict(
        code="STD",
        name_en="Standard double",
        name_es="Doble estándar",
        description_en="18 m² facing the street or the quiet courtyard, rain shower, desk.",
        description_es="18 m² a la calle o al patio tranquilo, ducha de lluvia, escritorio.",
        base_occupancy=2,
        max_occupancy=2,
        bed_configuration="1 double bed (150 cm) or 2 twin beds (90 cm)",
    ),
    dict(
        code="SUP",
        name_en="Superior double",
        name_es="Doble superior",
        description_en="24 m² on the upper floors with city views, bathtub and a sofa bed.",
        description_es="24 m² en plantas altas con vistas a la ciudad, bañera y sofá cama.",
        base_occupancy=2,
        max_occupancy=3,
        bed_configuration="1 king bed (180 cm) + sofa bed",
    ),
    dict(
        code="JRS",
        name_en="Junior suite",
        name_es="Junior suite",
        description_en="38 m² with a sitting area, balcony over the rooftops and a bathtub.",
        description_es="38 m² con zona de estar, balcón sobre los tejados y bañera.",
        base_occupancy=2,
        max_occupancy=3,
        bed_configuration="1 king bed (200 cm) + sofa bed",
    ),
    dict(
        code="ACC",
        name_en="Accessible double",
        name_es="Doble adaptada",
        description_en="Step-free room on the first floor: roll-in shower, grab bars, wide doors.",
        description_es="Habitación sin escalones en la primera planta: ducha a ras de suelo, asideros, puertas anchas.",
        base_occupancy=2,
        max_occupancy=2,
        bed_configuration="2 twin beds (90 cm), adjusted height",
    ),
    dict(
        code="FAM",
        name_en="Family room",
        name_es="Habitación familiar",
        description_en="Two connecting rooms for up to four guests.",
        description_es="Dos habitaciones comunicadas para hasta cuatro personas.",
        base_occupancy=2,
        max_occupancy=4,
        bed_configuration="1 double bed + 2 single beds",
    ),
]
CITY_DEMAND = {"STD": 0.57, "SUP": 0.26, "JRS": 0.09, "ACC": 0.03, "FAM": 0.05}  # share of requests per room type
# Business-week BAR and the fixed prices of the negotiated plans, per room type.
CITY_PRICES = {
    "BAR": {"STD": 120, "SUP": 150, "JRS": 230, "ACC": 120, "FAM": 190},
    "CORP": {"STD": 105, "SUP": 130, "JRS": 200, "ACC": 105, "FAM": 165},
    "GOV": {"STD": 85, "SUP": 100, "JRS": 150, "ACC": 85, "FAM": 120},
    "GRP": {"STD": 95, "SUP": 120, "JRS": 180, "ACC": 95, "FAM": 150},
}
# ``rate_plan_create`` arguments, in the order the plans are made; ``parent`` names a plan above.
CITY_PLANS = {
    "BAR": dict(
        name="Best available rate",
        name_es="Mejor tarifa disponible",
        meal_plan="BB",
        package_per_guest=BREAKFAST,
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
        public=False,
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
        public=False,
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
        public=False,
        meal_plan="BB",
        package_per_guest=BREAKFAST,
        refundable=True,
        cancellation_free_hours=21 * 24,
        cancellation_penalty="percent",
        cancellation_percent=Decimal("50"),
        guarantee="deposit",
        deposit_percent=Decimal("30"),
        sort_order=6,
    ),
    "NRF": dict(
        name="Non-refundable",
        name_es="No reembolsable",
        parent="BAR",
        derive_percent=Decimal("-10"),
        meal_plan="BB",
        package_per_guest=BREAKFAST,
        refundable=False,
        cancellation_penalty="whole_stay",
        guarantee="deposit",
        deposit_percent=Decimal("100"),
        no_show_penalty="whole_stay",
        sort_order=2,
    ),
    "FLEX": dict(
        name="Flexible, room only",
        name_es="Flexible, solo alojamiento",
        parent="BAR",
        derive_amount=Decimal("-15"),
        meal_plan="RO",
        refundable=True,
        cancellation_free_hours=24,
        cancellation_penalty="first_night",
        guarantee="card",
        sort_order=3,
    ),
    "COMP": dict(
        public=False,
        name="Complimentary",
        name_es="Cortesía",
        parent="BAR",
        derive_percent=Decimal("-100"),
        meal_plan="BB",
        package_per_guest=BREAKFAST,
        refundable=True,
        cancellation_free_hours=0,
        cancellation_penalty="none",
        guarantee="none",
        no_show_penalty="none",
        sort_order=9,
    ),
}
CITY_CANCEL_RATES = {"BAR": 0.26, "FLEX": 0.24, "CORP": 0.18, "GOV": 0.15, "GRP": 0.1, "NRF": 0.03, "COMP": 0.05}
# Name, tax id, contact: companies on the corporate plan, then travel agents selling groups and NRF.
CITY_COMPANIES = [
    ("Consultora Castellana S.L.", "B84000013", "Beatriz Ortega"),
    ("Laboratorios Ribera S.A.", "A28000014", "Jorge Salas"),
    ("Nordvik Software AB", "SE556000000101", "Ingrid Nilsson"),
    ("Ingeniería del Tajo S.A.", "A45000022", "Rosa Medina"),
]
CITY_GOVERNMENT = {
    "name": "Agencia Estatal de Demostraciones",
    "tax_id": "Q2800000J",
    "contact_name": "Mercedes Vidal",
    "email": "viajes@agencia-demo.example.org",
    "phone": "+34913330000",
}
CITY_TRAVEL_AGENTS = [
    ("Viajes Sol y Sombra S.L.", "B85000020", "Nuria Campos"),
    ("Iberian Incoming Tours S.L.", "B86000031", "Tom Walsh"),
    ("EuroReisen GmbH", "DE123456789", "Katharina Wolf"),
]
# Out-of-order (leaves inventory) and out-of-service (still sellable) periods: room, kind,
# first day counted from the business date, days, reason.
CITY_BLOCKS = [
    ("204", "out_of_order", -200, 7, "Water leak in the bathroom: plumber and drying"),
    ("612", "out_of_order", -60, 15, "Bathroom refurbishment"),
    ("310", "out_of_order", -2, 5, "Air conditioning broken, spare part on order"),
    ("801", "out_of_order", 20, 7, "Carpet replacement"),
    ("509", "out_of_service", -1, 2, "Deep cleaning after a smoke complaint"),
    ("715", "out_of_service", 10, 2, "Painting touch-ups"),
]
CITY_NATIONALITIES = {
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
}


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


def _flat(day: dt.date) -> float:
    return 1.0


def build_city(*, admin: User, today: dt.date, start: dt.date, end: dt.date, rates_end: dt.date) -> Built:
    """The city hotel, priced from ``start`` to ``rates_end``, with inventory rows to ``end`` + 10 days."""
    prop = property_create(actor=admin, data={**CITY_PROPERTY, "business_date": today})
    types = room_types_create(property=prop, actor=admin, specs=CITY_ROOM_TYPES)
    rooms = _rooms(prop, admin, types)
    plans = rate_plans_create(property=prop, actor=admin, specs=CITY_PLANS)
    all_types = list(types.values())
    fair = today + dt.timedelta(days=max(2, min(24, (end - today).days - 6)))
    fair_nights = {fair + dt.timedelta(days=i) for i in range(4)}

    def factor(day: dt.date) -> float:
        return CITY_PRICE_FACTOR["fair" if day in fair_nights else city_season(day)]

    # BAR follows the seasons and the fair; the negotiated plans cost the same every night.
    loads = [("BAR", factor, WEEKEND_PRICE), ("CORP", _flat, 1.0), ("GOV", _flat, 1.0), ("GRP", _flat, 1.0)]
    for code, rt in types.items():
        for plan_code, by_day, weekend in loads:
            season_rates(
                property=prop,
                actor=admin,
                room_type=rt,
                plan=plans[plan_code],
                base=CITY_PRICES[plan_code][code],
                start=start,
                end=rates_end,
                factor=by_day,
                weekend=weekend,
            )
    stop_sell = _restrictions(
        prop, admin, all_types, plans, today=today, start=start, end=end, rates_end=rates_end, fair_nights=fair_nights
    )
    companies, government, agents = _companies(prop, admin, plans)
    for number, kind, first, days, reason in CITY_BLOCKS:
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
    inventory_rows(prop, all_types, start, end + dt.timedelta(days=10))
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

    return Built(
        property=prop,
        profile=_profile(
            occupancy,
            company_ids=[c.pk for c in companies],
            government_id=government.pk,
            agent_ids=[a.pk for a in agents],
        ),
        weights=CITY_DEMAND,
        cancel_rates=CITY_CANCEL_RATES,
        agents=[],
        notes=[f"trade fair {fair:%d %b} (+2 STD overbooking)", f"stop-sell {stop_sell:%d %b}"],
    )


def _rooms(prop, admin: User, types: dict) -> dict[str, Room]:
    """The rooms of ``city_layout``, by number, with the connecting pairs linked both ways."""
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
    return rooms


def _restrictions(
    prop, admin: User, all_types: list, plans: dict[str, RatePlan], *, today, start, end, rates_end, fair_nights
) -> dt.date:
    """BAR's minimum stays and closed-to-arrival days, and a stop-sell day; returns the stop-sell day.

    Minimum stay of two nights arriving on the eve of a holiday, on December Fridays and
    on the fair; closed to arrival on New Year's Eve and on one date soon; every loaded
    plan closed on one day a few weeks ahead.
    """
    min_stay_days = {h - dt.timedelta(days=1) for h in madrid_holidays(range(start.year, rates_end.year + 1))}
    min_stay_days |= {
        d
        for d in (start + dt.timedelta(days=i) for i in range((rates_end - start).days + 1))
        if d.month == 12 and d.day <= 22 and d.isoweekday() == 5
    }
    min_stay_days.add(min(fair_nights))
    soon = today + dt.timedelta(days=17)
    cta_days = {dt.date(y, 12, 31) for y in range(start.year, rates_end.year + 1)} | {soon}
    stop_sell = today + dt.timedelta(days=max(3, min(45, (end - today).days - 3)))
    if stop_sell in fair_nights or stop_sell == soon:
        stop_sell += dt.timedelta(days=5)
    loaded = [plans[code] for code in CITY_PRICES]  # the plans with prices of their own
    restrict_days(
        property=prop,
        actor=admin,
        room_types=all_types,
        rules=[
            (min_stay_days, [plans["BAR"]], {"min_stay": 2}),
            (cta_days, [plans["BAR"]], {"closed_to_arrival": True}),
            ([stop_sell], loaded, {"closed": True}),
        ],
        start=start,
        end=rates_end,
    )
    return stop_sell


def _companies(prop, admin: User, plans: dict[str, RatePlan]) -> tuple[list[Company], Company, list[Company]]:
    """The companies on the corporate plan, the government agency, and the travel agents."""
    companies = [
        company_create(
            property=prop,
            actor=admin,
            data={
                "name": name,
                "tax_id": tax_id,
                "contact_name": contact,
                "email": f"reservas@{ascii_slug(name.split()[0])}.example.com",
                "phone": f"+34915550{100 + i}",
                "address": "Madrid",
            },
            rate_plans=[plans["CORP"]],
        )
        for i, (name, tax_id, contact) in enumerate(CITY_COMPANIES)
    ]
    government = company_create(property=prop, actor=admin, data=CITY_GOVERNMENT, rate_plans=[plans["GOV"]])
    agents = [
        company_create(
            property=prop,
            actor=admin,
            data={
                "kind": "travel_agent",
                "name": name,
                "tax_id": tax_id,
                "contact_name": contact,
                "email": f"groups@{ascii_slug(name.split()[0])}.example.net",
                "phone": f"+34917770{100 + i}",
            },
            rate_plans=[plans["GRP"], plans["NRF"]],
        )
        for i, (name, tax_id, contact) in enumerate(CITY_TRAVEL_AGENTS)
    ]
    return companies, government, agents


def _profile(occupancy, *, company_ids: list[int], government_id: int, agent_ids: list[int]) -> Profile:
    """How the city hotel sells: leisure, corporate, groups, government and complimentary stays."""
    return Profile(
        occupancy=occupancy,
        los=[0.38, 0.30, 0.17, 0.07, 0.04, 0.02, 0.02],
        nationalities=CITY_NATIONALITIES,
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
                companies=[government_id],
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
