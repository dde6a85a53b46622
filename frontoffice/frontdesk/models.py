"""What the desk records beyond the reservation: who stayed (the registration of every traveller,
as the authorities require), the keys handed out, and room moves during a stay."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property
from frontoffice.guests.models import DocumentType, Guest
from frontoffice.reservations.models import Reservation
from frontoffice.rooms.models import Room


class Traveller(models.Model):
    """One person staying, as registered at check-in: the main guest and each companion, with the
    identity document and personal details the guest registry needs. A snapshot: later changes to
    the guest's profile do not rewrite what was registered."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    reservation = models.ForeignKey(Reservation, on_delete=models.PROTECT, related_name="travellers")
    guest = models.ForeignKey(Guest, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations")
    is_main = models.BooleanField(default=False)
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    document_type = models.CharField(max_length=10, choices=DocumentType.choices)
    document_number = models.CharField(max_length=30)
    document_country = models.CharField(max_length=2)
    document_expiry = models.DateField(null=True, blank=True)
    nationality = models.CharField(max_length=2)
    birth_date = models.DateField()
    address = models.TextField(blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reservation", "-is_main", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reservation"], condition=Q(is_main=True), name="traveller_one_main_per_reservation"
            ),
        ]
        indexes = [models.Index(fields=["property", "registered_at"])]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"


class StayEvent(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    CHECK_IN_REVERTED = "check_in_reverted", _("Check-in reverted")
    CHECK_OUT = "check_out", _("Check-out")


class StayRecord(models.Model):
    """When a stay began and ended at the desk, by whom, and the overrides given on the way."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    reservation = models.ForeignKey(Reservation, on_delete=models.PROTECT, related_name="stay_records")
    event = models.CharField(max_length=20, choices=StayEvent.choices)
    business_date = models.DateField()
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    room = models.ForeignKey(Room, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    overrides = models.JSONField(default=dict, blank=True, help_text=_("Refusal overridden → reason"))

    class Meta:
        ordering = ["reservation", "at", "id"]
        indexes = [models.Index(fields=["property", "business_date", "event"])]


class KeyIssue(models.Model):
    """Keys handed out for a room (the integration point for a key encoder)."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    reservation = models.ForeignKey(Reservation, on_delete=models.PROTECT, related_name="key_issues")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveSmallIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reservation", "at"]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1, count__lte=10), name="key_issue_count_range")]


class RoomMove(models.Model):
    """A guest moved from one room to another during the stay, with the reason."""

    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+")
    reservation = models.ForeignKey(Reservation, on_delete=models.PROTECT, related_name="room_moves")
    from_room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="+")
    to_room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="+")
    business_date = models.DateField()
    reason = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["reservation", "at"]
