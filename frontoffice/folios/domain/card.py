"""Card data we may keep: brand, last four digits and an external token — never a card number."""

import re

LAST4 = re.compile(r"^\d{4}$")
# 12–19 digits, possibly separated by spaces or dashes: what a primary account number looks like.
PAN_LIKE = re.compile(r"(?:\d[ -]?){11,18}\d")


def looks_like_card_number(text: str) -> bool:
    """True when ``text`` contains a run of 12–19 digits (spaces and dashes allowed between them)."""
    return bool(PAN_LIKE.search(text or ""))


def valid_last4(text: str) -> bool:
    return text == "" or bool(LAST4.match(text))
