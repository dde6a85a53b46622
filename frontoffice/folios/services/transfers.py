"""Writes for moving money between folios: moving or splitting a charge, transferring a balance,
routing instructions, house folios, closing and reopening a folio, and its credit limit.

A move is a pair of postings sharing a new ``transfer_id``: the source gets the opposite amounts
under the same transaction code (so revenue per code is unchanged) and the target the same
amounts; both point at the posting moved (``transfer_of``) and at the other folio
(``transfer_folio``). Only charges move: a payment or a refund stays with the folio it was
taken on (what may be refunded to a card is worked out per folio), and a credit is moved with
a balance transfer instead. Both folios are locked in a fixed order (by id), so two opposite
transfers never wait on each other.
"""

import uuid
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.domain.money import money
from frontoffice.core.models import Property
from frontoffice.folios.domain.invoice import InvoiceRefusal
from frontoffice.folios.domain.ledger import MAX_AMOUNT, MAX_WINDOWS, Amounts, Department, Kind, kind_of
from frontoffice.folios.domain.transfer import (
    TransferRefusal,
    check_instruction,
    plan_balance_transfer,
    plan_move,
)
from frontoffice.folios.messages import invoice_refusal_text
from frontoffice.folios.models import Folio, FolioKind, FolioStatus, Posting, RoutingInstruction, TransactionCode
from frontoffice.folios.selectors import CHARGE_DEPARTMENTS, folio_balance, posting_invoice
from frontoffice.folios.services.postings import _locked, _locked_in_order, _post, _required_reason, _text
from frontoffice.guests.models import Company
from frontoffice.reservations.models import Reservation


def transfer_refusal_text(refusal: TransferRefusal, **params) -> str:
    if refusal is TransferRefusal.AMOUNT_NOT_POSITIVE:
        return _("The amount must be at least 0.01.")
    if refusal is TransferRefusal.AMOUNT_TOO_LARGE:
        return _("The amount cannot exceed %(max)s.") % {"max": MAX_AMOUNT}
    if refusal is TransferRefusal.AMOUNT_AND_PERCENTAGE:
        return _("Give an amount or a percentage, not both.")
    if refusal is TransferRefusal.PERCENTAGE_OUT_OF_RANGE:
        return _("The percentage must be more than 0 and at most 100.")
    if refusal is TransferRefusal.NOTHING_LEFT:
        return _("All of this posting has already been moved.")
    if refusal is TransferRefusal.EXCEEDS_REMAINING:
        return _("At most %(left)s is left of this posting to move.") % params
    if refusal is TransferRefusal.ZERO_BALANCE:
        return _("This folio has no balance to transfer.")
    if refusal is TransferRefusal.EXCEEDS_BALANCE:
        return _("At most the folio's balance (%(balance)s) can be transferred.") % params
    if refusal is TransferRefusal.CAP_NOT_POSITIVE:
        return _("The daily cap must be more than 0 and at most %(max)s.") % {"max": MAX_AMOUNT}
    if refusal is TransferRefusal.NOTHING_ROUTED:
        return _("Choose at least one transaction code or department to route.")
    if refusal is TransferRefusal.DATES_REVERSED:
        return _("The end date cannot be before the start date.")
    raise ValueError(refusal)


# The field each refusal concerns, for forms that show errors beside their fields.
REFUSAL_FIELD = {
    TransferRefusal.AMOUNT_NOT_POSITIVE: "amount",
    TransferRefusal.AMOUNT_TOO_LARGE: "amount",
    TransferRefusal.AMOUNT_AND_PERCENTAGE: "percentage",
    TransferRefusal.PERCENTAGE_OUT_OF_RANGE: "percentage",
    TransferRefusal.EXCEEDS_REMAINING: "amount",
    TransferRefusal.EXCEEDS_BALANCE: "amount",
    TransferRefusal.CAP_NOT_POSITIVE: "daily_cap",
    TransferRefusal.NOTHING_ROUTED: "transaction_codes",
    TransferRefusal.DATES_REVERSED: "end_date",
}
CONFLICTS = {TransferRefusal.NOTHING_LEFT, TransferRefusal.EXCEEDS_REMAINING, TransferRefusal.ZERO_BALANCE}
CONFLICTS |= {TransferRefusal.EXCEEDS_BALANCE}


