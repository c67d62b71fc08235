"""The one place that says what day it is, so tests and benchmarks can fix it."""

from __future__ import annotations

from datetime import date


def today() -> date:
    """The warehouse's calendar day (the machine's local date)."""
    return date.today()
