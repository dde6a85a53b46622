"""Refusals are translated: the API answers in the language of the Accept-Language header."""

import datetime as dt

import pytest
from django.utils import translation

from frontoffice.reservations.tests.api.conftest import ARRIVAL


@pytest.fixture(autouse=True)
def restore_language():
    """A request leaves its language active in the thread: do not leak Spanish into later tests."""
    with translation.override(translation.get_language()):
        yield


def spanish(api):
    api.headers["HTTP_ACCEPT_LANGUAGE"] = "es"
    return api


def test_duplicate_room_is_refused_in_spanish(hotel, manager, api_as):
    resp = spanish(api_as(manager)).post("/properties/TEST/rooms", {"number": "101", "room_type": "DBL"})
    assert resp.status_code == 409
    body = resp.json()
    assert body["code"] == "duplicate"
    assert body["detail"] == "La habitación 101 ya existe."
    assert resp["Content-Language"] == "es"


def test_duplicate_room_is_refused_in_english_without_the_header(hotel, manager, api_as):
    resp = api_as(manager).post("/properties/TEST/rooms", {"number": "101", "room_type": "DBL"})
    assert resp.status_code == 409
    assert resp.json()["detail"] == "Room 101 already exists."


def test_a_spanish_request_does_not_leak_into_the_next_english_one(hotel, manager, api_as):
    es = spanish(api_as(manager)).post("/properties/TEST/rooms", {"number": "101", "room_type": "DBL"})
    en = api_as(manager).post("/properties/TEST/rooms", {"number": "101", "room_type": "DBL"})
    assert es.json()["detail"] == "La habitación 101 ya existe."
    assert en.json()["detail"] == "Room 101 already exists."


def test_field_errors_are_translated_too(hotel, manager, api_as):
    resp = spanish(api_as(manager)).post("/properties/TEST/rooms", {"number": "901", "room_type": "SUITE"})
    assert resp.status_code == 422
    body = resp.json()
    assert body["detail"] == "El tipo de habitación 'SUITE' no existe."
    assert body["errors"] == [{"field": "room_type", "message": "No existe."}]


def test_permission_refusal_in_spanish(hotel, agent, api_as):
    resp = spanish(api_as(agent)).post("/properties/TEST/rooms", {"number": "901", "room_type": "DBL"})
    assert resp.status_code == 403
    assert resp.json()["detail"] == "Su rol no le permite realizar esta acción."


def test_stay_refusal_in_spanish(hotel, agent, api_as):
    departure = ARRIVAL + dt.timedelta(days=2)
    resp = spanish(api_as(agent)).get(f"/properties/TEST/availability?arrival={departure}&departure={ARRIVAL}&adults=1")
    assert resp.status_code == 422
    assert resp.json()["detail"] == "La salida debe ser posterior a la llegada."


def test_unauthenticated_refusal_in_spanish(hotel, api_as):
    resp = spanish(api_as()).get("/properties")
    assert resp.status_code == 401
    assert resp.json()["detail"] == "Inicie sesión o envíe un token de API válido."
