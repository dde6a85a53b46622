"""Forms for the desk pages: they parse and validate input; the services decide."""

import re

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from frontoffice.guests.models import Company
from frontoffice.rates.models import RatePlan
from frontoffice.reservations.domain.stay import MAX_NIGHTS
from frontoffice.reservations.models import STATUS_CHOICES, Channel, CustomerType, MarketSegment
from frontoffice.reservations.services import MAX_CHILD_AGE, MAX_ROOMS_PER_BOOKING
from frontoffice.rooms.models import RoomType

TAPE_CHART_DAYS = (14, 31)

# Field names the services use in ``DomainError.errors``, mapped to this module's fields.
FIELD_ALIASES = {"children_ages": "ages", "guest_id": "last_name"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


def parse_ages(text: str) -> list[int]:
    """Ages typed as "4, 9" (commas, semicolons or spaces); ValueError when one is not a number."""
    return [int(part) for part in re.split(r"[,;\s]+", text.strip()) if part]


class DomainErrorsMixin:
    def add_domain_errors(self, exc) -> None:
        """Show a service's field errors next to the fields they concern (the page shows the rest)."""
        for err in getattr(exc, "errors", []) or []:
            field = FIELD_ALIASES.get(err.get("field"), err.get("field"))
            if field in self.fields and err.get("message"):
                self.add_error(field, err["message"])


class StayForm(DomainErrorsMixin, forms.Form):
    """Dates and party: arrival, departure, adults, and children with their ages."""

    arrival = forms.DateField(label=_("Arrival"), widget=DateInput())
    departure = forms.DateField(label=_("Departure"), widget=DateInput())
    adults = forms.IntegerField(label=_("Adults"), min_value=1, max_value=20, initial=2)
    children = forms.IntegerField(label=_("Children"), min_value=0, max_value=20, initial=0, required=False)
    ages = forms.CharField(
        label=_("Children's ages"),
        required=False,
        max_length=80,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 4, 9"), "inputmode": "numeric"}),
    )

    def clean(self):
        data = super().clean()
        arrival, departure = data.get("arrival"), data.get("departure")
        if arrival and departure:
            if departure <= arrival:
                self.add_error("departure", _("Departure must be after arrival."))
            elif (departure - arrival).days > MAX_NIGHTS:
                self.add_error("departure", _("A stay cannot be longer than %(n)d nights.") % {"n": MAX_NIGHTS})
        children = data.get("children") or 0
        try:
            ages = parse_ages(data.get("ages") or "")
        except ValueError:
            self.add_error("ages", _("Ages are whole numbers separated by commas."))
            return data
        if any(a < 0 or a > MAX_CHILD_AGE for a in ages):
            self.add_error("ages", _("Children's ages go from 0 to %(max)d.") % {"max": MAX_CHILD_AGE})
        elif ages and children and len(ages) != children:
            self.add_error("ages", _("Give one age per child."))
        # No ages given: the children are booked with their ages unknown (recorded at check-in).
        data["children_ages"] = ages if ages else [None] * children
        data["children"] = len(data["children_ages"])
        return data


class CompanyChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AvailabilityForm(StayForm):
    rooms = forms.IntegerField(label=_("Rooms"), min_value=1, max_value=MAX_ROOMS_PER_BOOKING, initial=1)
    company = CompanyChoice(
        label=_("Company / agency"),
        queryset=Company.objects.none(),
        required=False,
        help_text=_("Adds the rates it negotiated."),
    )

    def __init__(self, *args, property=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["arrival"].widget.attrs["autofocus"] = True
        if property is not None:
            self.fields["company"].queryset = Company.objects.filter(property=property).order_by("name")

    def negotiated(self) -> set[str]:
        """Codes of the rate plans the chosen company negotiated (none without a company)."""
        company = self.cleaned_data.get("company")
        return set(company.negotiated_rate_plans.values_list("code", flat=True)) if company else set()


class RoomTypeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.name}"


class RatePlanChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.display_name}"


class ReservationFields(forms.Form):
    """Room type and rate plan of the property, and the price override for those allowed to use it."""

    room_type = RoomTypeChoice(label=_("Room type"), queryset=RoomType.objects.none(), to_field_name="code")
    rate_plan = RatePlanChoice(label=_("Rate plan"), queryset=RatePlan.objects.none(), to_field_name="code")
    nightly_price = forms.DecimalField(
        label=_("Nightly price override"), required=False, min_value=0, max_digits=10, decimal_places=2
    )
    override_reason = forms.CharField(label=_("Reason for the override"), required=False, max_length=200)

    def setup(self, *, property, can_override: bool, current_plan: RatePlan | None = None):
        self.fields["room_type"].queryset = RoomType.objects.filter(property=property)
        plans = RatePlan.objects.filter(property=property, active=True)
        if current_plan is not None:
            plans = RatePlan.objects.filter(property=property).filter(
                models.Q(active=True) | models.Q(pk=current_plan.pk)
            )
        self.fields["rate_plan"].queryset = plans
        if not can_override:
            del self.fields["nightly_price"]
            del self.fields["override_reason"]

    def clean_override(self, data):
        if data.get("nightly_price") is not None and not (data.get("override_reason") or "").strip():
            self.add_error("override_reason", _("Say why the price is overridden."))


