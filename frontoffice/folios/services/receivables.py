"""Writes for the city ledger: company accounts, transferring a folio balance to an account at
check-out (direct billing), and payments received by the back office with their allocations.

Every write that moves money locks the account row (``select_for_update``) before it reads
the balance or the open amounts, so two clients cannot both pass the credit check or both
allocate the same cash. Open items, payments and allocations are only ever inserted; the
database refuses updates and deletes.
"""

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from frontoffice.core.access import can, require
from frontoffice.core.audit import audit_record, diff, snapshot
from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.domain.money import ZERO, money
from frontoffice.folios.domain.card import looks_like_card_number
from frontoffice.folios.domain.ledger import MAX_AMOUNT, Department, Kind, PaymentMethod, check_amount, money_amounts
from frontoffice.folios.domain.receivables import (
    Item,
    Refusal,
    allocate_oldest_first,
    check_allocations,
    check_credit,
    check_direct_bill,
    check_terms,
    credit_available,
    due_date,
)
from frontoffice.folios.models import (
    Allocation,
    Folio,
    OpenItem,
    ReceivableAccount,
    ReceivablePayment,
)
from frontoffice.folios.selectors import folio_balance
from frontoffice.folios.selectors_receivables import receivable_account_balance
from frontoffice.folios.services.postings import _code_for, _locked, _method, _post, _refuse, _text
from frontoffice.guests.models import Company

ACCOUNT_FIELDS = ["number", "credit_limit", "payment_terms_days", "direct_bill_allowed", "active"]


def refusal_text(refusal: Refusal, **params) -> str:
    if refusal is Refusal.ALLOCATION_NOT_POSITIVE:
        return _("Each allocation must be a positive amount in cents.")
    if refusal is Refusal.ALLOCATION_EXCEEDS_PAYMENT:
        return _("The allocations exceed what is left of the payment (%(available)s).") % params
    if refusal is Refusal.ALLOCATION_EXCEEDS_OPEN:
        return _("An allocation exceeds what is still open on its item.")
    if refusal is Refusal.ITEM_NOT_OPEN:
        return _("Allocate only to this account's items with something still open.")
    if refusal is Refusal.ITEM_TWICE:
        return _("Each item may appear once.")
    if refusal is Refusal.NOTHING_TO_ALLOCATE:
        return _("Nothing to allocate: choose items, or allocate oldest first.")
    if refusal is Refusal.NO_CREDIT:
        return _("Account %(number)s has no credit (its limit is 0).") % params
    if refusal is Refusal.CREDIT_LIMIT_EXCEEDED:
        return (
            _("This would exceed the credit limit of account %(number)s: at most %(available)s may be billed to it.")
            % params
        )
    if refusal is Refusal.ACCOUNT_INACTIVE:
        return _("Account %(number)s is inactive.") % params
    if refusal is Refusal.DIRECT_BILL_NOT_ALLOWED:
        return _("Account %(number)s does not allow direct billing.") % params
    if refusal is Refusal.TERMS_OUT_OF_RANGE:
        return _("Payment terms go from 0 to 365 days.")
    raise ValueError(refusal)


def _refuse_ar(refusal: Refusal | None, *, field: str = "", invalid: bool = False, **params) -> None:
    if refusal is None:
        return
    text = refusal_text(refusal, **params)
    errors = [{"field": field, "message": text}] if field else []
    if invalid:
        raise InvalidInput(text, code=refusal.value, errors=errors)
    raise Conflict(text, code=refusal.value, errors=errors)


def _invalid(field: str, text: str, code: str = "invalid"):
    return InvalidInput(text, code=code, errors=[{"field": field, "message": text}])


