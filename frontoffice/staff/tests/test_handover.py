"""The shift hand-over log (libro de relevo): notes for the next shift, dated the business date,
with who has read them (SQLite and PostgreSQL)."""

import datetime as dt
import threading

import pytest
from django.db import close_old_connections, connection
from django.test import Client

from frontoffice.core.domain.errors import InvalidInput, PermissionDenied
from frontoffice.reservations.tests.factories import make_user
from frontoffice.staff.handover import (
    handover_mark_read,
    handover_note_write,
    handover_notes,
    handover_unread_count,
)
from frontoffice.staff.models import HandoverNote, HandoverRead, StaffMember


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def ana(hotel, agent):
    StaffMember.objects.create(property=hotel.property, user=agent, code="ana", name="Ana", roles=["front_desk"])
    return agent


@pytest.fixture
def carlos(hotel):
    user = make_user("carlos", "front_desk_agent", hotel.property)
    StaffMember.objects.create(property=hotel.property, user=user, code="carlos", name="Carlos", roles=["front_desk"])
    return user


def test_a_note_is_dated_the_business_date_and_kept_trimmed(hotel, manager):
    note = handover_note_write(
        property=hotel.property, actor=manager, text="  Room 101 waits for a cot.  ", shift="morning", important=True
    )
    assert note.business_date == hotel.property.business_date
    assert note.text == "Room 101 waits for a cot." and note.shift == "morning" and note.important
    assert note.author == manager


def test_a_note_needs_text(hotel, manager):
    with pytest.raises(InvalidInput) as refused:
        handover_note_write(property=hotel.property, actor=manager, text="   ")
    assert refused.value.errors[0]["field"] == "text"
    assert not HandoverNote.objects.exists()


def test_a_card_number_in_a_note_is_refused(hotel, manager):
    with pytest.raises(InvalidInput) as refused:
        handover_note_write(property=hotel.property, actor=manager, text="Guest card 4111 1111 1111 1111 exp 12/28")
    assert refused.value.code == "card_number_refused"
    assert not HandoverNote.objects.exists()


def test_an_unknown_shift_is_refused(hotel, manager):
    with pytest.raises(InvalidInput) as refused:
        handover_note_write(property=hotel.property, actor=manager, text="Hello", shift="brunch")
    assert refused.value.code == "unknown_shift"


def test_someone_from_another_property_cannot_write_in_the_log(hotel, other_hotel):
    outsider = make_user("outsider", "front_desk_agent", other_hotel.property)
    with pytest.raises(PermissionDenied):
        handover_note_write(property=hotel.property, actor=outsider, text="Hello")


def test_reading_a_note_twice_records_one_read(hotel, manager, ana):
    note = handover_note_write(property=hotel.property, actor=manager, text="Lift 2 out of order.")
    first = handover_mark_read(note=note, actor=ana)
    again = handover_mark_read(note=note, actor=ana)
    assert first.pk == again.pk and HandoverRead.objects.filter(note=note).count() == 1


def test_the_log_shows_who_read_each_note_and_counts_what_is_unread(hotel, manager, ana, carlos):
    old = handover_note_write(property=hotel.property, actor=manager, text="Old news")
    HandoverNote.objects.filter(pk=old.pk).update(business_date=hotel.property.business_date - dt.timedelta(days=3))
    first = handover_note_write(property=hotel.property, actor=manager, text="First")
    second = handover_note_write(property=hotel.property, actor=carlos, text="Second", important=True)
    assert handover_unread_count(property=hotel.property, user=ana) == 2
    assert handover_unread_count(property=hotel.property, user=carlos) == 1  # his own note counts as read

    handover_mark_read(note=first, actor=ana)
    handover_mark_read(note=first, actor=carlos)
    rows = handover_notes(property=hotel.property, user=ana)
    assert [r.note for r in rows] == [second, first]  # newest first; the note of 3 days ago is out
    assert rows[1].readers == ["Ana", "Carlos"] and rows[1].read_by_me
    assert rows[0].readers == [] and not rows[0].read_by_me and rows[0].author == "Carlos"
    assert handover_unread_count(property=hotel.property, user=ana) == 1
    assert [r.note for r in handover_notes(property=hotel.property, user=ana, days=4)][-1] == old


def test_the_log_page_reads_in_a_constant_number_of_queries(hotel, manager, ana, django_assert_max_num_queries):
    for i in range(5):
        note = handover_note_write(property=hotel.property, actor=manager, text=f"Note {i}")
        handover_mark_read(note=note, actor=ana)
    client = signed_in(ana)
    client.get("/staff/handover/")  # warm the set-up and the session
    with django_assert_max_num_queries(12):
        assert client.get("/staff/handover/").status_code == 200


def test_an_agent_writes_a_note_and_marks_another_ones_note_read(hotel, manager, ana):
    theirs = handover_note_write(property=hotel.property, actor=manager, text="VIP in 305 at 18:00", important=True)
    client = signed_in(ana)
    page = client.get("/staff/handover/").content.decode()
    assert 'id="handover-notes"' in page and "VIP in 305 at 18:00" in page
    assert f"/staff/handover/{theirs.pk}/read/" in page and "Mark as read" in page
    assert "important" in page

    done = client.post("/staff/handover/", {"text": "Safe 12 jammed", "shift": "morning", "important": "on"})
    assert done.status_code == 302 and done["Location"] == "/staff/handover/"
    mine = HandoverNote.objects.get(text="Safe 12 jammed")
    assert mine.author == ana and mine.shift == "morning" and mine.important

    read = client.post(f"/staff/handover/{theirs.pk}/read/")
    assert read.status_code == 302
    assert HandoverRead.objects.filter(note=theirs, reader=ana).exists()
    page = signed_in(manager).get("/staff/handover/").content.decode()
    assert "read by Ana" in page
    assert f"/staff/handover/{theirs.pk}/read/" not in page  # the manager wrote it
    assert f"/staff/handover/{mine.pk}/read/" in page


def test_the_page_refuses_a_card_number_and_keeps_what_was_typed(hotel, ana):
    page = signed_in(ana).post("/staff/handover/", {"text": "Card 4111111111111111 for 203"})
    assert page.status_code == 422 and "Card numbers must not be stored" in page.content.decode()
    assert not HandoverNote.objects.exists()


def test_reading_a_note_of_another_property_is_not_found(hotel, other_hotel, ana):
    foreign = handover_note_write(
        property=other_hotel.property, actor=other_hotel.admin, text="Not for you", shift="morning"
    )
    assert signed_in(ana).post(f"/staff/handover/{foreign.pk}/read/").status_code == 404


def test_a_note_is_escaped_on_the_page(hotel, manager, ana):
    handover_note_write(property=hotel.property, actor=manager, text="<script>alert(1)</script>")
    page = signed_in(ana).get("/staff/handover/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_log_needs_a_sign_in(hotel):
    assert Client().get("/staff/handover/").status_code == 302


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_reads_record_one(hotel, manager, ana):
    note = handover_note_write(property=hotel.property, actor=manager, text="Race")
    errors = []
    barrier = threading.Barrier(4)

    def read():
        try:
            barrier.wait()
            handover_mark_read(note=note, actor=ana)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    assert errors == [] and HandoverRead.objects.filter(note=note, reader=ana).count() == 1
