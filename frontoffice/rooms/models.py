"""Room types, rooms and out-of-order / out-of-service periods."""

import builtins

from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property


class HousekeepingCondition(models.TextChoices):
    DIRTY = "dirty", _("Dirty")
    CLEAN = "clean", _("Clean")
    INSPECTED = "inspected", _("Inspected")


class RoomFeature(models.TextChoices):
    ACCESSIBLE = "accessible", _("Accessible")
    SEA_VIEW = "sea_view", _("Sea view")
    CITY_VIEW = "city_view", _("City view")
    CONNECTING = "connecting", _("Connecting")
    BALCONY = "balcony", _("Balcony")
    QUIET = "quiet", _("Quiet")
    BATHTUB = "bathtub", _("Bathtub")


class RoomType(models.Model):
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="room_types")
    code = models.CharField(max_length=10)
    name_en = models.CharField(max_length=80)
    name_es = models.CharField(max_length=80, blank=True)
    description_en = models.TextField(blank=True)
    description_es = models.TextField(blank=True)
    base_occupancy = models.PositiveSmallIntegerField(default=2)
    max_occupancy = models.PositiveSmallIntegerField(default=2)
    bed_configuration = models.CharField(max_length=80, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["property", "code"], name="roomtype_code_unique"),
            models.CheckConstraint(
                condition=models.Q(base_occupancy__gte=1, max_occupancy__gte=models.F("base_occupancy")),
                name="roomtype_occupancy_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} · {self.name}"

    @builtins.property
    def name(self) -> str:
        return (self.name_es if (get_language() or "en").startswith("es") else "") or self.name_en

    @builtins.property
    def description(self) -> str:
        lang_es = (get_language() or "en").startswith("es")
        return (self.description_es if lang_es else "") or self.description_en


class Room(models.Model):
    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="rooms")
    number = models.CharField(max_length=10)
    floor = models.SmallIntegerField(default=0)
    room_type = models.ForeignKey(RoomType, on_delete=models.PROTECT, related_name="rooms")
    features = models.JSONField(default=list, blank=True)
    smoking = models.BooleanField(default=False)
    connects_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    condition = models.CharField(
        max_length=10, choices=HousekeepingCondition.choices, default=HousekeepingCondition.CLEAN
    )
    active = models.BooleanField(default=True)
    # Overlays housekeeping needs to see, and what housekeeping found at its last check (vacant or
    # occupied), compared with the desk's view to show discrepancies.
    do_not_disturb = models.BooleanField(default=False)
    make_up_room = models.BooleanField(default=False)
    housekeeping_found = models.CharField(
        max_length=10,
        choices=[("vacant", _("Vacant")), ("occupied", _("Occupied"))],
        blank=True,
        help_text=_("What housekeeping found at its last check"),
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["floor", "number"]
        constraints = [models.UniqueConstraint(fields=["property", "number"], name="room_number_unique")]

    def __str__(self) -> str:
        return self.number


class RoomBlockKind(models.TextChoices):
    OUT_OF_ORDER = "out_of_order", _("Out of order")
    OUT_OF_SERVICE = "out_of_service", _("Out of service")


class RoomBlock(models.Model):
    """A period ``[start, end)`` a room is out of order (leaves inventory) or out of service (does not)."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="blocks")
    kind = models.CharField(max_length=16, choices=RoomBlockKind.choices)
    start = models.DateField()
    end = models.DateField()
    reason = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["start"]
        constraints = [models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="roomblock_dates")]


class InventoryNight(models.Model):
    """Rooms of one type on one night: the row every booking locks and updates.

    ``sellable = physical - out_of_order``. The database refuses ``sold`` above
    ``sellable + overbooking``: no code path can oversell, even a buggy one.
    """

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    room_type = models.ForeignKey(RoomType, on_delete=models.CASCADE, related_name="inventory")
    date = models.DateField()
    physical = models.PositiveIntegerField(default=0)
    out_of_order = models.PositiveIntegerField(default=0)
    sold = models.PositiveIntegerField(default=0)
    overbooking = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room_type", "date"], name="inventory_unique"),
            models.CheckConstraint(
                condition=Q(sold__lte=F("physical") - F("out_of_order") + F("overbooking")),
                name="inventory_no_oversell",
            ),
            models.CheckConstraint(condition=Q(out_of_order__lte=F("physical")), name="inventory_ooo_lte_physical"),
        ]
        indexes = [models.Index(fields=["property", "date"])]

    @builtins.property
    def free(self) -> int:
        return self.physical - self.out_of_order - self.sold

    def sellable_after_ooo(self) -> int:
        """Physical rooms left unsold if one more room of the type went out of order.

        The overbooking allowance does not count: it is a bet on no-shows, not a bed.
        """
        return self.physical - self.out_of_order - 1 - self.sold
