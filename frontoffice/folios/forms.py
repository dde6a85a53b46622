"""Forms for the folio page: they parse the cashier's input; the folios services decide.

Several forms share one page, so each is rendered with a prefix ("charge", "payment",
"refund"). The ``window`` field lists the reservation's open windows; with only one it is
a hidden field.
"""

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frontoffice.folios.domain.ledger import MAX_QUANTITY
from frontoffice.folios.models import METHOD_CHOICES, TransactionCode
from frontoffice.folios.selectors import transaction_code_charges
from frontoffice.reservations.forms import DomainErrorsMixin

CARD_BRANDS = ["Visa", "Mastercard", "American Express", "Maestro", "Discover", "JCB", "UnionPay", "Diners Club"]


class TransactionCodeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        spanish = (get_language() or "en").startswith("es")
        return f"{obj.code} · {(obj.name_es if spanish else '') or obj.name}"


class AmountField(forms.DecimalField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("widget", forms.NumberInput(attrs={"step": "0.01", "min": "0.01", "inputmode": "decimal"}))
        super().__init__(**kwargs)


class WindowFormMixin(DomainErrorsMixin):
    """A ``window`` choice among the open windows (hidden when there is only one)."""

    def __init__(self, *args, windows: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window"] = forms.TypedChoiceField(
            label=_("Window"),
            coerce=int,
            choices=[(n, _("Window %(n)d") % {"n": n}) for n in windows],
            initial=windows[0] if windows else 1,
            widget=forms.Select if len(windows) > 1 else forms.HiddenInput,
        )
        self.order_fields(["window"])


class ChargeForm(WindowFormMixin, forms.Form):
    transaction_code = TransactionCodeChoice(
        label=_("Transaction code"), queryset=TransactionCode.objects.none(), to_field_name="code"
    )
    quantity = forms.IntegerField(
        label=_("Quantity"),
        min_value=1,
        max_value=MAX_QUANTITY,
        initial=1,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    unit_amount = AmountField(label=_("Unit amount"))
    description = forms.CharField(label=_("Description"), max_length=120, required=False)
    reference = forms.CharField(label=_("Reference"), max_length=80, required=False)

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["transaction_code"].queryset = transaction_code_charges(property)
        self.fields["transaction_code"].widget.attrs["accesskey"] = "c"


# A direct bill is not a payment taken at the desk: it is a transfer to a company account.
DESK_METHOD_CHOICES = [(value, label) for value, label in METHOD_CHOICES if value != "direct_bill"]


class PaymentFields(forms.Form):
    """Method, amount and card details (brand, last four, provider token: never a card number)."""

    method = forms.ChoiceField(
        label=_("Method"), choices=DESK_METHOD_CHOICES, widget=forms.Select(attrs={"accesskey": "p"})
    )
    amount = AmountField(label=_("Amount"))
    card_brand = forms.CharField(
        label=_("Card brand"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"list": "card-brands", "autocomplete": "off"}),
    )
    card_last4 = forms.CharField(
        label=_("Last four digits"),
        max_length=4,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "pattern": "[0-9]{4}", "autocomplete": "off", "size": "4"}
        ),
    )
    card_token = forms.CharField(
        label=_("Provider token"),
        max_length=80,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    reference = forms.CharField(label=_("Reference"), max_length=80, required=False)


class PaymentForm(WindowFormMixin, PaymentFields):
    pass


class DepositForm(DomainErrorsMixin, PaymentFields):
    """A deposit taken before arrival: a payment held on the reservation's deposit folio."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].widget.attrs["accesskey"] = "d"


class RefundForm(WindowFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=METHOD_CHOICES, widget=forms.Select(attrs={"accesskey": "u"}))
    amount = AmountField(label=_("Amount"))
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ReverseForm(DomainErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


class InvoiceForm(DomainErrorsMixin, forms.Form):
    """Who the invoice is made out to (prefilled from the window's company or guest) and its kind."""

    payer_name = forms.CharField(label=_("Bill to"), max_length=200, required=False)
    payer_tax_id = forms.CharField(
        label=_("Tax id"),
        max_length=30,
        required=False,
        help_text=_("For a private guest, the identity document number."),
    )
    payer_address = forms.CharField(
        label=_("Address"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    simplified = forms.BooleanField(label=_("Simplified invoice (ticket)"), required=False)


class CreditNoteForm(DomainErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)


# --- transfers, routing, house folios (views/transfers.py) ---------------------------------


class MoveForm(DomainErrorsMixin, forms.Form):
    """Move a charge to another folio: all that is left, an amount of its gross or a percentage."""

    target = forms.IntegerField(label=_("To folio"), min_value=1)
    amount = AmountField(label=_("Amount"), required=False)
    percentage = forms.DecimalField(
        label=_("Percentage"),
        required=False,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200)


class BalanceTransferForm(DomainErrorsMixin, forms.Form):
    target = forms.IntegerField(label=_("To folio"), min_value=1)
    amount = AmountField(label=_("Amount"), required=False, help_text=_("Empty: the whole balance."))
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)


class RoutingForm(DomainErrorsMixin, forms.Form):
    """A routing instruction: which charges of a window go to which folio, when and how much."""

    source_window = forms.TypedChoiceField(label=_("From window"), coerce=int)
    target = forms.TypedChoiceField(label=_("To folio"), coerce=int)
    transaction_codes = forms.MultipleChoiceField(
        label=_("Transaction codes"), required=False, widget=forms.CheckboxSelectMultiple
    )
    departments = forms.MultipleChoiceField(label=_("Departments"), required=False, widget=forms.CheckboxSelectMultiple)
    start_date = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(
        label=_("Until (inclusive)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    percentage = forms.DecimalField(
        label=_("Percentage"),
        required=False,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )
    daily_cap = AmountField(label=_("Daily cap"), required=False)

    def __init__(self, *args, windows: list[int], targets: list[tuple[int, str]], property, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source_window"].choices = [(n, _("Window %(n)d") % {"n": n}) for n in windows]
        self.fields["target"].choices = targets
        self.fields["transaction_codes"].choices = [(c.code, c.code) for c in transaction_code_charges(property)]
        self.fields["departments"].choices = departments
        self.fields["source_window"].widget.attrs["accesskey"] = "o"


class HouseFolioForm(DomainErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, widget=forms.TextInput(attrs={"accesskey": "h"}))


class CreditLimitForm(DomainErrorsMixin, forms.Form):
    credit_limit = forms.DecimalField(
        label=_("Credit limit"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=0,
        help_text=_("Empty: no limit."),
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"}),
    )


class PayerForm(DomainErrorsMixin, forms.Form):
    """Bill a window to a company, or (empty) to the guest."""

    company = forms.IntegerField(label=_("Bill to"), required=False, min_value=1)
