"""Forms of the desk: they parse what the agent types; the front-desk services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frontoffice.frontdesk.domain.checkin import CheckOutInvoice
from frontoffice.guests.models import DocumentType
from frontoffice.reservations.forms import DateInput

COUNTRY = {"maxlength": 2, "size": 3, "style": "text-transform:uppercase", "placeholder": "ES"}


class TravellerForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=80, required=False)
    document_type = forms.ChoiceField(label=_("Document"), choices=[("", "—"), *DocumentType.choices], required=False)
    document_number = forms.CharField(label=_("Document number"), max_length=30, required=False)
    document_country = forms.CharField(
        label=_("Issued by"), max_length=2, required=False, widget=forms.TextInput(attrs=COUNTRY)
    )
    document_expiry = forms.DateField(label=_("Expires"), required=False, widget=DateInput())
    nationality = forms.CharField(
        label=_("Nationality"), max_length=2, required=False, widget=forms.TextInput(attrs=COUNTRY)
    )
    birth_date = forms.DateField(label=_("Birth date"), required=False, widget=DateInput())
    address = forms.CharField(label=_("Address"), max_length=300, required=False)


TravellerFormSet = forms.formset_factory(TravellerForm, extra=0, max_num=20, validate_max=True)


class CheckInForm(forms.Form):
    room = forms.ChoiceField(label=_("Room"), required=False)
    keys = forms.IntegerField(label=_("Keys"), min_value=0, max_value=10, initial=2)

    def __init__(self, *args, rooms: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].choices = [("", _("— as assigned —")), *rooms]


INVOICE_CHOICES = [
    (CheckOutInvoice.FULL.value, _("Full invoice")),
    (CheckOutInvoice.SIMPLIFIED.value, _("Simplified invoice")),
    (CheckOutInvoice.NONE.value, _("No invoice")),
]


class CheckOutForm(forms.Form):
    """The reason for a balance (a manager) and, per bill window with charges not yet invoiced,
    the document to issue with the check-out (field ``invoice_<folio id>``, starting at the
    suggested one). A window left out of the submit gets no invoice, as before."""

    override_reason = forms.CharField(label=_("Reason to check out with a balance"), max_length=200, required=False)

    def __init__(self, *args, windows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.windows = list(windows)
        for w in self.windows:
            label = _("Document for window %(window)s") % {"window": w.folio.window}
            self.fields[self._name(w)] = forms.ChoiceField(
                label=label,
                choices=INVOICE_CHOICES,
                initial=w.default.value,
                required=False,
                widget=forms.Select(attrs={"aria-label": label}),
            )

    @staticmethod
    def _name(window) -> str:
        return f"invoice_{window.folio.pk}"

    def invoice_rows(self) -> list[tuple]:
        """(window, its field) for the template's table."""
        return [(w, self[self._name(w)]) for w in self.windows]

    def invoices(self) -> dict[int, str]:
        """Folio id → full, simplified or none, for the windows the submit chose for."""
        chosen = {w.folio.pk: self.cleaned_data.get(self._name(w)) for w in self.windows}
        return {pk: kind for pk, kind in chosen.items() if kind}


class RegistryForm(forms.Form):
    date_from = forms.DateField(label=_("From"), widget=DateInput())
    date_to = forms.DateField(label=_("To"), widget=DateInput())