def _refuse(refusal, **params) -> None:
    if not isinstance(refusal, TransferRefusal):
        return
    text = transfer_refusal_text(refusal, **params)
    field = REFUSAL_FIELD.get(refusal)
    errors = [{"field": field, "message": text}] if field else []
    if refusal in CONFLICTS:
        raise Conflict(text, code=refusal.value)
    raise InvalidInput(text, code=refusal.value, errors=errors)


def _invalid(field: str, text: str, code: str = "invalid"):
    return InvalidInput(text, code=code, errors=[{"field": field, "message": text}])


def _same_property(folio: Folio, other: Folio) -> None:
    if folio.property_id != other.property_id:
        raise _invalid("target_folio", _("The target folio belongs to another property."), "other_property")


def _line(amounts: Amounts, *, include_tax: bool) -> Decimal:
    """The unit amount of a one-unit line with these amounts, as the property enters prices."""
    return abs(amounts.gross if include_tax else amounts.net)


def _moved_before(original: Posting) -> list[Amounts]:
    """Earlier moves of ``original``, with its sign: minus the legs that left its folio."""
    rows = Posting.objects.filter(transfer_of=original, folio_id=original.folio_id).values_list("net", "tax", "gross")
    return [Amounts(net=-n, tax=-t, gross=-g) for n, t, g in rows]


def posting_transfer(
    *,
    posting: Posting,
    target_folio: Folio,
    actor,
    reason: str,
    amount: Decimal | None = None,
    percentage: Decimal | None = None,
) -> tuple[Posting, Posting]:
    """Move a charge (all that is left of it, ``amount`` of its gross, or ``percentage`` of its
    original gross) to another open folio of the same property. Returns ``(out, in)``: the
    opposite posting on the source folio and the posting on the target."""
    require(actor, "core.transfer_postings")
    original = Posting.objects.select_related("transaction_code", "folio", "transfer_of").get(pk=posting.pk)
    _same_property(original.folio, target_folio)
    if target_folio.pk == original.folio_id:
        raise _invalid("target_folio", _("Choose another folio than the posting's own."), "same_folio")
    if target_folio.kind == FolioKind.DEPOSIT:
        raise _invalid("target_folio", _("Charges cannot be moved to a deposit folio."), "deposit_folio")
    if kind_of(original.transaction_code.department) is not Kind.CHARGE:
        text = _("Only charges can be moved; transfer the balance to move a payment or a credit.")
        raise _invalid("posting", text, "not_a_charge")
    if original.reversal_of_id is not None:
        raise Conflict(_("A reversal cannot be moved."), code="reversal_not_movable")
    if original.transfer_of_id is not None and original.transfer_of.folio_id == original.folio_id:
        raise Conflict(_("This is the opposite entry of a move; move the charge itself."), code="transfer_leg")
    reason = _required_reason(reason)
    with transaction.atomic():
        folios = _locked_in_order([original.folio, target_folio])
        source, target = folios[original.folio_id], folios[target_folio.pk]
        if Posting.objects.filter(reversal_of=original).exists():
            raise Conflict(_("This posting has been reversed; there is nothing to move."), code="already_reversed")
        invoice = posting_invoice(posting=original)
        if invoice is not None:
            raise Conflict(
                invoice_refusal_text(InvoiceRefusal.POSTING_INVOICED, number=invoice.full_number),
                code=InvoiceRefusal.POSTING_INVOICED.value,
            )
        whole = Amounts(net=original.net, tax=original.tax, gross=original.gross)
        moved_before = _moved_before(original)
        plan = plan_move(original=whole, moved_before=moved_before, amount=amount, percentage=percentage)
        if isinstance(plan, TransferRefusal):
            left = whole.gross - sum((m.gross for m in moved_before), Decimal(0))
            _refuse(plan, left=abs(left))
        transfer_id = uuid.uuid4()
        if plan == whole:
            quantity, unit = original.quantity, original.unit_amount
        else:
            quantity, unit = 1, _line(plan, include_tax=source.property.prices_include_vat)
        common = {
            "actor": actor,
            "code": original.transaction_code,
            "quantity": quantity,
            "unit_amount": unit,
            "reason": reason,
            "transfer_id": transfer_id,
            "transfer_of": original,
            "reference": original.reference,
        }
        out = _post(
            folio=source,
            amounts=plan.negated(),
            action="move_out",
            transfer_folio=target,
            description=(_("Moved: %(description)s") % {"description": original.description})[:120],
            audit_extra={"transfer_id": str(transfer_id), "to_folio": target.pk, "moved": original.pk},
            **common,
        )
        into = _post(
            folio=target,
            amounts=plan,
            action="move_in",
            transfer_folio=source,
            description=original.description,
            audit_extra={"transfer_id": str(transfer_id), "from_folio": source.pk, "moved": original.pk},
            **common,
        )
        return out, into


