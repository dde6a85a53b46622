"""Seven days of a ten-room hotel, built through the services and closed by the night audit every
night, checked against figures worked out by hand: every stored statistic of every night, the KPIs
of each night and of the week in both variants (STR / USALI and operational), and the journal.

The hotel: rooms 101–108 are doubles (DBL), 201–202 singles (SGL); the best available rate (BAR)
is 100.00 a night with 10 % VAT included (net 90.91, VAT 9.09), a child adds 10.00 (110.00: net
100.00, VAT 10.00); the non-refundable rate (NRF) is 90.00 and asks for the whole stay as deposit;
the city tax is 2.00 per adult per night (children under 16 exempt). The business date starts on
Monday 1 June 2026 and the audit closes 1 to 7 June.

The stays (all booked on 1 June unless said otherwise):

===  =================================================  =====  =========  ======================
 id  who                                                 room   nights     how it ends
===  =================================================  =====  =========  ======================
 A   Acme's employee, 1 adult, corporate, BAR            101    1–3 June   direct bill to Acme
 B   a complimentary couple, price 0.00                  104    1–2 June   pays city tax by card
 C   the owner's house-use room, 1 adult, price 0.00     202    2–4 June   pays city tax by card
 E   a couple, BAR (card guarantee)                      —      2 June     no-show, fee 100.00
 F   1 adult, NRF, deposit 92.00 by card                 —      5 June     no-show, fee 90.00
 G   a couple, BAR, due 4 June                           —      —          cancelled 3 June, fee
 H   a couple, BAR, due 6 June                           —      —          cancelled 1 June, free
 I   a couple and a child of 8, BAR 110.00               102    1–4 June   moved to 103 on 2 June
 J   1 adult, SGL, booked 1–5 June                       201    1–2 June   leaves early on 3 June
 K   a walk-in, SGL, day use 50.00                       201    —          in and out on 6 June
 L   a couple, BAR, 4–7 June (leaves 8 June)             105    4–7 June   still in house
 M   a couple, BAR                                       106    5–6 June   pays by card
===  =================================================  =====  =========  ======================

Room 102 is out of order on 3–5 June (its air conditioning, the reason I was moved); room 107 is
out of service on 6 June. Every figure below is a literal, worked out by hand in the comments: none
is computed by the product's code.
"""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import transaction

from frontoffice.backoffice.domain.journal import account_balances, day_totals
from frontoffice.backoffice.selectors import journal_entries
from frontoffice.core.models import Property
from frontoffice.folios.models import Folio, FolioKind
from frontoffice.folios.services import (
    deposit_take,
    folio_post_charge,
    folio_post_payment,
    folio_refund,
    folio_transfer_to_account,
    receivable_account_create,
    receivable_payment_record,
    transaction_codes_install,
)
from frontoffice.frontdesk.models import RoomMove
from frontoffice.frontdesk.services import check_in, check_out, room_assign, room_move, room_status_set, walk_in_create
from frontoffice.guests.services import company_create
from frontoffice.nightaudit.domain.statistics import NightCounts, both_kpis
from frontoffice.nightaudit.models import DailyStatistics
from frontoffice.nightaudit.selectors import statistics_counts
from frontoffice.nightaudit.services import night_audit_run
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.services import reservation_cancel
from frontoffice.reservations.tests.factories import BUSINESS_DATE, GuestFactory, make_hotel, make_user
from frontoffice.reservations.tests.services.test_booking import book
from frontoffice.rooms.models import InventoryNight, Room
from frontoffice.rooms.services import room_block_create

D = Decimal
JUNE = {n: dt.date(2026, 6, n) for n in range(1, 9)}
WEEK = [JUNE[n] for n in range(1, 8)]
assert WEEK[0] == BUSINESS_DATE
NO_SHOWS = {"arrivals_pending": "The guests did not come"}


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def morning(day: dt.date) -> dt.datetime:
    """10:00 in Madrid (08:00 UTC) on ``day``: the wall clock while the desk works that date."""
    return dt.datetime.combine(day, dt.time(8, 0), tzinfo=dt.UTC)


