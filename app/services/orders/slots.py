"""Delivery dates and slots: cut-off, lead time and horizon, judged in the shop's time zone.

An order for delivery day D must arrive before the cut-off time (local) on
D - lead days. So an order received before the cut-off has today as its
cut-off day, one received at or after it has tomorrow, and the earliest
delivery date is that cut-off day + lead days (per warehouse when the
settings say so). The latest delivery date is today + horizon days.

``received_at`` is timezone-aware; a naive value is read as UTC (that is how
the database hands times back).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from app.services.orders.review_settings import ReviewSettings, canonical_slot

__all__ = ["canonical_slot", "cutoff_day", "cutoff_passed", "earliest_delivery_date", "earliest_from_local",
           "latest_delivery_date",
           "local_now", "local_today", "next_feasible_slot"]


def local_now(received_at: datetime, settings: ReviewSettings) -> datetime:
    """``received_at`` in the settings' time zone."""
    if received_at.tzinfo is None:
        received_at = received_at.replace(tzinfo=timezone.utc)
    return received_at.astimezone(settings.compiled.zone)


def local_today(received_at: datetime, settings: ReviewSettings) -> date:
    """The shop's calendar day at ``received_at``."""
    return local_now(received_at, settings).date()


def _first_cutoff_day(local: datetime, settings: ReviewSettings) -> date:
    """The first day whose cut-off ``local`` is still before."""
    today = local.date()
    if local.time() < settings.compiled.cutoff:
        return today
    return today + timedelta(days=1)


def earliest_delivery_date(received_at: datetime, settings: ReviewSettings, warehouse_code: str = "") -> date:
    """The earliest delivery date an order received at ``received_at`` can still make."""
    return earliest_from_local(local_now(received_at, settings), settings, warehouse_code)


def earliest_from_local(local: datetime, settings: ReviewSettings, warehouse_code: str = "") -> date:
    """``earliest_delivery_date`` for a moment already in the settings' time zone."""
    return _first_cutoff_day(local, settings) + timedelta(days=settings.lead_days_for(warehouse_code))


def latest_delivery_date(received_at: datetime, settings: ReviewSettings) -> date:
    """The last date inside the booking horizon."""
    return local_today(received_at, settings) + timedelta(days=settings.horizon_days)


def cutoff_day(delivery_date: date, settings: ReviewSettings, warehouse_code: str = "") -> date:
    """The day by whose cut-off time an order for ``delivery_date`` must arrive."""
    return delivery_date - timedelta(days=settings.lead_days_for(warehouse_code))


def cutoff_passed(received_at: datetime, delivery_date: date, settings: ReviewSettings,
                  warehouse_code: str = "") -> bool:
    """True when an order received at ``received_at`` is too late for ``delivery_date`` (also for past dates)."""
    return delivery_date < earliest_delivery_date(received_at, settings, warehouse_code)


def next_feasible_slot(received_at: datetime, settings: ReviewSettings, warehouse_code: str = "") -> tuple[date, str]:
    """The earliest delivery date and its first slot (slots ordered by start time).

    When the earliest date is today (lead time 0), only a slot that has not
    started yet counts; if none is left, it is tomorrow's first slot.
    """
    local = local_now(received_at, settings)
    compiled = settings.compiled
    day = earliest_from_local(local, settings, warehouse_code)
    slots = compiled.slots_by_start
    if not slots:  # unreadable settings; validate() refuses them, the intake still gets an answer
        return day, ""
    if day == local.date():
        now = local.time()
        for slot in slots:
            if compiled.slots[slot][0] > now:
                return day, slot
        day += timedelta(days=1)
    return day, slots[0]
