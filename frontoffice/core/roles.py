"""Roles are Django groups holding explicit permissions.

The table below is the single source of truth; ``roles_sync`` writes it into the
database after every migration, so a fresh install always has every role.
"""

from django.contrib.auth.models import Group, Permission

P = "core."

ROLE_PERMISSIONS: dict[str, set[str]] = {
    "front_desk_agent": {
        P + "view_rates",
        P + "view_reservations",
        P + "book",
        P + "cancel",
        P + "manage_guests",
        P + "view_folios",
        P + "post_charges",
        P + "take_payments",
        P + "transfer_postings",
        P + "issue_invoices",
        P + "direct_bill",
        P + "check_in",
        P + "assign_rooms",
        P + "update_room_status",
    },
    "reservations_agent": {
        P + "view_rates",
        P + "view_reservations",
        P + "book",
        P + "cancel",
        P + "manage_guests",
        P + "import_reservations",
    },
    "concierge": {P + "view_reservations"},
    "porter": set(),
    "night_auditor": {
        P + "view_rates",
        P + "view_reservations",
        P + "cancel",
        P + "view_folios",
        P + "post_charges",
        P + "view_receivables",
        P + "manage_cashier_shifts",
        P + "check_in",
        P + "run_night_audit",
        P + "view_night_audit",
    },
    "front_office_manager": {
        P + "view_rates",
        P + "view_reservations",
        P + "book",
        P + "cancel",
        P + "manage_guests",
        P + "override_price",
        P + "book_do_not_rent",
        P + "manage_rates",
        P + "manage_rooms",
        P + "import_reservations",
        P + "view_folios",
        P + "post_charges",
        P + "take_payments",
        P + "refund",
        P + "void_postings",
        P + "transfer_postings",
        P + "issue_invoices",
        P + "credit_invoices",
        P + "view_receivables",
        P + "manage_receivables",
        P + "direct_bill",
        P + "manage_cashier_shifts",
        P + "check_in",
        P + "assign_rooms",
        P + "update_room_status",
        P + "override_front_desk",
        P + "export_guest_registry",
        P + "run_night_audit",
        P + "view_night_audit",
        P + "view_back_office",
        P + "manage_schedules",
        P + "view_timesheets",
        P + "approve_timesheets",
        P + "manage_procedures",
    },
    "accountant": {
        P + "view_rates",
        P + "view_reservations",
        P + "view_folios",
        P + "issue_invoices",
        P + "credit_invoices",
        P + "view_receivables",
        P + "manage_receivables",
        P + "manage_cashier_shifts",
        P + "view_night_audit",
        P + "view_back_office",
    },
    # Finance reads every figure and export, and changes nothing.
    "finance": {
        P + "view_rates",
        P + "view_reservations",
        P + "view_folios",
        P + "view_receivables",
        P + "view_night_audit",
        P + "view_back_office",
    },
    # HR reads and exports the hours worked, and changes nothing.
    "hr": {P + "view_timesheets"},
    "administrator": {
        P + "view_rates",
        P + "view_reservations",
        P + "book",
        P + "cancel",
        P + "manage_guests",
        P + "override_price",
        P + "book_do_not_rent",
        P + "manage_rates",
        P + "manage_rooms",
        P + "import_reservations",
        P + "manage_properties",
        P + "view_folios",
        P + "post_charges",
        P + "take_payments",
        P + "refund",
        P + "void_postings",
        P + "transfer_postings",
        P + "issue_invoices",
        P + "credit_invoices",
        P + "view_receivables",
        P + "manage_receivables",
        P + "direct_bill",
        P + "manage_cashier_shifts",
        P + "check_in",
        P + "assign_rooms",
        P + "update_room_status",
        P + "override_front_desk",
        P + "export_guest_registry",
        P + "run_night_audit",
        P + "view_night_audit",
        P + "view_back_office",
        P + "manage_schedules",
        P + "view_timesheets",
        P + "approve_timesheets",
        P + "manage_procedures",
    },
}

ROLES = list(ROLE_PERMISSIONS)


def roles_sync() -> None:
    """Create every role group and give it exactly the permissions in the table."""
    wanted = {codename.split(".", 1)[1] for perms in ROLE_PERMISSIONS.values() for codename in perms}
    by_codename = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="core", codename__in=wanted)
    }
    missing = wanted - set(by_codename)
    if missing:
        raise RuntimeError(f"permissions missing from the database: {sorted(missing)}")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set([by_codename[p.split(".", 1)[1]] for p in perms])
