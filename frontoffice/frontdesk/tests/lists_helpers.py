"""A desk day to list: guests arriving, leaving, staying on, with rooms, VIPs, a group and a
balance. States the check-in and check-out services would reach are set directly here, so these
tests do not depend on those services."""

import datetime as dt
from decimal import Decimal

from frontoffice.folios.services import folio_for_reservation, folio_post_charge, transaction_codes_install
from frontoffice.guests.models import Company
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.tests.factories import GuestFactory
from frontoffice.reservations.tests.services.test_booking import book

TODAY = dt.date(2026, 6, 1)


def _book(hotel, actor, last_name, *, vip=0, arrival=TODAY, nights=2, **kw):
    guest = GuestFactory(property=hotel.property, last_name=last_name, first_name="Ana", vip_level=vip)
    (res,) = book(hotel, actor, guest=guest, arrival=arrival, nights=nights, **kw)
    return res


def _set(res, **fields):
    Reservation.objects.filter(pk=res.pk).update(**fields)
    res.refresh_from_db()
    return res


def room(hotel, number):
    return next(r for r in hotel.rooms if r.number == number)


def desk_day(hotel, actor) -> dict:
    """Arrivals: Lorca (VIP 2, room 101, 14:00, group with Machado), Machado (no room yet),
    Rosalia (tentative, 10:00, Acme SL), Alberti (checked in today, room 102). Departures: Cernuda
    (in house in 103, leaves today, owes 55.00), Salinas (checked out today). Stayover: Guillen (in
    house in 104 until 3 June). Ferrer (SGL, arriving tomorrow)."""
    acme = Company.objects.create(property=hotel.property, name="Acme SL")
    lorca = _set(_book(hotel, actor, "Lorca", vip=2, eta=dt.time(14, 0)), room=room(hotel, "101"))
    machado = _set(_book(hotel, actor, "Machado"), party=lorca.confirmation)
    rosalia = _set(_book(hotel, actor, "Rosalia", eta=dt.time(10, 0), company=acme), status="tentative")
    alberti = _set(_book(hotel, actor, "Alberti"), status="in_house", room=room(hotel, "102"))
    cernuda = _set(_book(hotel, actor, "Cernuda"), status="in_house", room=room(hotel, "103"))
    cernuda = _set(cernuda, arrival=TODAY - dt.timedelta(days=2), departure=TODAY)
    salinas = _set(_book(hotel, actor, "Salinas"), status="checked_out", room=room(hotel, "105"))
    salinas = _set(salinas, arrival=TODAY - dt.timedelta(days=1), departure=TODAY)
    guillen = _set(_book(hotel, actor, "Guillen", nights=2), status="in_house", room=room(hotel, "104"))
    guillen = _set(guillen, arrival=TODAY - dt.timedelta(days=1), departure=TODAY + dt.timedelta(days=2))
    ferrer = _book(hotel, actor, "Ferrer", arrival=TODAY + dt.timedelta(days=1), type_code="SGL", adults=1)
    transaction_codes_install(property=hotel.property)
    codes = {c.code: c for c in hotel.property.transaction_codes.all()}
    folio = folio_for_reservation(reservation=cernuda, actor=hotel.admin)
    for amount in ("20.10", "20.20", "14.70"):  # float sums would miss the cent
        folio_post_charge(folio=folio, actor=hotel.admin, transaction_code=codes["FB"], unit_amount=Decimal(amount))
    return {
        "lorca": lorca,
        "machado": machado,
        "rosalia": rosalia,
        "alberti": alberti,
        "cernuda": cernuda,
        "salinas": salinas,
        "guillen": guillen,
        "ferrer": ferrer,
        "acme": acme,
    }
