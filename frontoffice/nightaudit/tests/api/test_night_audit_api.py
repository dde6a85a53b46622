"""The night audit over the API: pre-checks, close, the closed date, its statistics and reports."""

import time_machine

from frontoffice.frontdesk.tests.assignment_helpers import TODAY, in_house, room, stay
from frontoffice.nightaudit.tests.conftest import AFTER_MIDNIGHT

BASE = "/properties/TEST"


def test_the_pre_checks_then_the_close_then_what_was_kept(hotel, codes, auditor, api_as):
    in_house(stay(hotel, nights=2, adults=2), room(hotel, "101"))
    absent = stay(hotel)
    api = api_as(auditor)
    with time_machine.travel(AFTER_MIDNIGHT, tick=False):
        status = api.get(f"{BASE}/night-audit").json()
        assert (status["business_date"], status["day_over"], status["last_closed"]) == (TODAY.isoformat(), True, None)
        (check,) = status["prechecks"]
        assert (check["code"], check["severity"], check["count"]) == ("arrivals_pending", "blocking", 1)
        assert check["items"][0].startswith(absent.confirmation)

        refused = api.post(f"{BASE}/night-audit", {"date": TODAY.isoformat()})
        assert refused.status_code == 409
        assert refused.json()["code"] == "prechecks_blocking"
        assert refused.json()["errors"][0]["code"] == "arrivals_pending"

        closed = api.post(
            f"{BASE}/night-audit", {"date": TODAY.isoformat(), "overrides": {"arrivals_pending": "Did not come"}}
        )
        assert closed.status_code == 200, closed.content
        body = closed.json()
        assert (body["business_date"], body["next_business_date"]) == ("2026-06-01", "2026-06-02")
        assert [s["step"] for s in body["steps"]][-1] == "business_date"
        assert len(body["reports"]) == 6 and all(u.startswith("http://testserver/api/v1/") for u in body["reports"])

        again = api.post(f"{BASE}/night-audit", {"date": TODAY.isoformat()})
        assert again.status_code == 409 and again.json()["code"] == "already_closed"

    stats = api.get(f"{BASE}/statistics/{TODAY.isoformat()}").json()
    assert (stats["occupied"], stats["sold"], stats["no_shows"], stats["room_revenue"]) == (1, 1, 1, "90.91")
    assert stats["kpis"]["usali"] == {
        "available": 7, "sold": 1, "occupancy": "14.29", "adr": "90.91", "revpar": "12.99",
    }  # fmt: skip
    assert stats["revenue_by_department"] == {"fees": "100.00", "rooms": "90.91", "taxes": "4.00"}
    flash = api.get(f"{BASE}/night-audits/{TODAY.isoformat()}/reports/flash.csv")
    assert flash.status_code == 200 and flash["Content-Type"].startswith("text/csv")
    assert api.get(f"{BASE}/night-audits/2026-06-02").status_code == 404
