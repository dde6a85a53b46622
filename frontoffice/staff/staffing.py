"""The staffing needs of a property from its forecast: the covers of a schedule problem."""

import datetime as dt

from frontoffice.backoffice.forecast import forecast
from frontoffice.core.models import Property
from frontoffice.rooms.models import Room
from frontoffice.staff.domain.staffing import DayForecast, StaffingRules, covers

DEFAULT_SHIFTS = ("morning", "office", "afternoon", "night")


def staffing_covers(
    *, property: Property, start: dt.date, days: int, rules: StaffingRules | None = None, shifts=DEFAULT_SHIFTS
) -> list[dict]:
    """What each role needs on each shift of each day from ``start``, by the staffing rules, from
    the rooms in use and what is on the books (arrivals, departures, adults in house)."""
    rooms = Room.objects.filter(property=property, active=True).count()
    ahead = forecast(property=property, days=days, start=start)
    return covers(
        [DayForecast(d.date, arrivals=d.arrivals, departures=d.departures, guests=d.adults) for d in ahead],
        rooms=rooms,
        rules=rules or StaffingRules(),
        shifts=shifts,
    )