def _transfer_code(property: Property) -> TransactionCode:
    code = (
        TransactionCode.objects.filter(property=property, department=Department.TRANSFER.value, active=True)
        .order_by("code")
        .first()
    )
    if code is None:
        raise Conflict(
            _("No active balance-transfer code; set up the property's transaction codes."), code="no_transaction_code"
        )
    return code


def folio_transfer_balance(
    *, source: Folio, target: Folio, actor, amount: Decimal | None = None, reason: str = ""
) -> tuple[Posting, Posting]:
    """Move a folio's balance (all of it, or ``amount`` of it) to another open folio of the same
    property: two balance-transfer postings without tax, out of the source and into the target,
    sharing one ``transfer_id``. A credit balance moves as a credit. Returns ``(out, in)``."""
    require(actor, "core.transfer_postings")
    _same_property(source, target)
    if source.pk == target.pk:
        raise _invalid("target_folio", _("Choose another folio than the source."), "same_folio")
    if FolioKind.DEPOSIT in (source.kind, target.kind):
        # A deposit leaves its ledger only for its own reservation's bill: at check-in or to settle a fee.
        raise _invalid(
            "target_folio", _("A deposit moves to the guest folio at check-in, not by hand."), "deposit_folio"
        )
    reason = _text(reason, "reason", 200)
    with transaction.atomic():
        folios = _locked_in_order([source, target])
        source, target = folios[source.pk], folios[target.pk]
        balance = folio_balance(folio=source)
        plan = plan_balance_transfer(balance=balance, amount=amount)
        _refuse(plan, balance=balance)
        gross = money(plan)
        code = _transfer_code(source.property)
        transfer_id = uuid.uuid4()
        common = {"actor": actor, "code": code, "quantity": 1, "unit_amount": abs(gross), "reason": reason}
        common |= {"transfer_id": transfer_id}
        out = _post(
            folio=source,
            amounts=Amounts(net=-gross, tax=Decimal("0.00"), gross=-gross),
            action="transfer_out",
            transfer_folio=target,
            description=(_("Balance transferred to %(folio)s") % {"folio": folio_label(target)})[:120],
            audit_extra={"transfer_id": str(transfer_id), "to_folio": target.pk},
            **common,
        )
        into = _post(
            folio=target,
            amounts=Amounts(net=gross, tax=Decimal("0.00"), gross=gross),
            action="transfer_in",
            transfer_folio=source,
            description=(_("Balance transferred from %(folio)s") % {"folio": folio_label(source)})[:120],
            audit_extra={"transfer_id": str(transfer_id), "from_folio": source.pk},
            **common,
        )
        return out, into


def folio_label(folio: Folio) -> str:
    """How staff name a folio: a reservation's window, or a house folio by its name."""
    if folio.reservation_id:
        return _("%(confirmation)s window %(n)d") % {"confirmation": folio.reservation.confirmation, "n": folio.window}
    return folio.name or _("Folio %(id)d") % {"id": folio.pk}


# --- routing instructions ------------------------------------------------------------------