# --- building the week, through the services -------------------------------------------------------


def travellers(adults: int, children: int = 0) -> list[dict]:
    """A complete registration: a main guest, the other adults, and children under 14 (no document)."""
    people = []
    for i in range(adults):
        people.append(
            {
                "first_name": f"Adult{i + 1}",
                "last_name": "Ruiz",
                "document_type": "dni",
                "document_number": f"1234567{i}Z",
                "document_country": "ES",
                "nationality": "ES",
                "birth_date": dt.date(1980 + i, 3, 2),
                "address": "Calle Mayor 1, Madrid" if i == 0 else "",
                "is_main": i == 0,
            }
        )
    for i in range(children):
        people.append(
            {
                "first_name": f"Child{i + 1}",
                "last_name": "Ruiz",
                "nationality": "ES",
                "birth_date": dt.date(2018, 1, 10),
                "is_main": False,
            }
        )
    return people


class Week:
    """The hotel, its people and its stays as the scenario leaves them."""

    def __init__(self):
        self.hotel = make_hotel(rooms={"DBL": 8, "SGL": 2})
        prop = self.hotel.property
        # The night audit fixture's transaction codes (and its city tax of 2.00 per adult per night).
        Property.objects.filter(pk=prop.pk).update(city_tax_per_night=D("2.00"))
        prop.refresh_from_db()
        transaction_codes_install(property=prop)
        self.desk = make_user("desk-manager", "front_office_manager", prop)
        self.auditor = make_user("auditor", "night_auditor", prop)
        self.stays: dict[str, Reservation] = {}
        self.account = None  # Acme's city-ledger account, opened on 1 June

    @property
    def property(self) -> Property:
        return self.hotel.property

    def room(self, number: str) -> Room:
        return Room.objects.get(property=self.property, number=number)

    def stay(self, key: str) -> Reservation:
        return Reservation.objects.select_related("property", "room").get(pk=self.stays[key].pk)

    def folio(self, key: str, kind: str = FolioKind.GUEST) -> Folio:
        return Folio.objects.get(reservation=self.stays[key], kind=kind, window=1)

    def book(self, key: str, *, type_code="DBL", plan="BAR", arrival, nights, adults=2, **kw) -> Reservation:
        guest = GuestFactory(property=self.property, last_name=f"Guest{key}")
        (res,) = book(
            self.hotel, self.desk, type_code=type_code, plan=plan, arrival=arrival, nights=nights, guest=guest,
            adults=adults, **kw,
        )  # fmt: skip
        self.stays[key] = res
        return res

    def arrive(self, key: str, room: str, *, children: int = 0) -> None:
        res = self.stay(key)
        room_assign(reservation=res, room=self.room(room), actor=self.desk)
        check_in(reservation=self.stay(key), actor=self.desk, travellers=travellers(res.adults, children), keys=1)

    def pay(self, key: str, amount: str, kind: str = FolioKind.GUEST) -> None:
        folio_post_payment(
            folio=self.folio(key, kind), actor=self.desk, method="card", amount=D(amount), card_brand="Visa",
            card_last4="4242",
        )  # fmt: skip

    def leave(self, key: str) -> None:
        check_out(reservation=self.stay(key), actor=self.desk)

    def close(self, day: dt.date, **overrides) -> None:
        night_audit_run(
            property=self.property, actor=self.auditor, overrides=overrides or None,
            now=AFTER_MIDNIGHT + days((day - BUSINESS_DATE).days),
        )  # fmt: skip
        assert self.property.business_date == day + days(1)


