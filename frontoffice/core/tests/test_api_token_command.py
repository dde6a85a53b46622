import io

import django.db
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frontoffice import cli
from frontoffice.core.models import ApiToken
from frontoffice.core.tokens import api_token_authenticate
from frontoffice.reservations.tests.factories import make_user


@pytest.mark.django_db
def test_the_printed_token_authenticates_as_the_user():
    user = make_user("ana", "front_desk_agent")
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "ana", "--name", "channel manager", stdout=out, stderr=err)
    plain = out.getvalue().strip()
    assert api_token_authenticate(plain) == user
    assert ApiToken.objects.get(user=user).name == "channel manager"
    assert plain not in err.getvalue()  # the note on stderr never repeats the secret


@pytest.mark.django_db
def test_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="no user named 'nobody'") as exc:
        call_command("api_token", "nobody", stdout=io.StringIO())
    assert exc.value.returncode != 0
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_the_console_script_speaks_with_dashes_and_exits_non_zero_on_error(monkeypatch, capsys):
    # run_from_argv closes the connections when done; keep the test's transaction open.
    monkeypatch.setattr(django.db.connections, "close_all", lambda: None)
    user = make_user("ops", "administrator")
    cli.main(["api-token", "ops"])
    assert api_token_authenticate(capsys.readouterr().out.strip()) == user
    with pytest.raises(SystemExit) as exc:
        cli.main(["api-token", "nobody"])
    assert exc.value.code != 0
    assert "no user named 'nobody'" in capsys.readouterr().err


def test_dashed_names_map_to_the_management_commands(monkeypatch):
    seen = []
    monkeypatch.setattr("django.core.management.execute_from_command_line", seen.append)
    cli.main(["import-reservations", "bookings.csv", "--property", "CITY"])
    cli.main(["api-token", "ana"])
    assert seen == [
        ["frontoffice", "import_reservations", "bookings.csv", "--property", "CITY"],
        ["frontoffice", "api_token", "ana"],
    ]
