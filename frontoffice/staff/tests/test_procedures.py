"""Standard operating procedures: the manager writes and versions them in Spanish and English,
the staff acknowledge the current version, and the manager sees who has not (SQLite and PostgreSQL)."""

import pytest
from django.test import Client

from frontoffice.core.domain.errors import Conflict, InvalidInput, PermissionDenied
from frontoffice.reservations.tests.factories import make_user
from frontoffice.staff.handover import (
    procedure_acknowledge,
    procedure_detail,
    procedure_list,
    procedure_missing,
    procedure_write,
)
from frontoffice.staff.models import Acknowledgement, Procedure, ProcedureVersion, StaffMember

TEXTS = {
    "title_es": "Manejo de caja",
    "title_en": "Cash handling",
    "body_es": "Cuente la caja al empezar.\nFirme el parte.",
    "body_en": "Count the float at the start.\nSign the sheet.",
}


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def team(hotel, manager, agent):
    """Ana (the agent) and Carlos on the staff with accounts; Luis without one; Eva no longer active."""
    prop = hotel.property
    carlos = make_user("carlos", "front_desk_agent", prop)
    eva = make_user("eva", "front_desk_agent", prop)
    StaffMember.objects.create(property=prop, user=manager, code="mgr", name="Marta", roles=["manager"])
    StaffMember.objects.create(property=prop, user=agent, code="ana", name="Ana", roles=["front_desk"])
    StaffMember.objects.create(property=prop, user=carlos, code="carlos", name="Carlos", roles=["front_desk"])
    StaffMember.objects.create(property=prop, user=None, code="luis", name="Luis", roles=["porter"])
    StaffMember.objects.create(property=prop, user=eva, code="eva", name="Eva", roles=["front_desk"], active=False)
    return {"carlos": carlos}


def names(staff) -> list[str]:
    return [s.name for s in staff]


def test_writing_a_procedure_creates_version_one_and_then_the_next(hotel, manager):
    first = procedure_write(property=hotel.property, actor=manager, code="cash-handling", **TEXTS)
    second = procedure_write(
        property=hotel.property, actor=manager, code="cash-handling", **{**TEXTS, "body_en": "Count it twice."}
    )
    assert (first.number, second.number) == (1, 2) and first.procedure == second.procedure
    assert Procedure.objects.filter(property=hotel.property).count() == 1
    assert second.body_en == "Count it twice." and second.author == manager


@pytest.mark.parametrize("missing", ["title_es", "title_en", "body_es", "body_en"])
def test_both_languages_are_required(hotel, manager, missing):
    with pytest.raises(InvalidInput) as refused:
        procedure_write(property=hotel.property, actor=manager, code="vip", **{**TEXTS, missing: "  "})
    assert refused.value.errors[0]["field"] == missing
    assert not ProcedureVersion.objects.exists()


def test_a_card_number_in_a_procedure_is_refused(hotel, manager):
    with pytest.raises(InvalidInput) as refused:
        procedure_write(
            property=hotel.property, actor=manager, code="vip", **{**TEXTS, "body_en": "Test with 4111111111111111"}
        )
    assert refused.value.code == "card_number_refused"


@pytest.mark.parametrize("code", ["", "new", "two words", "x" * 41])
def test_a_procedure_needs_a_usable_code(hotel, manager, code):
    with pytest.raises(InvalidInput):
        procedure_write(property=hotel.property, actor=manager, code=code, **TEXTS)


def test_only_a_manager_writes_procedures(hotel, agent):
    with pytest.raises(PermissionDenied):
        procedure_write(property=hotel.property, actor=agent, code="vip", **TEXTS)


def test_only_the_current_version_can_be_acknowledged_and_only_once(hotel, manager, agent):
    first = procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    once = procedure_acknowledge(version=first, actor=agent)
    twice = procedure_acknowledge(version=first, actor=agent)
    assert once.pk == twice.pk and Acknowledgement.objects.count() == 1

    procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    with pytest.raises(Conflict) as refused:
        procedure_acknowledge(version=first, actor=agent)
    assert refused.value.code == "not_current"


def test_after_a_new_version_everybody_has_to_acknowledge_again(hotel, manager, agent, team):
    first = procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    assert names(procedure_missing(version=first)) == ["Ana", "Carlos", "Marta"]  # no Luis, no Eva
    procedure_acknowledge(version=first, actor=agent)
    procedure_acknowledge(version=first, actor=team["carlos"])
    assert names(procedure_missing(version=first)) == ["Marta"]

    second = procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    assert names(procedure_missing(version=second)) == ["Ana", "Carlos", "Marta"]


def test_the_list_gives_each_procedure_its_current_version_and_what_the_user_did(hotel, manager, agent, team):
    procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    vip = procedure_write(property=hotel.property, actor=manager, code="vip", **TEXTS)
    vip = procedure_write(property=hotel.property, actor=manager, code="vip", **TEXTS)
    procedure_acknowledge(version=vip, actor=agent)
    rows = procedure_list(property=hotel.property, user=agent)
    assert [(r.procedure.code, r.current.number, r.acknowledged, r.missing) for r in rows] == [
        ("cash", 1, False, None),
        ("vip", 2, True, None),
    ]
    rows = procedure_list(property=hotel.property, user=manager, with_missing=True)
    assert [names(r.missing) for r in rows] == [["Ana", "Carlos", "Marta"], ["Carlos", "Marta"]]
    detail = procedure_detail(procedure=vip.procedure, user=agent)
    assert [v.number for v in detail.versions] == [2, 1] and detail.acknowledged and detail.missing is None


