from django.urls import path

from frontoffice.staff import views, views_handover, views_planning, views_timeclock

app_name = "staff"

urlpatterns = [
    path("staff/schedules/", views.schedules, name="schedules"),
    path("staff/schedules/generate/", views.generate, name="generate"),
    path("staff/schedules/<int:pk>/", views.schedule, name="schedule"),
    path("staff/schedules/<int:pk>/publish/", views.publish, name="publish"),
    path("staff/schedules/<int:pk>/edit/", views.edit, name="edit"),
    path("staff/shifts/<int:pk>/offer/", views.offer_shift, name="offer_shift"),
    path("staff/swaps/<int:pk>/decide/", views.decide_swap, name="decide_swap"),
    path("staff/leave/", views.ask_leave, name="ask_leave"),
    path("staff/leave/<int:pk>/decide/", views.decide_leave, name="decide_leave"),
    path("staff/my-schedule/", views.my_schedule, name="my_schedule"),
    path("staff/calendar/<str:token>.ics", views.ical_feed, name="ical"),
    *views_planning.urlpatterns,
    *views_timeclock.urlpatterns,
    *views_handover.urlpatterns,
]
