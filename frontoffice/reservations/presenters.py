"""Availability results shaped once for the web page and the API alike."""

from urllib.parse import urlencode

from frontoffice.reservations.messages import block_text
from frontoffice.reservations.selectors import AvailabilityResult


def availability_rows(results: list[AvailabilityResult], search: dict | None = None) -> list[dict]:
    """Per room type: rooms free, reasons it cannot be sold, and each plan's quote or reasons.

    Reasons are ``{"code", "message"}`` with the message in the active language. With
    ``search`` (the query that found them), each rate carries ``book_query``: the
    booking form's query string for that room type and plan.
    """
    rows = []
    for item in results:
        res = item.result
        rates = []
        for option in res.rates:
            plan = item.plans[option.plan_code]
            rate = {
                "plan": plan,
                "quote": option.quote,
                "bookable": option.bookable and not res.blocks,
                "blocks": [{"code": b.code, "message": block_text(b)} for b in option.blocks],
            }
            if search is not None:
                rate["book_query"] = urlencode({**search, "room_type": item.room_type.code, "rate_plan": plan.code})
            rates.append(rate)
        rows.append(
            {
                "room_type": item.room_type,
                "available": res.available,
                "sellable": res.sellable,
                "blocks": [{"code": b.code, "message": block_text(b)} for b in res.blocks],
                "rates": rates,
            }
        )
    return rows
