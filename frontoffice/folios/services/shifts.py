"""Writes for cashier shifts: open a drawer with a float, close it with what was counted.

A cashier has at most one open shift per property: the service checks, and a partial unique
constraint (``cashier_one_open_shift``) is the last guard when two requests race. Closing
locks the shift row, stores the count and closes it in one UPDATE; afterwards the database
refuses any change to the row. Cash payments and refunds need the cashier's open shift
(``domain.shifts.needs_shift``): the postings services ask ``shift_for_money``.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import can, require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.domain.money import money
from frontoffice.core.models import Property
from frontoffice.folios.domain.ledger import MAX_AMOUNT, Kind, PaymentMethod
from frontoffice.folios.domain.shifts import CountRefusal, check_counted, check_float, needs_shift, shift_report
from frontoffice.folios.models import CashierShift, ShiftStatus
from frontoffice.folios.selectors import cashier_shift_entries
from frontoffice.folios.services.inputs import free_text as _text

MANAGE = "core.manage_cashier_shifts"


def count_refusal_text(refusal: CountRefusal) -> str:
    if refusal is CountRefusal.UNKNOWN_METHOD:
        return _("Not a payment method.")
    if refusal is CountRefusal.NEGATIVE:
        return _("An amount counted cannot be negative.")
    if refusal is CountRefusal.TOO_PRECISE:
        return _("Amounts are in cents: at most two decimal places.")
    if refusal is CountRefusal.TOO_LARGE:
        return _("The amount cannot exceed %(max)s.") % {"max": MAX_AMOUNT}
    return _("Give an amount, such as 120.50.")


def _no_shift() -> Conflict:
    return Conflict(
        _("Open your cashier shift first: cash is taken and given back only from an open drawer."),
        code="no_open_shift",
    )


def shift_for_money(*, property: Property, actor, kind: Kind, method: PaymentMethod | str) -> CashierShift | None:
    """The actor's open shift at ``property``, locked until the caller's transaction ends, for a
    payment or refund about to be posted. Refused (409 ``no_open_shift``) when the posting moves
    cash and there is no open shift. Locking means a shift being closed meanwhile either waits
    for the posting or is closed before it, so a closed shift's report never changes."""
    user = actor if getattr(actor, "is_authenticated", False) else None
    shift = None
    if user is not None:
        shift = (
            CashierShift.objects.select_for_update(of=("self",))
            .filter(property=property, cashier=user, status=ShiftStatus.OPEN)
            .first()
        )
    if shift is None and needs_shift(kind=kind, method=method):
        raise _no_shift()
    return shift


def cashier_shift_open(*, property: Property, actor, opening_float: Decimal) -> CashierShift:
    """Open the actor's drawer at ``property`` with ``opening_float`` in it, on the business date.
    Refused (409 ``shift_already_open``) while the actor has one open there."""
    require(actor, "core.take_payments")
    refusal = check_float(opening_float)
    if refusal is not None:
        text = count_refusal_text(refusal)
        raise InvalidInput(text, errors=[{"field": "opening_float", "message": text}])
    opening_float = money(opening_float)
    already = Conflict(
        _("You already have an open cashier shift; close it before opening another."), code="shift_already_open"
    )
    if CashierShift.objects.filter(property=property, cashier=actor, status=ShiftStatus.OPEN).exists():
        raise already
    try:
        with transaction.atomic():
            shift = CashierShift.objects.create(
                property=property,
                cashier=actor,
                business_date=property.business_date,
                opening_float=opening_float,
            )
            audit_record(
                property=property,
                entity="cashier_shift",
                entity_id=shift.pk,
                action="open",
                actor=actor,
                changes={"opening_float": opening_float, "business_date": shift.business_date},
            )
    except IntegrityError:
        # Another request opened one between the check and the insert: the constraint held.
        raise already from None
    return shift


def _counted(counted: dict) -> dict[str, Decimal]:
    if not isinstance(counted, dict):
        text = _("Give the amount counted per payment method.")
        raise InvalidInput(text, errors=[{"field": "counted", "message": text}])
    problems = check_counted(counted)
    if problems:
        errors = [{"field": f"counted.{m}", "message": count_refusal_text(r)} for m, r in problems.items()]
        raise InvalidInput(_("The count is not valid."), code="invalid_count", errors=errors)
    return {m.value: money(counted.get(m.value, 0)) for m in PaymentMethod}


def cashier_shift_close(*, shift: CashierShift, actor, counted: dict, note: str = "") -> CashierShift:
    """Close a shift with what was counted per payment method (a method not given counted zero).

    The cashier closes their own shift; a holder of ``core.manage_cashier_shifts`` closes anyone's.
    A shift is closed once: a second close is refused (409 ``shift_closed``).
    """
    if shift.cashier_id != getattr(actor, "pk", None) and not can(actor, MANAGE):
        raise PermissionDenied(_("Only the cashier or a manager may close this shift."))
    counts = _counted(counted)
    note = _text(note, "note", 200)
    with transaction.atomic():
        locked = CashierShift.objects.select_for_update(of=("self",)).select_related("property").get(pk=shift.pk)
        if locked.status != ShiftStatus.OPEN:
            raise Conflict(_("This cashier shift is already closed."), code="shift_closed")
        report = shift_report(
            opening_float=locked.opening_float, entries=cashier_shift_entries(shift=locked), counted=counts
        )
        now = timezone.now()
        stored = {method: str(amount) for method, amount in counts.items()}
        CashierShift.objects.filter(pk=locked.pk, status=ShiftStatus.OPEN).update(
            status=ShiftStatus.CLOSED, closed_at=now, closed_by=actor, counted=stored, note=note
        )
        audit_record(
            property=locked.property,
            entity="cashier_shift",
            entity_id=locked.pk,
            action="close",
            actor=actor,
            changes={
                "counted": stored,
                "expected": str(report.expected_total),
                "variance": str(report.variance_total),
            },
            reason=note,
        )
    return CashierShift.objects.select_related("property", "cashier", "closed_by").get(pk=shift.pk)
