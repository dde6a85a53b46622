"""Rate plans with their policies, and daily prices and restrictions per room type and plan."""

import builtins
from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property
from frontoffice.rooms.models import RoomType


class MealPlan(models.TextChoices):
    RO = "RO", _("Room only")
    BB = "BB", _("Bed and breakfast")
    HB = "HB", _("Half board")
    FB = "FB", _("Full board")
    AI = "AI", _("All inclusive")


class CancellationPenalty(models.TextChoices):
    NONE = "none", _("No penalty")
    FIRST_NIGHT = "first_night", _("First night")
    PERCENT = "percent", _("Percentage of the stay")
    WHOLE_STAY = "whole_stay", _("Whole stay")


class Guarantee(models.TextChoices):
    NONE = "none", _("None")
    CARD = "card", _("Card")
    DEPOSIT = "deposit", _("Deposit")


class RatePlan(models.Model):
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="rate_plans")
    code = models.CharField(max_length=12)
    name = models.CharField(max_length=80)
    name_es = models.CharField(max_length=80, blank=True)
    meal_plan = models.CharField(max_length=2, choices=MealPlan.choices, default=MealPlan.RO)
    refundable = models.BooleanField(default=True)
    cancellation_free_hours = models.PositiveIntegerField(
        default=24, help_text=_("Free cancellation until this many hours before arrival")
    )
    cancellation_penalty = models.CharField(
        max_length=12, choices=CancellationPenalty.choices, default=CancellationPenalty.FIRST_NIGHT
    )
    cancellation_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    guarantee = models.CharField(max_length=8, choices=Guarantee.choices, default=Guarantee.CARD)
    deposit_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"))
    package_per_guest = models.DecimalField(
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_(
            "Food and beverage included in each night's price, per guest (e.g. breakfast): the night audit "
            "posts it to F&B and the rest of the price to rooms"
        ),
    )
    no_show_penalty = models.CharField(
        max_length=12, choices=CancellationPenalty.choices, default=CancellationPenalty.FIRST_NIGHT
    )
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    derive_percent = models.DecimalField(
        max_digits=6, decimal_places=2, default=Decimal("0"), help_text=_("e.g. -10 for 10 % below the parent")
    )
    derive_amount = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    active = models.BooleanField(default=True)
    public = models.BooleanField(
        default=True,
        help_text=_(
            "Sold to anyone. A non-public plan (negotiated, group, complimentary) is sold only to companies "
            "that negotiated it, or by a manager."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["property", "code"], name="rateplan_code_unique"),
            models.CheckConstraint(condition=Q(package_per_guest__gte=0), name="rateplan_package_gte_0"),
            models.CheckConstraint(
                condition=Q(cancellation_percent__gte=0, cancellation_percent__lte=100),
                name="rateplan_cancel_pct",
            ),
            models.CheckConstraint(
                condition=Q(deposit_percent__gte=0, deposit_percent__lte=100), name="rateplan_dep_pct"
            ),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="rateplan_not_own_parent"),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @builtins.property
    def display_name(self) -> str:
        """The name in the language of the current request (Spanish when one is given)."""
        return (self.name_es if (get_language() or "en").startswith("es") else "") or self.name


class DailyRate(models.Model):
    """Price and restrictions of one room type on one plan for one date.

    ``price`` is empty for a derived plan (it follows its parent) or where no price is
    loaded (the plan is then not sellable that night). Restrictions on a date: closed
    (stop-sell), closed to arrival/departure, and on an arrival date min/max length of
    stay and min/max days of advance booking.
    """

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    room_type = models.ForeignKey(RoomType, on_delete=models.CASCADE, related_name="+")
    rate_plan = models.ForeignKey(RatePlan, on_delete=models.CASCADE, related_name="daily_rates")
    date = models.DateField()
    price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    extra_adult = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    child = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal("0"))
    closed = models.BooleanField(default=False)
    closed_to_arrival = models.BooleanField(default=False)
    closed_to_departure = models.BooleanField(default=False)
    min_stay = models.PositiveSmallIntegerField(null=True, blank=True)
    max_stay = models.PositiveSmallIntegerField(null=True, blank=True)
    min_advance = models.PositiveSmallIntegerField(null=True, blank=True)
    max_advance = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["rate_plan", "room_type", "date"], name="dailyrate_unique"),
            models.CheckConstraint(condition=Q(price__isnull=True) | Q(price__gte=0), name="dailyrate_price_gte_0"),
            models.CheckConstraint(condition=Q(extra_adult__gte=0, child__gte=0), name="dailyrate_supplements_gte_0"),
        ]
        indexes = [models.Index(fields=["property", "date"])]