def _clean_account(data: dict) -> dict:
    """Validate the account fields present in ``data``; raise InvalidInput listing every problem."""
    clean, errors = {}, []
    if "number" in data:
        number = (data["number"] or "").strip().upper()
        if looks_like_card_number(number):
            errors.append({"field": "number", "message": _("Looks like a card number.")})
        elif not number or len(number) > 20:
            errors.append({"field": "number", "message": _("An account number of 1 to 20 characters.")})
        clean["number"] = number
    if "credit_limit" in data:
        try:
            limit = Decimal(data["credit_limit"])
            if not limit.is_finite() or limit < 0 or limit > MAX_AMOUNT or money(limit) != limit:
                raise ValueError
            clean["credit_limit"] = money(limit)
        except (ArithmeticError, ValueError, TypeError):
            errors.append({"field": "credit_limit", "message": _("From 0 to %(max)s, in cents.") % {"max": MAX_AMOUNT}})
    if "payment_terms_days" in data:
        days = data["payment_terms_days"]
        if not isinstance(days, int) or isinstance(days, bool) or check_terms(days):
            errors.append({"field": "payment_terms_days", "message": refusal_text(Refusal.TERMS_OUT_OF_RANGE)})
        clean["payment_terms_days"] = days
    for flag in ("direct_bill_allowed", "active"):
        if flag in data:
            clean[flag] = bool(data[flag])
    if errors:
        raise InvalidInput(_("The account is not valid."), errors=errors)
    return clean


def _check_unique(property, *, number: str | None = None, company: Company | None = None, exclude=None) -> None:
    others = ReceivableAccount.objects.filter(property=property).exclude(pk=exclude)
    if number is not None and others.filter(number=number).exists():
        raise Conflict(
            _("Account number %(number)s is already in use.") % {"number": number},
            code="account_number_taken",
            errors=[{"field": "number", "message": _("Already in use.")}],
        )
    if company is not None and others.filter(company=company).exists():
        raise Conflict(
            _("%(company)s already has an account.") % {"company": company.name},
            code="company_has_account",
            errors=[{"field": "company", "message": _("Already has an account.")}],
        )


def receivable_account_create(
    *,
    property,
    actor,
    company: Company,
    number: str,
    credit_limit: Decimal = ZERO,
    payment_terms_days: int = 30,
    direct_bill_allowed: bool = True,
    active: bool = True,
) -> ReceivableAccount:
    """Open a company's account in the city ledger: one per company and property, numbers unique."""
    require(actor, "core.manage_receivables")
    if company.property_id != property.pk:
        raise _invalid("company", _("Unknown company."))
    data = _clean_account(
        {
            "number": number,
            "credit_limit": credit_limit,
            "payment_terms_days": payment_terms_days,
            "direct_bill_allowed": direct_bill_allowed,
            "active": active,
        }
    )
    try:
        with transaction.atomic():
            _check_unique(property, number=data["number"], company=company)
            account = ReceivableAccount.objects.create(property=property, company=company, **data)
    except IntegrityError:  # a concurrent create won the race for the number or the company
        _check_unique(property, number=data["number"], company=company)
        raise
    audit_record(
        property=property,
        entity="receivable_account",
        entity_id=account.pk,
        action="create",
        actor=actor,
        changes={"company": company.name, **snapshot(account, ACCOUNT_FIELDS)},
    )
    return account


def receivable_account_update(*, account: ReceivableAccount, actor, **changes) -> ReceivableAccount:
    """Change an account's number, credit limit, payment terms, direct billing or active flag.
    New terms apply to items raised from now on; existing items keep their due dates."""
    require(actor, "core.manage_receivables")
    unknown = set(changes) - set(ACCOUNT_FIELDS)
    if unknown:
        raise _invalid(sorted(unknown)[0], _("This field cannot be changed."))
    data = _clean_account(changes)
    try:
        with transaction.atomic():
            locked = ReceivableAccount.objects.select_for_update().select_related("property").get(pk=account.pk)
            before = snapshot(locked, ACCOUNT_FIELDS)
            if data.get("number") not in (None, locked.number):
                _check_unique(locked.property, number=data["number"], exclude=locked.pk)
            for name, value in data.items():
                setattr(locked, name, value)
            if data:
                locked.save(update_fields=list(data))
    except IntegrityError:
        _check_unique(account.property, number=data.get("number"), exclude=account.pk)
        raise
    changed = diff(before, snapshot(locked, ACCOUNT_FIELDS))
    if changed:
        audit_record(
            property=locked.property,
            entity="receivable_account",
            entity_id=locked.pk,
            action="update",
            actor=actor,
            changes=changed,
        )
    return locked


def _lock_account(account: ReceivableAccount) -> ReceivableAccount:
    return (
        ReceivableAccount.objects.select_for_update(of=("self",))
        .select_related("property", "company")
        .get(pk=account.pk)
    )


