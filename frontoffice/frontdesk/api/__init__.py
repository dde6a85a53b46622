"""The front-desk REST API: one router, with the operations of each area in its own module."""

from ninja import Router

from frontoffice.frontdesk.api import assignment as assignment_api
from frontoffice.frontdesk.api import lists as lists_api
from frontoffice.frontdesk.api import room_status as room_status_api
from frontoffice.frontdesk.api import stay

router = Router(tags=["front desk"])
router.add_router("", stay.router, tags=["check-in and check-out"])
router.add_router("", lists_api.router, tags=["arrivals, departures and in-house"])
router.add_router("", room_status_api.router, tags=["room status"])
router.add_router("", assignment_api.router, tags=["room assignment and moves"])
