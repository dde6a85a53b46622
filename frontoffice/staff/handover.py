"""The shift hand-over log (libro de relevo) and the standard operating procedures.

Writes (``*_write``, ``*_mark_read``, ``*_acknowledge``) take the actor; reads return plain rows
for the pages. Anyone working at the property may write and read hand-over notes and read and
acknowledge procedures; only a manager (``core.manage_procedures``) writes procedures.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext as _

from frontoffice.core.access import properties_for, require
from frontoffice.core.audit import audit_record
from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.core.models import Property
from frontoffice.folios.services.inputs import free_text
from frontoffice.staff.models import (
    Acknowledgement,
    HandoverNote,
    HandoverRead,
    Procedure,
    ProcedureVersion,
    StaffMember,
)
from frontoffice.staff.services import scheduling_setup

PROCEDURE_PERMISSION = "core.manage_procedures"
NOTE_LIMIT = 4000
TITLE_LIMIT = 160
BODY_LIMIT = 20000
CODE_LIMIT = 40
DEFAULT_DAYS = 3
# Path segments of the procedure pages that a procedure's code must not take.
RESERVED_CODES = {"new"}


def _require_member(actor, property: Property) -> None:
    """Only people who work at the property write in its log or acknowledge its procedures."""
    if not properties_for(actor).filter(pk=property.pk).exists():
        raise PermissionDenied(_("You do not work at this property."))


def _required(value: str, field_name: str, label: str, limit: int) -> str:
    value = free_text(value, field_name, limit)
    if not value:
        text = _("%(field)s is required.") % {"field": label}
        raise InvalidInput(text, code="required", errors=[{"field": field_name, "message": text}])
    return value


def person_name(user, names: dict[int, str] | None = None) -> str:
    """The staff name of a user at the property when known, else their full name or username."""
    if user is None:
        return "—"
    if names and user.pk in names:
        return names[user.pk]
    return user.get_full_name() or user.get_username()


def _staff_names(property: Property) -> dict[int, str]:
    return dict(StaffMember.objects.filter(property=property, user__isnull=False).values_list("user_id", "name"))


# --- hand-over log ---------------------------------------------------------------------------


def shift_choices(*, property: Property) -> list[tuple[str, str]]:
    """(id, name) of the property's shift types, from its scheduling set-up."""
    return [(s["id"], s.get("name") or s["id"]) for s in scheduling_setup(property=property).shift_types]


def handover_note_write(
    *, property: Property, actor, text: str, shift: str = "", important: bool = False
) -> HandoverNote:
    """A note for the next shift, dated the property's business date. The text is required and,
    like every free text typed at the desk, may not hold a card number."""
    _require_member(actor, property)
    text = _required(text, "text", _("The note"), NOTE_LIMIT)
    shift = (shift or "").strip()
    if shift and shift not in dict(shift_choices(property=property)):
        message = _("Unknown shift %(shift)s.") % {"shift": repr(shift)}
        raise InvalidInput(message, code="unknown_shift", errors=[{"field": "shift", "message": message}])
    return HandoverNote.objects.create(
        property=property,
        author=actor,
        business_date=property.business_date,
        shift=shift,
        text=text,
        important=bool(important),
    )


def handover_mark_read(*, note: HandoverNote, actor) -> HandoverRead:
    """Record that ``actor`` has read the note; reading it again (or twice at once) changes nothing."""
    _require_member(actor, note.property)
    read, _created = HandoverRead.objects.get_or_create(note=note, reader=actor)
    return read


@dataclass
class NoteRow:
    note: HandoverNote
    author: str
    shift: str
    readers: list[str] = field(default_factory=list)
    read_by_me: bool = False
    mine: bool = False


def _window(property: Property, days: int) -> dt.date:
    return property.business_date - dt.timedelta(days=max(days, 1) - 1)


