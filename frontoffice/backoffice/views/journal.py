"""The journal page: a period's entries summed per day and per account, and its downloads."""

import datetime as dt

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from frontoffice.backoffice.domain.journal import account_balances, day_totals
from frontoffice.backoffice.exports import journal_beancount, journal_csv
from frontoffice.backoffice.selectors import closed_through, journal_entries
from frontoffice.backoffice.views.reports import PeriodForm
from frontoffice.reservations.views import desk_view

MAX_DAYS = 366


class JournalPeriodForm(PeriodForm):
    max_days = MAX_DAYS


def _period(request) -> tuple[PeriodForm, dt.date | None, dt.date | None]:
    prop = request.property
    last = closed_through(property=prop) or prop.business_date - dt.timedelta(days=1)
    initial = {"start": last.replace(day=1), "end": last}
    form = JournalPeriodForm(request.GET or None, initial=initial)
    if not request.GET:
        return form, initial["start"], initial["end"]
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


@desk_view("core.view_back_office")
def journal_page(request):
    form, start, end = _period(request)
    context = {"form": form, "closed_through": closed_through(property=request.property)}
    if start is not None:
        entries = journal_entries(property=request.property, start=start, end=end)
        days = sorted(day_totals(entries).items())
        context.update(
            start=start,
            end=end,
            entries=len(entries),
            days=[{"date": d, "debits": debits, "credits": credits} for d, (debits, credits) in days],
            accounts=[
                {"account": a, "debit": v if v > 0 else None, "credit": -v if v < 0 else None}
                for a, v in account_balances(entries).items()
            ],
            balanced=all(debits == credits for _d, (debits, credits) in days),
        )
    return render(request, "backoffice/journal.html", context)


@desk_view("core.view_back_office")
def journal_export(request):
    form, start, end = _period(request)
    if start is None:
        return HttpResponse(_("Give a valid period."), status=422, content_type="text/plain; charset=utf-8")
    entries = journal_entries(property=request.property, start=start, end=end)
    code = request.property.code
    if request.GET.get("format") == "beancount":
        response = HttpResponse(journal_beancount(request.property, entries), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{code}-journal-{start}-{end}.beancount"'
    else:
        response = HttpResponse(journal_csv(entries), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{code}-journal-{start}-{end}.csv"'
    return response
