"""Shapes shared by the API and the web pages for availability results."""

from frontoffice.rates.models import RatePlan
from frontoffice.reservations.messages import block_text
from frontoffice.reservations.selectors import AvailabilityResult


def availability_rows(results: list[AvailabilityResult], plans: dict[str, RatePlan]) -> list[dict]:
    rows = []
    for item in results:
        res = item.result
        rates = []
        for option in res.rates:
            plan = plans[option.plan_code]
            q = option.quote
            rates.append(
                {
                    "rate_plan": plan.code,
                    "name": plan.display_name,
                    "meal_plan": plan.meal_plan,
                    "refundable": plan.refundable,
                    "bookable": option.bookable and not res.blocks,
                    "room_total": str(q.room_total) if q else None,
                    "vat": str(q.vat_total) if q else None,
                    "city_tax": str(q.city_tax) if q else None,
                    "total": str(q.total) if q else None,
                    "nights": [{"date": n.date, "price": str(n.price)} for n in q.nights] if q else [],
                    "blocks": [{"code": b.code, "message": block_text(b)} for b in option.blocks],
                }
            )
        rows.append(
            {
                "room_type": item.room_type.code,
                "name": item.room_type.name,
                "available": res.available,
                "sellable": res.sellable,
                "blocks": [{"code": b.code, "message": block_text(b)} for b in res.blocks],
                "rates": rates,
            }
        )
    return rows
