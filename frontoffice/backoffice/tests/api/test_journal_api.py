"""The journal over the API, as an accounting system pulls it: closed dates only by default,
JSON, CSV or Beancount, and clear refusals for a bad period."""

from frontoffice.backoffice.tests.services.test_journal import two_days  # noqa: F401 - the scenario
from frontoffice.frontdesk.tests.assignment_helpers import TODAY, days

BASE = "/properties/TEST/journal"


def period(start, end, **extra) -> str:
    query = f"?from={start.isoformat()}&to={end.isoformat()}"
    return BASE + query + "".join(f"&{k}={v}" for k, v in extra.items())


def test_an_accounting_system_pulls_the_closed_days_as_json(hotel, two_days, manager, api_as):  # noqa: F811
    body = api_as(manager).get(period(TODAY, TODAY + days(5))).json()
    assert body["closed_through"] == (TODAY + days(1)).isoformat()
    assert [d["date"] for d in body["days"]] == [TODAY.isoformat(), (TODAY + days(1)).isoformat()]
    assert all(d["debits"] == d["credits"] for d in body["days"])
    refs = [e["ref"] for e in body["entries"]]
    assert len(refs) == len(set(refs)) and refs[-1].startswith("R")  # the company's payment, last of its day
    room = next(e for e in body["entries"] if e["narration"].startswith("ROOM"))
    assert {line["account"] for line in room["lines"]} == {"4310 Guest ledger", "7000 Room revenue", "4770 VAT payable"}


def test_the_next_pull_starts_after_the_last_closed_date_and_sees_nothing_new(hotel, two_days, manager, api_as):  # noqa: F811
    body = api_as(manager).get(period(TODAY + days(2), TODAY + days(9))).json()
    assert body["entries"] == [] and body["days"] == []
    opened = api_as(manager).get(period(TODAY + days(2), TODAY + days(9), include_open="true")).json()
    assert opened["closed_through"] == (TODAY + days(1)).isoformat()


def test_csv_and_beancount_downloads(hotel, two_days, manager, api_as):  # noqa: F811
    api = api_as(manager)
    csv = api.get(period(TODAY, TODAY + days(1), format="csv"))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().startswith("date,entry,account,debit,credit,narration\n")
    bean = api.get(period(TODAY, TODAY + days(1), format="beancount"))
    assert bean.status_code == 200 and b"open Income:RoomRevenue-7000 EUR" in bean.content


def test_a_bad_period_is_refused_clearly(hotel, manager, api_as):
    api = api_as(manager)
    backwards = api.get(period(TODAY + days(3), TODAY))
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "to"
    too_long = api.get(period(TODAY, TODAY + days(40)))
    assert too_long.status_code == 422
    assert api.get(period(TODAY, TODAY + days(40), format="csv")).status_code == 200
    assert api.get(period(TODAY, TODAY, format="xml")).status_code == 422
