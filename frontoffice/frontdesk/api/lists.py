"""The desk's lists (arrivals, departures, in-house, stayovers) and the day at a glance."""

import datetime as dt

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped
from frontoffice.frontdesk.schemas_lists import DeskRowOut, SummaryOut
from frontoffice.frontdesk.selectors import DeskFilters, ListKind, desk_list, desk_summary

router = Router()
PERMISSION = "core.view_reservations"


class ListQuery(Schema):
    date: dt.date | None = None
    vip: bool = False
    unassigned: bool = False
    balance_due: bool = False
    group: bool = False
    party: str = ""
    eta_from: dt.time | None = None
    eta_to: dt.time | None = None
    q: str = ""


def _rows(request, code: str, kind: ListKind, query: ListQuery):
    prop = scoped(request, code, PERMISSION)
    filters = DeskFilters(
        vip=query.vip,
        unassigned=query.unassigned,
        balance_due=query.balance_due,
        group=query.group,
        party=query.party[:12],
        # ETAs are the hotel's wall-clock times: an offset sent with one is ignored.
        eta_from=query.eta_from.replace(tzinfo=None) if query.eta_from else None,
        eta_to=query.eta_to.replace(tzinfo=None) if query.eta_to else None,
        text=query.q[:120],
    )
    return desk_list(property=prop, kind=kind, date=query.date, filters=filters)


LIST_DOC = (
    " Filters: `vip`, `unassigned` (no room yet), `balance_due`, `group` (booked with other rooms or a "
    "group booking), `party` (confirmation of the party's first room), `eta_from`/`eta_to`, `q` (name, "
    "confirmation or room number). `date` defaults to the business date."
)


@router.get("/properties/{code}/arrivals", response=list[DeskRowOut], summary="Arrivals")
@paginate(Pagination)
def arrivals(request, code: str, query: Query[ListQuery]):
    """Stays arriving on the date, expected or already checked in, by ETA then name."""
    return _rows(request, code, ListKind.ARRIVALS, query)


@router.get("/properties/{code}/departures", response=list[DeskRowOut], summary="Departures")
@paginate(Pagination)
def departures(request, code: str, query: Query[ListQuery]):
    """Stays leaving on the date, still in house or checked out (on the business date also guests
    in house after their departure date), by room."""
    return _rows(request, code, ListKind.DEPARTURES, query)


@router.get("/properties/{code}/in-house", response=list[DeskRowOut], summary="In-house guests")
@paginate(Pagination)
def in_house(request, code: str, query: Query[ListQuery]):
    """On the business date the guests in house now; on another date the stays holding a room that
    night; by room."""
    return _rows(request, code, ListKind.IN_HOUSE, query)


@router.get("/properties/{code}/stayovers", response=list[DeskRowOut], summary="Stayovers")
@paginate(Pagination)
def stayovers(request, code: str, query: Query[ListQuery]):
    """In-house guests who neither arrive nor leave on the date, by room."""
    return _rows(request, code, ListKind.STAYOVERS, query)


for operation in (arrivals, departures, in_house, stayovers):
    operation.__doc__ += LIST_DOC


@router.get("/properties/{code}/front-desk/summary", response=SummaryOut, summary="The day at a glance")
def summary(request, code: str, date: dt.date | None = None):
    """Arrivals and departures (to come and done), in-house and stayover counts, rooms left to sell
    that night, arriving guests without a room or whose room is not ready, VIPs arriving and
    departing guests with an open balance."""
    prop = scoped(request, code, PERMISSION)
    return desk_summary(property=prop, date=date)
