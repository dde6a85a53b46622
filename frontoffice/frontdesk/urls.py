from django.urls import path

from frontoffice.frontdesk.views import assignment as assignment_views
from frontoffice.frontdesk.views import lists as lists_views
from frontoffice.frontdesk.views import room_status as room_status_views
from frontoffice.frontdesk.views import stay

app_name = "frontdesk"
urlpatterns = [
    path("reservations/<str:confirmation>/check-in/", stay.check_in_page, name="check_in"),
    path("reservations/<str:confirmation>/checked-in/", stay.checked_in, name="checked_in"),
    path("reservations/<str:confirmation>/check-out/", stay.check_out_page, name="check_out"),
    path("reservations/<str:confirmation>/checked-out/", stay.checked_out, name="checked_out"),
    path("reservations/<str:confirmation>/revert-check-in/", stay.revert_page, name="revert_check_in"),
    path("reservations/<str:confirmation>/late-check-out-fee/", stay.late_fee, name="late_fee"),
    path("reservations/<str:confirmation>/registration-card/", stay.registration_card, name="registration_card"),
    path("guest-registry/", stay.guest_registry, name="guest_registry"),
]

# The day at a glance, the desk's lists and the room-status board.
urlpatterns += [
    path("front-desk/", lists_views.dashboard, name="dashboard"),
    path("front-desk/<slug:kind>/", lists_views.desk_list_page, name="list"),
    path("room-status/", room_status_views.board, name="room_status"),
    path("room-status/update/", room_status_views.board_update, name="room_status_update"),
]

# Room assignment and moves.
urlpatterns += [
    path("reservations/<str:confirmation>/room/", assignment_views.room_page, name="assign_room"),
    path("reservations/<str:confirmation>/room/assign/", assignment_views.assign, name="assign_room_post"),
    path("reservations/<str:confirmation>/room/unassign/", assignment_views.unassign, name="unassign_room"),
    path("reservations/<str:confirmation>/room/move/", assignment_views.move, name="move_room"),
    path("arrivals/auto-assign/", assignment_views.auto_assign_page, name="auto_assign"),
]
