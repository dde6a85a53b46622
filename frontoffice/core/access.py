"""Who may act where: property scoping and permission checks used by every entry point."""

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from frontoffice.core.domain.errors import NotFound, PermissionDenied
from frontoffice.core.models import Property


def properties_for(user: AbstractBaseUser):
    """The properties a user may work in (all of them for a superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Property.objects.none()
    if user.is_superuser:
        return Property.objects.all()
    return Property.objects.filter(memberships__user=user)


def property_for(user: AbstractBaseUser, code: str) -> Property:
    """The property with that code if the user works there; otherwise NotFound (never 403)."""
    prop = properties_for(user).filter(code=code).first()
    if prop is None:
        raise NotFound(_("No property %(code)s.") % {"code": repr(code)})
    return prop


def require(user: AbstractBaseUser, perm: str) -> None:
    """Refuse with PermissionDenied unless the user's role grants ``perm`` (e.g. ``core.book``)."""
    if not user.has_perm(perm):
        raise PermissionDenied(_("Your role does not allow this action."))


def can(user: AbstractBaseUser, perm: str) -> bool:
    return bool(user.has_perm(perm))
