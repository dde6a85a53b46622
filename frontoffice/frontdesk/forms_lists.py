"""Forms of the desk's list pages and of the room-status board."""

from django import forms
from django.utils.translation import gettext_lazy as _

from frontoffice.frontdesk.selectors import DeskFilters
from frontoffice.reservations.forms import DateInput, TimeInput
from frontoffice.rooms.models import HousekeepingCondition

UNCHANGED = ""


class DeskListForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=120)
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput())
    vip = forms.BooleanField(label=_("VIP"), required=False)
    unassigned = forms.BooleanField(label=_("No room yet"), required=False)
    balance_due = forms.BooleanField(label=_("Balance due"), required=False)
    group = forms.BooleanField(label=_("Groups"), required=False)
    eta_from = forms.TimeField(label=_("ETA from"), required=False, widget=TimeInput())
    eta_to = forms.TimeField(label=_("ETA to"), required=False, widget=TimeInput())

    def filters(self) -> DeskFilters:
        d = self.cleaned_data if self.is_valid() else {}
        return DeskFilters(
            vip=bool(d.get("vip")),
            unassigned=bool(d.get("unassigned")),
            balance_due=bool(d.get("balance_due")),
            group=bool(d.get("group")),
            eta_from=d.get("eta_from"),
            eta_to=d.get("eta_to"),
            text=d.get("q") or "",
        )

    def chosen_date(self):
        return self.cleaned_data.get("date") if self.is_valid() else None


TRI_STATE = [(UNCHANGED, _("(unchanged)")), ("on", _("On")), ("off", _("Off"))]


class RoomStatusBulkForm(forms.Form):
    """The change to make to every room ticked on the board."""

    rooms = forms.CharField(required=False)  # read with getlist in clean
    condition = forms.ChoiceField(
        label=_("Condition"), required=False, choices=[(UNCHANGED, _("(unchanged)")), *HousekeepingCondition.choices]
    )
    do_not_disturb = forms.ChoiceField(label=_("Do not disturb"), required=False, choices=TRI_STATE)
    make_up_room = forms.ChoiceField(label=_("Make up room"), required=False, choices=TRI_STATE)
    housekeeping_found = forms.ChoiceField(
        label=_("Housekeeping found"),
        required=False,
        choices=[
            (UNCHANGED, _("(unchanged)")),
            ("vacant", _("Vacant")),
            ("occupied", _("Occupied")),
            ("clear", _("Clear")),
        ],
    )

    def change(self) -> dict:
        d = self.cleaned_data
        flag = {"on": True, "off": False}
        found = d.get("housekeeping_found") or None
        return {
            "condition": d.get("condition") or None,
            "do_not_disturb": flag.get(d.get("do_not_disturb") or ""),
            "make_up_room": flag.get(d.get("make_up_room") or ""),
            "housekeeping_found": "" if found == "clear" else found,
        }
