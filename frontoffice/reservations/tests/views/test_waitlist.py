from django.urls import reverse

from frontoffice.reservations.services import reservation_cancel
from frontoffice.reservations.tests.factories import make_user
from frontoffice.reservations.tests.services.test_booking import book


def test_the_waitlist_shows_who_waits_and_offers_to_confirm_when_a_room_frees(client_as, hotel, agent):
    first = book(hotel, agent, type_code="SGL", adults=1)[0]
    book(hotel, agent, type_code="SGL", adults=1)
    (waiting,) = book(hotel, agent, type_code="SGL", adults=1, waitlist_if_full=True)
    client = client_as(agent)
    page = client.get(reverse("reservations:waitlist")).text
    assert waiting.confirmation in page and "Still full" in page
    assert reverse("reservations:confirm", args=[waiting.confirmation]) not in page
    reservation_cancel(reservation=first, actor=agent, reason="Changed plans")
    page = client.get(reverse("reservations:waitlist")).text
    assert reverse("reservations:confirm", args=[waiting.confirmation]) in page
    client.post(reverse("reservations:confirm", args=[waiting.confirmation]))
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert "Nobody is waiting for a room." in client.get(reverse("reservations:waitlist")).text


def test_a_porter_cannot_see_the_waitlist(client_as, hotel):
    porter = make_user("porter", "porter", hotel.property)
    assert client_as(porter).get(reverse("reservations:waitlist")).status_code == 403
