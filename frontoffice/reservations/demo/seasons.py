"""The calendar behind the demo's prices and demand: Madrid's holidays and the seasons.

The city hotel's season sets its price factor and occupancy target (the benchmark uses
them too); the motel has seasons of its own. Friday and Saturday nights are the weekend.
"""

import datetime as dt

WEEKDAY_NIGHTS = {7, 1, 2, 3, 4}  # Sunday to Thursday nights: the business week
WEEKEND_NIGHTS = {5, 6}
CITY_PRICE_FACTOR = {"low": 0.8, "shoulder": 1.0, "high": 1.25, "christmas": 1.3, "fair": 1.5}
CITY_OCCUPANCY = {"low": 0.55, "shoulder": 0.76, "high": 0.86, "christmas": 0.82}


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


def motel_season(day: dt.date) -> str:
    if day.month in (7, 8):
        return "summer"
    if day.month in (1, 2, 11):
        return "low"
    return "mid"