class BookingForm(AvailabilityForm, ReservationFields):
    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    email = forms.EmailField(label=_("Email"), required=False)
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=32, widget=forms.TextInput(attrs={"type": "tel"})
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    market_segment = forms.ChoiceField(label=_("Market segment"), choices=MarketSegment.choices)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    customer_type = forms.ChoiceField(label=_("Customer type"), choices=CustomerType.choices)
    eta = forms.TimeField(label=_("Estimated arrival time"), required=False, widget=TimeInput())
    special_requests = forms.CharField(
        label=_("Special requests"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    parking = forms.BooleanField(label=_("Parking"), required=False)
    notes = forms.CharField(
        label=_("Internal notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    tentative_until = forms.DateTimeField(
        label=_("Option (tentative) until"),
        required=False,
        widget=DateTimeInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty for a confirmed booking."),
    )
    waitlist_if_full = forms.BooleanField(label=_("Waitlist if full"), required=False)

    def __init__(self, *args, property, can_override: bool, **kwargs):
        super().__init__(*args, property=property, **kwargs)
        self.setup(property=property, can_override=can_override)
        self.fields["nationality"].choices = [("", "—"), *countries]
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["first_name"].widget.attrs["autofocus"] = True
        self.fields["arrival"].widget.attrs.pop("autofocus", None)
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        self.clean_override(data)
        return data

    def guest_data(self) -> dict:
        d = self.cleaned_data
        return {k: d.get(k) or "" for k in ("first_name", "last_name", "email", "phone", "language", "nationality")}


class ModifyForm(StayForm, ReservationFields):
    eta = forms.TimeField(label=_("Estimated arrival time"), required=False, widget=TimeInput())
    special_requests = forms.CharField(
        label=_("Special requests"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label=_("Internal notes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )
    parking = forms.BooleanField(label=_("Parking"), required=False)

    def __init__(self, *args, reservation, can_override: bool, **kwargs):
        self.reservation = reservation
        res = reservation
        kwargs.setdefault(
            "initial",
            {
                "arrival": res.arrival,
                "departure": res.departure,
                "adults": res.adults,
                "children": res.children,
                "ages": ", ".join(str(a) for a in res.children_ages if a is not None),
                "room_type": res.room_type.code,
                "rate_plan": res.rate_plan.code,
                "eta": res.eta,
                "special_requests": res.special_requests,
                "notes": res.notes,
                "parking": res.parking,
            },
        )
        super().__init__(*args, **kwargs)
        self.setup(property=res.property, can_override=can_override, current_plan=res.rate_plan)

    def clean(self):
        data = super().clean()
        self.clean_override(data)
        return data

    def changes(self) -> dict:
        """Only what the agent changed, as ``reservation_modify`` arguments (``None`` = unchanged)."""
        d, res = self.cleaned_data, self.reservation
        ages = d["children_ages"]
        if len(ages) == len(res.children_ages) and all(a is None for a in ages):
            ages = list(res.children_ages)  # the ages were left blank: keep the known ones
        out = {
            "arrival": d["arrival"] if d["arrival"] != res.arrival else None,
            "departure": d["departure"] if d["departure"] != res.departure else None,
            "room_type": d["room_type"] if d["room_type"].pk != res.room_type_id else None,
            "rate_plan": d["rate_plan"] if d["rate_plan"].pk != res.rate_plan_id else None,
            "adults": d["adults"] if d["adults"] != res.adults else None,
            "children_ages": ages if ages != list(res.children_ages) else None,
            "nightly_price": d.get("nightly_price"),
            "override_reason": d.get("override_reason") or "",
        }
        details = {}
        for key in ("eta", "special_requests", "notes", "parking"):
            value = d.get(key)
            if key in ("special_requests", "notes"):
                value = value or ""
            if value != getattr(res, key):
                details[key] = value
        out["details"] = details
        return out


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=200,
        error_messages={"required": _("Say why the reservation is cancelled.")},
    )
    waive_fee = forms.BooleanField(label=_("Waive the cancellation fee"), required=False)


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=120)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Any status")), *STATUS_CHOICES])
    arrival_from = forms.DateField(label=_("Arrival from"), required=False, widget=DateInput())
    arrival_to = forms.DateField(label=_("Arrival to"), required=False, widget=DateInput())


class TapeChartForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    days = forms.TypedChoiceField(
        label=_("Days"), required=False, coerce=int, choices=[(n, n) for n in TAPE_CHART_DAYS], empty_value=14
    )
