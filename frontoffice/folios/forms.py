"""Forms for the folio page: they parse the cashier's input; the folios services decide.

Several forms share one page, so each is rendered with a prefix ("charge", "payment",
"refund"). The ``window`` field lists the reservation's open windows; with only one it is
a hidden field.
"""

from django import forms
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


class PaymentForm(WindowFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=METHOD_CHOICES, widget=forms.Select(attrs={"accesskey": "p"}))
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


class RefundForm(WindowFormMixin, forms.Form):
    method = forms.ChoiceField(label=_("Method"), choices=METHOD_CHOICES, widget=forms.Select(attrs={"accesskey": "u"}))
    amount = AmountField(label=_("Amount"))
    reason = forms.CharField(label=_("Reason"), max_length=200)


class ReverseForm(DomainErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=200)
