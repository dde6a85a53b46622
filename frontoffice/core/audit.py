"""The audit trail: one call records who changed what, with before/after values."""

import datetime as dt
from decimal import Decimal

from frontoffice.core.models import AuditEntry


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "pk"):
        return str(value)
    return value


def snapshot(obj, fields: list[str]) -> dict:
    return {f: _plain(getattr(obj, f)) for f in fields}


def diff(before: dict, after: dict) -> dict:
    """``{field: [old, new]}`` for every field that changed."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def audit_record(*, property, entity: str, entity_id, action: str, actor, changes: dict, reason: str = ""):
    return AuditEntry.objects.create(
        property=property,
        entity=entity,
        entity_id=str(entity_id),
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        changes={k: _plain(v) if not isinstance(v, list) else [_plain(x) for x in v] for k, v in changes.items()},
        reason=reason[:200],
    )
