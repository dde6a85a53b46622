"""Writes at the desk, one module per area: room assignment and moves, check-in and check-out,
room status. Everything a caller needs is re-exported here."""

from frontoffice.frontdesk.services.assignment import (  # noqa: F401, E402
    AutoAssignSummary,
    room_assign,
    room_move,
    room_unassign,
    rooms_auto_assign,
)
from frontoffice.frontdesk.services.room_status import (  # noqa: F401, E402
    room_mark_dirty,
    room_status_set,
    room_status_set_bulk,
)
from frontoffice.frontdesk.services.stay import (  # noqa: F401, E402
    CheckedOut,
    check_in,
    check_in_revert,
    check_out,
    keys_issue,
    late_check_out_fee_post,
    walk_in_create,
)
