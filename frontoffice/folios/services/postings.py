"""Writes for folios: open windows, post charges, take payments, refund, reverse.

Each write follows load → decide → persist inside one transaction: it locks the folio row
(``select_for_update``) so that concurrent postings on one folio serialise, asks the pure
ledger rules (``domain.ledger``) what is allowed and for how much, inserts the posting and
records it in the audit trail. Postings are only ever inserted; the database refuses
updates and deletes.
"""

import datetime as dt
from decimal import Decimal

from django.db import connection, transaction
from django.utils.translation import gettext as _

from frontoffice.core.access import can, require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.domain.money import money
from frontoffice.core.models import Property
from frontoffice.folios.domain.card import valid_last4
from frontoffice.folios.domain.invoice import InvoiceRefusal
from frontoffice.folios.domain.ledger import (
    Amounts,
    Department,
    Kind,
    PaymentMethod,
    Refusal,
    check_amount,
    check_payment_reversal,
    check_quantity,
    check_refund,
    check_reversal,
    check_window,
    credit_of,
    kind_of,
    money_amounts,
    price_line,
    refundable,
    reversal_needs_manager,
)
from frontoffice.folios.domain.transfer import Charge, route_charge
from frontoffice.folios.messages import invoice_refusal_text, refusal_text
from frontoffice.folios.models import (
    METHOD_LABELS,
    CashierShift,
    Folio,
    FolioKind,
    FolioStatus,
    Posting,
    ShiftStatus,
    TransactionCode,
)
from frontoffice.folios.selectors import folio_entries, posting_invoice, routing_instructions_for, routing_rules
from frontoffice.folios.services.inputs import free_text as _text
from frontoffice.folios.services.shifts import shift_for_money
from frontoffice.reservations.models import Reservation

# Permission needed to post, and to reverse, each kind of posting.
KIND_PERMISSION = {
    Kind.CHARGE: "core.post_charges",
    Kind.PAYMENT: "core.take_payments",
    Kind.REFUND: "core.refund",
    Kind.TRANSFER: "core.transfer_postings",
}

