"""Deposits: the schedule a reservation's guarantee asks for, payments taken before arrival on
the reservation's deposit folio (the deposit ledger), their move to the guest folio at check-in,
and the cancellation and no-show fees posted to the folio with the deposit applied against them.
"""

import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.domain.money import ZERO, money
from frontoffice.folios.domain.deposits import Due, DueStatus, default_schedule, deposit_to_apply, schedule_status
from frontoffice.folios.domain.ledger import Amounts, check_amount, price_line
from frontoffice.folios.models import DepositRequest, Folio, FolioKind, FolioStatus, Posting, TransactionCode
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.services.postings import _post, folio_for_reservation, folio_post_payment
from frontoffice.folios.services.transfers import _locked_in_order, _transfer_code, folio_label
from frontoffice.rates.domain.policies import deposit_due
from frontoffice.reservations.models import Reservation

# A deposit is taken while the guest has not arrived yet; afterwards payments go to the guest folio.
TAKES_DEPOSIT = {"tentative", "confirmed", "waitlisted"}


def deposit_folio_for(*, reservation: Reservation, actor) -> Folio:
    """The reservation's deposit folio, opened on first use (the reservation row is locked meanwhile)."""
    with transaction.atomic():
        Reservation.objects.select_for_update(of=("self",)).filter(pk=reservation.pk).first()
        folio = Folio.objects.filter(reservation=reservation, kind=FolioKind.DEPOSIT).first()
        if folio is None:
            folio = Folio.objects.create(
                property=reservation.property,
                reservation=reservation,
                window=1,
                kind=FolioKind.DEPOSIT,
                payer_guest=reservation.guest,
                name=_("Deposit"),
            )
            audit_record(
                property=reservation.property,
                entity="folio",
                entity_id=folio.pk,
                action="open_deposit",
                actor=actor,
                changes={"reservation": reservation.confirmation},
            )
    return folio


def deposit_held(*, reservation: Reservation) -> Decimal:
    """What the deposit folio holds for the reservation (positive: money the hotel holds)."""
    folio = Folio.objects.filter(reservation=reservation, kind=FolioKind.DEPOSIT).first()
    return ZERO if folio is None else money(-folio_balance(folio=folio))


def deposit_schedule(*, reservation: Reservation) -> list[DueStatus]:
    """The deposit schedule with what is paid and overdue: the lines set by hand, or else the one
    line the rate plan's guarantee policy asks for (a percentage of the stay's total)."""
    stored = DepositRequest.objects.filter(reservation=reservation, cancelled_at__isnull=True).order_by("due_date")
    lines = [Due(due_date=d.due_date, amount=d.amount) for d in stored]
    if not lines:
        plan = reservation.rate_plan
        amount = deposit_due(guarantee=plan.guarantee, deposit_percent=plan.deposit_percent, total=reservation.total)
        booked_on = timezone.localtime(reservation.created_at, reservation.property.tz).date()
        lines = default_schedule(amount=amount, booked_on=booked_on, arrival=reservation.arrival)
    paid = deposit_held(reservation=reservation) + _applied(reservation)
    return schedule_status(lines, paid=paid, today=reservation.property.business_date)


def _applied(reservation: Reservation) -> Decimal:
    """What has already left the deposit folio for the guest folio (it was paid, so it counts):
    the deposit folio's outgoing transfer postings, which are positive there."""
    grosses = Posting.objects.filter(
        folio__reservation=reservation, folio__kind=FolioKind.DEPOSIT, transfer_id__isnull=False, gross__gt=0
    ).values_list("gross", flat=True)
    return money(sum(grosses, ZERO))


