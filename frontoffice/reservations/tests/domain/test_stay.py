import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontoffice.reservations.domain.confirmation import ALPHABET, new_confirmation, normalise_confirmation
from frontoffice.reservations.domain.stay import Stay, StayError

D = dt.date(2026, 3, 28)


def test_departure_day_is_not_a_night():
    stay = Stay(D, D + dt.timedelta(days=2))
    assert stay.nights == 2
    assert stay.dates() == [D, D + dt.timedelta(days=1)]


def test_same_day_turnover_is_allowed():
    first = Stay(D, D + dt.timedelta(days=2))
    second = Stay(D + dt.timedelta(days=2), D + dt.timedelta(days=4))
    assert not first.overlaps(second)
    assert first.overlaps(Stay(D + dt.timedelta(days=1), D + dt.timedelta(days=3)))


@pytest.mark.parametrize("nights", [0, -1, 366])
def test_impossible_stays_are_refused(nights):
    with pytest.raises(StayError):
        Stay(D, D + dt.timedelta(days=nights))


def test_nights_across_a_daylight_saving_change_are_whole_days():
    # Europe's clocks change on the last Sunday of March; dates do not care.
    assert Stay(dt.date(2026, 3, 28), dt.date(2026, 3, 30)).nights == 2


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(1, 365))
def test_a_stay_has_exactly_as_many_dates_as_nights(arrival, nights):
    stay = Stay(arrival, arrival + dt.timedelta(days=nights))
    dates = stay.dates()
    assert len(dates) == nights == len(set(dates))
    assert dates[0] == arrival and dates[-1] == stay.departure - dt.timedelta(days=1)


def test_confirmation_numbers_avoid_ambiguous_characters():
    for _ in range(200):
        code = new_confirmation()
        assert len(code) == 7 and set(code) <= set(ALPHABET)
        assert not set(code) & set("01OIL")


def test_agents_can_type_confirmations_loosely():
    assert normalise_confirmation(" k7m-3qx ") == "K7M3QX"
