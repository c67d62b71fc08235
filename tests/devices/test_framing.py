from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.devices.framing import LineFramer, Suffix


@pytest.mark.parametrize(
    ("suffix", "stream", "frames"),
    [
        (Suffix.CR, b"ABC\rDEF\r", [b"ABC", b"DEF"]),
        (Suffix.LF, b"ABC\nDEF\n", [b"ABC", b"DEF"]),
        (Suffix.CRLF, b"ABC\r\nDEF\r\n", [b"ABC", b"DEF"]),
        (Suffix.CR, b"ABC\r\nDEF\r\n", [b"ABC", b"DEF"]),  # scanner sends CRLF, station expects CR
        (Suffix.CR, b"\r\r\r", []),
        (Suffix.CR, b"]C1010\x1d10AB\r", [b"]C1010\x1d10AB"]),
    ],
)
def test_splits_on_suffix(suffix, stream, frames):
    assert LineFramer(suffix).feed(stream) == frames


def test_incomplete_frame_waits_for_terminator():
    framer = LineFramer(Suffix.CRLF)
    assert framer.feed(b"12345\r") == []
    assert framer.pending() == b"12345\r"
    assert framer.feed(b"\n678") == [b"12345"]
    assert framer.pending() == b"678"


def test_suffix_accepts_setting_strings():
    assert LineFramer("CRLF").suffix is Suffix.CRLF
    with pytest.raises(ValueError):
        LineFramer("TAB")


def test_overlong_noise_is_discarded():
    framer = LineFramer(Suffix.CR, max_length=8)
    assert framer.feed(b"x" * 20) == []
    assert framer.pending() == b""
    assert framer.feed(b"OK\r") == [b"OK"]


@settings(deadline=None)
@given(
    frames=st.lists(
        st.binary(min_size=1, max_size=30).filter(lambda b: b"\r" not in b and b"\n" not in b),
        max_size=8,
    ),
    cuts=st.lists(st.integers(min_value=0, max_value=400), max_size=10),
    suffix=st.sampled_from(list(Suffix)),
)
def test_chunking_does_not_change_frames(frames, cuts, suffix):
    stream = b"".join(f + suffix.terminator for f in frames)
    framer = LineFramer(suffix)
    got = []
    start = 0
    for cut in sorted(c for c in cuts if c <= len(stream)) + [len(stream)]:
        got += framer.feed(stream[start:cut])
        start = cut
    assert got == frames
