"""Forms of the city ledger pages: they parse input; the receivables services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frontoffice.folios.domain.ledger import MAX_AMOUNT, PaymentMethod
from frontoffice.folios.domain.receivables import MAX_TERMS_DAYS
from frontoffice.folios.forms import AmountField
from frontoffice.folios.models import METHOD_CHOICES
from frontoffice.guests.models import Company
from frontoffice.reservations.forms import DomainErrorsMixin

# A company pays its account by any method but direct billing.
ACCOUNT_PAYMENT_METHODS = [(v, label) for v, label in METHOD_CHOICES if v != PaymentMethod.DIRECT_BILL.value]


class DateInput(forms.DateInput):
    input_type = "date"


class AccountForm(DomainErrorsMixin, forms.Form):
    number = forms.CharField(label=_("Account number"), max_length=20)
    credit_limit = forms.DecimalField(
        label=_("Credit limit"),
        min_value=0,
        max_value=MAX_AMOUNT,
        max_digits=12,
        decimal_places=2,
        initial=0,
        help_text=_("0 means no credit: nothing can be billed to the account."),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )
    payment_terms_days = forms.IntegerField(
        label=_("Payment terms (days)"), min_value=0, max_value=MAX_TERMS_DAYS, initial=30
    )
    direct_bill_allowed = forms.BooleanField(label=_("Direct billing allowed"), required=False, initial=True)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class NewAccountForm(AccountForm):
    company = forms.ModelChoiceField(label=_("Company"), queryset=Company.objects.none())

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = Company.objects.filter(property=property).exclude(
            receivable_accounts__property=property
        )
        self.order_fields(["company"])


class AccountPaymentForm(DomainErrorsMixin, forms.Form):
    """A payment received; ticked items (``item``) get the amount typed beside each, unless
    ``auto`` asks to allocate oldest first."""

    amount = AmountField(label=_("Amount received"))
    method = forms.ChoiceField(label=_("Method"), choices=ACCOUNT_PAYMENT_METHODS, initial="bank_transfer")
    reference = forms.CharField(label=_("Reference"), max_length=80, required=False)
    auto = forms.BooleanField(label=_("Allocate oldest first"), required=False)


class StatementForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The period ends before it starts."))
        return data


class TransferToAccountForm(DomainErrorsMixin, forms.Form):
    account = forms.TypedChoiceField(label=_("Company account"), coerce=int)
    amount = AmountField(label=_("Amount"), required=False, help_text=_("Empty: the whole balance."))
    override_reason = forms.CharField(
        label=_("Reason to exceed the credit limit"),
        max_length=200,
        required=False,
        help_text=_("Managers only."),
    )

    def __init__(self, *args, accounts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["account"].choices = [(a.pk, f"{a.company.name} · {a.number}") for a in accounts]