def handover_notes(
    *, property: Property, user, days: int = DEFAULT_DAYS, shifts: dict[str, str] | None = None
) -> list[NoteRow]:
    """The notes of the last ``days`` business dates, newest first, each with who has read it and
    whether ``user`` has (their own notes count as read). ``shifts`` names the shift ids (read from
    the set-up when not given). Four queries at most, whatever the number of notes."""
    notes = (
        HandoverNote.objects.filter(property=property, business_date__gte=_window(property, days))
        .select_related("author")
        .prefetch_related("reads__reader")
        .order_by("-created_at", "-pk")
    )
    names = _staff_names(property)
    if shifts is None:
        shifts = dict(shift_choices(property=property))
    rows = []
    for note in notes:
        reads = sorted(note.reads.all(), key=lambda r: r.read_at)
        mine = note.author_id == user.pk
        rows.append(
            NoteRow(
                note=note,
                author=person_name(note.author, names),
                shift=shifts.get(note.shift, note.shift),
                readers=[person_name(r.reader, names) for r in reads],
                read_by_me=mine or any(r.reader_id == user.pk for r in reads),
                mine=mine,
            )
        )
    return rows


def handover_unread_count(*, property: Property, user, days: int = DEFAULT_DAYS) -> int:
    """How many notes of the last ``days`` business dates ``user`` has not read (nor written)."""
    return (
        HandoverNote.objects.filter(property=property, business_date__gte=_window(property, days))
        .exclude(author=user)
        .exclude(reads__reader=user)
        .count()
    )


def handover_note_get(*, property: Property, pk: int) -> HandoverNote | None:
    return HandoverNote.objects.filter(property=property, pk=pk).first()


# --- procedures ------------------------------------------------------------------------------


def procedure_write(
    *,
    property: Property,
    actor,
    code: str,
    title_es: str,
    title_en: str,
    body_es: str,
    body_en: str,
) -> ProcedureVersion:
    """Create the procedure ``code`` or add a version to it (its number one more than the last);
    the new version is the current one, and everybody has to acknowledge it again."""
    require(actor, PROCEDURE_PERMISSION)
    _require_member(actor, property)
    code = (code or "").strip().lower()
    if not code:
        message = _("%(field)s is required.") % {"field": _("Code")}
        raise InvalidInput(message, code="required", errors=[{"field": "code", "message": message}])
    try:
        validate_slug(code)
    except ValidationError:
        message = _("A code is made of letters, digits, hyphens and underscores.")
        raise InvalidInput(message, code="invalid_code", errors=[{"field": "code", "message": message}]) from None
    if len(code) > CODE_LIMIT or code in RESERVED_CODES:
        message = (
            _("This code cannot be used.")
            if code in RESERVED_CODES
            else _("At most %(max)d characters.") % {"max": CODE_LIMIT}
        )
        raise InvalidInput(message, code="invalid_code", errors=[{"field": "code", "message": message}])
    texts = {
        "title_es": _required(title_es, "title_es", _("Title (Spanish)"), TITLE_LIMIT),
        "title_en": _required(title_en, "title_en", _("Title (English)"), TITLE_LIMIT),
        "body_es": _required(body_es, "body_es", _("Text (Spanish)"), BODY_LIMIT),
        "body_en": _required(body_en, "body_en", _("Text (English)"), BODY_LIMIT),
    }
    with transaction.atomic():
        procedure, created = Procedure.objects.get_or_create(property=property, code=code)
        procedure = Procedure.objects.select_for_update().get(pk=procedure.pk)
        if not procedure.active:
            procedure.active = True
            procedure.save(update_fields=["active"])
        last = procedure.versions.order_by("-number").values_list("number", flat=True).first() or 0
        version = ProcedureVersion.objects.create(procedure=procedure, number=last + 1, author=actor, **texts)
        audit_record(
            property=property,
            entity="procedure",
            entity_id=procedure.code,
            action="create" if created else "version",
            actor=actor,
            changes={"version": version.number, "title_en": version.title_en, "title_es": version.title_es},
        )
    return version