def routing_instruction_create(
    *,
    reservation: Reservation,
    target_folio: Folio,
    actor,
    source_window: int = 1,
    transaction_codes: list[str] | tuple = (),
    departments: list[str] | tuple = (),
    start_date=None,
    end_date=None,
    percentage: Decimal | None = None,
    daily_cap: Decimal | None = None,
) -> RoutingInstruction:
    """Route some of a stay's future charges (posted to ``source_window``) to ``target_folio``:
    those with one of ``transaction_codes`` or in one of ``departments``, posted on a business
    date from ``start_date`` to ``end_date`` (inclusive, either open), all of each charge or
    ``percentage`` of it, and at most ``daily_cap`` a business date."""
    require(actor, "core.transfer_postings")
    if target_folio.property_id != reservation.property_id:
        raise _invalid("target_folio", _("The target folio belongs to another property."), "other_property")
    if not 1 <= int(source_window) <= MAX_WINDOWS:
        text = _("Folio windows go from 1 to %(max)d.") % {"max": MAX_WINDOWS}
        raise _invalid("source_window", text, "window_out_of_range")
    if target_folio.reservation_id == reservation.pk and target_folio.window == source_window:
        raise _invalid("target_folio", _("A window cannot route to itself."), "same_folio")
    if target_folio.kind == FolioKind.DEPOSIT:
        raise _invalid("target_folio", _("Charges cannot be routed to a deposit folio."), "deposit_folio")
    codes = sorted({c.strip().upper() for c in transaction_codes if c and c.strip()})
    departments = sorted({d.strip().lower() for d in departments if d and d.strip()})
    unknown_departments = [d for d in departments if d not in CHARGE_DEPARTMENTS]
    if unknown_departments:
        text = _("Unknown department: %(names)s.") % {"names": ", ".join(unknown_departments)}
        raise _invalid("departments", text)
    known = set(
        TransactionCode.objects.filter(
            property=reservation.property, code__in=codes, department__in=CHARGE_DEPARTMENTS
        ).values_list("code", flat=True)
    )
    unknown = [c for c in codes if c not in known]
    if unknown:
        text = _("Unknown charge code: %(codes)s.") % {"codes": ", ".join(unknown)}
        raise _invalid("transaction_codes", text)
    _refuse(
        check_instruction(
            codes=codes,
            departments=departments,
            start_date=start_date,
            end_date=end_date,
            percentage=percentage,
            daily_cap=daily_cap,
        )
    )
    with transaction.atomic():
        target = _locked(target_folio)
        instruction = RoutingInstruction.objects.create(
            property=reservation.property,
            reservation=reservation,
            source_window=source_window,
            target_folio=target,
            transaction_codes=codes,
            departments=departments,
            start_date=start_date,
            end_date=end_date,
            percentage=None if percentage is None else Decimal(percentage),
            daily_cap=None if daily_cap is None else money(daily_cap),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            property=reservation.property,
            entity="routing_instruction",
            entity_id=instruction.pk,
            action="create",
            actor=actor,
            changes={
                "reservation": reservation.confirmation,
                "source_window": source_window,
                "target_folio": target.pk,
                "transaction_codes": codes,
                "departments": departments,
                "start_date": start_date,
                "end_date": end_date,
                "percentage": percentage,
                "daily_cap": daily_cap,
            },
        )
    return instruction


def routing_instruction_end(*, instruction: RoutingInstruction, actor, reason: str = "") -> RoutingInstruction:
    """Stop routing from now on; what was routed already stays where it went."""
    require(actor, "core.transfer_postings")
    reason = _text(reason, "reason", 200)
    with transaction.atomic():
        locked = RoutingInstruction.objects.select_for_update().get(pk=instruction.pk)
        if not locked.active:
            raise Conflict(_("This routing instruction has already ended."), code="routing_ended")
        locked.active = False
        locked.ended_at = timezone.now()
        locked.save(update_fields=["active", "ended_at"])
        audit_record(
            property=locked.property,
            entity="routing_instruction",
            entity_id=locked.pk,
            action="end",
            actor=actor,
            changes={"active": [True, False]},
            reason=reason,
        )
    return locked


# --- house folios, closing, credit limit ---------------------------------------------------


def folio_open_house(*, property: Property, actor, name: str) -> Folio:
    """Open a house folio: a bill without a reservation (staff meals, a paid-out, an event)."""
    require(actor, "core.post_charges")
    name = _text(name, "name", 120)
    if not name:
        raise _invalid("name", _("Give the house folio a name."), "name_required")
    folio = Folio.objects.create(property=property, kind=FolioKind.HOUSE, name=name, window=1)
    audit_record(
        property=property, entity="folio", entity_id=folio.pk, action="open", actor=actor, changes={"house": name}
    )
    return folio