def deposit_schedule_set(*, reservation: Reservation, actor, lines: list[tuple]) -> list[DueStatus]:
    """Replace the deposit schedule with ``lines`` of (due date, amount); an empty list clears it
    back to the policy's default. The replaced lines are kept, marked cancelled."""
    require(actor, "core.take_payments")
    for due_date, amount in lines:
        refusal = check_amount(amount)
        if refusal is not None:
            text = _("Each amount must be more than zero.")
            raise InvalidInput(text, code=refusal.value, errors=[{"field": "amount", "message": text}])
        if due_date > reservation.departure:
            text = _("A deposit falls due before the departure.")
            raise InvalidInput(text, errors=[{"field": "due_date", "message": text}])
    with transaction.atomic():
        Reservation.objects.select_for_update(of=("self",)).filter(pk=reservation.pk).first()
        now = timezone.now()
        DepositRequest.objects.filter(reservation=reservation, cancelled_at__isnull=True).update(cancelled_at=now)
        DepositRequest.objects.bulk_create(
            [
                DepositRequest(
                    property=reservation.property,
                    reservation=reservation,
                    due_date=due_date,
                    amount=money(amount),
                    created_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
                for due_date, amount in lines
            ]
        )
        audit_record(
            property=reservation.property,
            entity="reservation",
            entity_id=reservation.confirmation,
            action="deposit_schedule",
            actor=actor,
            changes={"lines": [[str(d), str(money(a))] for d, a in lines]},
        )
    return deposit_schedule(reservation=reservation)


def deposit_take(*, reservation: Reservation, actor, method: str, amount: Decimal, **card) -> Posting:
    """Take a deposit before arrival: a payment on the reservation's deposit folio. The reservation
    row is locked while its status is checked, so a cancellation cannot slip in between."""
    with transaction.atomic():
        reservation = Reservation.objects.select_for_update(of=("self",)).get(pk=reservation.pk)
        if reservation.status not in TAKES_DEPOSIT:
            raise Conflict(
                _("A deposit is taken before arrival; this reservation is %(status)s. Take a payment on its folio.")
                % {"status": reservation.get_status_display()},
                code="deposit_not_before_arrival",
            )
        folio = deposit_folio_for(reservation=reservation, actor=actor)
        return folio_post_payment(folio=folio, actor=actor, method=method, amount=amount, **card)


def _guest_folio(reservation: Reservation, actor) -> Folio:
    """Where the deposit and fees go on the bill: the lowest open window, or a new window when
    every window is closed (a closed folio is never written to)."""
    folios = list(Folio.objects.filter(reservation=reservation).exclude(kind=FolioKind.DEPOSIT).order_by("window"))
    for folio in folios:
        if folio.status == FolioStatus.OPEN:
            return folio
    window = max((f.window for f in folios), default=0) + 1
    return folio_for_reservation(reservation=reservation, actor=actor, window=window)


def _apply(*, deposit: Folio, guest: Folio, actor, fee: Decimal | None, reason: str) -> Decimal:
    """Move the deposit (all of it, or as much as ``fee``) to the guest folio; both are locked."""
    amount = deposit_to_apply(held=-folio_balance(folio=deposit), fee=fee)
    if amount <= 0:
        return ZERO
    code = _transfer_code(deposit.property)
    transfer_id = uuid.uuid4()
    common = {"actor": actor, "code": code, "quantity": 1, "unit_amount": amount, "reason": reason}
    # The deposit folio's credit shrinks (a positive posting) and the guest folio's grows (negative).
    _post(
        folio=deposit,
        amounts=Amounts(net=amount, tax=ZERO, gross=amount),
        action="deposit_out",
        transfer_id=transfer_id,
        transfer_folio=guest,
        description=(_("Deposit applied to %(folio)s") % {"folio": folio_label(guest)})[:120],
        **common,
    )
    _post(
        folio=guest,
        amounts=Amounts(net=-amount, tax=ZERO, gross=-amount),
        action="deposit_in",
        transfer_id=transfer_id,
        transfer_folio=deposit,
        description=_("Deposit applied"),
        **common,
    )
    return amount


def _locked_pair(reservation: Reservation, actor) -> tuple[Folio | None, Folio]:
    """The deposit folio (if any) and the guest folio money goes to, locked in id order."""
    guest = _guest_folio(reservation, actor)
    deposit = Folio.objects.filter(reservation=reservation, kind=FolioKind.DEPOSIT).first()
    folios = _locked_in_order([f for f in (deposit, guest) if f is not None])
    return (folios[deposit.pk] if deposit else None), folios[guest.pk]


def deposit_apply(*, reservation: Reservation, actor) -> Decimal:
    """At check-in: move everything the deposit folio holds to the guest folio.
    Returns the amount moved (zero when there was no deposit)."""
    with transaction.atomic():
        deposit, guest = _locked_pair(reservation, actor)
        if deposit is None:
            return ZERO
        return _apply(deposit=deposit, guest=guest, actor=actor, fee=None, reason=_("Check-in"))


def _fee_code(property, code: str) -> TransactionCode | None:
    return TransactionCode.objects.filter(property=property, code=code, active=True).first()


def reservation_fee_post(*, reservation: Reservation, actor, code: str, fee: Decimal, reason: str) -> Posting | None:
    """Post a cancellation or no-show fee to the reservation's bill (its lowest open window) and settle it from the
    deposit as far as the deposit goes; what the deposit holds beyond the fee stays refundable.

    Called by the operation that makes the fee due (cancelling, marking a no-show), inside its
    transaction and under its permission. Without the fee's transaction code nothing is posted
    and the audit trail says so, so the night audit can list it."""
    fee = money(fee)
    if fee <= 0:
        return None
    with transaction.atomic():
        tcode = _fee_code(reservation.property, code)
        if tcode is None:
            audit_record(
                property=reservation.property,
                entity="reservation",
                entity_id=reservation.confirmation,
                action="fee_not_posted",
                actor=actor,
                changes={"code": code, "fee": fee},
                reason=_("No active transaction code %(code)s.") % {"code": code},
            )
            return None
        deposit, folio = _locked_pair(reservation, actor)
        amounts = price_line(
            quantity=1,
            unit_amount=fee,
            tax_rate=tcode.tax_rate,
            amounts_include_tax=folio.property.prices_include_vat,
        )
        posting = _post(
            folio=folio,
            actor=actor,
            code=tcode,
            amounts=amounts,
            quantity=1,
            unit_amount=fee,
            action="fee",
            reason=reason[:200],
            description=tcode.name,
        )
        if deposit is not None:
            _apply(deposit=deposit, guest=folio, actor=actor, fee=amounts.gross, reason=reason[:200])
    return posting


def on_reservation_cancelled(sender, *, reservation: Reservation, actor, **kwargs) -> None:
    """Signal receiver: the cancellation fee the reservation recorded goes to its folio."""
    reservation_fee_post(
        reservation=reservation,
        actor=actor,
        code="CXL-FEE",
        fee=reservation.cancellation_fee,
        reason=reservation.cancel_reason or _("Cancellation"),
    )


def on_reservation_no_show(sender, *, reservation: Reservation, actor, **kwargs) -> None:
    """Signal receiver: the no-show fee the reservation recorded goes to its folio."""
    reservation_fee_post(
        reservation=reservation, actor=actor, code="NOSHOW-FEE", fee=reservation.cancellation_fee, reason=_("No-show")
    )


def deposit_return(*, reservation: Reservation, actor, reason: str) -> Decimal:
    """Undo ``deposit_apply`` when a check-in is reverted: what came in from the deposit folio
    and is still on the bill goes back to the deposit folio. Returns the amount moved back."""
    with transaction.atomic():
        deposit = Folio.objects.filter(reservation=reservation, kind=FolioKind.DEPOSIT).first()
        if deposit is None:
            return ZERO
        legs = Posting.objects.filter(transfer_folio=deposit).exclude(folio=deposit)
        by_folio: dict[int, Decimal] = {}
        for folio_id, gross in legs.values_list("folio_id", "gross"):
            by_folio[folio_id] = by_folio.get(folio_id, ZERO) + gross
        moved = ZERO
        for folio_id, net in sorted(by_folio.items()):
            amount = money(-net)
            if amount <= 0:
                continue
            folios = _locked_in_order([deposit, Folio(pk=folio_id)])
            locked_deposit, guest = folios[deposit.pk], folios[folio_id]
            transfer_id = uuid.uuid4()
            common = {"actor": actor, "code": _transfer_code(deposit.property), "quantity": 1, "unit_amount": amount}
            common |= {"reason": reason[:200], "transfer_id": transfer_id}
            _post(
                folio=guest,
                amounts=Amounts(net=amount, tax=ZERO, gross=amount),
                action="deposit_back_out",
                transfer_folio=locked_deposit,
                description=_("Deposit returned to the deposit ledger"),
                **common,
            )
            _post(
                folio=locked_deposit,
                amounts=Amounts(net=-amount, tax=ZERO, gross=-amount),
                action="deposit_back_in",
                transfer_folio=guest,
                description=_("Deposit back from %(folio)s") % {"folio": folio_label(guest)},
                **common,
            )
            moved += amount
        return moved
