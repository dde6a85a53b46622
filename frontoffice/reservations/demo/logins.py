"""The demo's staff: one login per role, with a fixed password printed for the visitor."""

from dataclasses import dataclass

from django.contrib.auth.hashers import PBKDF2PasswordHasher, get_hasher, make_password
from django.contrib.auth.models import Group, User

DEMO_URL = "http://127.0.0.1:8000"
FRONT_OFFICE_ROLES = [
    "front_desk_agent",
    "reservations_agent",
    "concierge",
    "porter",
    "night_auditor",
    "front_office_manager",
    "accountant",
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    first_name: str
    last_name: str
    roles: tuple[str, ...]
    properties: tuple[str, ...]

    @property
    def password(self) -> str:
        # Fixed on purpose: this is the demo database, and the logins are printed.
        return f"demo-{self.username}"


LOGINS = [
    DemoLogin("admin", "Alicia", "Romero", ("administrator",), ("CITY", "MOTEL")),
    DemoLogin("manager", "Laura", "Sánchez", ("front_office_manager",), ("CITY",)),
    DemoLogin("desk1", "Carlos", "Martín", ("front_desk_agent",), ("CITY",)),
    DemoLogin("desk2", "Marta", "López", ("front_desk_agent",), ("CITY",)),
    DemoLogin("desk3", "David", "Ruiz", ("front_desk_agent",), ("CITY",)),
    DemoLogin("reservations", "Lucía", "Fernández", ("reservations_agent",), ("CITY",)),
    DemoLogin("concierge", "Javier", "Moreno", ("concierge",), ("CITY",)),
    DemoLogin("porter1", "Pablo", "Jiménez", ("porter",), ("CITY",)),
    DemoLogin("porter2", "Sergio", "Navarro", ("porter",), ("CITY",)),
    DemoLogin("nightaudit", "Elena", "Torres", ("night_auditor",), ("CITY",)),
    DemoLogin("accountant", "Isabel", "Díaz", ("accountant",), ("CITY",)),
    DemoLogin("finance", "Andrés", "Vega", ("finance",), ("CITY", "MOTEL")),
    DemoLogin("hr", "Raquel", "Gil", ("hr",), ("CITY",)),
    DemoLogin("motel", "Paco", "Herrera", tuple(FRONT_OFFICE_ROLES), ("MOTEL",)),
]


def _demo_password_hash(password: str) -> str:
    """The demo's printed passwords, hashed with fewer PBKDF2 rounds so seeding stays quick.

    Django verifies them as usual and re-hashes each with the full work factor at its
    first successful login.
    """
    hasher = get_hasher("default")
    if isinstance(hasher, PBKDF2PasswordHasher):
        return hasher.encode(password, hasher.salt(), iterations=20_000)
    return make_password(password)


def demo_user_create(login: DemoLogin) -> User:
    """The login's user, in the groups of its roles (memberships of properties come later)."""
    user = User.objects.create(
        username=login.username,
        password=_demo_password_hash(login.password),
        first_name=login.first_name,
        last_name=login.last_name,
        email=f"{login.username}@hotel.example.com",
        is_staff=login.username == "admin",
    )
    user.groups.set(Group.objects.filter(name__in=login.roles))
    return User.objects.get(pk=user.pk)  # fresh: no cached permissions
