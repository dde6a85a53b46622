import datetime as dt

from ninja import Schema
from pydantic import Field


class RoomTypeIn(Schema):
    code: str = Field(min_length=1, max_length=10)
    name: str = Field(min_length=1, max_length=80)
    name_es: str = Field("", max_length=80)
    description: str = ""
    description_es: str = ""
    base_occupancy: int = Field(2, ge=1, le=20)
    max_occupancy: int = Field(2, ge=1, le=20)
    bed_configuration: str = Field("", max_length=80)


class RoomTypeOut(Schema):
    code: str
    name: str
    name_en: str
    name_es: str
    description: str
    base_occupancy: int
    max_occupancy: int
    bed_configuration: str
    rooms: int

    @staticmethod
    def resolve_rooms(obj):
        return getattr(obj, "room_count", 0)


class RoomIn(Schema):
    number: str = Field(min_length=1, max_length=10)
    room_type: str
    floor: int = Field(0, ge=-5, le=200)
    features: list[str] = []
    smoking: bool = False


class RoomOut(Schema):
    number: str
    room_type: str
    floor: int
    features: list[str]
    smoking: bool
    condition: str

    @staticmethod
    def resolve_room_type(obj):
        return obj.room_type.code


class RoomBlockIn(Schema):
    kind: str = Field(pattern="^(out_of_order|out_of_service)$")
    start: dt.date
    end: dt.date
    reason: str = Field(min_length=1, max_length=200)


class RoomBlockOut(Schema):
    id: int
    room: str
    kind: str
    start: dt.date
    end: dt.date
    reason: str

    @staticmethod
    def resolve_room(obj):
        return obj.room.number
