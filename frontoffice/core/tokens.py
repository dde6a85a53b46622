"""API tokens: ``fo_<prefix>_<secret>``; only a SHA-256 digest of the whole token is stored."""

import hashlib
import hmac
import secrets

from django.utils import timezone

from frontoffice.core.models import ApiToken


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its plain text, which is shown once and never again."""
    prefix = secrets.token_hex(5)
    plain = f"fo_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=name[:80] or "token", prefix=prefix, digest=_digest(plain))
    return token, plain


def api_token_revoke(*, user, token_id: int) -> None:
    ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).update(revoked_at=timezone.now())


def api_token_authenticate(plain: str):
    """The active user a token belongs to, or None."""
    parts = plain.split("_")
    if len(parts) < 3 or parts[0] != "fo":
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1], revoked_at__isnull=True).first()
    if token is None or not hmac.compare_digest(token.digest, _digest(plain)):
        return None
    if not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
