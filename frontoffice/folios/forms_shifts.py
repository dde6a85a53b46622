"""Forms for cashier shifts: the opening float, the count at close, and the list's filters.
They parse the cashier's input; the shifts services decide."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from frontoffice.folios.domain.ledger import PaymentMethod
from frontoffice.folios.forms import AmountField
from frontoffice.folios.models import METHOD_LABELS, ShiftStatus
from frontoffice.reservations.forms import DomainErrorsMixin


class CountField(AmountField):
    """An amount counted: zero allowed."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault(
            "widget",
            forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal", "autocomplete": "off"}),
        )
        super().__init__(**kwargs)


class ShiftOpenForm(DomainErrorsMixin, forms.Form):
    opening_float = CountField(label=_("Opening float"), help_text=_("Cash in the drawer before the first guest."))


class ShiftCloseForm(DomainErrorsMixin, forms.Form):
    """One counted amount per payment method (cash is required; a method left empty counted zero)."""

    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for method in PaymentMethod:
            self.fields[f"counted_{method.value}"] = CountField(
                label=METHOD_LABELS[method], required=method is PaymentMethod.CASH
            )
        self.order_fields([f"counted_{m.value}" for m in PaymentMethod] + ["note"])

    def counted(self) -> dict[str, Decimal]:
        data = self.cleaned_data
        return {
            m.value: data[f"counted_{m.value}"] for m in PaymentMethod if data.get(f"counted_{m.value}") is not None
        }

    def add_domain_errors(self, exc) -> None:
        for err in getattr(exc, "errors", []) or []:
            field = (err.get("field") or "").replace("counted.", "counted_")
            if field in self.fields and err.get("message"):
                self.add_error(field, err["message"])


class ShiftFilterForm(forms.Form):
    business_date = forms.DateField(
        label=_("Business date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    cashier = forms.CharField(label=_("Cashier"), max_length=150, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *ShiftStatus.choices])
