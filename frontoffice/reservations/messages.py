"""Why a stay cannot be sold, in the reader's language.

The pure domain names each reason with a stable code and its parameters
(``rates.domain.restrictions.Block``); this turns one into a sentence in the active
language, for the web pages and the API alike.
"""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def day(value: dt.date) -> str:
    return date_format(value, "D j M Y")


def block_text(block) -> str:
    """A reason a stay cannot be sold, in the user's language (by its stable code)."""
    p = block.params or {}
    code = block.code
    if code == "over_occupancy":
        return ngettext(
            "At most %(max)d guest fits in this room type.", "At most %(max)d guests fit in this room type.", p["max"]
        ) % {"max": p["max"]}
    if code == "arrival_in_past":
        return _("Arrival cannot be before the business date.")
    if code == "no_availability":
        return _("No room of this type is free on %(date)s.") % {"date": day(p["date"])}
    if code == "closed":
        return _("Closed for sale on %(date)s.") % {"date": day(p["date"])}
    if code == "closed_to_arrival":
        return _("No arrivals on %(date)s.") % {"date": day(p["date"])}
    if code == "closed_to_departure":
        return _("No departures on %(date)s.") % {"date": day(p["date"])}
    if code == "min_stay":
        return ngettext(
            "Arriving on %(date)s needs a stay of at least %(nights)d night.",
            "Arriving on %(date)s needs a stay of at least %(nights)d nights.",
            p["nights"],
        ) % {"date": day(p["date"]), "nights": p["nights"]}
    if code == "max_stay":
        return ngettext(
            "Arriving on %(date)s allows at most %(nights)d night.",
            "Arriving on %(date)s allows at most %(nights)d nights.",
            p["nights"],
        ) % {"date": day(p["date"]), "nights": p["nights"]}
    if code == "min_advance":
        return ngettext(
            "Must be booked at least %(days)d day before arrival.",
            "Must be booked at least %(days)d days before arrival.",
            p["days"],
        ) % {"days": p["days"]}
    if code == "max_advance":
        return ngettext(
            "Cannot be booked more than %(days)d day before arrival.",
            "Cannot be booked more than %(days)d days before arrival.",
            p["days"],
        ) % {"days": p["days"]}
    if code == "no_rate":
        return _("No price is loaded for %(date)s.") % {"date": day(p["date"])}
    return block.message
