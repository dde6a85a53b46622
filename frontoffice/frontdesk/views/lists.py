"""The day at a glance and the desk's lists: arrivals, departures, in-house and stayovers.

Each row carries the next action one click away: assign a room, check in, check out, or the
folio. Where the page for an action is not there (or the agent may not use it), the link goes
to the reservation instead.
"""

import datetime as dt

from django.http import Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.vary import vary_on_headers

from frontoffice.frontdesk.forms_lists import DeskListForm
from frontoffice.frontdesk.selectors import DeskRow, ListKind, desk_counts, desk_list, desk_summary
from frontoffice.reservations.domain.status import Status
from frontoffice.reservations.models import STATUS_LABELS
from frontoffice.reservations.views import desk_view, wants_partial

PERMISSION = "core.view_reservations"
PLACEHOLDER = "__CONF__"
TITLES = {
    ListKind.ARRIVALS: gettext_lazy("Arrivals"),
    ListKind.DEPARTURES: gettext_lazy("Departures"),
    ListKind.IN_HOUSE: gettext_lazy("In house"),
    ListKind.STAYOVERS: gettext_lazy("Stayovers"),
}
SLUGS = {
    ListKind.ARRIVALS: "arrivals",
    ListKind.DEPARTURES: "departures",
    ListKind.IN_HOUSE: "in-house",
    ListKind.STAYOVERS: "stayovers",
}
KINDS_BY_SLUG = {slug: kind for kind, slug in SLUGS.items()}


def _url(name: str) -> str | None:
    """The URL of a page taking a confirmation number, with a placeholder; None if there is none."""
    try:
        return reverse(name, args=[PLACEHOLDER])
    except NoReverseMatch:
        return None


class Actions:
    """The next step for each row, from the pages there are and what the user may do; guests in
    house who leave on or before ``day`` are due to check out."""

    def __init__(self, user, day):
        self.day = day
        self.detail = _url("reservations:detail")
        self.folio = _url("folios:folio") if user.has_perm("core.view_folios") else None
        self.assign = _url("frontdesk:assign_room") if user.has_perm("core.assign_rooms") else None
        self.check_in = _url("frontdesk:check_in") if user.has_perm("core.check_in") else None
        self.check_out = _url("frontdesk:check_out") if user.has_perm("core.check_in") else None

    def next(self, row: DeskRow) -> tuple[str, str]:
        expected = row.status in (Status.TENTATIVE, Status.CONFIRMED)
        if expected and row.room_number is None:
            label, url = _("Assign room"), self.assign
        elif expected:
            label, url = _("Check in"), self.check_in
        elif row.status == Status.IN_HOUSE and row.departure <= self.day:
            label, url = _("Check out"), self.check_out or self.folio
        else:
            label, url = _("Folio"), self.folio
        if url is None:
            label, url = _("Open"), self.detail
        return label, url.replace(PLACEHOLDER, row.confirmation)

    def express_of(self, row: DeskRow) -> str | None:
        """A settled guest due out checks out in one click (express check-out)."""
        due_out = row.status == Status.IN_HOUSE and row.departure <= self.day and row.balance == 0
        return self.check_out.replace(PLACEHOLDER, row.confirmation) if due_out and self.check_out else None

    def detail_of(self, row: DeskRow) -> str:
        return self.detail.replace(PLACEHOLDER, row.confirmation)

    def folio_of(self, row: DeskRow) -> str | None:
        return self.folio.replace(PLACEHOLDER, row.confirmation) if self.folio else None


@desk_view(PERMISSION)
def dashboard(request):
    prop = request.property
    form = DeskListForm(request.GET or None)
    summary = desk_summary(property=prop, date=form.chosen_date())
    actions = Actions(request.user, summary.date)
    context = {
        "tomorrow": request.property.business_date + dt.timedelta(days=1),
        "summary": summary,
        "form": form,
        "not_ready": [(r, actions.next(r)) for r in summary.rooms_not_ready],
        "vips": [(r, actions.next(r)) for r in summary.vips_arriving],
        "balances": [(r, actions.next(r)) for r in summary.open_balances],
        "is_business_date": summary.date == prop.business_date,
    }
    return render(request, "frontdesk/dashboard.html", context)


@vary_on_headers("HX-Request")
@desk_view(PERMISSION)
def desk_list_page(request, kind: str):
    kind = KINDS_BY_SLUG.get(kind)
    if kind is None:
        raise Http404(_("No such list."))
    prop = request.property
    form = DeskListForm(request.GET or None)
    day = form.chosen_date() or prop.business_date
    rows = desk_list(property=prop, kind=kind, date=day, filters=form.filters())
    actions = Actions(request.user, day)
    status_labels = {k: str(v) for k, v in STATUS_LABELS.items()}
    items = [
        {
            "row": r,
            "action": actions.next(r),
            "folio": actions.folio_of(r),
            "detail": actions.detail_of(r),
            "express": actions.express_of(r),
            "status": status_labels.get(r.status, r.status),
        }
        for r in rows
    ]
    context = {
        "kind": kind.value,
        "title": TITLES[kind],
        "form": form,
        "items": items,
        "day": day,
        "is_business_date": day == prop.business_date,
    }
    if wants_partial(request):
        return render(request, "frontdesk/_desk_rows.html", context)
    counts = desk_counts(property=prop, date=day)
    query = request.GET.urlencode() if "date" in request.GET else ""
    context["tabs"] = [
        {
            "kind": k.value,
            "title": TITLES[k],
            "count": counts[k.value],
            "url": reverse("frontdesk:list", args=[SLUGS[k]]) + (f"?date={day.isoformat()}" if query else ""),
        }
        for k in ListKind
    ]
    return render(request, "frontdesk/list.html", context)
