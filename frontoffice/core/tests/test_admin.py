import pytest
from django.test import Client

from frontoffice.reservations.tests.factories import GuestFactory, make_user
from frontoffice.reservations.tests.services.test_booking import book


@pytest.mark.django_db
def test_the_admin_shows_reservations_but_offers_no_way_to_edit_them(hotel, agent):
    (res,) = book(hotel, agent, guest=GuestFactory(property=hotel.property))
    root = make_user("root", None, superuser=True)
    root.is_staff = True
    root.save()
    client = Client()
    client.force_login(root, backend="django.contrib.auth.backends.ModelBackend")
    for url in [
        "/admin/",
        "/admin/reservations/reservation/",
        "/admin/rooms/inventorynight/",
        "/admin/rates/rateplan/",
    ]:
        assert client.get(url).status_code == 200, url
    page = client.get(f"/admin/reservations/reservation/{res.pk}/change/")
    assert page.status_code == 200 and res.confirmation in page.text
    assert client.get("/admin/reservations/reservation/add/").status_code == 403
    assert client.post(f"/admin/reservations/reservation/{res.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/rooms/room/add/").status_code == 403