def _folio_label(folio: Folio) -> str:
    if folio.reservation_id:
        name = folio.reservation.guest.full_name if folio.reservation.guest_id else ""
        label = _("Folio %(confirmation)s/%(window)d") % {
            "confirmation": folio.reservation.confirmation,
            "window": folio.window,
        }
        return f"{label} · {name}" if name else label
    return _("House folio %(name)s") % {"name": folio.name or folio.pk}


def folio_transfer_to_account(
    *, folio: Folio, account: ReceivableAccount, actor, amount: Decimal | None = None, override_reason: str = ""
) -> OpenItem:
    """Move a folio's balance (all of it by default) to a company's account at check-out.

    The folio gets a direct-bill payment (``PAY-DIRECT``, negative, referenced with the account
    number) and the account an open item for the same amount, linked to that posting and due
    per the account's terms. Refused when the account is inactive, does not allow direct
    billing, or the credit limit would be exceeded; a manager (``core.void_postings``) may
    exceed the limit giving a reason, which the audit trail keeps.
    """
    require(actor, "core.direct_bill")
    if account.property_id != folio.property_id:
        raise _invalid("account", _("Unknown account."))
    override_reason = _text(override_reason, "override_reason", 200)
    if amount is not None:
        _refuse(check_amount(amount), field="amount", invalid=True)
        amount = money(amount)
    with transaction.atomic():
        folio = _locked(folio)
        account = _lock_account(account)
        balance = folio_balance(folio=folio)
        if balance <= 0:
            raise Conflict(_("This folio has no balance to transfer."), code="nothing_to_transfer")
        if amount is None:
            amount = balance
        _refuse(check_amount(amount), field="amount", invalid=True)
        if amount > balance:
            raise Conflict(
                _("At most the folio's balance (%(balance)s) can be transferred.") % {"balance": balance},
                code="transfer_exceeds_balance",
                errors=[{"field": "amount", "message": _("More than the balance.")}],
            )
        _refuse_ar(
            check_direct_bill(active=account.active, direct_bill_allowed=account.direct_bill_allowed),
            number=account.number,
        )
        account_balance = receivable_account_balance(account=account)
        refusal = check_credit(balance=account_balance, amount=amount, credit_limit=account.credit_limit)
        overridden = False
        if refusal is not None:
            if not override_reason:
                _refuse_ar(
                    refusal,
                    number=account.number,
                    available=credit_available(balance=account_balance, credit_limit=account.credit_limit),
                )
            if not can(actor, "core.void_postings"):
                raise PermissionDenied(_("Only a manager may exceed an account's credit limit."), code="needs_manager")
            overridden = True
        code = _code_for(folio.property, Department.PAYMENT, PaymentMethod.DIRECT_BILL)
        posting = _post(
            folio=folio,
            actor=actor,
            code=code,
            amounts=money_amounts(amount).signed(Kind.PAYMENT),
            quantity=1,
            unit_amount=amount,
            action="direct_bill",
            reason=override_reason if overridden else "",
            description=f"{code.name} · {account.company.name}"[:120],
            payment_method=PaymentMethod.DIRECT_BILL.value,
            reference=account.number,
        )
        business_date = folio.property.business_date
        item = OpenItem.objects.create(
            property=folio.property,
            account=account,
            business_date=business_date,
            due_date=due_date(business_date, account.payment_terms_days),
            amount=amount,
            description=_folio_label(folio)[:200],
            folio=folio,
            posting=posting,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            property=folio.property,
            entity="receivable_account",
            entity_id=account.pk,
            action="direct_bill",
            actor=actor,
            changes={
                "open_item": item.pk,
                "folio": folio.pk,
                "posting": posting.pk,
                "amount": amount,
                "balance_before": account_balance,
                "credit_limit": account.credit_limit,
                **({"credit_limit_overridden": refusal.value} if overridden else {}),
            },
            reason=override_reason if overridden else "",
        )
    return item


def _payment_method(method: str) -> PaymentMethod:
    method = _method(method)
    if method is PaymentMethod.DIRECT_BILL:
        raise _invalid("method", _("A company pays its account in cash, by card, bank transfer or voucher."))
    return method


def _requested(account: ReceivableAccount, allocations) -> list[tuple[int, Decimal]]:
    """``[(open item or its id, amount)]`` as ``[(id, amount)]``, items of this account only."""
    requested = []
    for target, amount in allocations or []:
        item_id = target.pk if isinstance(target, OpenItem) else int(target)
        try:
            amount = Decimal(amount)
        except (ArithmeticError, ValueError, TypeError):
            raise _invalid("allocations", refusal_text(Refusal.ALLOCATION_NOT_POSITIVE)) from None
        requested.append((item_id, amount))
    return requested


