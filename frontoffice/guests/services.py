"""Writes for guest profiles and companies, with validation a desk agent understands."""

import datetime as dt

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.utils.translation import gettext as _
from django_countries import countries

from frontoffice.core.access import require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import InvalidInput
from frontoffice.core.models import Property
from frontoffice.guests.models import Company, DocumentType, Guest

GUEST_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "language",
    "nationality",
    "document_type",
    "document_number",
    "document_country",
    "document_expiry",
    "birth_date",
    "address",
    "preferences",
    "notes",
    "vip_level",
    "do_not_disclose",
    "do_not_rent",
    "do_not_rent_reason",
)


def normalise_phone(raw: str, default_region: str = "ES") -> str:
    """E.164 form of a phone number; raises ValueError when it is not a possible number."""
    try:
        number = phonenumbers.parse(raw, default_region)
    except phonenumbers.NumberParseException as exc:
        raise ValueError(str(exc)) from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError("not a valid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def guest_clean(data: dict, *, today: dt.date | None = None) -> dict:
    """Validated, normalised guest fields; InvalidInput lists every problem at once."""
    errors = []
    clean = {k: v for k, v in data.items() if k in GUEST_FIELDS and v is not None}
    for f in ("first_name", "last_name"):
        clean[f] = (clean.get(f) or "").strip()
    if not clean["last_name"]:
        errors.append({"field": "last_name", "message": _("The guest's last name is required.")})
    if not clean["first_name"]:
        errors.append({"field": "first_name", "message": _("The guest's first name is required.")})
    if clean.get("email"):
        clean["email"] = clean["email"].strip().lower()
        try:
            validate_email(clean["email"])
        except ValidationError:
            errors.append({"field": "email", "message": _("Not a valid email address.")})
    if clean.get("phone"):
        try:
            clean["phone"] = normalise_phone(clean["phone"])
        except ValueError:
            errors.append({"field": "phone", "message": _("Not a valid phone number (use +34 600 000 000).")})
    for f in ("nationality", "document_country"):
        if clean.get(f):
            clean[f] = clean[f].strip().upper()
            if clean[f] not in countries:
                errors.append({"field": f, "message": _("Use a two-letter country code such as ES or GB.")})
    if clean.get("document_type") and clean["document_type"] not in DocumentType.values:
        errors.append(
            {
                "field": "document_type",
                "message": _("One of %(choices)s.") % {"choices": ", ".join(DocumentType.values)},
            }
        )
    if clean.get("document_number"):
        clean["document_number"] = clean["document_number"].strip().upper().replace(" ", "")
    if clean.get("language") and clean["language"] not in {"es", "en"}:
        errors.append({"field": "language", "message": _("Language must be es or en.")})
    if clean.get("birth_date") and today and clean["birth_date"] > today:
        errors.append({"field": "birth_date", "message": _("The birth date is in the future.")})
    if clean.get("vip_level") is not None and not 0 <= int(clean["vip_level"]) <= 5:
        errors.append({"field": "vip_level", "message": _("VIP level goes from 0 (none) to 5.")})
    if clean.get("do_not_rent") and not (clean.get("do_not_rent_reason") or "").strip():
        errors.append({"field": "do_not_rent_reason", "message": _("Say why the guest must not be accommodated.")})
    if clean.get("preferences") is not None and not isinstance(clean["preferences"], list):
        errors.append({"field": "preferences", "message": _("Preferences are a list of tags.")})
    if errors:
        raise InvalidInput(_("The guest profile is not valid."), errors=errors)
    return clean


def guest_duplicates(*, property: Property, email: str = "", document_number: str = "", exclude_id=None):
    """Profiles that are probably the same person: same email or same identity document."""
    cond = Q()
    if email:
        cond |= Q(email__iexact=email.strip())
    if document_number:
        cond |= Q(document_number=document_number.strip().upper().replace(" ", ""))
    if not cond:
        return Guest.objects.none()
    qs = Guest.objects.filter(property=property).filter(cond)
    return qs.exclude(pk=exclude_id) if exclude_id else qs


def guest_create(*, property: Property, actor, data: dict) -> Guest:
    require(actor, "core.manage_guests")
    clean = guest_clean(data, today=property.business_date)
    if clean.get("do_not_rent"):
        require(actor, "core.book_do_not_rent")
    guest = Guest.objects.create(property=property, **clean)
    audit_record(property=property, entity="guest", entity_id=guest.pk, action="create", actor=actor, changes={})
    return guest


def guest_find_or_create(*, property: Property, actor, data: dict) -> Guest:
    """The existing profile with the same email and name, else a new one (booking from the desk)."""
    clean = guest_clean(data, today=property.business_date)
    if clean.get("email"):
        match = (
            Guest.objects.filter(
                property=property,
                email__iexact=clean["email"],
                last_name__iexact=clean["last_name"],
                first_name__iexact=clean["first_name"],
            )
            .order_by("id")
            .first()
        )
        if match:
            return match
    return guest_create(property=property, actor=actor, data=clean)


def company_create(*, property: Property, actor, data: dict, rate_plans=()) -> Company:
    require(actor, "core.manage_guests")
    name = (data.get("name") or "").strip()
    errors = []
    if not name:
        errors.append({"field": "name", "message": _("A company name is required.")})
    kind = data.get("kind") or Company.Kind.COMPANY
    if kind not in Company.Kind.values:
        errors.append({"field": "kind", "message": _("company or travel_agent.")})
    email = (data.get("email") or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append({"field": "email", "message": _("Not a valid email address.")})
    phone = (data.get("phone") or "").strip()
    if phone:
        try:
            phone = normalise_phone(phone)
        except ValueError:
            errors.append({"field": "phone", "message": _("Not a valid phone number.")})
    if any(rp.property_id != property.pk for rp in rate_plans):
        errors.append({"field": "negotiated_rate_plans", "message": _("Unknown rate plan.")})
    if errors:
        raise InvalidInput(_("The company is not valid."), errors=errors)
    company = Company.objects.create(
        property=property,
        kind=kind,
        name=name,
        tax_id=(data.get("tax_id") or "").strip().upper(),
        contact_name=(data.get("contact_name") or "").strip(),
        email=email,
        phone=phone,
        address=data.get("address") or "",
    )
    if rate_plans:
        company.negotiated_rate_plans.set(rate_plans)
    audit_record(property=property, entity="company", entity_id=company.pk, action="create", actor=actor, changes={})
    return company