DEFAULT_CODES = [
    # code, name, name_es, department, ledger account, tax rate (None = the property's VAT), method
    ("ROOM", "Room", "Alojamiento", Department.ROOMS, "7000 Room revenue", None, None),
    ("FB", "Food and beverage", "Alimentos y bebidas", Department.FOOD_BEVERAGE, "7010 F&B revenue", "10", None),
    ("MINI", "Minibar", "Minibar", Department.MINIBAR, "7020 Minibar revenue", "10", None),
    ("PARK", "Parking", "Aparcamiento", Department.PARKING, "7030 Parking revenue", "21", None),
    ("LAUN", "Laundry", "Lavandería", Department.LAUNDRY, "7040 Laundry revenue", "21", None),
    ("TEL", "Telephone", "Teléfono", Department.TELEPHONE, "7050 Telephone revenue", "21", None),
    ("SPA", "Spa", "Spa", Department.SPA, "7060 Spa revenue", "21", None),
    ("MISC", "Miscellaneous", "Varios", Department.MISCELLANEOUS, "7590 Other revenue", "21", None),
    ("CITYTAX", "City tax", "Tasa turística", Department.TAXES, "4759 City tax payable", "0", None),
    # Cancellation and no-show fees compensate a loss, outside VAT; reported apart from room revenue.
    ("CXL-FEE", "Cancellation fee", "Gastos de cancelación", Department.FEES, "7591 Cancellation fees", "0", None),
    ("NOSHOW-FEE", "No-show fee", "Cargo por no presentación", Department.FEES, "7592 No-show fees", "0", None),
    ("LATE-CO", "Late check-out", "Salida tardía", Department.FEES, "7593 Late check-out fees", None, None),
    (
        "TRANSFER",
        "Balance transfer",
        "Traspaso de saldo",
        Department.TRANSFER,
        "4309 Guest ledger transfers",
        "0",
        None,
    ),
    ("PAY-CASH", "Cash payment", "Pago en efectivo", Department.PAYMENT, "5700 Cash", "0", PaymentMethod.CASH),
    ("PAY-CARD", "Card payment", "Pago con tarjeta", Department.PAYMENT, "5720 Card clearing", "0", PaymentMethod.CARD),
    (
        "PAY-BANK",
        "Bank transfer",
        "Transferencia bancaria",
        Department.PAYMENT,
        "5720 Bank",
        "0",
        PaymentMethod.BANK_TRANSFER,
    ),
    ("PAY-VOUCHER", "Voucher", "Bono", Department.PAYMENT, "4380 Vouchers sold", "0", PaymentMethod.VOUCHER),
    (
        "PAY-DIRECT",
        "Direct bill",
        "Cargo a cuenta de empresa",
        Department.PAYMENT,
        "4300 City ledger",
        "0",
        PaymentMethod.DIRECT_BILL,
    ),
    ("REFUND-CASH", "Cash refund", "Devolución en efectivo", Department.REFUND, "5700 Cash", "0", PaymentMethod.CASH),
    (
        "REFUND-CARD",
        "Card refund",
        "Devolución a tarjeta",
        Department.REFUND,
        "5720 Card clearing",
        "0",
        PaymentMethod.CARD,
    ),
    (
        "REFUND-BANK",
        "Bank transfer refund",
        "Devolución por transferencia",
        Department.REFUND,
        "5720 Bank",
        "0",
        PaymentMethod.BANK_TRANSFER,
    ),
    (
        "REFUND-VOUCHER",
        "Voucher refund",
        "Devolución de bono",
        Department.REFUND,
        "4380 Vouchers sold",
        "0",
        PaymentMethod.VOUCHER,
    ),
    (
        "REFUND-DIRECT",
        "Direct bill refund",
        "Abono en cuenta de empresa",
        Department.REFUND,
        "4300 City ledger",
        "0",
        PaymentMethod.DIRECT_BILL,
    ),
]


def transaction_codes_install(*, property: Property) -> int:
    """Create the default transaction codes a property lacks; returns how many were created."""
    created = 0
    for code, name, name_es, department, account, rate, method in DEFAULT_CODES:
        _obj, made = TransactionCode.objects.get_or_create(
            property=property,
            code=code,
            defaults={
                "name": name,
                "name_es": name_es,
                "department": department.value,
                "ledger_account": account,
                "tax_rate": property.vat_rate if rate is None else Decimal(rate),
                "is_payment": department is Department.PAYMENT,
                "payment_method": method.value if method else None,
            },
        )
        created += made
    return created


def _refuse(refusal: Refusal | None, *, field: str = "", invalid: bool = False, **params) -> None:
    if refusal is None:
        return
    text = refusal_text(refusal, **params)
    if invalid:
        raise InvalidInput(text, code=refusal.value, errors=[{"field": field, "message": text}] if field else [])
    raise Conflict(text, code=refusal.value)


