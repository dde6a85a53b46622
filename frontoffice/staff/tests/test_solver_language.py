"""The solver's texts are said in the reader's language: the staff app hands Django's gettext to
the domain at start-up."""

from django.utils import translation

from frontoffice.staff.domain.messages import role_label, say


def test_the_solver_speaks_spanish_to_a_spanish_reader_and_english_otherwise():
    with translation.override("es"):
        assert say("cli_infeasible") == "No hay cuadrante: no se pueden cumplir todas las reglas obligatorias."
        assert say("rule_day_off", staff="Ana", date="2026-12-07") == "Ana: día libre el 2026-12-07"
        assert role_label("porter", 2) == "botones" and role_label("night_audit") == "auditor nocturno"
    with translation.override("en"):
        assert say("rule_day_off", staff="Ana", date="2026-12-07") == "Ana: day off on 2026-12-07"
