import datetime as dt
from decimal import Decimal

from django.urls import reverse

from frontoffice.core.models import AuditEntry
from frontoffice.rates.models import DailyRate
from frontoffice.rates.services import rates_bulk_update

START = dt.date(2026, 6, 1)


def bulk_post(hotel, **values):
    data = {
        "plan": "BAR",
        "start": "2026-06-01",
        "room_types": [hotel.room_types["DBL"].pk],
        "rate_plans": [hotel.plans["BAR"].pk],
        "date_from": "2026-06-01",
        "date_to": "2026-06-14",
    }
    data.update(values)
    return data


def test_anonymous_visitors_are_sent_to_the_login_page(client, hotel):
    resp = client.get(reverse("rates:grid"))
    assert resp.status_code == 302
    assert resp["Location"].startswith(reverse("core:login"))


def test_the_grid_shows_prices_and_restriction_markers(client_as, hotel, agent):
    rates_bulk_update(
        property=hotel.property,
        actor=hotel.admin,
        room_types=[hotel.room_types["DBL"]],
        rate_plans=[hotel.plans["BAR"]],
        start=dt.date(2026, 6, 3),
        end=dt.date(2026, 6, 3),
        values={"closed": True, "closed_to_arrival": True, "min_stay": 2},
    )
    resp = client_as(agent).get(reverse("rates:grid"))
    assert resp.status_code == 200
    page = resp.text
    assert "BAR" in page and "DBL" in page and "SGL" in page
    assert page.count("100.00") == 28  # 2 room types × 14 days
    assert "rate-cell closed" in page
    assert "mk mk-closed" in page
    assert ">CTA<" in page
    assert "≥2n" in page
    assert "Change prices and restrictions" not in page  # an agent may look, not edit


def test_a_derived_plan_shows_its_computed_price_and_what_it_follows(client_as, hotel, agent):
    resp = client_as(agent).get(reverse("rates:grid"), {"plan": "NRF", "start": "2026-06-01"})
    page = resp.text
    assert "follows BAR −10 %" in page
    assert 'class="price derived">90.00<' in page


def test_htmx_navigation_returns_only_the_grid(client_as, hotel, agent):
    resp = client_as(agent).get(reverse("rates:grid"), {"plan": "BAR", "start": "2026-06-15"}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    assert "<html" not in resp.text
    assert '<div id="rate-grid"' in resp.text
    assert "start=2026-06-29" in resp.text and "start=2026-06-01" in resp.text


def test_a_manager_bulk_edits_prices_and_restrictions_on_chosen_weekdays(client_as, hotel, manager):
    client = client_as(manager)
    assert "Change prices and restrictions" in client.get(reverse("rates:grid")).text
    data = bulk_post(hotel, weekdays=["6", "7"], price="150", closed_to_arrival="set", min_stay="2")
    resp = client.post(reverse("rates:bulk"), data)
    assert resp.status_code == 302
    weekend = DailyRate.objects.filter(room_type=hotel.room_types["DBL"], rate_plan=hotel.plans["BAR"], price=150)
    assert sorted(r.date for r in weekend) == [dt.date(2026, 6, d) for d in (6, 7, 13, 14)]
    assert all(r.closed_to_arrival and r.min_stay == 2 for r in weekend)
    assert DailyRate.objects.get(room_type=hotel.room_types["DBL"], date=dt.date(2026, 6, 8)).price == Decimal("100.00")
    page = client.get(resp["Location"]).text
    assert "4 daily rates written." in page
    assert AuditEntry.objects.filter(entity="rates", action="bulk_update").exists()


def test_tri_state_fields_leave_set_or_clear(client_as, hotel, manager):
    client = client_as(manager)
    client.post(reverse("rates:bulk"), bulk_post(hotel, closed="set", max_stay="5"))
    client.post(reverse("rates:bulk"), bulk_post(hotel, closed="clear", clear_max_stay="on", closed_to_departure=""))
    row = DailyRate.objects.get(room_type=hotel.room_types["DBL"], rate_plan=hotel.plans["BAR"], date=START)
    assert not row.closed and row.max_stay is None and row.price == Decimal("100.00")


def test_a_refused_bulk_edit_explains_why(client_as, hotel, manager):
    client = client_as(manager)
    resp = client.post(reverse("rates:bulk"), bulk_post(hotel, rate_plans=[hotel.plans["NRF"].pk], price="80"))
    assert resp.status_code == 422
    assert "A derived plan follows its parent" in resp.text
    assert not DailyRate.objects.filter(rate_plan=hotel.plans["NRF"]).exists()
    resp = client.post(reverse("rates:bulk"), bulk_post(hotel))
    assert resp.status_code == 422
    assert "Give a price or at least one restriction to change." in resp.text


def test_an_agent_cannot_post_a_bulk_edit(client_as, hotel, agent):
    resp = client_as(agent).post(reverse("rates:bulk"), bulk_post(hotel, price="1"))
    assert resp.status_code == 403
    assert not DailyRate.objects.filter(price=1).exists()


def test_another_propertys_plans_cannot_be_edited(client_as, hotel, other_hotel, manager):
    data = bulk_post(hotel, rate_plans=[other_hotel.plans["BAR"].pk], price="1")
    resp = client_as(manager).post(reverse("rates:bulk"), data)
    assert resp.status_code == 422
    assert not DailyRate.objects.filter(price=1).exists()
