import pytest
from django.test import Client
from django.urls import reverse

from frontoffice.reservations.tests.factories import make_user


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account_for_a_while(settings):
    make_user("desk", "front_desk_agent")
    client = Client()
    url = reverse("core:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "desk", "password": "wrong"})
    locked = client.post(url, {"username": "desk", "password": "pass-desk"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_correct_login_opens_a_session():
    make_user("desk2", "front_desk_agent")
    client = Client()
    resp = client.post(reverse("core:login"), {"username": "desk2", "password": "pass-desk2"})
    assert resp.status_code == 302
    assert client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_the_openapi_document_describes_every_route_with_bearer_auth():
    doc = Client().get("/api/v1/openapi.json").json()
    paths = doc["paths"]
    for path in [
        "/api/v1/properties",
        "/api/v1/properties/{code}/room-types",
        "/api/v1/properties/{code}/rooms",
        "/api/v1/properties/{code}/rate-plans",
        "/api/v1/properties/{code}/rates",
        "/api/v1/properties/{code}/availability",
        "/api/v1/properties/{code}/guests",
        "/api/v1/properties/{code}/companies",
        "/api/v1/properties/{code}/reservations",
        "/api/v1/properties/{code}/reservations/{confirmation}",
        "/api/v1/properties/{code}/reservations/{confirmation}/cancel",
    ]:
        assert path in paths, path
    assert "patch" in paths["/api/v1/properties/{code}/reservations/{confirmation}"]
    assert "put" in paths["/api/v1/properties/{code}/rates"]
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


@pytest.mark.django_db
def test_the_api_docs_page_is_served_without_external_requests():
    resp = Client().get("/api/v1/docs")
    assert resp.status_code == 200
    assert b"cdn." not in resp.content
