"""Writes for properties and memberships."""

import zoneinfo

from django.db import transaction
from django.utils.translation import gettext as _

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput
from frontoffice.core.models import Membership, Property


def property_create(*, actor, data: dict) -> Property:
    require(actor, "core.manage_properties")
    if data.get("timezone") not in zoneinfo.available_timezones():
        raise InvalidInput(_("Unknown time zone."), errors=[{"field": "timezone", "message": _("e.g. Europe/Madrid")}])
    with transaction.atomic():
        if Property.objects.filter(code=data["code"]).exists():
            raise Conflict(_("Property %(code)s already exists.") % {"code": data["code"]}, code="duplicate")
        prop = Property.objects.create(**data)
        if not actor.is_superuser:
            Membership.objects.create(user=actor, property=prop)
        audit_record(property=prop, entity="property", entity_id=prop.code, action="create", actor=actor, changes={})
    return prop
