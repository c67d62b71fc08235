"""Splitting a serial byte stream into lines (cf. pyserial ``threaded.LineReader``).

Scanners and scales end every message with a configured suffix. The framer
is fed whatever ``read()`` returned - a byte at a time or several messages at
once - and hands back complete frames without the suffix.
"""

from __future__ import annotations

import logging
from enum import StrEnum

log = logging.getLogger(__name__)


class Suffix(StrEnum):
    """Message terminator; the value is what settings store."""

    CR = "CR"
    LF = "LF"
    CRLF = "CRLF"

    @property
    def terminator(self) -> bytes:
        return {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n"}[self.value]


class LineFramer:
    """Incremental splitter: ``feed(chunk)`` returns the frames completed by it.

    Frames are stripped of stray CR/LF at either end (a scanner set to CRLF
    while the station expects CR would otherwise yield frames starting with
    LF) and empty frames are dropped. A run of more than ``max_length`` bytes
    without a terminator is line noise: it is discarded.
    """

    def __init__(self, suffix: Suffix | str = Suffix.CR, max_length: int = 4096) -> None:
        self.suffix = Suffix(suffix)
        self.max_length = max_length
        self._terminator = self.suffix.terminator
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer.extend(data)
        frames: list[bytes] = []
        while True:
            index = self._buffer.find(self._terminator)
            if index < 0:
                break
            frame = bytes(self._buffer[:index]).strip(b"\r\n")
            del self._buffer[: index + len(self._terminator)]
            if frame:
                frames.append(frame)
        if len(self._buffer) > self.max_length:
            log.warning("discarding %d bytes without a line terminator", len(self._buffer))
            self._buffer.clear()
        return frames

    def pending(self) -> bytes:
        """Bytes received after the last terminator (an incomplete frame)."""
        return bytes(self._buffer)

    def reset(self) -> None:
        self._buffer.clear()
