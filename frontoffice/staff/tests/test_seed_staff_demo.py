"""The demo's staff: both ends of the scale planned and published, with a wish to be off granted
and the city hotel's congress day staffed as set by hand."""

import datetime as dt
import io

from django.core.management import call_command

from frontoffice.core.models import Property
from frontoffice.staff.models import CoverOverride, Schedule, ScheduledShift, ShiftRequest, StaffMember


def test_the_demo_staff_are_planned_with_their_wishes_and_the_congress_day(db):
    call_command("seed_demo", "--months-back", "1", "--months-ahead", "1", stdout=io.StringIO())
    call_command("seed_staff_demo", "--days", "7", "--time-limit", "4", stdout=io.StringIO())
    city, motel = Property.objects.get(code="CITY"), Property.objects.get(code="MOTEL")
    assert StaffMember.objects.filter(property=city).count() == 18
    assert StaffMember.objects.filter(property=motel).count() == 4
    for prop in (city, motel):
        schedule = Schedule.objects.get(property=prop)
        assert schedule.status == "published" and schedule.shifts.exists()
        wish = ShiftRequest.objects.get(property=prop)
        granted = not ScheduledShift.objects.filter(schedule=schedule, staff=wish.staff, date=wish.date).exists()
        assert granted, prop.code
    congress = CoverOverride.objects.get(property=city)
    assert congress.date == city.business_date + dt.timedelta(days=3)
    desk = ScheduledShift.objects.filter(
        schedule__property=city, date=congress.date, shift="morning", role="front_desk"
    ).count()
    assert desk == 3
    call_command("seed_staff_demo", stdout=io.StringIO())  # again: nothing doubles
    assert Schedule.objects.count() == 2 and StaffMember.objects.count() == 22
