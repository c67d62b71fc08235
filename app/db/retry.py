"""The one place that decides whether a failed transaction may be retried.

Serialization failures, deadlocks, lock timeouts and SQLite's "database is
locked" are normal under concurrency: the transaction is rolled back and run
again with a jittered backoff. They are never shown to a user as a crash.
"""

from __future__ import annotations

import random
import threading
import time

from sqlalchemy.exc import DBAPIError, OperationalError

#: SQLSTATEs worth another try: serialization_failure, deadlock_detected,
#: lock_not_available (lock_timeout), query_canceled is not retried.
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03"}
SQLITE_RETRYABLE_TEXT = ("database is locked", "database is busy", "database table is locked")
#: SQLSTATE class 08 and these texts mean the server is gone, not busy.
CONNECTION_LOST_TEXT = ("server closed the connection", "connection refused", "could not connect",
                        "connection timeout", "terminating connection", "unable to open database file")

MAX_ATTEMPTS = 12


class RetryStats:
    """Process-wide counters so benchmarks can report how often we retried."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.retries = 0

    def add(self) -> None:
        with self._lock:
            self.retries += 1


retry_stats = RetryStats()


def _sqlstate(error: DBAPIError) -> str | None:
    orig = getattr(error, "orig", None)
    return getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)


def is_retryable(error: BaseException) -> bool:
    if not isinstance(error, DBAPIError):
        return False
    state = _sqlstate(error)
    if state in RETRYABLE_SQLSTATES:
        return True
    if isinstance(error, OperationalError):
        text = str(error.orig).lower()
        return any(fragment in text for fragment in SQLITE_RETRYABLE_TEXT)
    return False


def is_connection_lost(error: BaseException) -> bool:
    if not isinstance(error, DBAPIError):
        return False
    if error.connection_invalidated:
        return True
    state = _sqlstate(error) or ""
    if state.startswith("08"):
        return True
    text = str(error.orig).lower()
    return any(fragment in text for fragment in CONNECTION_LOST_TEXT)


def backoff_delay(attempt: int) -> float:
    """Exponential backoff with full jitter, capped at ~0.5 s."""
    return random.uniform(0, min(0.5, 0.005 * (2 ** attempt)))


def sleep_before_retry(attempt: int) -> None:
    retry_stats.add()
    time.sleep(backoff_delay(attempt))
