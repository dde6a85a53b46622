"""``manage.py api_token USERNAME [--name NAME]``, also ``frontoffice api-token USERNAME``.

Prints a new REST API token for the user on standard output and nothing else, so a
script can capture it (``TOKEN=$(frontoffice api-token ana)``). The token is shown
once: only its SHA-256 digest is stored. Revoke it on the profile page.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from frontoffice.core.tokens import api_token_create


class Command(BaseCommand):
    help = (
        "Create a REST API token for USERNAME and print it (shown once; only a hash is kept). "
        "Send it as 'Authorization: Bearer <token>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the user the token acts as")
        parser.add_argument("--name", default="", help="what the token is for, e.g. 'channel manager'")

    def handle(self, *args, username: str, name: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user named {username!r}.")
        if not user.is_active:
            raise CommandError(f"User {username!r} is inactive: activate the account before giving it a token.")
        token, plain = api_token_create(user=user, name=name.strip() or f"command line {dt.date.today().isoformat()}")
        self.stdout.write(plain)
        self.stderr.write(
            f"Token {token.prefix}… ({token.name}) created for {username}. It is not shown again; keep it secret."
        )
