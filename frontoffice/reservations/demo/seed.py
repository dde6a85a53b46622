"""The whole demo: the staff, the city hotel and the motel, and a year of bookings for both.

Built in the caller's transaction. Configuration goes through the services with the
administrator as actor; only the bulk history (guests, reservations, their nights and
audit entries) is inserted directly. The same ``seed`` builds the same demo on the same day.
"""

import datetime as dt

from rich.progress import Progress

from frontoffice.core.models import Membership
from frontoffice.guests.models import Guest
from frontoffice.reservations.demo.bookings import seed_bookings
from frontoffice.reservations.demo.city import build_city
from frontoffice.reservations.demo.logins import LOGINS, demo_user_create
from frontoffice.reservations.demo.motel import build_motel

# Who takes the city's phone, email and walk-in bookings.
CITY_BOOKING_STAFF = ("desk1", "desk2", "desk3", "reservations", "manager")


def seed_demo(*, today: dt.date, months_back: int, months_ahead: int, seed: int, progress: Progress) -> dict:
    """Build the whole demo; returns figures for the summary.

    ``months_back`` of history and ``months_ahead`` of bookings around ``today``, the
    business date of both properties; ``progress`` shows each step.
    """
    start = today - dt.timedelta(days=round(months_back * 30.44))
    end = today + dt.timedelta(days=round(months_ahead * 30.44))
    rates_end = max(end + dt.timedelta(days=10), min(today + dt.timedelta(days=364), start + dt.timedelta(days=729)))
    setup = progress.add_task("Users and configuration", total=3)
    users = {login.username: demo_user_create(login) for login in LOGINS}
    admin = users["admin"]
    progress.advance(setup)
    city = build_city(admin=admin, today=today, start=start, end=end, rates_end=rates_end)
    city.agents = [users[u].pk for u in CITY_BOOKING_STAFF]
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
