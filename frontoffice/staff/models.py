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


class LeaveKind(models.TextChoices):
    LEAVE = "leave", _("Leave")
    SICK = "sick", _("Sick")


class LeaveRequest(models.Model):
    """Days a staff member asks not to work; once approved, the schedule keeps them off. A sick
    call is leave the manager records (approved at once) and re-plans around."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="leave")
    kind = models.CharField(max_length=10, choices=LeaveKind.choices, default=LeaveKind.LEAVE)
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
    SOLVING = "solving", _("Solving")
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    FAILED = "failed", _("Failed")


class Schedule(models.Model):
    """A period planned: the problem as solved, the solver's result and penalty breakdown."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="schedules")
    start = models.DateField()
    days = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=ScheduleStatus.choices, default=ScheduleStatus.DRAFT)
    problem = models.JSONField()
    result = models.JSONField(default=dict)
    progress = models.JSONField(default=dict, blank=True, help_text=_("The solver's last report while it searches"))
    note = models.CharField(max_length=200, blank=True)
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


class ClockEntry(models.Model):
    """A staff member's clock-in and, once they leave, clock-out."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="clock_entries")
    clock_in = models.DateTimeField()
    clock_out = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["staff", "-clock_in"]
        constraints = [
            models.UniqueConstraint(fields=["staff"], condition=Q(clock_out__isnull=True), name="clock_one_open"),
            models.CheckConstraint(
                condition=Q(clock_out__isnull=True) | Q(clock_out__gt=models.F("clock_in")), name="clock_out_after_in"
            ),
        ]


class TimesheetApproval(models.Model):
    """The manager's approval of a staff member's timesheet for a period (the figures as approved)."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="timesheet_approvals")
    start = models.DateField()
    end = models.DateField()
    figures = models.JSONField(default=dict)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["staff", "-start"]
        constraints = [models.UniqueConstraint(fields=["staff", "start", "end"], name="timesheet_approved_once")]


class HandoverNote(models.Model):
    """A note for the next shift (the shift hand-over log), and who has read it."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    business_date = models.DateField()
    shift = models.CharField(max_length=40, blank=True)
    text = models.TextField()
    important = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["property", "-created_at"]


class HandoverRead(models.Model):
    note = models.ForeignKey(HandoverNote, on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["note", "reader"], name="handover_read_once")]


class Procedure(models.Model):
    """A standard operating procedure (check-in, an unhappy guest, VIP arrival, cash handling…)."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="procedures")
    code = models.SlugField(max_length=40)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["property", "code"]
        constraints = [models.UniqueConstraint(fields=["property", "code"], name="procedure_code_unique")]


class ProcedureVersion(models.Model):
    """One version of a procedure, in Spanish and English; the latest is the current one."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title_es = models.CharField(max_length=160)
    title_en = models.CharField(max_length=160)
    body_es = models.TextField()
    body_en = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["procedure", "-number"]
        constraints = [models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_unique")]


class Acknowledgement(models.Model):
    """A staff member has read and accepted a version of a procedure."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="acknowledgements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="acknowledged_once")]


class SwapStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class SwapRequest(models.Model):
    """A staff member offers a published shift to a colleague; the manager approves the swap."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    shift = models.ForeignKey(ScheduledShift, on_delete=models.CASCADE, related_name="swap_requests")
    to_staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=10, choices=SwapStatus.choices, default=SwapStatus.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["property", "-created_at"]


class ShiftRequest(models.Model):
    """A wish to work (``on``) or not to work a shift (any shift when ``shift`` is blank) on a
    day: the solver grants it unless that costs more than ``weight``."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="shift_requests")
    date = models.DateField()
    shift = models.CharField(max_length=40, blank=True)
    on = models.BooleanField(help_text=_("True: wants to work it; False: wants it off"))
    weight = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["property", "date", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "date", "shift"], name="shift_request_one_per_shift"),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=1000), name="shift_request_weight"),
        ]


class CoverOverride(models.Model):
    """The people a role needs on a shift of one day, set by the manager over what the staffing
    rules give (a congress day, a closed floor)."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    shift = models.CharField(max_length=40)
    role = models.CharField(max_length=20, choices=ROLE_CHOICES)
    min = models.PositiveSmallIntegerField()
    max = models.PositiveSmallIntegerField(null=True, blank=True)
    hard = models.BooleanField(default=False)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["property", "date", "shift", "role"]
        constraints = [
            models.UniqueConstraint(fields=["property", "date", "shift", "role"], name="cover_override_unique"),
            models.CheckConstraint(
                condition=Q(max__isnull=True) | Q(max__gte=models.F("min")), name="cover_override_max"
            ),
            models.CheckConstraint(condition=Q(min__lte=200), name="cover_override_min"),
        ]
