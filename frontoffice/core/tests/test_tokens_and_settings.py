import os
import subprocess
import sys

import pytest

from frontoffice.core.models import ApiToken
from frontoffice.core.tokens import api_token_authenticate, api_token_create, api_token_revoke
from frontoffice.reservations.tests.factories import make_user


@pytest.mark.django_db
def test_tokens_are_stored_hashed_and_work_until_revoked():
    user = make_user("tok", "front_desk_agent")
    token, plain = api_token_create(user=user, name="laptop")
    stored = ApiToken.objects.get(pk=token.pk)
    assert plain not in (stored.digest, stored.prefix) and len(stored.digest) == 64
    assert api_token_authenticate(plain) == user
    assert api_token_authenticate(plain + "x") is None
    api_token_revoke(user=user, token_id=token.pk)
    assert api_token_authenticate(plain) is None


@pytest.mark.django_db
def test_an_inactive_users_token_stops_working():
    user = make_user("gone", "front_desk_agent")
    _, plain = api_token_create(user=user, name="x")
    user.is_active = False
    user.save()
    assert api_token_authenticate(plain) is None


def settings_check(env: dict) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "FRONTOFFICE_ENV", "ALLOWED_HOSTS", "DEBUG"}
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", "import frontoffice.config.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = settings_check({"FRONTOFFICE_ENV": "production", "ALLOWED_HOSTS": "hotel.example"})
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_bad_settings_values_fail_loudly():
    base = {"FRONTOFFICE_ENV": "demo"}
    assert "FRONTOFFICE_ENV must be" in settings_check({"FRONTOFFICE_ENV": "staging"}).stderr
    assert "DEBUG must be true or false" in settings_check({**base, "DEBUG": "maybe"}).stderr
    assert "DATABASE_URL" in settings_check({**base, "DATABASE_URL": "mysql://x@y/z"}).stderr
    ok = settings_check({"FRONTOFFICE_ENV": "production", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "hotel.example"})
    assert ok.returncode == 0, ok.stderr


def test_debug_is_only_possible_in_the_demo():
    code = "import frontoffice.config.settings as s; print(s.DEBUG)"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "FRONTOFFICE_ENV"}}
    prod = {**env, "FRONTOFFICE_ENV": "production", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "h", "DEBUG": "true"}
    out = subprocess.run([sys.executable, "-c", code], env=prod, capture_output=True, text=True, timeout=60)  # noqa: S603
    assert out.stdout.strip() == "False"


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "FRONTOFFICE_ENV", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        FRONTOFFICE_ENV="production",
        SECRET_KEY="a-long-random-production-secret-0123456789-abcdefghij",
        ALLOWED_HOSTS="hotel.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        FRONTOFFICE_VAR=str(tmp_path),
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
