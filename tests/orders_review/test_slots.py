"""Cut-off, lead time, horizon and the next feasible slot, judged in the shop's time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from app.services.orders.review_settings import ReviewSettings
from app.services.orders.slots import (
    cutoff_day,
    cutoff_passed,
    earliest_delivery_date,
    latest_delivery_date,
    local_today,
    next_feasible_slot,
)

UTC = timezone.utc
SETTINGS = ReviewSettings()
SHANGHAI = timezone(timedelta(hours=8))


@pytest.mark.parametrize(("received", "earliest"), [
    (datetime(2025, 3, 10, 13, 59, 59, tzinfo=UTC), date(2025, 3, 11)),            # 21:59:59 local
    (datetime(2025, 3, 10, 13, 59, 59, 999_999, tzinfo=UTC), date(2025, 3, 11)),
    (datetime(2025, 3, 10, 14, 0, 0, tzinfo=UTC), date(2025, 3, 12)),              # 22:00:00 local
    (datetime(2025, 3, 10, 15, 59, 59, tzinfo=UTC), date(2025, 3, 12)),            # 23:59:59 local
    (datetime(2025, 3, 10, 16, 0, 0, tzinfo=UTC), date(2025, 3, 12)),              # 00:00 on the 11th local
    (datetime(2025, 3, 9, 16, 0, 0, tzinfo=UTC), date(2025, 3, 11)),               # 00:00 on the 10th local
    (datetime(2025, 3, 10, 21, 59, 59, tzinfo=SHANGHAI), date(2025, 3, 11)),       # given in local time
    (datetime(2025, 3, 10, 22, 0, 0, tzinfo=SHANGHAI), date(2025, 3, 12)),
])
def test_cut_off_edge(received, earliest):
    assert earliest_delivery_date(received, SETTINGS) == earliest
    assert cutoff_passed(received, earliest, SETTINGS) is False
    assert cutoff_passed(received, earliest - timedelta(days=1), SETTINGS) is True


def test_local_today_crosses_midnight_before_utc_does():
    assert local_today(datetime(2025, 3, 10, 15, 59, tzinfo=UTC), SETTINGS) == date(2025, 3, 10)
    assert local_today(datetime(2025, 3, 10, 16, 0, tzinfo=UTC), SETTINGS) == date(2025, 3, 11)
    assert local_today(datetime(2025, 3, 10, 16, 0), SETTINGS) == date(2025, 3, 11)  # naive means UTC


def test_other_time_zone_and_daylight_saving():
    berlin = ReviewSettings(timezone="Europe/Berlin", cutoff_time="20:00")
    # 2025-03-30: clocks go from 02:00 to 03:00 (UTC+1 -> UTC+2)
    assert earliest_delivery_date(datetime(2025, 3, 29, 18, 59, tzinfo=UTC), berlin) == date(2025, 3, 30)  # 19:59
    assert earliest_delivery_date(datetime(2025, 3, 29, 19, 0, tzinfo=UTC), berlin) == date(2025, 3, 31)   # 20:00
    assert earliest_delivery_date(datetime(2025, 3, 31, 17, 59, tzinfo=UTC), berlin) == date(2025, 4, 1)   # 19:59
    assert earliest_delivery_date(datetime(2025, 3, 31, 18, 0, tzinfo=UTC), berlin) == date(2025, 4, 2)    # 20:00


def test_lead_days_default_and_per_warehouse():
    settings = ReviewSettings(lead_days=2, lead_days_by_warehouse={"BJ2": 0, "GZ1": 3})
    received = datetime(2025, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 local
    assert earliest_delivery_date(received, settings) == date(2025, 3, 12)
    assert earliest_delivery_date(received, settings, "SH1") == date(2025, 3, 12)
    assert earliest_delivery_date(received, settings, "BJ2") == date(2025, 3, 10)
    assert earliest_delivery_date(received, settings, "GZ1") == date(2025, 3, 13)
    assert cutoff_day(date(2025, 3, 13), settings, "GZ1") == date(2025, 3, 10)
    assert cutoff_day(date(2025, 3, 13), settings) == date(2025, 3, 11)


def test_past_dates_have_passed_their_cut_off():
    assert cutoff_passed(datetime(2025, 3, 10, 2, 0, tzinfo=UTC), date(2025, 1, 1), SETTINGS)


def test_latest_delivery_date():
    assert latest_delivery_date(datetime(2025, 3, 10, 16, 0, tzinfo=UTC), SETTINGS) == date(2025, 3, 25)


def test_next_feasible_slot_is_the_earliest_date_and_first_slot():
    assert next_feasible_slot(datetime(2025, 3, 10, 2, 0, tzinfo=UTC), SETTINGS) == (date(2025, 3, 11), "09:00-12:00")
    assert next_feasible_slot(datetime(2025, 3, 10, 14, 0, tzinfo=UTC), SETTINGS) == (date(2025, 3, 12),
                                                                                        "09:00-12:00")
    unordered = ReviewSettings(slots=("18:00-21:00", "08:00-10:00"))
    assert next_feasible_slot(datetime(2025, 3, 10, 2, 0, tzinfo=UTC), unordered) == (date(2025, 3, 11),
                                                                                        "08:00-10:00")


@pytest.mark.parametrize(("local_hour", "expected"), [
    (8, (date(2025, 3, 10), "09:00-12:00")),
    (9, (date(2025, 3, 10), "14:00-18:00")),
    (13, (date(2025, 3, 10), "14:00-18:00")),
    (17, (date(2025, 3, 10), "18:00-21:00")),
    (18, (date(2025, 3, 11), "09:00-12:00")),      # every slot today has begun
    (21, (date(2025, 3, 11), "09:00-12:00")),
    (22, (date(2025, 3, 11), "09:00-12:00")),      # after the cut-off anyway
])
def test_same_day_delivery_offers_only_slots_not_yet_begun(local_hour, expected):
    settings = ReviewSettings(lead_days=0)
    received = datetime(2025, 3, 10, local_hour, 0, tzinfo=SHANGHAI)
    assert next_feasible_slot(received, settings) == expected
