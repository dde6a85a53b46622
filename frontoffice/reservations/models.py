"""Per-night inventory, reservations and their nightly prices."""

import builtins
import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property
from frontoffice.guests.models import Company, Guest
from frontoffice.rates.models import Guarantee, MealPlan, RatePlan
from frontoffice.reservations.domain.status import Status
from frontoffice.rooms.models import Room, RoomType

STATUS_LABELS = {
    "tentative": _("Tentative"),
    "confirmed": _("Confirmed"),
    "waitlisted": _("Waitlisted"),
    "in_house": _("In house"),
    "checked_out": _("Checked out"),
    "cancelled": _("Cancelled"),
    "no_show": _("No-show"),
}
STATUS_CHOICES = Status.choices_with(STATUS_LABELS)


class MarketSegment(models.TextChoices):
    LEISURE = "leisure", _("Leisure")
    CORPORATE = "corporate", _("Corporate")
    GROUP = "group", _("Group")
    GOVERNMENT = "government", _("Government")
    WHOLESALE = "wholesale", _("Wholesale")
    COMPLIMENTARY = "complimentary", _("Complimentary")
    HOUSE_USE = "house_use", _("House use")


class Channel(models.TextChoices):
    DIRECT_PHONE = "phone", _("Phone")
    DIRECT_EMAIL = "email", _("Email")
    WEBSITE = "website", _("Own website")
    WALK_IN = "walk_in", _("Walk-in")
    OTA = "ota", _("Online travel agency")
    GDS = "gds", _("GDS")
    TRAVEL_AGENT = "travel_agent", _("Travel agent")
    IMPORT = "import", _("Import")


class CustomerType(models.TextChoices):
    TRANSIENT = "transient", _("Transient")
    GROUP = "group", _("Group")
    CONTRACT = "contract", _("Contract")


class Reservation(models.Model):
    """One room for one stay ``[arrival, departure)``. Rooms booked together share ``party``."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="reservations")
    confirmation = models.CharField(max_length=12)
    party = models.CharField(max_length=12, help_text=_("Confirmation of the first room of the booking"))
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=Status.CONFIRMED.value)
    room_type = models.ForeignKey(RoomType, on_delete=models.PROTECT, related_name="reservations")
    rate_plan = models.ForeignKey(RatePlan, on_delete=models.PROTECT, related_name="reservations")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="reservations")
    room_since = models.DateField(
        null=True, blank=True, help_text=_("First night in the current room after a room move (empty: the arrival)")
    )
    room_type_charged = models.ForeignKey(
        RoomType,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The booked room type the stay is priced on, when an upgrade or downgrade put it in another type"),
    )
    arrival = models.DateField()
    departure = models.DateField()
    adults = models.PositiveSmallIntegerField(default=1)
    children_ages = models.JSONField(default=list, blank=True)
    guest = models.ForeignKey(Guest, on_delete=models.PROTECT, related_name="reservations")
    booker = models.ForeignKey(Guest, null=True, blank=True, on_delete=models.PROTECT, related_name="booked")
    companions = models.ManyToManyField(Guest, blank=True, related_name="accompanied")
    company = models.ForeignKey(Company, null=True, blank=True, on_delete=models.PROTECT, related_name="reservations")
    travel_agent = models.ForeignKey(
        Company, null=True, blank=True, on_delete=models.PROTECT, related_name="agent_reservations"
    )
    option_expires_at = models.DateTimeField(null=True, blank=True)
    guarantee = models.CharField(max_length=8, choices=Guarantee.choices, default=Guarantee.NONE)
    deposit_due = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    market_segment = models.CharField(max_length=14, choices=MarketSegment.choices, default=MarketSegment.LEISURE)
    channel = models.CharField(max_length=14, choices=Channel.choices, default=Channel.DIRECT_PHONE)
    customer_type = models.CharField(max_length=10, choices=CustomerType.choices, default=CustomerType.TRANSIENT)
    meal_plan = models.CharField(max_length=2, choices=MealPlan.choices, default=MealPlan.RO)
    eta = models.TimeField(null=True, blank=True)
    special_requests = models.TextField(blank=True)
    parking = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    room_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    vat_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    city_tax_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    price_overridden = models.BooleanField(default=False)
    cancellation_fee = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_on = models.DateField(
        null=True, blank=True, help_text=_("Business date of the cancellation or of the no-show")
    )
    cancel_reason = models.CharField(max_length=200, blank=True)
    booked_on = models.DateField(help_text=_("Business date the booking was made"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["arrival", "id"]
        constraints = [
            models.UniqueConstraint(fields=["property", "confirmation"], name="reservation_confirmation_unique"),
            models.CheckConstraint(condition=Q(departure__gt=F("arrival")), name="reservation_departure_after_arrival"),
            models.CheckConstraint(condition=Q(adults__gte=1), name="reservation_adults_gte_1"),
            models.CheckConstraint(
                condition=Q(room_since__isnull=True) | Q(room_since__gte=F("arrival"), room_since__lte=F("departure")),
                name="reservation_room_since_in_stay",
            ),
        ]
        indexes = [
            models.Index(fields=["property", "arrival"]),
            models.Index(fields=["property", "departure"]),
            models.Index(fields=["property", "status", "arrival"]),
            models.Index(fields=["property", "party"]),
        ]

    def __str__(self) -> str:
        return self.confirmation

    @builtins.property
    def room_from(self) -> dt.date:
        """The first night this stay holds its current room."""
        return self.room_since or self.arrival

    @builtins.property
    def booked_room_type_id(self) -> int:
        """The room type the guest booked and pays for (``room_type`` is the one the stay holds)."""
        return self.room_type_charged_id or self.room_type_id

    @builtins.property
    def nights(self) -> int:
        return (self.departure - self.arrival).days

    @builtins.property
    def children(self) -> int:
        return len(self.children_ages or [])


class ReservationNight(models.Model):
    """The price of one night, fixed at booking (or by a permitted override)."""

    reservation = models.ForeignKey(Reservation, on_delete=models.CASCADE, related_name="nights_priced")
    date = models.DateField()
    price = models.DecimalField(max_digits=10, decimal_places=2)
    vat = models.DecimalField(max_digits=10, decimal_places=2)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["reservation", "date"], name="resnight_unique")]
