from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.keyboard_wedge import (
    DuplicateDetector,
    ScanSource,
    WedgeInterpreter,
    WedgeSettings,
)

printable = st.text(
    alphabet=st.characters(min_codepoint=0x1D, max_codepoint=0x7E), min_size=4, max_size=60
)


def typed(interp: WedgeInterpreter, text: str, gap: float, t: float = 100.0) -> float:
    for char in text:
        t += gap
        interp.key(char, t)
    return t + gap


def test_fast_burst_is_a_scanner_scan():
    interp = WedgeInterpreter()
    end = typed(interp, "0101234567890128", 0.006)
    event = interp.submit("0101234567890128", end)
    assert event.source is ScanSource.SCANNER and event.from_scanner
    assert event.text == "0101234567890128"
    assert event.key_count == 16
    assert event.max_gap_ms == pytest.approx(6.0)
    assert not event.duplicate


def test_slow_typing_is_manual():
    interp = WedgeInterpreter()
    end = typed(interp, "4011", 0.15)
    event = interp.submit("4011", end)
    assert event.source is ScanSource.MANUAL
    assert event.text == "4011"
    assert event.max_gap_ms == pytest.approx(150.0)


def test_short_fast_input_is_manual():
    interp = WedgeInterpreter(WedgeSettings(min_burst_length=4))
    end = typed(interp, "abc", 0.005)
    assert interp.submit("abc", end).source is ScanSource.MANUAL


def test_late_terminator_makes_it_manual():
    # someone pressed Enter by hand after a (fast) entry: not a scanner burst
    interp = WedgeInterpreter()
    end = typed(interp, "12345678", 0.005)
    assert interp.submit("12345678", end + 1.0).source is ScanSource.MANUAL


def test_stale_hand_typing_before_a_burst_is_discarded():
    interp = WedgeInterpreter()
    t = typed(interp, "ab", 0.3)
    end = typed(interp, "9501101530003", 0.005, t + 5.0)
    event = interp.submit("ab9501101530003", end)
    assert event.source is ScanSource.SCANNER
    assert event.text == "9501101530003"
    assert event.discarded == "ab"


def test_burst_broken_by_a_ui_stall_is_never_truncated():
    # the UI thread froze for 200 ms in the middle of a scanner burst
    interp = WedgeInterpreter()
    t = typed(interp, "40063", 0.005)
    end = typed(interp, "81333931", 0.005, t + 0.2)
    event = interp.submit("4006381333931", end)
    assert event.text == "4006381333931"
    assert event.source is ScanSource.MANUAL
    assert event.discarded == ""


def test_recent_hand_typing_before_a_burst_is_kept():
    # a single key, then a burst: could be a stalled scan - keep it all
    interp = WedgeInterpreter()
    t = typed(interp, "4", 0.2)
    end = typed(interp, "006381333931", 0.005, t + 5.0)
    event = interp.submit("4006381333931", end)
    assert (event.text, event.source) == ("4006381333931", ScanSource.MANUAL)


def test_text_not_typed_before_a_burst_is_kept():
    interp = WedgeInterpreter()
    end = typed(interp, "12345678", 0.005)
    event = interp.submit("PASTED12345678", end)
    assert (event.text, event.source) == ("PASTED12345678", ScanSource.MANUAL)


def test_stale_prefix_after_backspacing():
    interp = WedgeInterpreter()
    t = typed(interp, "abcd", 0.3)  # then two backspaces: the field shows "ab"
    end = typed(interp, "12345678", 0.005, t + 3.0)
    event = interp.submit("ab12345678", end)
    assert (event.text, event.discarded) == ("12345678", "ab")


def test_edited_entry_is_manual_with_final_text():
    interp = WedgeInterpreter()
    end = typed(interp, "12x3", 0.2)
    event = interp.submit("123", end)  # user fixed a typo
    assert event.source is ScanSource.MANUAL
    assert event.text == "123"
    assert event.max_gap_ms is None


def test_empty_submission_is_ignored():
    interp = WedgeInterpreter()
    assert interp.submit("", 1.0) is None


def test_submit_clears_the_keystrokes():
    interp = WedgeInterpreter()
    end = typed(interp, "ABCDEF", 0.005)
    interp.submit("ABCDEF", end)
    assert len(interp.keys) == 0


def test_duplicate_window_slides():
    detector = DuplicateDetector(0.3)
    assert not detector.check("A", 0.0)
    assert detector.check("A", 0.2)
    assert detector.check("A", 0.45)  # 0.25 s after the previous duplicate
    assert not detector.check("A", 1.0)
    assert not detector.check("B", 1.1)
    assert not detector.check("A", 1.2)  # another code in between


def test_interpreter_flags_duplicates_from_settings():
    interp = WedgeInterpreter(WedgeSettings(duplicate_window_ms=300))
    end = typed(interp, "ABCDEF", 0.005)
    assert not interp.submit("ABCDEF", end).duplicate
    end2 = typed(interp, "ABCDEF", 0.005, end + 0.1)
    assert interp.submit("ABCDEF", end2).duplicate
    interp.settings = WedgeSettings(duplicate_window_ms=0)
    end3 = typed(interp, "ABCDEF", 0.005, end2 + 0.05)
    assert not interp.submit("ABCDEF", end3).duplicate


def test_settings_are_validated():
    with pytest.raises(ValueError):
        WedgeSettings(burst_gap_ms=0)
    with pytest.raises(ValueError):
        WedgeSettings(min_burst_length=0)
    with pytest.raises(ValueError):
        WedgeSettings(burst_gap_ms=50, stale_prefix_ms=10)


@settings(deadline=None)
@given(
    text=printable,
    gaps=st.lists(st.floats(min_value=0.0, max_value=0.030), min_size=61, max_size=61),
    stall_at=st.integers(min_value=1, max_value=59),
    stall=st.floats(min_value=0.036, max_value=1.9),
)
def test_a_stalled_burst_is_submitted_whole(text, gaps, stall_at, stall):
    interp = WedgeInterpreter()
    t = 50.0
    for i, (char, gap) in enumerate(zip(text, gaps, strict=False)):
        t += gap + (stall if i == stall_at else 0.0)
        interp.key(char, t)
    event = interp.submit(text, t + gaps[-1])
    if stall_at < len(text):
        assert event.text == text  # never truncated, whatever the classification


@settings(deadline=None)
@given(
    text=printable,
    gaps=st.lists(st.floats(min_value=0.0, max_value=0.030), min_size=61, max_size=61),
)
def test_any_burst_within_threshold_is_a_scan(text, gaps):
    interp = WedgeInterpreter(WedgeSettings(burst_gap_ms=35, min_burst_length=4))
    t = 50.0
    for char, gap in zip(text, gaps, strict=False):
        t += gap
        interp.key(char, t)
    event = interp.submit(text, t + gaps[-1])
    assert event.source is ScanSource.SCANNER
    assert event.text == text


@settings(deadline=None)
@given(
    text=printable,
    gaps=st.lists(st.floats(min_value=0.040, max_value=1.0), min_size=61, max_size=61),
)
def test_human_paced_typing_is_never_a_scan(text, gaps):
    interp = WedgeInterpreter(WedgeSettings(burst_gap_ms=35, min_burst_length=4))
    t = 50.0
    for char, gap in zip(text, gaps, strict=False):
        t += gap
        interp.key(char, t)
    event = interp.submit(text, t + gaps[-1])
    assert event.source is ScanSource.MANUAL
    assert event.text == text