def folio_close(*, folio: Folio, actor) -> Folio:
    """Close a settled folio (balance zero); a closed folio takes no more postings."""
    require(actor, "core.take_payments")
    with transaction.atomic():
        locked = _locked(folio)
        balance = folio_balance(folio=locked)
        if balance != 0:
            raise Conflict(
                _("The folio is not settled: its balance is %(balance)s %(currency)s; it must be zero to close.")
                % {"balance": balance, "currency": locked.property.currency},
                code="folio_not_settled",
            )
        locked.status = FolioStatus.CLOSED
        locked.closed_at = timezone.now()
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            property=locked.property,
            entity="folio",
            entity_id=locked.pk,
            action="close",
            actor=actor,
            changes={"status": ["open", "closed"]},
        )
    return locked


def folio_reopen(*, folio: Folio, actor, reason: str) -> Folio:
    """Reopen a closed folio (a manager, with a reason), e.g. to post a late charge."""
    require(actor, "core.void_postings")
    reason = _required_reason(reason)
    with transaction.atomic():
        locked = Folio.objects.select_for_update(of=("self",)).select_related("property").get(pk=folio.pk)
        if locked.status == FolioStatus.OPEN:
            raise Conflict(_("This folio is open."), code="folio_open")
        locked.status = FolioStatus.OPEN
        locked.closed_at = None
        locked.save(update_fields=["status", "closed_at"])
        audit_record(
            property=locked.property,
            entity="folio",
            entity_id=locked.pk,
            action="reopen",
            actor=actor,
            changes={"status": ["closed", "open"]},
            reason=reason,
        )
    return locked


def folio_set_credit_limit(*, folio: Folio, actor, credit_limit: Decimal | None) -> Folio:
    """Set (or, with None, remove) the folio's credit limit. Going over it is not refused; the
    folio shows a warning (``selectors.folio_over_credit_limit``)."""
    require(actor, "core.void_postings")
    if credit_limit is not None:
        credit_limit = Decimal(credit_limit)
        if not 0 <= money(credit_limit) <= MAX_AMOUNT:
            text = _("The credit limit goes from 0 to %(max)s.") % {"max": MAX_AMOUNT}
            raise _invalid("credit_limit", text)
        credit_limit = money(credit_limit)
    with transaction.atomic():
        locked = Folio.objects.select_for_update(of=("self",)).select_related("property").get(pk=folio.pk)
        before = locked.credit_limit
        locked.credit_limit = credit_limit
        locked.save(update_fields=["credit_limit"])
        audit_record(
            property=locked.property,
            entity="folio",
            entity_id=locked.pk,
            action="credit_limit",
            actor=actor,
            changes={"credit_limit": [before, credit_limit]},
        )
    return locked


def folio_set_payer(*, folio: Folio, actor, company: Company | None) -> Folio:
    """Bill a window to a company (e.g. window 2: the company pays room and tax) or, with None,
    back to the guest. Invoices issued from the window are made out to that payer."""
    require(actor, "core.transfer_postings")
    if company is not None and company.property_id != folio.property_id:
        raise _invalid("company", _("Unknown company."))
    if folio.kind in (FolioKind.DEPOSIT, FolioKind.HOUSE):
        raise _invalid("folio", _("Only a stay's windows are billed to a company."), "not_a_stay_window")
    with transaction.atomic():
        locked = _locked(folio)
        before = locked.payer_company_id
        locked.payer_company = company
        locked.kind = FolioKind.COMPANY if company is not None else FolioKind.GUEST
        if company is None and locked.reservation_id:
            locked.payer_guest = locked.reservation.guest
        locked.save(update_fields=["payer_company", "payer_guest", "kind"])
        audit_record(
            property=locked.property,
            entity="folio",
            entity_id=locked.pk,
            action="payer",
            actor=actor,
            changes={"payer_company": [before, company.pk if company else None]},
        )
    return locked
