"""Helpers for HTML views: the current property, permission checks, domain-error messages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from frontoffice.core.access import properties_for


def current_property_of(request):
    """The property chosen in the switcher (else the user's first); 404 when they have none."""
    props = properties_for(request.user)
    code = request.session.get("property_code")
    prop = props.filter(code=code).first() if code else None
    prop = prop or props.order_by("code").first()
    if prop is None:
        raise Http404("You are not assigned to any property.")
    return prop


def staff_view(perm: str | None = None):
    """Login required; ``request.property`` set; 403 without ``perm``."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            request.property = current_property_of(request)
            if perm and not request.user.has_perm(perm):
                raise DjangoPermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def show_error(request, exc) -> None:
    """Put a domain refusal on the page as the same message the API gives."""
    messages.error(request, exc.detail)
    for err in getattr(exc, "errors", []) or []:
        msg = err.get("message")
        if msg and msg != exc.detail:
            messages.error(request, msg)


def show_form_errors(request, form) -> None:
    """Put every error of a refused form on the next page, for forms that redirect."""
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
