"""Forms for the rate & restriction grid and its bulk edit."""

from django import forms
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext_lazy as _

from frontoffice.rates.models import RatePlan
from frontoffice.rooms.models import RoomType

GRID_DAYS = 14
LEAVE, SET, CLEAR = "", "set", "clear"
FLAGS = (
    ("closed", _("Closed (stop-sell)")),
    ("closed_to_arrival", _("Closed to arrival")),
    ("closed_to_departure", _("Closed to departure")),
)
LIMITS = (
    ("min_stay", _("Minimum stay")),
    ("max_stay", _("Maximum stay")),
    ("min_advance", _("Minimum advance (days)")),
    ("max_advance", _("Maximum advance (days)")),
)
PRICES = (
    ("price", _("Price")),
    ("extra_adult", _("Extra adult")),
    ("child", _("Child")),
)
WEEKDAY_CHOICES = [(str(i + 1), WEEKDAYS_ABBR[i]) for i in range(7)]  # ISO: 1 = Monday … 7 = Sunday


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PlanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.name}"


class PlanMultiChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.code


class TypeMultiChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.code


class GridForm(forms.Form):
    plan = PlanChoice(label=_("Rate plan"), queryset=RatePlan.objects.none(), to_field_name="code", required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = RatePlan.objects.filter(property=property)


class BulkRatesForm(forms.Form):
    """Prices and restrictions for many room types, plans and dates at once.

    Empty fields are left as they are. Flags are tri-state (leave / set / clear); a
    min/max restriction is set by a number and removed with its "clear" box.
    """

    room_types = TypeMultiChoice(
        label=_("Room types"), queryset=RoomType.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    rate_plans = PlanMultiChoice(
        label=_("Rate plans"), queryset=RatePlan.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    date_from = forms.DateField(label=_("From"), widget=DateInput())
    date_to = forms.DateField(label=_("To (inclusive)"), widget=DateInput())
    weekdays = forms.MultipleChoiceField(
        label=_("Weekdays"),
        required=False,
        choices=WEEKDAY_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every day."),
    )

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room_types"].queryset = RoomType.objects.filter(property=property)
        self.fields["rate_plans"].queryset = RatePlan.objects.filter(property=property)
        for name, label in PRICES:
            self.fields[name] = forms.DecimalField(
                label=label, required=False, min_value=0, max_digits=10, decimal_places=2
            )
        for name, label in FLAGS:
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[(LEAVE, _("leave as is")), (SET, _("set")), (CLEAR, _("clear"))],
            )
        for name, label in LIMITS:
            self.fields[name] = forms.IntegerField(label=label, required=False, min_value=0, max_value=999)
            self.fields[f"clear_{name}"] = forms.BooleanField(label=_("clear"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date cannot be before the start date."))
        for name, _label in LIMITS:
            if data.get(name) is not None and data.get(f"clear_{name}"):
                self.add_error(name, _("Give a number or tick clear, not both."))
        if self.is_valid_so_far() and not self.values():
            raise forms.ValidationError(_("Give a price or at least one restriction to change."))
        return data

    def is_valid_so_far(self) -> bool:
        return not self._errors

    def values(self) -> dict:
        """Only what the manager asked to change, as ``rates_bulk_update`` values."""
        d = self.cleaned_data
        out = {}
        for name, _label in PRICES:
            if d.get(name) is not None:
                out[name] = d[name]
        for name, _label in FLAGS:
            if d.get(name) == SET:
                out[name] = True
            elif d.get(name) == CLEAR:
                out[name] = False
        for name, _label in LIMITS:
            if d.get(f"clear_{name}"):
                out[name] = None
            elif d.get(name) is not None:
                out[name] = d[name]
        return out

    def weekday_set(self) -> set[int]:
        return {int(w) for w in self.cleaned_data.get("weekdays") or []}

    def limit_rows(self):
        """(number field, clear box) pairs for the template."""
        return [(self[name], self[f"clear_{name}"]) for name, _label in LIMITS]

    def flag_fields(self):
        return [self[name] for name, _label in FLAGS]

    def price_fields(self):
        return [self[name] for name, _label in PRICES]
