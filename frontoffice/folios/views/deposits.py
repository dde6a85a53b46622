"""The deposit on the folio page: schedule, what the deposit ledger holds, and taking a deposit."""

from django.contrib import messages
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from frontoffice.core.domain.errors import DomainError
from frontoffice.core.web import show_error, show_form_errors
from frontoffice.folios.forms import DepositForm
from frontoffice.folios.models import Folio, FolioKind, Posting
from frontoffice.folios.services import deposit_held, deposit_schedule, deposit_take
from frontoffice.folios.services.deposits import TAKES_DEPOSIT
from frontoffice.reservations.models import Reservation
from frontoffice.reservations.selectors import reservation_get
from frontoffice.reservations.views import desk_view


def deposit_context(request, res: Reservation, form: DepositForm | None = None) -> dict:
    """What ``folios/_deposit.html`` shows: nothing when no deposit is asked for or held."""
    folio = (
        Folio.objects.filter(reservation=res, kind=FolioKind.DEPOSIT)
        .prefetch_related(Prefetch("postings", queryset=Posting.objects.select_related("transaction_code", "actor")))
        .first()
    )
    schedule = deposit_schedule(reservation=res)
    may_take = request.user.has_perm("core.take_payments") and res.status in TAKES_DEPOSIT
    if not schedule and folio is None and form is None:
        return {"deposit": None}
    return {
        "deposit": {
            "schedule": schedule,
            "held": deposit_held(reservation=res),
            "postings": list(folio.postings.all()) if folio else [],
            "form": (form or DepositForm(prefix="deposit")) if may_take else None,
        }
    }


@require_POST
@desk_view("core.take_payments")
def take_deposit(request, confirmation: str):
    res = reservation_get(property=request.property, confirmation=confirmation)
    if res is None:
        raise Http404(_("No such reservation."))
    form = DepositForm(request.POST, prefix="deposit")
    if form.is_valid():
        d = form.cleaned_data
        try:
            posting = deposit_take(
                reservation=res,
                actor=request.user,
                method=d["method"],
                amount=d["amount"],
                card_brand=d["card_brand"],
                card_last4=d["card_last4"],
                card_token=d["card_token"],
                reference=d["reference"],
            )
        except DomainError as exc:
            show_error(request, exc)
        else:
            messages.success(
                request,
                _("Deposit taken: %(amount)s %(currency)s, held until check-in.")
                % {"amount": -posting.gross, "currency": request.property.currency},
            )
    else:
        show_form_errors(request, form)
    return redirect(reverse("folios:folio", args=[res.confirmation]) + "#deposit")
