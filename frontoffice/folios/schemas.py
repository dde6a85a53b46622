import datetime as dt
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from frontoffice.core.domain.money import ZERO


class PostingOut(Schema):
    """Amounts are signed on the guest's balance: charges and refunds positive, payments negative."""

    id: int
    business_date: dt.date
    transaction_code: str
    department: str
    description: str
    quantity: int
    unit_amount: str
    net: str
    tax: str
    gross: str
    payment_method: str
    card_brand: str
    card_last4: str
    reference: str
    reason: str
    reversal_of: int | None
    actor: str | None
    created_at: dt.datetime

    @staticmethod
    def resolve_transaction_code(obj):
        return obj.transaction_code.code

    @staticmethod
    def resolve_department(obj):
        return obj.transaction_code.department

    @staticmethod
    def resolve_reversal_of(obj):
        return obj.reversal_of_id

    @staticmethod
    def resolve_actor(obj):
        return obj.actor.get_username() if obj.actor else None

    @staticmethod
    def resolve_unit_amount(obj):
        return str(obj.unit_amount)

    @staticmethod
    def resolve_net(obj):
        return str(obj.net)

    @staticmethod
    def resolve_tax(obj):
        return str(obj.tax)

    @staticmethod
    def resolve_gross(obj):
        return str(obj.gross)


class FolioOut(Schema):
    """One folio window; ``balance`` is the sum of its postings (positive: the guest owes)."""

    id: int
    window: int
    kind: str
    status: str
    credit_limit: str | None
    balance: str
    postings: list[PostingOut]

    @staticmethod
    def resolve_credit_limit(obj):
        return None if obj.credit_limit is None else str(obj.credit_limit)

    @staticmethod
    def resolve_balance(obj):
        return str(getattr(obj, "balance", None) or ZERO)

    @staticmethod
    def resolve_postings(obj):
        return list(obj.postings.all())


class PostedOut(Schema):
    """The posting just written and the folio's balance after it."""

    posting: PostingOut
    balance: str


class ChargeIn(Schema):
    transaction_code: str = Field(min_length=1, max_length=16)
    quantity: int = Field(1, ge=1, le=9999)
    unit_amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    description: str = Field("", max_length=120)
    reference: str = Field("", max_length=80)


class PaymentIn(Schema):
    method: str = Field(description="cash, card, bank_transfer, voucher or direct_bill")
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    card_brand: str = Field("", max_length=20)
    card_last4: str = Field("", max_length=4)
    card_token: str = Field("", max_length=80, description="The payment provider's token; never a card number")
    reference: str = Field("", max_length=80)


class RefundIn(Schema):
    method: str = Field(description="A method this folio was paid by")
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    reason: str = Field(min_length=1, max_length=200)
    reference: str = Field("", max_length=80)


class ReverseIn(Schema):
    reason: str = Field(min_length=1, max_length=200)
