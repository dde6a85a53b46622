"""Free text typed at the desk, checked the same way everywhere: trimmed, bounded, and never a
card number (a hotel must not store one, wherever it is typed)."""

from django.utils.translation import gettext as _

from frontoffice.core.domain.errors import InvalidInput
from frontoffice.folios.domain.card import looks_like_card_number


def _too_long(field: str, limit: int) -> InvalidInput:
    text = _("At most %(max)d characters.") % {"max": limit}
    return InvalidInput(text, errors=[{"field": field, "message": text}])


def plain_text(value: str, field: str, limit: int) -> str:
    """Trimmed and at most ``limit`` characters: for identifiers such as a tax id, which may be
    long runs of digits without being a card."""
    value = (value or "").strip()
    if len(value) > limit:
        raise _too_long(field, limit)
    return value


def free_text(value: str, field: str, limit: int) -> str:
    """``plain_text`` that also refuses anything that looks like a card number."""
    value = plain_text(value, field, limit)
    if looks_like_card_number(value):
        raise InvalidInput(
            _("Card numbers must not be stored; give the brand, the last four digits and the provider's token."),
            code="card_number_refused",
            errors=[{"field": field, "message": _("Looks like a card number.")}],
        )
    return value