def build_week() -> Week:
    w = Week()
    desk = w.desk

    # --- Monday 1 June ---------------------------------------------------------------------------
    with time_machine.travel(morning(JUNE[1]), tick=False):
        acme = company_create(property=w.property, actor=desk, data={"name": "Acme", "tax_id": "B12345678"})
        w.account = receivable_account_create(
            property=w.property, actor=desk, company=acme, number="CL-ACME", credit_limit=D("1000")
        )
        w.book("A", arrival=JUNE[1], nights=3, adults=1, company=acme, market_segment="corporate")
        w.book(
            "B", arrival=JUNE[1], nights=2, market_segment="complimentary", nightly_price=D("0"),
            override_reason="Travel writers, invited by the hotel",
        )  # fmt: skip
        w.book(
            "C", type_code="SGL", arrival=JUNE[2], nights=3, adults=1, market_segment="house_use",
            nightly_price=D("0"), override_reason="The owner's stay",
        )  # fmt: skip
        w.book("E", arrival=JUNE[2], nights=2)
        w.book("F", type_code="SGL", plan="NRF", arrival=JUNE[5], nights=1, adults=1)
        w.book("G", arrival=JUNE[4], nights=2)
        w.book("H", arrival=JUNE[6], nights=2)
        w.book("I", arrival=JUNE[1], nights=4, children_ages=[8])
        w.book("J", type_code="SGL", arrival=JUNE[1], nights=5, adults=1)
        w.book("L", arrival=JUNE[4], nights=4)
        w.book("M", arrival=JUNE[5], nights=2)
        # F's deposit: the whole stay as booked, 90.00 + 2.00 city tax.
        deposit_take(
            reservation=w.stay("F"), actor=desk, method="card", amount=D("92.00"), card_brand="Visa", card_last4="1111"
        )
        # H cancels five days ahead: free (BAR is free until 48 h before the arrival).
        reservation_cancel(reservation=w.stay("H"), actor=desk, reason="Plans changed", now=morning(JUNE[1]))
        room_block_create(
            room=w.room("107"), actor=desk, kind="out_of_service", start=JUNE[6], end=JUNE[7], reason="Deep clean"
        )
        w.arrive("A", "101")
        w.arrive("B", "104")
        w.arrive("I", "102", children=1)
        w.arrive("J", "201")
    w.close(JUNE[1])

    # --- Tuesday 2 June --------------------------------------------------------------------------
    with time_machine.travel(morning(JUNE[2]), tick=False):
        w.arrive("C", "202")
        folio_post_charge(
            folio=w.folio("A"), actor=desk, transaction_code=w.property.transaction_codes.get(code="FB"),
            unit_amount=D("55.00"), description="Dinner",
        )  # fmt: skip
        room_move(reservation=w.stay("I"), to_room=w.room("103"), actor=desk, reason="Air conditioning broken")
        room_block_create(
            room=w.room("102"), actor=desk, kind="out_of_order", start=JUNE[3], end=JUNE[6], reason="Air conditioning"
        )
    w.close(JUNE[2], **NO_SHOWS)  # E did not come

    # --- Wednesday 3 June ------------------------------------------------------------------------
    with time_machine.travel(morning(JUNE[3]), tick=False):
        w.pay("B", "8.00")  # city tax, 2 adults × 2 nights × 2.00
        w.leave("B")
        w.pay("J", "204.00")  # 2 nights × (100.00 + 2.00)
        w.leave("J")  # booked until 6 June
        w.pay("E", "100.00")  # the no-show fee, charged to the card guaranteeing the booking
        # G cancels 29 hours before the arrival (4 June, 15:00): the first night is due.
        reservation_cancel(reservation=w.stay("G"), actor=desk, reason="Flight cancelled", now=morning(JUNE[3]))
        w.pay("G", "100.00")
    w.close(JUNE[3])

    # --- Thursday 4 June -------------------------------------------------------------------------
    with time_machine.travel(morning(JUNE[4]), tick=False):
        # A's bill: 3 × 100.00 + 3 × 2.00 + 55.00 = 361.00, all to Acme's account.
        folio_transfer_to_account(folio=w.folio("A"), account=w.account, actor=desk)
        w.leave("A")
        w.arrive("L", "105")
    w.close(JUNE[4])

    # --- Friday 5 June ---------------------------------------------------------------------------
    with time_machine.travel(morning(JUNE[5]), tick=False):
        w.pay("I", "456.00")  # 4 × 110.00 + 4 × 4.00
        w.leave("I")
        w.pay("C", "6.00")  # 3 × 2.00
        w.leave("C")
        w.arrive("M", "106")
    w.close(JUNE[5], **NO_SHOWS)  # F did not come

    # --- Saturday 6 June -------------------------------------------------------------------------
    with time_machine.travel(morning(JUNE[6]), tick=False):
        room_status_set(room=w.room("201"), actor=desk, condition="inspected")
        guest = GuestFactory(property=w.property, last_name="GuestK")
        w.stays["K"] = walk_in_create(
            property=w.property, actor=desk, room_type=w.hotel.room_types["SGL"], rate_plan=w.hotel.plans["BAR"],
            nights=1, guest=guest,
        )  # fmt: skip
        w.arrive("K", "201")
        folio_post_charge(
            folio=w.folio("K"), actor=desk, transaction_code=w.property.transaction_codes.get(code="ROOM"),
            unit_amount=D("50.00"), description="Day use 10:00-18:00",
        )  # fmt: skip
        w.pay("K", "50.00")
        w.leave("K")
        # F's deposit beyond the no-show fee goes back to the card: 92.00 − 90.00.
        folio_refund(
            folio=w.folio("F", FolioKind.DEPOSIT), actor=desk, method="card", amount=D("2.00"),
            reason="Deposit beyond the no-show fee",
        )  # fmt: skip
        receivable_payment_record(
            account=w.account, actor=desk, amount=D("361.00"), method="bank_transfer", reference="ACME 0606", auto=True
        )
    w.close(JUNE[6])

    # --- Sunday 7 June ---------------------------------------------------------------------------
    with time_machine.travel(morning(JUNE[7]), tick=False):
        w.pay("M", "208.00")  # 2 × (100.00 + 4.00)
        w.leave("M")
    w.close(JUNE[7])
    return w


