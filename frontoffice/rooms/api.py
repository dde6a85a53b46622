from django.db.models import Count, Q
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from frontoffice.core.api import Pagination, scoped, user_of
from frontoffice.core.domain.errors import InvalidInput, NotFound
from frontoffice.rooms.models import Room, RoomType
from frontoffice.rooms.schemas import RoomBlockIn, RoomBlockOut, RoomIn, RoomOut, RoomTypeIn, RoomTypeOut
from frontoffice.rooms.services import room_block_create, room_create, room_type_create

router = Router(tags=["rooms"])


def room_type_by_code(prop, code: str) -> RoomType:
    rt = RoomType.objects.filter(property=prop, code=code.upper()).first()
    if rt is None:
        raise InvalidInput(
            _("Unknown room type %(code)s.") % {"code": repr(code)},
            errors=[{"field": "room_type", "message": _("Unknown.")}],
        )
    return rt


@router.get("/properties/{code}/room-types", response=list[RoomTypeOut])
@paginate(Pagination)
def list_room_types(request, code: str):
    prop = scoped(request, code, "core.view_rates")
    return RoomType.objects.filter(property=prop).annotate(room_count=Count("rooms", filter=Q(rooms__active=True)))


@router.post("/properties/{code}/room-types", response={201: RoomTypeOut})
def create_room_type(request, code: str, payload: RoomTypeIn):
    prop = scoped(request, code, "core.manage_rooms")
    rt = room_type_create(
        property=prop,
        actor=user_of(request),
        code=payload.code,
        name_en=payload.name,
        name_es=payload.name_es,
        description_en=payload.description,
        description_es=payload.description_es,
        base_occupancy=payload.base_occupancy,
        max_occupancy=payload.max_occupancy,
        bed_configuration=payload.bed_configuration,
    )
    return Status(201, rt)


@router.get("/properties/{code}/rooms", response=list[RoomOut])
@paginate(Pagination)
def list_rooms(request, code: str, room_type: str = "", floor: int | None = None):
    prop = scoped(request, code, "core.view_reservations")
    qs = Room.objects.filter(property=prop, active=True).select_related("room_type")
    if room_type:
        qs = qs.filter(room_type__code=room_type.upper())
    if floor is not None:
        qs = qs.filter(floor=floor)
    return qs


@router.post("/properties/{code}/rooms", response={201: RoomOut})
def create_room(request, code: str, payload: RoomIn):
    prop = scoped(request, code, "core.manage_rooms")
    return Status(
        201,
        room_create(
            property=prop,
            actor=user_of(request),
            number=payload.number,
            room_type=room_type_by_code(prop, payload.room_type),
            floor=payload.floor,
            features=payload.features,
            smoking=payload.smoking,
        ),
    )


@router.post("/properties/{code}/rooms/{number}/blocks", response={201: RoomBlockOut})
def create_room_block(request, code: str, number: str, payload: RoomBlockIn):
    prop = scoped(request, code, "core.manage_rooms")
    room = Room.objects.filter(property=prop, number=number).select_related("room_type", "property").first()
    if room is None:
        raise NotFound(_("No room %(number)s.") % {"number": number})
    block = room_block_create(
        room=room,
        actor=user_of(request),
        kind=payload.kind,
        start=payload.start,
        end=payload.end,
        reason=payload.reason,
    )
    return Status(201, block)
