"""The front office's people and their schedules.

A property's scheduling set-up (shift types, forbidden successions, contracts and staffing rules)
is kept as the JSON of the schedule problem (``docs/scheduling.md``), so what the manager plans
and what the solver reads are one format. A schedule is a solved problem for a period: a draft
until the manager publishes it; its shifts are rows so that each person's own schedule (and its
calendar feed) is one query.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frontoffice.core.models import Property

ROLE_CHOICES = [
    ("front_desk", _("Front-desk agent")),
    ("reservations", _("Reservations agent")),
    ("concierge", _("Concierge")),
    ("porter", _("Porter")),
    ("night_audit", _("Night auditor")),
    ("manager", _("Front-office manager")),
    ("assistant_manager", _("Assistant manager")),
]


class SchedulingSetup(models.Model):
    """How a property plans its staff: shift types, forbidden successions, contracts (named rule
    sets), staffing rules and default weights, in the schedule problem's JSON terms."""

    property = models.OneToOneField(Property, on_delete=models.CASCADE, related_name="scheduling_setup")
    shift_types = models.JSONField(default=list)
    forbidden_successions = models.JSONField(default=list, blank=True)
    contracts = models.JSONField(default=dict, blank=True)
    staffing_rules = models.JSONField(default=dict, blank=True)
    weights = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.property_id} scheduling"


class StaffMember(models.Model):
    """A member of the front-office staff, linked to their user account when they have one."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="staff_records"
    )
    code = models.CharField(max_length=20, help_text=_("Short id used in schedules"))
    name = models.CharField(max_length=120)
    roles = models.JSONField(default=list)
    skills = models.JSONField(default=list, blank=True)
    languages = models.JSONField(default=list, blank=True)
    contract = models.CharField(max_length=40, blank=True, help_text=_("A contract of the scheduling set-up"))
    rules = models.JSONField(default=dict, blank=True, help_text=_("This person's own rules over the contract's"))
    fixed_days_off = models.JSONField(default=list, blank=True, help_text=_("Weekdays always off: mon, tue … sun"))
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["property", "name"]
        constraints = [models.UniqueConstraint(fields=["property", "code"], name="staff_code_unique")]

    def __str__(self) -> str:
        return self.name


class LeaveStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class LeaveRequest(models.Model):
    """Days a staff member asks not to work; once approved, the schedule keeps them off."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="leave")
    start = models.DateField()
    end = models.DateField(help_text=_("Last day of leave (inclusive)"))
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=LeaveStatus.choices, default=LeaveStatus.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["staff", "start"]
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="leave_dates")]


class ScheduleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class Schedule(models.Model):
    """A period planned: the problem as solved, the solver's result and penalty breakdown."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="schedules")
    start = models.DateField()
    days = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT)
    problem = models.JSONField()
    result = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["property", "-start", "-id"]

    def __str__(self) -> str:
        return f"{self.property_id} {self.start} +{self.days}"


class ScheduledShift(models.Model):
    """One person on one shift of one day in one role, in a schedule."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="shifts")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="shifts")
    date = models.DateField()
    shift = models.CharField(max_length=40)
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["schedule", "date", "starts_at", "staff"]
        constraints = [models.UniqueConstraint(fields=["schedule", "staff", "date"], name="scheduled_shift_one_a_day")]