def _allocate(
    *, account: ReceivableAccount, payment: ReceivablePayment, actor, requested, auto: bool
) -> list[Allocation]:
    """Decide and write allocations of ``payment`` (the account row is locked by the caller)."""
    already = sum(payment.allocations.values_list("amount", flat=True), ZERO)
    available = money(payment.amount - already)
    items = _items(account)
    if auto:
        plan = allocate_oldest_first(available=available, items=items)
    else:
        _refuse_ar(
            check_allocations(available=available, items=items, requested=requested),
            field="allocations",
            invalid=False,
            available=available,
        )
        plan = [(item_id, money(amount)) for item_id, amount in requested]
    user = actor if getattr(actor, "is_authenticated", False) else None
    made = [
        Allocation.objects.create(
            property=account.property,
            payment=payment,
            open_item_id=item_id,
            amount=amount,
            business_date=account.property.business_date,
            created_by=user,
        )
        for item_id, amount in plan
    ]
    if made:
        audit_record(
            property=account.property,
            entity="receivable_account",
            entity_id=account.pk,
            action="allocate",
            actor=actor,
            changes={
                "payment": payment.pk,
                "auto": auto,
                "allocations": [f"{a.open_item_id}:{a.amount}" for a in made],
            },
        )
    return made


def _items(account: ReceivableAccount) -> list[Item]:
    allocated: dict[int, Decimal] = {}
    for item_id, amount in Allocation.objects.filter(open_item__account=account).values_list("open_item_id", "amount"):
        allocated[item_id] = allocated.get(item_id, ZERO) + amount
    return [
        Item(id=pk, business_date=d, due_date=due, amount=amount, allocated=allocated.get(pk, ZERO))
        for pk, d, due, amount in OpenItem.objects.filter(account=account).values_list(
            "id", "business_date", "due_date", "amount"
        )
    ]


def receivable_payment_record(
    *,
    account: ReceivableAccount,
    actor,
    amount: Decimal,
    method: str,
    reference: str = "",
    allocations=None,
    auto: bool = False,
) -> ReceivablePayment:
    """Record money a company paid into its account, and allocate it: to the chosen items
    (``[(open item, amount)]``, in part or in full), or oldest first when ``auto``. What is not
    allocated stays on the account as unallocated cash. All or nothing."""
    require(actor, "core.manage_receivables")
    method = _payment_method(method)
    _refuse(check_amount(amount), field="amount", invalid=True)
    reference = _text(reference, "reference", 80)
    if auto and allocations:
        raise _invalid("allocations", _("Choose items or allocate oldest first, not both."))
    with transaction.atomic():
        account = _lock_account(account)
        requested = _requested(account, allocations)
        payment = ReceivablePayment.objects.create(
            property=account.property,
            account=account,
            business_date=account.property.business_date,
            amount=money(amount),
            method=method.value,
            reference=reference,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        audit_record(
            property=account.property,
            entity="receivable_account",
            entity_id=account.pk,
            action="payment",
            actor=actor,
            changes={"payment": payment.pk, "amount": payment.amount, "method": method.value, "reference": reference},
        )
        if auto or requested:
            _allocate(account=account, payment=payment, actor=actor, requested=requested, auto=auto)
    return payment


def receivable_payment_allocate(
    *, payment: ReceivablePayment, actor, allocations=None, auto: bool = False
) -> list[Allocation]:
    """Apply a payment's unallocated cash to open items: the chosen ``[(open item, amount)]``, or
    oldest first when ``auto``. Never beyond what is left of the payment or open on an item."""
    require(actor, "core.manage_receivables")
    if auto and allocations:
        raise _invalid("allocations", _("Choose items or allocate oldest first, not both."))
    if not auto and not allocations:
        raise _invalid("allocations", refusal_text(Refusal.NOTHING_TO_ALLOCATE), code=Refusal.NOTHING_TO_ALLOCATE.value)
    with transaction.atomic():
        account = _lock_account(payment.account)
        payment = ReceivablePayment.objects.get(pk=payment.pk)
        return _allocate(
            account=account, payment=payment, actor=actor, requested=_requested(account, allocations), auto=auto
        )