def _share_property(property_id: int) -> None:
    """Take the property row's share lock before any folio lock (the night audit locks the row
    first, then folios: one order for both, so they never wait on each other in a circle)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM core_property WHERE id = %s FOR SHARE", [property_id])


def _locked(folio: Folio) -> Folio:
    _share_property(folio.property_id)
    locked = Folio.objects.select_for_update(of=("self",)).select_related("property").get(pk=folio.pk)
    if locked.status != FolioStatus.OPEN:
        _refuse(Refusal.FOLIO_CLOSED)
    return locked


def _locked_in_order(folios, *, open_only: bool = True) -> dict[int, Folio]:
    """Lock several folios one by one in id order (so two writers never wait on each other),
    refusing a closed one unless ``open_only`` is off; returns them by id."""
    locked = {}
    folios = list(folios)
    if folios:
        first = folios[0]
        _share_property(first.property_id if first.property_id else Folio.objects.get(pk=first.pk).property_id)
    for pk in sorted({f.pk for f in folios}):
        if open_only:
            locked[pk] = _locked(Folio(pk=pk))
        else:
            locked[pk] = Folio.objects.select_for_update(of=("self",)).select_related("property").get(pk=pk)
    return locked


def _method(method: str) -> PaymentMethod:
    try:
        return PaymentMethod(method)
    except ValueError:
        text = _("One of %(choices)s.") % {"choices": ", ".join(m.value for m in PaymentMethod)}
        raise InvalidInput(text, errors=[{"field": "method", "message": text}]) from None


def _code_for(property: Property, department: Department, method: PaymentMethod) -> TransactionCode:
    code = (
        TransactionCode.objects.filter(
            property=property, department=department.value, payment_method=method.value, active=True
        )
        .order_by("code")
        .first()
    )
    if code is None:
        raise Conflict(
            _("No active transaction code for %(method)s; set up the property's transaction codes.")
            % {"method": METHOD_LABELS[method]},
            code="no_transaction_code",
        )
    return code


def _open_shift(property: Property, user) -> CashierShift | None:
    """The cashier shift ``user`` has open at ``property``: every posting they make carries it."""
    if user is None:
        return None
    # Locked, and its status read again under the lock: a posting never joins a shift that is
    # being closed (it waits for the close and then finds no open shift, or the close waits for it).
    return (
        CashierShift.objects.select_for_update(of=("self",))
        .filter(property=property, cashier=user, status=ShiftStatus.OPEN)
        .first()
    )


def _open_date(property: Property):
    """The business date a posting takes, read again under a share lock of the property row.

    The night audit holds that row locked while it closes a date, so a posting waits for it
    and then sees the new date; one prepared with the closed date is refused with a clear
    reason (the database's trigger would refuse it anyway). Postings do not wait for each
    other: share locks are compatible. SQLite serialises writers, and reads the same row."""
    sql = "SELECT business_date FROM core_property WHERE id = %s"
    if connection.vendor == "postgresql":
        sql += " FOR SHARE"
    with connection.cursor() as cursor:
        cursor.execute(sql, [property.pk])
        current = cursor.fetchone()[0]
    if isinstance(current, str):
        current = dt.date.fromisoformat(current)
    if current != property.business_date:
        raise Conflict(
            _("The night audit has closed %(date)s meanwhile: post again, on the new business date.")
            % {"date": property.business_date.isoformat()},
            code="business_date_closed",
        )
    return current


def _post(
    *,
    folio: Folio,
    actor,
    code: TransactionCode,
    amounts: Amounts,
    quantity: int,
    unit_amount: Decimal,
    action: str,
    reason: str = "",
    reversal_of: Posting | None = None,
    audit_extra: dict | None = None,
    **fields,
) -> Posting:
    user = actor if getattr(actor, "is_authenticated", False) else None
    business_date = _open_date(folio.property)
    posting = Posting.objects.create(
        shift=_open_shift(folio.property, user),
        property=folio.property,
        folio=folio,
        business_date=business_date,
        transaction_code=code,
        quantity=quantity,
        unit_amount=unit_amount,
        net=amounts.net,
        tax=amounts.tax,
        gross=amounts.gross,
        actor=user,
        reversal_of=reversal_of,
        reason=reason,
        **fields,
    )
    audit_record(
        property=folio.property,
        entity="folio",
        entity_id=folio.pk,
        action=action,
        actor=actor,
        changes={
            "posting": posting.pk,
            "code": code.code,
            "gross": posting.gross,
            **({"reversal_of": reversal_of.pk} if reversal_of else {}),
            **(audit_extra or {}),
        },
        reason=reason,
    )
    return posting


def folio_for_reservation(*, reservation: Reservation, actor, window: int = 1) -> Folio:
    """The reservation's folio window ``window`` (1–8), opened on first use.

    The reservation row is locked while looking, so two clients asking at once open one window.
    """
    _refuse(check_window(window), field="window", invalid=True)
    with transaction.atomic():
        _share_property(reservation.property_id)  # before the reservation: the night audit's lock order
        Reservation.objects.select_for_update(of=("self",)).filter(pk=reservation.pk).first()
        folio = Folio.objects.filter(reservation=reservation, window=window).exclude(kind=FolioKind.DEPOSIT).first()
        if folio is None:
            folio = Folio.objects.create(
                property=reservation.property,
                reservation=reservation,
                window=window,
                kind=FolioKind.GUEST,
                payer_guest=reservation.guest,
            )
            audit_record(
                property=reservation.property,
                entity="folio",
                entity_id=folio.pk,
                action="open",
                actor=actor,
                changes={"reservation": reservation.confirmation, "window": window},
            )
    return folio


def folio_post_charge(
    *,
    folio: Folio,
    actor,
    transaction_code: TransactionCode,
    unit_amount: Decimal,
    quantity: int = 1,
    description: str = "",
    reference: str = "",
) -> Posting:
    """Post ``quantity`` × ``unit_amount`` under a charge code. Amounts are tax-inclusive when the
    property's prices include VAT; the code's tax rate applies, rounded per line."""
    require(actor, "core.post_charges")
    if transaction_code.property_id != folio.property_id or not transaction_code.active:
        raise InvalidInput(_("Unknown transaction code."), errors=[{"field": "transaction_code"}])
    if kind_of(transaction_code.department) is not Kind.CHARGE:
        text = _("Payments and refunds have their own operations; choose a charge code.")
        raise InvalidInput(text, code="not_a_charge_code", errors=[{"field": "transaction_code", "message": text}])
    _refuse(check_quantity(quantity), field="quantity", invalid=True)
    _refuse(check_amount(unit_amount), field="unit_amount", invalid=True)
    description = _text(description, "description", 120) or transaction_code.name
    reference = _text(reference, "reference", 80)
    with transaction.atomic():
        # Routing instructions of the stay's window may send some of the charge to other folios:
        # every folio involved is locked in id order; a closed target routes nothing.
        instructions = routing_instructions_for(folio=folio)
        folios = _locked_in_order([folio, *(i.target_folio for i in instructions)], open_only=False)
        folio = folios[folio.pk]
        if folio.status != FolioStatus.OPEN:
            _refuse(Refusal.FOLIO_CLOSED)
        amounts = price_line(
            quantity=quantity,
            unit_amount=Decimal(unit_amount),
            tax_rate=transaction_code.tax_rate,
            amounts_include_tax=folio.property.prices_include_vat,
        )
        _refuse(check_amount(amounts.gross), field="unit_amount", invalid=True)
        routing = route_charge(
            Charge(transaction_code.code, transaction_code.department, folio.property.business_date, amounts),
            routing_rules(
                instructions=instructions,
                business_date=folio.property.business_date,
                open_folios={pk for pk, f in folios.items() if f.status == FolioStatus.OPEN},
            ),
        )
        posted = [
            _post(
                folio=folios[route.target],
                actor=actor,
                code=transaction_code,
                amounts=route.amounts,
                quantity=quantity if route.amounts == amounts else 1,
                unit_amount=money(unit_amount) if route.amounts == amounts else _unit_of(route.amounts, folio),
                action="charge_routed",
                description=description,
                reference=reference,
                routed_by_id=route.instruction,
                audit_extra={"routed_by": route.instruction, "posted_to_folio": folio.pk},
            )
            for route in routing.routes
        ]
        if routing.stays.gross == 0 and posted:
            return posted[0]
        return _post(
            folio=folio,
            actor=actor,
            code=transaction_code,
            amounts=routing.stays,
            quantity=quantity if routing.stays == amounts else 1,
            unit_amount=money(unit_amount) if routing.stays == amounts else _unit_of(routing.stays, folio),
            action="charge",
            description=description,
            reference=reference,
        )


def _unit_of(amounts: Amounts, folio: Folio) -> Decimal:
    """The unit amount of a one-unit part of a charge, as the property enters prices."""
    return abs(amounts.gross if folio.property.prices_include_vat else amounts.net)


def _direct_bill_refused() -> InvalidInput:
    """Direct billing goes through ``folio_transfer_to_account`` (services.receivables): a
    direct-bill posting without an open item would be a debt the city ledger never sees."""
    text = _("To bill a company, use “transfer to company account”: it opens the item on the company's account.")
    return InvalidInput(text, code="use_transfer_to_account", errors=[{"field": "method", "message": text}])


def folio_post_payment(
    *,
    folio: Folio,
    actor,
    method: str,
    amount: Decimal,
    card_brand: str = "",
    card_last4: str = "",
    card_token: str = "",
    reference: str = "",
) -> Posting:
    """Take a payment. Card payments keep at most the brand, the last four digits and the
    provider's token — a card number is refused wherever it is typed."""
    require(actor, "core.take_payments")
    method = _method(method)
    if method is PaymentMethod.DIRECT_BILL:
        raise _direct_bill_refused()
    _refuse(check_amount(amount), field="amount", invalid=True)
    card_brand = _text(card_brand, "card_brand", 20)
    card_last4 = (card_last4 or "").strip()
    card_token = _text(card_token, "card_token", 80)
    reference = _text(reference, "reference", 80)
    if not valid_last4(card_last4):
        text = _("Exactly four digits, or nothing.")
        raise InvalidInput(text, errors=[{"field": "card_last4", "message": text}])
    if method is not PaymentMethod.CARD and (card_brand or card_last4 or card_token):
        text = _("Card details go with card payments only.")
        raise InvalidInput(text, errors=[{"field": "method", "message": text}])
    with transaction.atomic():
        folio = _locked(folio)
        shift_for_money(property=folio.property, actor=actor, kind=Kind.PAYMENT, method=method)
        code = _code_for(folio.property, Department.PAYMENT, method)
        return _post(
            folio=folio,
            actor=actor,
            code=code,
            amounts=money_amounts(amount).signed(Kind.PAYMENT),
            quantity=1,
            unit_amount=money(amount),
            action="payment",
            description=code.name,
            payment_method=method.value,
            card_brand=card_brand,
            card_last4=card_last4,
            card_token=card_token,
            reference=reference,
        )


def folio_refund(*, folio: Folio, actor, method: str, amount: Decimal, reason: str, reference: str = "") -> Posting:
    """Give money back to a method the folio was paid by, up to what it paid net of earlier refunds."""
    require(actor, "core.refund")
    method = _method(method)
    if method is PaymentMethod.DIRECT_BILL:
        raise _direct_bill_refused()
    reason = _required_reason(reason)
    reference = _text(reference, "reference", 80)
    _refuse(check_amount(amount), field="amount", invalid=True)
    with transaction.atomic():
        folio = _locked(folio)
        shift_for_money(property=folio.property, actor=actor, kind=Kind.REFUND, method=method)
        label = str(METHOD_LABELS[method])
        entries = folio_entries(folio=folio)
        refusal = check_refund(entries=entries, method=method, amount=Decimal(amount))
        if refusal is not None:
            _refuse(refusal, method=label, available=refundable(entries, method), credit=credit_of(entries))
        code = _code_for(folio.property, Department.REFUND, method)
        return _post(
            folio=folio,
            actor=actor,
            code=code,
            amounts=money_amounts(amount).signed(Kind.REFUND),
            quantity=1,
            unit_amount=money(amount),
            action="refund",
            reason=reason,
            description=code.name,
            payment_method=method.value,
            reference=reference,
        )


def _required_reason(reason: str) -> str:
    reason = _text(reason, "reason", 200)
    if not reason:
        text = _("Give a reason.")
        raise InvalidInput(text, code="reason_required", errors=[{"field": "reason", "message": text}])
    return reason


def _held_elsewhere(original: Posting) -> Decimal:
    """How much of ``original`` sits on other folios now: its moves, the moves of those moves and so
    on, summed over the folios that are not its own (a part moved away and back nets to zero)."""
    chain, frontier, away = {original.pk}, [original.pk], Decimal(0)
    while frontier:
        legs = list(Posting.objects.filter(transfer_of_id__in=frontier).values_list("pk", "folio_id", "gross"))
        frontier = [pk for pk, _folio, _gross in legs if pk not in chain]
        chain.update(frontier)
        away += sum((gross for pk, folio_id, gross in legs if folio_id != original.folio_id), Decimal(0))
    return away


def folio_reverse_posting(*, posting: Posting, actor, reason: str) -> Posting:
    """Correct a posting with its exact opposite, linked to it. Once per posting, never of a
    reversal; above the property's void limit only a manager (``core.void_postings``) may."""
    original = Posting.objects.select_related("transaction_code", "property").get(pk=posting.pk)
    kind = kind_of(original.transaction_code.department)
    require(actor, KIND_PERMISSION[kind])
    reason = _required_reason(reason)
    if original.transfer_id is not None:
        # Reversing one side of a move or balance transfer would count the money twice.
        raise Conflict(
            _("One side of a transfer cannot be reversed; move or transfer it back instead."), code="transfer_leg"
        )
    if reversal_needs_manager(gross=original.gross, limit=original.property.void_limit) and not can(
        actor, "core.void_postings"
    ):
        raise PermissionDenied(
            _("Reversing more than %(limit)s needs a manager.") % {"limit": original.property.void_limit},
            code="needs_manager",
        )
    with transaction.atomic():
        folio = _locked(original.folio)
        if _held_elsewhere(original) != 0:
            # Part of it sits on another folio now: reversing the whole here would credit money still billed there.
            raise Conflict(
                _("Part of this charge was moved to another folio; move it back before reversing it."),
                code="posting_moved",
            )
        if kind in (Kind.PAYMENT, Kind.REFUND):
            # Reversing cash puts it back in (or takes it out of) the reverser's drawer.
            shift_for_money(property=folio.property, actor=actor, kind=kind, method=original.payment_method)
        _refuse(
            check_reversal(
                is_reversal=original.reversal_of_id is not None,
                already_reversed=Posting.objects.filter(reversal_of=original).exists(),
            )
        )
        invoice = posting_invoice(posting=original)
        if invoice is not None:
            raise Conflict(
                invoice_refusal_text(InvoiceRefusal.POSTING_INVOICED, number=invoice.full_number),
                code=InvoiceRefusal.POSTING_INVOICED.value,
            )
        if Posting.objects.filter(pk=original.pk, open_item__isnull=False).exists():
            raise Conflict(
                _("This balance was billed to a company account; correct it on the account, not on the folio."),
                code="billed_to_account",
            )
        if kind is Kind.PAYMENT:
            _refuse(
                check_payment_reversal(
                    entries=folio_entries(folio=folio), method=original.payment_method, amount=-original.gross
                )
            )
        return _post(
            folio=folio,
            actor=actor,
            code=original.transaction_code,
            amounts=Amounts(net=original.net, tax=original.tax, gross=original.gross).negated(),
            quantity=original.quantity,
            unit_amount=original.unit_amount,
            action="reverse",
            reason=reason,
            reversal_of=original,
            description=(_("Reversal: %(description)s") % {"description": original.description})[:120],
            payment_method=original.payment_method,
            card_brand=original.card_brand,
            card_last4=original.card_last4,
            card_token=original.card_token,
            reference=original.reference,
        )
