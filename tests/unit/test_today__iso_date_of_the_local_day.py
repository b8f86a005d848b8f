"""`today()` is the local date in ISO 8601 (YYYY-MM-DD), the form the blocker log writes and reads back."""

import datetime
import re

from readiness.core.blockers import today as today_mod


def test_today_is_the_iso_date_of_the_local_day():
    before = datetime.date.today()
    value = today_mod.today()
    after = datetime.date.today()
    assert value in {before.isoformat(), after.isoformat()}


def test_today_has_the_iso_shape_and_round_trips():
    value = today_mod.today()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
    assert datetime.date.fromisoformat(value).isoformat() == value


def test_today_is_a_string_not_a_date():
    assert isinstance(today_mod.today(), str)


class _FixedDate(datetime.date):
    @classmethod
    def today(cls):
        return cls(2024, 3, 9)


def test_today_follows_the_local_clock_and_pads_month_and_day(monkeypatch):
    monkeypatch.setattr(today_mod.datetime, "date", _FixedDate)
    assert today_mod.today() == "2024-03-09"
