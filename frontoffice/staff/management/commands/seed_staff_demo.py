"""``manage.py seed_staff_demo``: the demo hotels' front-office staff and a published schedule for
the next two weeks, planned by the solver from the staffing needs of their forecast.

CITY (120 rooms) has a front-office manager and an assistant, seven front-desk agents, two in
reservations, two concierges, four porters and two night auditors; the demo logins are among
them, so each sees their own shifts. MOTEL (8 rooms) has four people who do everything. Run by
``make demo`` and ``frontoffice demo`` after the other seeds; a property that has staff is left
alone."""

import datetime as dt

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from frontoffice.core.models import Property
from frontoffice.staff.models import CoverOverride, LeaveRequest, ShiftRequest, StaffMember
from frontoffice.staff.services import schedule_generate, schedule_publish, scheduling_setup

EVERYTHING = ["front_desk", "reservations", "concierge", "porter", "night_audit", "manager"]
CITY = [
    # code, name, roles, login, contract, fixed days off
    ("laura", "Laura Sánchez", ["manager", "front_desk"], "manager", "full_time", ["sat", "sun"]),
    ("jorge", "Jorge Peña", ["assistant_manager", "manager", "front_desk"], None, "full_time", []),
    ("carlos", "Carlos Martín", ["front_desk", "reservations"], "desk1", "full_time", []),
    ("marta", "Marta López", ["front_desk"], "desk2", "full_time", []),
    ("david", "David Ruiz", ["front_desk", "porter"], "desk3", "full_time", []),
    ("sara", "Sara Molina", ["front_desk"], None, "full_time", []),
    ("ines", "Inés Castro", ["front_desk", "concierge"], None, "full_time", []),
    ("hugo", "Hugo Ortega", ["front_desk"], None, "part_time", []),
    ("alba", "Alba Rey", ["front_desk", "reservations"], None, "part_time", []),
    ("lucia", "Lucía Fernández", ["reservations", "front_desk"], "reservations", "full_time", ["sun"]),
    ("javier", "Javier Moreno", ["concierge"], "concierge", "full_time", []),
    ("nuria", "Nuria Prieto", ["concierge", "front_desk"], None, "part_time", []),
    ("pablo", "Pablo Jiménez", ["porter"], "porter1", "full_time", []),
    ("sergio", "Sergio Navarro", ["porter"], "porter2", "full_time", []),
    ("raul", "Raúl Vidal", ["porter"], None, "full_time", []),
    ("oscar", "Óscar Santos", ["porter"], None, "part_time", []),
    ("elena", "Elena Torres", ["night_audit", "front_desk"], "nightaudit", "full_time", []),
    ("tomas", "Tomás Ibáñez", ["night_audit", "front_desk"], None, "full_time", []),
]
MOTEL = [
    ("paco", "Paco Herrera", EVERYTHING, "motel", "full_time", []),
    ("rosa", "Rosa Herrera", EVERYTHING, None, "full_time", []),
    ("ivan", "Iván Herrera", EVERYTHING, None, "part_time", []),
    ("lola", "Lola Campos", EVERYTHING, None, "part_time", []),
]


class Command(BaseCommand):
    help = "The demo hotels' staff and a published schedule for the next two weeks."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=14)
        parser.add_argument("--time-limit", type=float, default=5.0)

    def handle(self, *args, **opts):
        for code, people in (("CITY", CITY), ("MOTEL", MOTEL)):
            prop = Property.objects.filter(code=code).first()
            if prop is None or StaffMember.objects.filter(property=prop).exists():
                continue
            scheduling_setup(property=prop)
            made = []
            for member_code, name, roles, login, contract, days_off in people:
                user = User.objects.filter(username=login).first() if login else None
                made.append(
                    StaffMember.objects.create(
                        property=prop,
                        code=member_code,
                        name=name,
                        roles=roles,
                        user=user,
                        contract=contract,
                        fixed_days_off=days_off,
                        languages=["es", "en"],
                    )
                )
            start = prop.business_date
            # One agent on leave for two days of the period, approved by the manager.
            LeaveRequest.objects.create(
                property=prop,
                staff=made[-1],
                start=start + dt.timedelta(days=4),
                end=start + dt.timedelta(days=5),
                reason="Family",
                status="approved",
            )
            manager = User.objects.filter(username="manager" if code == "CITY" else "admin").first()
            # A wish to be off, and a busy day set by hand (a congress at the city hotel).
            ShiftRequest.objects.create(
                property=prop, staff=made[3], date=start + dt.timedelta(days=6), on=False, weight=60,
                reason="Daughter's school play",
            )  # fmt: skip
            if code == "CITY":
                CoverOverride.objects.create(
                    property=prop, date=start + dt.timedelta(days=3), shift="morning", role="front_desk", min=3,
                    note="Congress check-in", created_by=manager,
                )  # fmt: skip
            schedule = schedule_generate(
                property=prop, actor=manager, start=start, days=opts["days"], time_limit=opts["time_limit"]
            )
            if schedule.result.get("assignments"):
                schedule_publish(schedule=schedule, actor=manager)
            self.stdout.write(
                f"{code}: {len(made)} staff, schedule {schedule.result.get('status')} "
                f"(penalty {schedule.result.get('objective')})"
            )
