"""Telling keyboard-wedge scanner bursts from human typing (Qt-free).

A keyboard-wedge scanner "types" the barcode into the focused widget, one key
every 5-10 ms, and ends with Enter (or Tab). People type one key every
80-250 ms. :class:`WedgeInterpreter` receives each typed character with the
time of its key press and, when the terminator arrives, decides:

* **scanner**: the whole entry is a run of at least ``min_burst_length``
  typed keys that came, terminator included, no more than ``burst_gap_ms``
  apart.
* **scanner after stale typing**: the entry ends with such a run, and what
  came before it is *stale hand input* - at least two keys typed at human
  pace (no two within ``burst_gap_ms``), the last of them at least
  ``stale_prefix_ms`` before the run.
  The prefix is dropped (reported in ``ScanEvent.discarded``). Both
  conditions matter: a UI-thread stall in the middle of a burst also leaves
  a gap, and such a scan must never be silently truncated.
* **manual**: anything else - typed by hand, pasted, edited, or a burst
  broken by a stall - submitted whole, as the text the field holds (the
  widget passes it in).

A submission identical to the previous one and arriving within
``duplicate_window_ms`` of it is flagged ``duplicate`` (a double read). The
window slides: a scanner repeating every 200 ms yields one scan and then only
duplicates. Times are seconds from a monotonic clock the caller injects.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ScanSource(StrEnum):
    SCANNER = "scanner"
    MANUAL = "manual"


@dataclass(frozen=True, slots=True)
class WedgeSettings:
    burst_gap_ms: float = 35.0
    min_burst_length: int = 4
    duplicate_window_ms: float = 300.0
    stale_prefix_ms: float = 2000.0

    def __post_init__(self) -> None:
        if (
            self.burst_gap_ms <= 0
            or self.duplicate_window_ms < 0
            or self.min_burst_length < 1
            or self.stale_prefix_ms < self.burst_gap_ms
        ):
            raise ValueError("invalid keyboard-wedge settings")


@dataclass(frozen=True, slots=True)
class ScanEvent:
    """One submission from a scan field.

    ``text`` is raw (GS as ``"\\x1d"``); ``timestamp`` is the clock time of
    the terminator key; ``max_gap_ms`` the largest gap between the submitted
    keys and the terminator (None when no key timing was usable).
    """

    text: str
    source: ScanSource
    duplicate: bool
    timestamp: float
    key_count: int
    max_gap_ms: float | None
    discarded: str = ""

    @property
    def from_scanner(self) -> bool:
        return self.source is ScanSource.SCANNER


class KeystrokeLog:
    """Characters in the order typed, each with the time of its key press."""

    __slots__ = ("chars", "times")

    def __init__(self) -> None:
        self.chars: list[str] = []
        self.times: list[float] = []

    MAX_KEYS = 4096

    def add(self, char: str, t: float) -> None:
        self.chars.append(char)
        self.times.append(t)
        if len(self.chars) > self.MAX_KEYS:  # someone typing a novel: keep the tail
            del self.chars[: -self.MAX_KEYS // 2]
            del self.times[: -self.MAX_KEYS // 2]

    def clear(self) -> None:
        self.chars.clear()
        self.times.clear()

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def trailing_burst_start(self, t_end: float, max_gap: float) -> int:
        """Index where the final run of keys no more than ``max_gap`` apart starts.

        Returns ``len(self)`` when even the terminator came too late.
        """
        times = self.times
        n = len(times)
        if n == 0 or t_end - times[-1] > max_gap:
            return n
        start = n - 1
        while start > 0 and times[start] - times[start - 1] <= max_gap:
            start -= 1
        return start

    def is_stale_prefix(self, end: int, max_gap: float, min_pause: float) -> bool:
        """True if the (two or more) keys before ``end`` were typed at human pace
        and the key at ``end`` came at least ``min_pause`` after them.

        A single key is never taken for stale input: it may be the first key
        of a scanner burst the UI thread stalled on.
        """
        times = self.times
        if end < 2 or end > len(times):
            return False
        if end < len(times) and times[end] - times[end - 1] < min_pause:
            return False
        return all(b - a > max_gap for a, b in zip(times[:end], times[1:end], strict=False))

    def max_gap(self, start: int, t_end: float) -> float | None:
        times = self.times[start:]
        if not times:
            return None
        gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
        gaps.append(t_end - times[-1])
        return max(gaps)


class DuplicateDetector:
    """Flags a text repeated within ``window`` seconds of its last submission."""

    def __init__(self, window: float) -> None:
        self.window = window
        self._last_text: str | None = None
        self._last_time = 0.0

    def check(self, text: str, t: float) -> bool:
        duplicate = self._last_text == text and 0 <= t - self._last_time <= self.window
        self._last_text = text
        self._last_time = t
        return duplicate

    def reset(self) -> None:
        self._last_text = None


class WedgeInterpreter:
    """The scan field's brain: collects keys, classifies and de-duplicates entries."""

    def __init__(self, settings: WedgeSettings | None = None) -> None:
        self.keys = KeystrokeLog()
        self._duplicates = DuplicateDetector(0.0)
        self.settings = settings or WedgeSettings()

    @property
    def settings(self) -> WedgeSettings:
        return self._settings

    @settings.setter
    def settings(self, value: WedgeSettings) -> None:
        self._settings = value
        self._duplicates.window = value.duplicate_window_ms / 1000.0

    def key(self, char: str, t: float) -> None:
        self.keys.add(char, t)

    def reset(self) -> None:
        self.keys.clear()

    def submit(self, final_text: str, t: float) -> ScanEvent | None:
        """Classify the entry ending at time ``t``; None if there is nothing to submit.

        ``final_text`` is what the entry holds now (raw, GS as ``"\\x1d"``). It is
        a scanner burst when the field ends with the fast run of keys that
        preceded the terminator; otherwise it is manual input, taken as is.
        """
        keys = self.keys
        settings = self._settings
        try:
            if not final_text:
                return None
            max_gap = settings.burst_gap_ms / 1000.0
            start = keys.trailing_burst_start(t, max_gap)
            burst = "".join(keys.chars[start:])
            if (
                len(burst) >= settings.min_burst_length
                and final_text.endswith(burst)
                and (
                    len(burst) == len(final_text)
                    or keys.is_stale_prefix(start, max_gap, settings.stale_prefix_ms / 1000.0)
                )
            ):
                return self._event(
                    burst,
                    ScanSource.SCANNER,
                    t,
                    len(burst),
                    keys.max_gap(start, t),
                    discarded=final_text[: len(final_text) - len(burst)],
                )
            typed = len(keys) > 0 and final_text == keys.text
            gap = keys.max_gap(0, t) if typed else None
            return self._event(final_text, ScanSource.MANUAL, t, len(final_text), gap)
        finally:
            keys.clear()

    def _event(
        self,
        text: str,
        source: ScanSource,
        t: float,
        count: int,
        gap: float | None,
        discarded: str = "",
    ) -> ScanEvent:
        return ScanEvent(
            text=text,
            source=source,
            duplicate=self._duplicates.check(text, t),
            timestamp=t,
            key_count=count,
            max_gap_ms=None if gap is None else gap * 1000.0,
            discarded=discarded,
        )