def procedure_acknowledge(*, version: ProcedureVersion, actor) -> Acknowledgement:
    """``actor`` has read and accepts ``version``; only the current version may be acknowledged
    (``not_current`` otherwise). Acknowledging it again changes nothing."""
    procedure = version.procedure
    _require_member(actor, procedure.property)
    with transaction.atomic():
        # The lock orders an acknowledgement against a new version being written at the same time.
        Procedure.objects.select_for_update().filter(pk=procedure.pk).first()
        current = procedure.versions.order_by("-number").values_list("pk", flat=True).first()
        if current != version.pk:
            raise Conflict(
                _("This is not the current version of the procedure; read and accept the current one."),
                code="not_current",
            )
        ack, _created = Acknowledgement.objects.get_or_create(version=version, user=actor)
    return ack


def in_language(version: ProcedureVersion, language: str | None) -> dict:
    """Title and body of a version in ``language`` (Spanish for "es…", otherwise English)."""
    spanish = (language or "").lower().startswith("es")
    return {
        "language": "es" if spanish else "en",
        "title": version.title_es if spanish else version.title_en,
        "body": version.body_es if spanish else version.body_en,
    }


@dataclass
class ProcedureRow:
    procedure: Procedure
    current: ProcedureVersion
    acknowledged: bool
    missing: list[StaffMember] | None = None  # filled for managers only


def _current_versions(procedures) -> dict[int, ProcedureVersion]:
    current: dict[int, ProcedureVersion] = {}
    for v in ProcedureVersion.objects.filter(procedure__in=procedures).order_by("procedure_id", "number"):
        current[v.procedure_id] = v  # ascending: the last one seen is the highest number
    return current


def _missing(property: Property, versions: list[ProcedureVersion]) -> dict[int, list[StaffMember]]:
    """Per version id: the active staff with a user account who have not acknowledged it."""
    staff = list(StaffMember.objects.filter(property=property, active=True, user__isnull=False).order_by("name"))
    acked: dict[int, set[int]] = {v.pk: set() for v in versions}
    pairs = Acknowledgement.objects.filter(version__in=versions).values_list("version_id", "user_id")
    for version_id, user_id in pairs:
        acked[version_id].add(user_id)
    return {v.pk: [s for s in staff if s.user_id not in acked[v.pk]] for v in versions}


def procedure_list(*, property: Property, user, with_missing: bool = False) -> list[ProcedureRow]:
    """The active procedures that have a version, each with its current version and whether
    ``user`` acknowledged it; ``with_missing`` adds who has not (for the manager)."""
    procedures = list(Procedure.objects.filter(property=property, active=True).order_by("code"))
    current = _current_versions(procedures)
    versions = list(current.values())
    mine = set(Acknowledgement.objects.filter(version__in=versions, user=user).values_list("version_id", flat=True))
    missing = _missing(property, versions) if with_missing else {}
    return [
        ProcedureRow(
            procedure=p,
            current=current[p.pk],
            acknowledged=current[p.pk].pk in mine,
            missing=missing.get(current[p.pk].pk) if with_missing else None,
        )
        for p in procedures
        if p.pk in current
    ]


def procedure_get(*, property: Property, code: str) -> Procedure | None:
    return Procedure.objects.filter(property=property, code=code).first()


@dataclass
class ProcedureDetail:
    procedure: Procedure
    current: ProcedureVersion
    versions: list[ProcedureVersion]
    acknowledged: bool
    acknowledged_at: dt.datetime | None
    missing: list[StaffMember] | None = None


def procedure_detail(*, procedure: Procedure, user, with_missing: bool = False) -> ProcedureDetail | None:
    """A procedure with its versions (newest first), whether ``user`` acknowledged the current one,
    and (``with_missing``) who among the active staff has not."""
    versions = list(procedure.versions.select_related("author").order_by("-number"))
    if not versions:
        return None
    current = versions[0]
    ack = Acknowledgement.objects.filter(version=current, user=user).first()
    return ProcedureDetail(
        procedure=procedure,
        current=current,
        versions=versions,
        acknowledged=ack is not None,
        acknowledged_at=ack.at if ack else None,
        missing=_missing(procedure.property, [current])[current.pk] if with_missing else None,
    )


def procedure_missing(*, version: ProcedureVersion) -> list[StaffMember]:
    """Who among the active staff with a user account has not acknowledged ``version``."""
    return _missing(version.procedure.property, [version])[version.pk]
