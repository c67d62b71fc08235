"""Streaming the orders out of a JSON file without loading it: arrays, wrappers, one object, JSON Lines.

ijson's C backend does the parsing. Two kinds of input crash or exhaust it, so every byte goes
through ``_GuardedReader`` first: an integer of more than ~4,300 digits segfaults it (CPython's
int-from-string limit), and deep nesting makes it build prefix strings quadratic in the depth
(100,000 ``[`` take gigabytes). The guard also validates UTF-8 so that an undecodable byte is
reported with its offset. It tracks strings with a few bytes operations per chunk (no Python
loop over bytes), so it costs a small fraction of the parse.

Layouts (``JsonLayout.kind``):

- ``array``   ``[order, order, ...]``; position = index in the array (1-based)
- ``orders``  ``{"orders": [order, ...], ...}`` (Shopify API pages, our native exports)
- ``order``   ``{"order": {...}}`` (Shopify API single order)
- ``object``  one order object (a Shopify webhook body, one native order)
- ``lines``   JSON Lines, one order per line; position = physical line number
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import accumulate, repeat
from operator import sub
from pathlib import Path
from typing import BinaryIO

import ijson

from app.i18n import _
from app.importers.draft import ImportFileError

CHUNK_BYTES = 64 * 1024
MAX_DEPTH = 64  # real orders nest 6-9 levels (Shopify money sets)
MAX_NUMBER_DIGITS = 4000  # below CPython's 4,300-digit int limit that crashes ijson's C backend
MAX_LINE_BYTES = 16 * 1024 * 1024  # one JSON Lines order
_JSONL_PROBE_BYTES = 1024 * 1024  # a first line longer than this is not read as JSON Lines
_WHITESPACE = b" \t\r\n"
_SCALAR_STARTS = frozenset(b'"-0123456789tfn')  # a JSON text that is one string, number or literal
_DIGITS = b"0123456789"

_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_BRACKET_STEPS = bytes.maketrans(b"[{]}", b"\x02\x02\x00\x00")  # depth step + 1 (bytes are unsigned)
_DIGIT_MASK = bytes.maketrans(bytes(range(256)), bytes(49 if 48 <= b <= 57 else 48 for b in range(256)))
_LONG_DIGIT_RUN = b"1" * MAX_NUMBER_DIGITS

_UTF8_BOM = codecs.BOM_UTF8
UTF16_AND_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class JsonLayout:
    kind: str  # array | orders | order | object | lines | value (a lone string/number/literal: no orders)
    start: int  # byte offset of the JSON text (3 after a UTF-8 BOM)

    @property
    def prefix(self) -> str:
        return {"array": "item", "orders": "orders.item", "order": "order", "object": ""}[self.kind]


def not_orders_error() -> ImportFileError:
    return ImportFileError(_("The JSON holds a single text, number or true/false/null, not an order object or a "
                             "list of orders; check that this is an order export."), position=0)


def undecodable_error(offset: int, byte: int, *, gb18030_tried: bool = False) -> ImportFileError:
    if gb18030_tried:
        message = _("The file is neither UTF-8 nor GB18030 text: the byte 0x{byte} at byte offset {offset} cannot be "
                    "decoded. Save the file as UTF-8 and import it again.")
    else:
        message = _("The file is not valid UTF-8 text: the byte 0x{byte} at byte offset {offset} cannot be decoded. "
                    "Save the file as UTF-8 and import it again.")
    return ImportFileError(message.format(byte=f"{byte:02X}", offset=offset), position=offset)


class _GuardedReader:
    """A binary file for ijson that refuses what would crash or bloat the parser (see module doc)."""

    def __init__(self, raw: BinaryIO, start: int, *, stop_at: int | None = None, byte_by_byte_from: int | None = None):
        self._raw = raw
        self.offset = start  # file offset of the next byte handed to the parser
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._in_string = False
        self._carried_backslash = b""
        self._depth = 0
        self._trailing_digits = 0
        # Error location mode: replays bytes already checked, one at a time from a given offset.
        self._stop_at = stop_at
        self._byte_by_byte_from = byte_by_byte_from
        self.at_end = False

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson probes the type of the stream with read(0)
            return b""
        if self._byte_by_byte_from is not None:
            return self._replay()
        chunk = self._raw.read(CHUNK_BYTES if size is None or size < 0 else min(size, CHUNK_BYTES))
        self._check_utf8(chunk)
        if chunk:
            self._check_structure(chunk)
        self.offset += len(chunk)
        return chunk

    def _replay(self) -> bytes:
        if self._stop_at is not None and self.offset >= self._stop_at:
            self.at_end = True
            return b""
        size = 1 if self.offset >= self._byte_by_byte_from else self._byte_by_byte_from - self.offset
        chunk = self._raw.read(min(size, CHUNK_BYTES))
        self.at_end = not chunk
        self.offset += len(chunk)
        return chunk

    def _check_utf8(self, chunk: bytes) -> None:
        carried = self._decoder.getstate()[0]  # an incomplete character from the previous chunk
        try:
            self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            data = carried + chunk
            raise undecodable_error(self.offset - len(carried) + error.start, data[error.start]) from None

    def _check_structure(self, chunk: bytes) -> None:
        """Nesting depth and number lengths, counted outside strings.

        Escapes are dropped first (pairs of backslashes, then escaped quotes), after which every
        quote opens or closes a string; a backslash ending the chunk waits for the next one.
        """
        data = self._carried_backslash + chunk
        unescaped = data.replace(b"\\\\", b"")
        self._carried_backslash = b"\\" if unescaped.endswith(b"\\") else b""
        if self._carried_backslash:
            unescaped = unescaped[:-1]
        pieces = unescaped.replace(b'\\"', b"").split(b'"')
        outside = b" ".join(pieces[1::2] if self._in_string else pieces[0::2])
        if len(pieces) % 2 == 0:
            self._in_string = not self._in_string
        steps = outside.translate(_BRACKET_STEPS, _NOT_BRACKETS)
        if steps:
            peak = max(accumulate(map(sub, steps, repeat(1)), initial=self._depth))
            if peak > MAX_DEPTH:
                raise ImportFileError(
                    _("The JSON is nested more than {depth} levels deep before byte offset {offset}; "
                      "this is not an order file.").format(depth=MAX_DEPTH, offset=self.offset + len(chunk)),
                    position=self.offset)
            self._depth += steps.count(2) - steps.count(0)
        self._check_digits(outside, self.offset + len(chunk))

    def _check_digits(self, outside: bytes, chunk_end: int) -> None:
        leading = len(outside) - len(outside.lstrip(_DIGITS))
        if self._trailing_digits + leading >= MAX_NUMBER_DIGITS or \
                outside.translate(_DIGIT_MASK).find(_LONG_DIGIT_RUN) >= 0:
            raise ImportFileError(
                _("The file holds a number of more than {digits} digits before byte offset {offset}; "
                  "this is not an order file.").format(digits=MAX_NUMBER_DIGITS, offset=chunk_end),
                position=self.offset)
        trailing = len(outside) - len(outside.rstrip(_DIGITS))
        if self._in_string:  # the chunk ends inside a string: its last outside digits were followed by a quote
            self._trailing_digits = 0
        else:
            self._trailing_digits = self._trailing_digits + trailing if trailing == len(outside) else trailing


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in JSON")


def _decode_line(line: bytes, line_number: int, line_offset: int) -> object:
    line = line.rstrip(_WHITESPACE)
    try:
        line_text = line.decode("utf-8")
    except UnicodeDecodeError as error:
        raise undecodable_error(line_offset + error.start, line[error.start]) from None
    try:
        return json.loads(line_text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _("Line {line} is not valid JSON ({detail}, column {column}). Each line of a JSON Lines file must hold "
              "one complete order object; check the file was saved completely.").format(
                line=line_number, detail=error.msg, column=error.colno),
            position=line_offset + error.pos) from None
    except (ValueError, RecursionError) as error:
        raise ImportFileError(
            _("Line {line} cannot be read as an order ({detail}).").format(line=line_number, detail=error),
            position=line_offset) from None


def _skip_whitespace(handle: BinaryIO) -> int | None:
    """Advance to the first non-whitespace byte; return it (left unread) or None at end of file."""
    while True:
        position = handle.tell()
        block = handle.read(CHUNK_BYTES)
        if not block:
            return None
        stripped = block.lstrip(_WHITESPACE)
        if stripped:
            handle.seek(position + len(block) - len(stripped))
            return stripped[0]


def json_layout(path: Path) -> JsonLayout | None:
    """How the orders sit in a JSON file, or None when the file does not start like JSON.

    Kind "value" is a file starting like a lone JSON string, number or literal: no orders in it
    (but a CSV file whose header starts with a quote looks the same, so the caller decides).
    Raises ImportFileError for an empty file, a UTF-16/32 file and JSON broken in its first object.
    """
    with open(path, "rb") as handle:
        head = handle.read(4)
        if head.startswith(UTF16_AND_32_BOMS):
            raise ImportFileError(_("The file is saved as UTF-16 or UTF-32; save it as UTF-8 and import it again."))
        start = len(_UTF8_BOM) if head.startswith(_UTF8_BOM) else 0
        handle.seek(start)
        first = _skip_whitespace(handle)
        if first is None:
            raise ImportFileError(_("The file is empty; there are no orders to import."))
        if first == ord("["):
            return JsonLayout("array", start)
        if first in _SCALAR_STARTS:
            return JsonLayout("value", start)
        if first != ord("{"):
            return None
        if _looks_like_json_lines(handle):
            return JsonLayout("lines", start)
    return JsonLayout(_object_kind(path, start), start)


def _looks_like_json_lines(handle: BinaryIO) -> bool:
    """The first line is a whole JSON object and more follows it (else: one, maybe pretty-printed, object)."""
    line = handle.readline(_JSONL_PROBE_BYTES)
    if not line.endswith(b"\n"):
        return False
    try:
        value = json.loads(line.decode("utf-8"), parse_float=Decimal)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and _skip_whitespace(handle) is not None


_KEY_SCAN_EVENTS = 200_000


def _object_kind(path: Path, start: int) -> str:
    """Whether a top-level object wraps the orders ({"orders": [...]}, {"order": {...}}) or is one order."""
    with open(path, "rb") as handle:
        handle.seek(start)
        reader = _GuardedReader(handle, start)
        events = ijson.parse(reader, use_float=False)
        wrapper_key = None
        try:
            for count, (prefix, event, value) in enumerate(events):
                if wrapper_key is not None:
                    if (wrapper_key, event) in (("orders", "start_array"), ("order", "start_map")):
                        return wrapper_key
                    wrapper_key = None
                if prefix == "" and event == "map_key" and value in ("orders", "order"):
                    wrapper_key = value
                elif (prefix == "" and event == "end_map") or count > _KEY_SCAN_EVENTS:
                    return "object"
        except ijson.JSONError as error:
            raise _located_json_error(path, JsonLayout("object", start), error, reader.offset) from None
    return "object"


def iter_json_values(path: Path, layout: JsonLayout) -> Iterator[tuple[int, object]]:
    """(position, value) for every order in the file, in file order; ImportFileError when broken."""
    if layout.kind == "lines":
        yield from _iter_json_lines(path, layout.start)
        return
    with open(path, "rb") as handle:
        handle.seek(layout.start)
        reader = _GuardedReader(handle, layout.start)
        position = 0
        try:
            for value in ijson.items(reader, layout.prefix, use_float=False):
                position += 1
                yield position, value
        except ijson.JSONError as error:
            raise _located_json_error(path, layout, error, reader.offset) from None


def _iter_json_lines(path: Path, start: int) -> Iterator[tuple[int, object]]:
    with open(path, "rb") as handle:
        handle.seek(start)
        offset = start
        for line_number in range(1, 2**62):
            line = handle.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            if len(line) > MAX_LINE_BYTES:
                raise ImportFileError(
                    _("Line {line} is longer than 16 MB; a JSON Lines file holds one order per line.").format(
                        line=line_number), position=offset)
            if line.strip(_WHITESPACE):
                yield line_number, _decode_line(line, line_number, offset)
            offset += len(line)


def _located_json_error(path: Path, layout: JsonLayout, error: Exception, failed_before: int) -> ImportFileError:
    """An ImportFileError saying where the JSON broke: the parse is replayed byte by byte over the last chunk."""
    offset = _replay_to_error(path, layout, failed_before)
    line, column = _line_and_column(path, offset)
    detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "premature EOF" in detail:
        message = _("The file ends before its JSON is complete (line {line}, byte offset {offset}); it was probably "
                    "cut off while copying or exporting. Export or copy the file again.")
    else:
        message = _("The file is not valid JSON ({detail}) at line {line}, column {column} (byte offset {offset}). "
                    "Check the file around that point, or export it again.")
    return ImportFileError(message.format(detail=detail, line=line, column=column, offset=offset), position=offset)


def _replay_to_error(path: Path, layout: JsonLayout, failed_before: int) -> int:
    with open(path, "rb") as handle:
        handle.seek(layout.start)
        reader = _GuardedReader(handle, layout.start, stop_at=failed_before,
                                byte_by_byte_from=max(layout.start, failed_before - CHUNK_BYTES))
        try:
            for _value in ijson.items(reader, layout.prefix, use_float=False):
                pass
        except ijson.JSONError:
            return reader.offset if reader.at_end else max(layout.start, reader.offset - 1)
        return failed_before


def _line_and_column(path: Path, offset: int) -> tuple[int, int]:
    line, line_start, position = 1, 0, 0
    with open(path, "rb") as handle:
        while position < offset:
            block = handle.read(min(CHUNK_BYTES, offset - position))
            if not block:
                break
            newlines = block.count(b"\n")
            if newlines:
                line += newlines
                line_start = position + block.rindex(b"\n") + 1
            position += len(block)
    return line, offset - line_start + 1
