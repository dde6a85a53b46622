"""Confirmation numbers a person can read out on the phone: no 0/O, 1/I/L."""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 7


def new_confirmation() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_confirmation(text: str) -> str:
    """What an agent types (lower case, spaces, O for 0) read as a confirmation number."""
    return text.strip().upper().replace(" ", "").replace("-", "")