def test_a_manager_writes_an_agent_accepts_and_the_missing_list_shrinks(hotel, manager, agent, team):
    boss = signed_in(manager)
    assert boss.get("/staff/procedures/new/").status_code == 200
    done = boss.post("/staff/procedures/new/", {"code": "cash-handling", **TEXTS})
    assert done.status_code == 302 and done["Location"] == "/staff/procedures/cash-handling/"
    page = boss.get("/staff/procedures/cash-handling/").content.decode()
    assert 'id="procedure-missing"' in page and "<li>Ana</li>" in page and "<li>Carlos</li>" in page

    desk = signed_in(agent)
    listing = desk.get("/staff/procedures/").content.decode()
    assert "Cash handling" in listing and "I have read and accept" in listing
    assert "/staff/procedures/new/" not in listing
    accepted = desk.post("/staff/procedures/cash-handling/acknowledge/", {"version": "1", "next": "list"})
    assert accepted.status_code == 302 and accepted["Location"] == "/staff/procedures/"
    assert "acknowledged" in desk.get("/staff/procedures/").content.decode()

    page = boss.get("/staff/procedures/cash-handling/").content.decode()
    assert "<li>Ana</li>" not in page and "<li>Carlos</li>" in page
    listing = boss.get("/staff/procedures/").content.decode()
    assert "2 people" in listing and "/staff/procedures/cash-handling/edit/" in listing


def test_a_new_version_is_written_from_the_current_one(hotel, manager, agent, team):
    version = procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    procedure_acknowledge(version=version, actor=agent)
    boss = signed_in(manager)
    form = boss.get("/staff/procedures/cash/edit/").content.decode()
    assert "Count the float at the start." in form and "Cuente la caja" in form
    done = boss.post("/staff/procedures/cash/edit/", {**TEXTS, "code": "sneaky", "body_en": "Count it twice."})
    assert done.status_code == 302 and done["Location"] == "/staff/procedures/cash/"
    current = ProcedureVersion.objects.get(procedure__code="cash", number=2)
    assert current.body_en == "Count it twice." and not Procedure.objects.filter(code="sneaky").exists()
    page = boss.get("/staff/procedures/cash/").content.decode()
    assert "<li>Ana</li>" in page and 'id="procedure-versions"' in page

    # The agent's old acknowledgement does not count; acknowledging the old version is refused.
    stale = signed_in(agent).post("/staff/procedures/cash/acknowledge/", {"version": "1"}, follow=True)
    assert "not the current version" in stale.content.decode()
    assert not Acknowledgement.objects.filter(version=current).exists()


def test_an_agent_may_not_write_procedures(hotel, manager, agent):
    procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    desk = signed_in(agent)
    assert desk.get("/staff/procedures/new/").status_code == 403
    assert desk.post("/staff/procedures/new/", {"code": "x", **TEXTS}).status_code == 403
    assert desk.get("/staff/procedures/cash/edit/").status_code == 403


def test_the_body_is_plain_text_never_html(hotel, manager, agent):
    procedure_write(
        property=hotel.property,
        actor=manager,
        code="xss",
        **{**TEXTS, "body_en": "Line one\n<script>alert(1)</script>", "title_en": "<b>Bold</b>"},
    )
    page = signed_in(agent).get("/staff/procedures/xss/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Bold</b>" not in page and "<br>" in page


def test_the_text_is_in_the_users_language_with_the_other_one_on_request(hotel, manager, agent):
    procedure_write(property=hotel.property, actor=manager, code="cash", **TEXTS)
    desk = signed_in(agent)
    page = desk.get("/staff/procedures/cash/").content.decode()
    assert "Count the float" in page and "Cuente la caja" not in page and "?lang=es" in page
    assert "Cuente la caja" in desk.get("/staff/procedures/cash/?lang=es").content.decode()
    desk.post("/language/", {"language": "es"})
    assert "Manejo de caja" in desk.get("/staff/procedures/").content.decode()
    page = desk.get("/staff/procedures/cash/").content.decode()
    assert "Cuente la caja" in page and "Count the float" not in page and "?lang=en" in page


def test_an_unknown_procedure_is_not_found(hotel, agent, other_hotel):
    procedure_write(property=other_hotel.property, actor=other_hotel.admin, code="theirs", **TEXTS)
    desk = signed_in(agent)
    assert desk.get("/staff/procedures/nothing/").status_code == 404
    assert desk.get("/staff/procedures/theirs/").status_code == 404
    assert desk.post("/staff/procedures/theirs/acknowledge/", {"version": "1"}).status_code == 404


def test_the_list_reads_in_a_constant_number_of_queries(hotel, manager, team, django_assert_max_num_queries):
    for code in ["a", "b", "c", "d"]:
        procedure_write(property=hotel.property, actor=manager, code=code, **TEXTS)
        procedure_write(property=hotel.property, actor=manager, code=code, **TEXTS)
    boss = signed_in(manager)
    with django_assert_max_num_queries(12):
        assert boss.get("/staff/procedures/").status_code == 200