@pytest.fixture(scope="module")
def week(django_db_setup, django_db_blocker):
    """The week, built once for the module inside a transaction rolled back at its end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_week()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


pytestmark = pytest.mark.django_db


# --- the nights, by hand ----------------------------------------------------------------------------
#
# Room revenue is the net of the rooms department's postings of the date: a BAR night of 100.00 is
# 90.91 net, I's night of 110.00 is 100.00 net, B's and C's nights of 0.00 are 0.00, K's day use of
# 50.00 is 45.45 net (VAT 50 × 10 / 110 = 4.545… → 4.55). "taxes" is the city tax of the date.

BLOCKED = {"out_of_order": 0, "out_of_service": 0}
STATISTICS = {
    # 1 June. In house tonight: A (1 adult), B (comp, 2), I (2 + child), J (1): occupied 4, comp 1,
    # sold 3; all four arrived today. H cancelled (free). Guests 1 + 2 + 3 + 1 = 7.
    # Rooms 90.91 (A) + 0.00 (B) + 100.00 (I) + 90.91 (J) = 281.82.
    # City tax 2.00 (A) + 4.00 (B) + 4.00 (I: the child is exempt) + 2.00 (J) = 12.00.
    # Payments: F's deposit, 92.00 by card.
    JUNE[1]: dict(
        physical_rooms=10, **BLOCKED, occupied=4, complimentary=1, house_use=0, day_use=0,
        arrivals=4, departures=0, no_shows=0, cancellations=1, guests=7,
        room_revenue=D("281.82"), fees=D("0.00"),
        revenue_by_department={"rooms": "281.82", "taxes": "12.00"},
        payments_by_method={"card": "92.00"}, refunds_by_method={},
        ledger_closing={"guest": "322.00", "deposit": "-92.00", "city": "0.00"},
    ),
    # 2 June. C arrives (house use): in house A, B, I (now in 103), J, C: occupied 5, comp 1,
    # house use 1, sold 3. E is a no-show: fee 100.00 (first night, no VAT). A's dinner: 55.00,
    # F&B net 50.00. Guests 1 + 2 + 3 + 1 + 1 = 8. Rooms 90.91 + 0 + 100.00 + 90.91 + 0 = 281.82.
    # City tax 2 + 4 + 4 + 2 + 2 = 14.00.
    JUNE[2]: dict(
        physical_rooms=10, **BLOCKED, occupied=5, complimentary=1, house_use=1, day_use=0,
        arrivals=1, departures=0, no_shows=1, cancellations=0, guests=8,
        room_revenue=D("281.82"), fees=D("100.00"),
        revenue_by_department={"fees": "100.00", "food_beverage": "50.00", "rooms": "281.82", "taxes": "14.00"},
        payments_by_method={}, refunds_by_method={},
        ledger_closing={"guest": "801.00", "deposit": "-92.00", "city": "0.00"},
    ),
    # 3 June. Room 102 out of order. B leaves, J leaves early (2 of 5 nights): departures 2. In
    # house A, I, C: occupied 3, house use 1, sold 2. G cancels inside 48 h: fee 100.00.
    # Guests 1 + 3 + 1 = 5. Rooms 90.91 + 100.00 + 0 = 190.91. City tax 2 + 4 + 2 = 8.00.
    # Card: B 8.00 + J 204.00 + E's fee 100.00 + G's fee 100.00 = 412.00.
    JUNE[3]: dict(
        physical_rooms=10, out_of_order=1, out_of_service=0, occupied=3, complimentary=0, house_use=1,
        day_use=0, arrivals=0, departures=2, no_shows=0, cancellations=1, guests=5,
        room_revenue=D("190.91"), fees=D("100.00"),
        revenue_by_department={"fees": "100.00", "rooms": "190.91", "taxes": "8.00"},
        payments_by_method={"card": "412.00"}, refunds_by_method={},
        ledger_closing={"guest": "707.00", "deposit": "-92.00", "city": "0.00"},
    ),
    # 4 June. 102 still out of order. A leaves, billed to Acme (361.00 direct bill); L arrives.
    # In house I, C, L: occupied 3, house use 1, sold 2. Guests 3 + 1 + 2 = 6.
    # Rooms 100.00 + 0 + 90.91 = 190.91. City tax 4 + 2 + 4 = 10.00.
    JUNE[4]: dict(
        physical_rooms=10, out_of_order=1, out_of_service=0, occupied=3, complimentary=0, house_use=1,
        day_use=0, arrivals=1, departures=1, no_shows=0, cancellations=0, guests=6,
        room_revenue=D("190.91"), fees=D("0.00"),
        revenue_by_department={"rooms": "190.91", "taxes": "10.00"},
        payments_by_method={"direct_bill": "361.00"}, refunds_by_method={},
        ledger_closing={"guest": "566.00", "deposit": "-92.00", "city": "361.00"},
    ),
    # 5 June. 102's last night out of order. I and C leave (departures 2), M arrives; F is a no-show:
    # fee 90.00 (first night of NRF), settled from the deposit. In house L, M: occupied 2, sold 2.
    # Guests 4. Rooms 2 × 90.91 = 181.82. City tax 2 × 4.00 = 8.00. Card: I 456.00 + C 6.00 = 462.00.
    JUNE[5]: dict(
        physical_rooms=10, out_of_order=1, out_of_service=0, occupied=2, complimentary=0, house_use=0,
        day_use=0, arrivals=1, departures=2, no_shows=1, cancellations=0, guests=4,
        room_revenue=D("181.82"), fees=D("90.00"),
        revenue_by_department={"fees": "90.00", "rooms": "181.82", "taxes": "8.00"},
        payments_by_method={"card": "462.00"}, refunds_by_method={},
        ledger_closing={"guest": "312.00", "deposit": "-2.00", "city": "361.00"},
    ),
    # 6 June. 102 back in order (its block ended), 107 out of service. K in and out the same day:
    # day use 1, an arrival and a departure, revenue but no room sold. In house L, M: occupied 2,
    # sold 2. Guests 4. Rooms 45.45 (K) + 2 × 90.91 = 227.27. City tax 8.00. Card 50.00 (K);
    # 2.00 refunded to F's card. Acme's 361.00 by bank is the back office's, not a folio payment.
    JUNE[6]: dict(
        physical_rooms=10, out_of_order=0, out_of_service=1, occupied=2, complimentary=0, house_use=0,
        day_use=1, arrivals=1, departures=1, no_shows=0, cancellations=0, guests=4,
        room_revenue=D("227.27"), fees=D("0.00"),
        revenue_by_department={"rooms": "227.27", "taxes": "8.00"},
        payments_by_method={"card": "50.00"}, refunds_by_method={"card": "2.00"},
        ledger_closing={"guest": "520.00", "deposit": "0.00", "city": "0.00"},
    ),
    # 7 June. M leaves: departures 1. In house L: occupied 1, sold 1. Guests 2. Rooms 90.91.
    # City tax 4.00. Card 208.00 (M).
    # K, the day use, left on 6 June and is counted there only: departures are the desk's
    # check-out records of the date, not the stays' departure dates (K's stays arrival + 1).
    JUNE[7]: dict(
        physical_rooms=10, **BLOCKED, occupied=1, complimentary=0, house_use=0, day_use=0,
        arrivals=0, departures=1, no_shows=0, cancellations=0, guests=2,
        room_revenue=D("90.91"), fees=D("0.00"),
        revenue_by_department={"rooms": "90.91", "taxes": "4.00"},
        payments_by_method={"card": "208.00"}, refunds_by_method={},
        ledger_closing={"guest": "416.00", "deposit": "0.00", "city": "0.00"},
    ),
}  # fmt: skip

# KPIs: occupancy = sold ÷ available (percent), ADR = room revenue ÷ sold, RevPAR = room revenue ÷
# available, half up to the cent. STR / USALI: available = 10 physical rooms (out of order kept in);
# operational: 10 − out of order. Each row: (available, sold, occupancy, ADR, RevPAR).
KPIS = {
    # 281.82 / 3 = 93.94; 281.82 / 10 = 28.182
    JUNE[1]: {"usali": (10, 3, "30.00", "93.94", "28.18"), "operational": (10, 3, "30.00", "93.94", "28.18")},
    JUNE[2]: {"usali": (10, 3, "30.00", "93.94", "28.18"), "operational": (10, 3, "30.00", "93.94", "28.18")},
    # 190.91 / 2 = 95.455 → 95.46; / 10 = 19.091; operational 2 / 9 = 22.22 %, 190.91 / 9 = 21.212
    JUNE[3]: {"usali": (10, 2, "20.00", "95.46", "19.09"), "operational": (9, 2, "22.22", "95.46", "21.21")},
    JUNE[4]: {"usali": (10, 2, "20.00", "95.46", "19.09"), "operational": (9, 2, "22.22", "95.46", "21.21")},
    # 181.82 / 2 = 90.91; / 10 = 18.182; / 9 = 20.202
    JUNE[5]: {"usali": (10, 2, "20.00", "90.91", "18.18"), "operational": (9, 2, "22.22", "90.91", "20.20")},
    # 227.27 / 2 = 113.635 → 113.64 (the day use's revenue, not its room); / 10 = 22.727
    JUNE[6]: {"usali": (10, 2, "20.00", "113.64", "22.73"), "operational": (10, 2, "20.00", "113.64", "22.73")},
    JUNE[7]: {"usali": (10, 1, "10.00", "90.91", "9.09"), "operational": (10, 1, "10.00", "90.91", "9.09")},
}

# The week: 70 room-nights, 3 of them out of order (102 on 3–5 June), 1 out of service; occupied
# 4+5+3+3+2+2+1 = 20, comp 2 (B), house use 3 (C), sold 3+3+2+2+2+2+1 = 15; arrivals 4+1+0+1+1+1+0
# = 8, departures 0+0+2+1+2+1+1 = 7 (the product sums 8: K's departure twice, see 7 June).
# Room revenue 281.82 + 281.82 + 190.91 + 190.91 + 181.82 + 227.27 + 90.91 = 1,445.46
# (= 11 BAR nights × 90.91 + 4 × 100.00 + 45.45).
WEEK_COUNTS = NightCounts(
    physical=70, out_of_order=3, out_of_service=1, occupied=20, complimentary=2, house_use=3, day_use=1,
    arrivals=8, departures=7, no_shows=2, cancellations=2,
)  # fmt: skip
WEEK_ROOM_REVENUE = D("1445.46")
# 15 / 70 = 21.428 %; 1445.46 / 15 = 96.364; / 70 = 20.649. Operational: 15 / 67 = 22.388 %;
# 1445.46 / 67 = 21.574.
WEEK_KPIS = {"usali": (70, 15, "21.43", "96.36", "20.65"), "operational": (67, 15, "22.39", "96.36", "21.57")}

# The journal's debits of each day (= its credits):
# 1 June: charges 102 (A) + 4 (B's tax; its 0.00 room has no line) + 114 (I) + 102 (J) = 322, and
#         the card account debited with F's deposit 92: 414.00.
# 2 June: 55 + 100 (E's fee) + 102 + 4 + 114 + 102 + 2 (C's tax) = 479.00.
# 3 June: charges 102 + 114 + 2 + 100 (G's fee) = 318, card 412: 730.00.
# 4 June: charges 114 + 2 + 104 (L) = 220, city ledger 361: 581.00.
# 5 June: charges 104 + 104 + 90 (F's fee) = 298, card 462, F's deposit applied (deposit ledger 90,
#         transfer clearing 90): 940.00.
# 6 June: charges 50 + 104 + 104 = 258, card 50, the refund (deposit ledger 2), Acme's bank 361: 671.00.
# 7 June: charge 104, card 208: 312.00.
DAY_DEBITS = {
    JUNE[1]: "414.00", JUNE[2]: "479.00", JUNE[3]: "730.00", JUNE[4]: "581.00",
    JUNE[5]: "940.00", JUNE[6]: "671.00", JUNE[7]: "312.00",
}  # fmt: skip

# The week's balance of every account (debit positive):
# room revenue −1,445.46; F&B −50.00; VAT: 11 × 9.09 + 4 × 10.00 + 4.55 (K) + 5.00 (dinner) = 149.54;
# city tax 12 + 14 + 8 + 10 + 8 + 8 + 4 = 64.00; no-show fees 100 (E) + 90 (F) = 190.00;
# cancellation fees 100.00 (G); card 92 + 412 + 462 + 50 + 208 − 2 = 1,222.00; bank 361.00 (Acme);
# city ledger 361 − 361 = 0.00; deposit ledger −92 + 90 + 2 = 0.00; transfer clearing +90 − 90 = 0.00;
# guest ledger: charges 1,590 (rooms gross) + 64 + 55 + 290 (fees) = 1,999, less card 1,132 (on guest
# folios), direct bill 361 and the deposit applied 90 = 416.00, what L owes (4 × 104.00).
# Debits 1,222 + 361 + 416 = 1,999.00 = credits 1,445.46 + 50 + 149.54 + 64 + 190 + 100.
ACCOUNTS = {
    "4300 City ledger": D("0.00"),
    "4309 Guest ledger transfers": D("0.00"),
    "4310 Guest ledger": D("416.00"),
    "4385 Deposit ledger": D("0.00"),
    "4759 City tax payable": D("-64.00"),
    "4770 VAT payable": D("-149.54"),
    "5720 Bank": D("361.00"),
    "5720 Card clearing": D("1222.00"),
    "7000 Room revenue": D("-1445.46"),
    "7010 F&B revenue": D("-50.00"),
    "7591 Cancellation fees": D("-100.00"),
    "7592 No-show fees": D("-190.00"),
}


# --- the tests ---------------------------------------------------------------------------------------


def stored(week: Week, day: dt.date) -> DailyStatistics:
    return DailyStatistics.objects.get(property=week.property, date=day)


def test_the_week_happened_as_told(week):
    """The scenario itself: statuses, fees and the room history the figures rest on."""
    status = {k: (r.status, r.departure, r.cancellation_fee) for k, r in ((k, week.stay(k)) for k in week.stays)}
    assert status == {
        "A": ("checked_out", JUNE[4], D("0.00")),
        "B": ("checked_out", JUNE[3], D("0.00")),
        "C": ("checked_out", JUNE[5], D("0.00")),
        "E": ("no_show", JUNE[4], D("100.00")),
        "F": ("no_show", JUNE[6], D("90.00")),
        "G": ("cancelled", JUNE[6], D("100.00")),
        "H": ("cancelled", JUNE[8], D("0.00")),
        "I": ("checked_out", JUNE[5], D("0.00")),
        "J": ("checked_out", JUNE[3], D("0.00")),  # shortened from 6 June
        "K": ("checked_out", JUNE[7], D("0.00")),
        "L": ("in_house", JUNE[8], D("0.00")),
        "M": ("checked_out", JUNE[7], D("0.00")),
    }
    move = RoomMove.objects.get(reservation=week.stays["I"])
    assert (move.from_room.number, move.to_room.number, move.business_date) == ("102", "103", JUNE[2])
    assert week.property.business_date == JUNE[8]


@pytest.mark.parametrize("day", WEEK, ids=[d.isoformat() for d in WEEK])
def test_each_nights_statistics_are_the_hand_computed_ones(week, day):
    s = stored(week, day)
    got = dict(
        physical_rooms=s.physical_rooms, out_of_order=s.out_of_order, out_of_service=s.out_of_service,
        occupied=s.occupied, complimentary=s.complimentary, house_use=s.house_use, day_use=s.day_use,
        arrivals=s.arrivals, departures=s.departures, no_shows=s.no_shows, cancellations=s.cancellations,
        guests=s.guests, room_revenue=s.room_revenue, fees=s.fees, revenue_by_department=s.revenue_by_department,
        payments_by_method=s.payments_by_method, refunds_by_method=s.refunds_by_method,
        ledger_closing={name: ledger["closing"] for name, ledger in s.ledgers.items()},
    )  # fmt: skip
    assert got == STATISTICS[day]


def as_row(k) -> tuple:
    return (k.available, k.sold, str(k.occupancy), str(k.adr), str(k.revpar))


@pytest.mark.parametrize("day", WEEK, ids=[d.isoformat() for d in WEEK])
def test_each_nights_kpis_in_both_variants(week, day):
    s = stored(week, day)
    kpis = both_kpis(statistics_counts(s), s.room_revenue)
    assert {variant: as_row(k) for variant, k in kpis.items()} == KPIS[day]


def week_totals(week: Week) -> tuple[NightCounts, Decimal, Decimal]:
    """The week's counts (the sum of its nights), room revenue and fees, from the stored nights."""
    rows = [stored(week, day) for day in WEEK]
    counts = sum((statistics_counts(s) for s in rows), NightCounts())
    return counts, sum((s.room_revenue for s in rows), D("0.00")), sum((s.fees for s in rows), D("0.00"))


