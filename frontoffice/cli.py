"""``frontoffice`` console script: a thin front to the management commands.

frontoffice demo                     migrate, seed the demo if empty, serve on 127.0.0.1:8000
frontoffice serve [--bind ADDR]      production server (gunicorn)
frontoffice api-token USERNAME       print a new API token for a user
frontoffice import-reservations F    import bookings from a CSV file
frontoffice night-audit --property CODE --user USERNAME [--date D] [--override CODE=REASON] [--early]
                                     close the business date (for cron, after midnight)
frontoffice <any manage.py command>
"""

import os
import sys

# Django command names cannot contain "-"; the console script speaks with dashes.
ALIASES = {"api-token": "api_token", "import-reservations": "import_reservations", "night-audit": "night_audit"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontoffice.config.settings")
    if argv and argv[0] == "demo":
        os.environ.setdefault("FRONTOFFICE_ENV", "demo")
        _demo(argv[1:])
        return
    if argv and argv[0] == "serve":
        _serve(argv[1:])
        return
    from django.core.management import execute_from_command_line

    execute_from_command_line(["frontoffice", *argv] if argv else ["frontoffice", "help"])


def _demo(args: list[str]) -> None:
    """Migrate the embedded database, seed the demo if it is empty, and serve it."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo")
    call_command("install_transaction_codes", verbosity=0)
    call_command("seed_cashiering_demo")
    call_command("seed_back_office_demo")
    call_command("seed_staff_demo")
    address = args[0] if args else "127.0.0.1:8000"
    call_command("runserver", address, use_reloader=False)


def _serve(args: list[str]) -> None:
    """Run gunicorn on the WSGI application (static files are served by WhiteNoise)."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("collectstatic", interactive=False, verbosity=0)
    bind = os.environ.get("BIND", "127.0.0.1:8000")
    if args[:1] == ["--bind"] and len(args) > 1:
        bind = args[1]
    workers = os.environ.get("WEB_CONCURRENCY", str(min(4, (os.cpu_count() or 1) * 2)))
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    os.execv(  # noqa: S606 - replaces this process with gunicorn; arguments are ours
        gunicorn,
        [
            "gunicorn",
            "frontoffice.config.wsgi:application",
            "--bind",
            bind,
            "--workers",
            workers,
            "--access-logfile",
            "-",
        ],
    )


if __name__ == "__main__":
    main()