def test_the_weeks_kpis_in_both_variants(week):
    counts, revenue, fees = week_totals(week)
    assert (counts.sold, revenue, fees) == (15, WEEK_ROOM_REVENUE, D("290.00"))  # fees 100 + 100 + 90, apart
    kpis = both_kpis(counts, revenue)
    assert {variant: as_row(k) for variant, k in kpis.items()} == WEEK_KPIS


def test_the_weeks_counts_are_the_hand_computed_ones(week):
    counts, _revenue, _fees = week_totals(week)
    # Fails on departures (8 instead of 7) while K's day use is counted again on 7 June: see STATISTICS.
    assert counts == WEEK_COUNTS


def test_every_day_of_the_journal_balances(week):
    entries = journal_entries(property=week.property, start=JUNE[1], end=JUNE[7])
    totals = day_totals(entries)
    assert {day: (str(debits), str(credits)) for day, (debits, credits) in totals.items()} == {
        day: (amount, amount) for day, amount in DAY_DEBITS.items()
    }


def test_the_weeks_account_balances(week):
    entries = journal_entries(property=week.property, start=JUNE[1], end=JUNE[7])
    assert account_balances(entries) == ACCOUNTS


def test_the_day_use_gives_its_unused_night_back_to_inventory(week):
    """On the night of 6 June both singles are empty: J left early on 3 June, C on 5 June, F did not
    come, and K, the day use, left at 18:00 without using the night it was booked for."""
    night = InventoryNight.objects.get(room_type=week.hotel.room_types["SGL"], date=JUNE[6])
    # A check-out on the arrival date gives every night back (reservation_stay_end): the single
    # can be sold again tonight.
    assert night.sold == 0
