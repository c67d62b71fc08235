"""CSV orders: one row per order line, the rows of one order adjacent and sharing ``external_id``.

Encoding: UTF-8 (with or without BOM); a file that is not valid UTF-8 throughout is read as
GB18030 (what Excel and WPS save on Chinese Windows). Delimiter: comma, semicolon or tab, taken
from the header line. Header names are matched case- and space-insensitively. Order-level
columns are read from the order's first row. Positions are physical line numbers (header = 1).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from app.i18n import _
from app.importers.base import OrderSource, located_error, unexpected_error
from app.importers.draft import DraftError, DraftLine, ImportFileError, OrderDraft
from app.importers.drafting import apply_delivery, finished_address, read_language, read_placed_at
from app.importers.jsonstream import CHUNK_BYTES, UTF16_AND_32_BOMS, undecodable_error
from app.importers.options import ImportOptions
from app.importers.values import OrderProblem, clean_text, money_cents, quantity, yes_no

REQUIRED_COLUMNS = ("external_id", "sku", "quantity")
ORDER_COLUMNS = ("channel", "placed_at", "customer_name", "email", "phone", "language", "address_name",
                 "address_phone", "address_line1", "address_line2", "city", "province", "postal_code", "country",
                 "delivery_date", "delivery_slot", "payment_status", "currency", "total", "note",
                 "substitutions_allowed")
LINE_COLUMNS = ("sku", "quantity", "unit_price", "line_name", "external_line_id")
KNOWN_COLUMNS = frozenset(("external_id",) + ORDER_COLUMNS + LINE_COLUMNS)
_DELIMITERS = (",", ";", "\t")
_HEADER_PROBE_BYTES = 64 * 1024


def normalised_column(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", clean_text(name.replace("\ufeff", "")).lower())


def file_encoding(path: Path) -> str:
    """"utf-8-sig" when the whole file is UTF-8, else "gb18030"; ImportFileError when it is neither."""
    with open(path, "rb") as handle:
        if handle.read(4).startswith(UTF16_AND_32_BOMS):  # Excel's "Unicode text" export
            raise ImportFileError(_("The file is saved as UTF-16 or UTF-32; save it as UTF-8 (\"CSV UTF-8\" in Excel) "
                                    "and import it again."), position=0)
    utf8_error = _first_undecodable(path, "utf-8")
    if utf8_error is None:
        return "utf-8-sig"
    if _first_undecodable(path, "gb18030") is None:
        return "gb18030"
    offset, byte = utf8_error
    raise undecodable_error(offset, byte, gb18030_tried=True)


def _first_undecodable(path: Path, encoding: str) -> tuple[int, int] | None:
    """(byte offset, byte) of the first byte that does not decode, or None when the file decodes."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    offset = 0
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(CHUNK_BYTES)
            carried = decoder.getstate()[0]
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as error:
                data = carried + chunk
                return offset - len(carried) + error.start, data[error.start]
            if not chunk:
                return None
            offset += len(chunk)


def header_delimiter(header_line: str) -> str:
    """The delimiter that makes the header name the required columns, else the most frequent one."""
    for delimiter in _DELIMITERS:
        names = {normalised_column(name) for name in next(csv.reader([header_line], delimiter=delimiter), [])}
        if set(REQUIRED_COLUMNS) <= names:
            return delimiter
    return max(_DELIMITERS, key=header_line.count)


def sniff_header(path: Path) -> list[str] | None:
    """The normalised header names of a CSV file's first line (for format detection), None if unreadable."""
    with open(path, "rb") as handle:
        head = handle.read(_HEADER_PROBE_BYTES)
    first_line = head.split(b"\n", 1)[0].split(b"\r", 1)[0]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded = codecs.getincrementaldecoder(encoding)("strict").decode(first_line, final=False)
        except UnicodeDecodeError:
            continue
        delimiter = header_delimiter(decoded)
        return [normalised_column(name) for name in next(csv.reader([decoded], delimiter=delimiter), [])]
    return None


@dataclass(frozen=True)
class _Header:
    names: list[str]  # as written in the file
    index: dict[str, int]  # normalised name -> field index
    delimiter: str


@dataclass
class _Group:
    """The consecutive rows of one order."""

    external_id: str
    start_line: int
    rows: list[tuple[int, list[str]]]


class CsvOrderSource(OrderSource):
    """Orders from a CSV file; see the module docstring and docs/formats.md for the rules."""

    def __init__(self, path: Path, options: ImportOptions):
        super().__init__(path, "csv", options)
        self._encoding: str | None = None
        self._header: _Header | None = None

    def _count(self) -> int:
        return sum(1 for _group in self._groups())

    def _drafts(self) -> Iterator[OrderDraft | DraftError]:
        first_lines: dict[str, int] = {}
        for group in self._groups():
            where = _("Order starting on line {line}").format(line=group.start_line)
            earlier = first_lines.get(group.external_id) if group.external_id else None
            if group.external_id and earlier is None:
                first_lines[group.external_id] = group.start_line
            try:
                if earlier is not None:
                    raise OrderProblem(_("rows of this order also appear from line {earlier}, with other orders in "
                                         "between; keep all rows of an order together").format(earlier=earlier))
                yield self._draft(group)
            except OrderProblem as problem:
                yield located_error(group.start_line, where, group.external_id, problem.message)
            except Exception:  # noqa: BLE001 - reported and logged, see unexpected_error
                yield unexpected_error(group.start_line, where, group.external_id, self.path)

    def _groups(self) -> Iterator[_Group]:
        group: _Group | None = None
        for line, row in self._rows():
            external_id = clean_text(row[self._header.index["external_id"]])
            if group is not None and group.external_id == external_id:
                group.rows.append((line, row))
                continue
            if group is not None:
                yield group
            group = _Group(external_id, line, [(line, row)])
        if group is not None:
            yield group

    def _rows(self) -> Iterator[tuple[int, list[str]]]:
        """(physical line number, fields) of every non-blank data row."""
        if self._encoding is None:
            self._encoding = file_encoding(self.path)
        with open(self.path, encoding=self._encoding, errors="strict", newline="") as handle:
            self._header = header = _read_header(handle.readline())
            reader = csv.reader(handle, delimiter=header.delimiter, strict=True)
            next_line = 2
            try:
                for row in reader:
                    start_line, next_line = next_line, reader.line_num + 2
                    if not any(cell.strip() for cell in row):
                        continue
                    if len(row) != len(header.names):
                        raise ImportFileError(
                            _("Line {line} has {found} fields but the header has {expected}; check the delimiters "
                              "and quotes on that line.").format(line=start_line, found=len(row),
                                                                 expected=len(header.names)), position=start_line)
                    yield start_line, row
            except csv.Error as error:  # unterminated quote, text after a closing quote, a field over 128 KB
                raise ImportFileError(
                    _("The row starting on line {line} cannot be read as CSV ({detail}); check the quotes in it.")
                    .format(line=next_line, detail=error), position=next_line) from None

    def _draft(self, group: _Group) -> OrderDraft:
        if not group.external_id:
            raise OrderProblem(_("external_id is empty; every row needs the shop's order id in external_id"))
        index = self._header.index
        first_line, first = group.rows[0]
        values = {name: (cell.strip() if cell.isascii() and "\x00" not in cell else clean_text(cell))
                  for name, cell in zip(index, map(first.__getitem__, index.values()))}  # the order-level cells
        cell = values.get
        raw_fields = {name: value for name, value in values.items() if value and name not in KNOWN_COLUMNS}
        customer_name = cell("customer_name") or cell("address_name", "")
        phone = cell("phone", "")
        address = finished_address(
            name=cell("address_name", ""), phone=cell("address_phone", ""), line1=cell("address_line1", ""),
            line2=cell("address_line2", ""), city=cell("city", ""), province=cell("province", ""),
            postal_code=cell("postal_code", ""), country=cell("country", ""),
            customer_name=customer_name, customer_phone=phone)
        delivery_date, delivery_slot = apply_delivery(cell("delivery_date"), cell("delivery_slot"), raw_fields)
        return OrderDraft(
            channel=cell("channel") or self.options.default_channel,
            external_id=group.external_id,
            customer_name=customer_name,
            email=cell("email", ""),
            phone=phone or (address.phone if address else ""),
            address=address,
            lines=tuple(self._line(line, row) for line, row in group.rows),
            placed_at=read_placed_at([("placed_at", cell("placed_at"))], self.naive_zone, raw_fields),
            language=read_language(cell("language"), "language", raw_fields),
            delivery_date=delivery_date,
            delivery_slot=delivery_slot,
            payment_status=cell("payment_status", "").lower(),
            currency=cell("currency", "").upper(),
            total_cents=money_cents(cell("total"), _Cell("total", first_line)),
            note=cell("note", ""),
            substitutions_allowed=yes_no(cell("substitutions_allowed"), _Cell("substitutions_allowed", first_line)),
            position=group.start_line,
            raw_fields=raw_fields,
        )

    def _line(self, line: int, row: list[str]) -> DraftLine:
        index = self._header.index

        def cell(name: str) -> str:
            position = index.get(name)
            return "" if position is None else _clean(row[position])

        return DraftLine(
            sku=cell("sku"),
            quantity=quantity(cell("quantity"), _Cell("quantity", line)),
            unit_price_cents=money_cents(cell("unit_price"), _Cell("unit_price", line)),
            name=cell("line_name"),
            external_line_id=cell("external_line_id"),
        )


class _Cell:
    """A cell named in an error message ("column "quantity" on line 7"), worded only when a message needs it."""

    __slots__ = ("column", "line")

    def __init__(self, column: str, line: int):
        self.column, self.line = column, line

    def __str__(self) -> str:
        return _('column "{column}" on line {line}').format(column=self.column, line=self.line)


def _clean(value: str) -> str:
    return value.strip() if value.isascii() and "\x00" not in value else clean_text(value)


def _read_header(header_line: str) -> _Header:
    if not header_line.strip():
        raise ImportFileError(_("The CSV file has no header line; its first line must name the columns "
                                "(at least {required}).").format(required=", ".join(REQUIRED_COLUMNS)), position=1)
    if header_line.lstrip("\ufeff \t").startswith(("{", "[")):
        raise ImportFileError(_("The file holds JSON, not CSV; import it with --format auto (or the JSON format "
                                "it is in)."), position=1)
    delimiter = header_delimiter(header_line)
    names = next(csv.reader([header_line.rstrip("\r\n")], delimiter=delimiter), [])
    index: dict[str, int] = {}
    for position, name in enumerate(names):
        key = normalised_column(name) or f"column_{position + 1}"
        if key in index and key in KNOWN_COLUMNS:
            raise ImportFileError(_("The column {column} appears twice in the header; keep only one.").format(
                column=key), position=1)
        index.setdefault(key, position)
    missing = [name for name in REQUIRED_COLUMNS if name not in index]
    if missing:
        raise ImportFileError(
            _("The CSV file lacks the required column(s) {missing}. Its header has: {found}. Name the columns "
              "as documented (external_id, sku, quantity, ...).").format(
                missing=", ".join(missing), found=", ".join(names)[:300]), position=1)
    return _Header(names, index, delimiter)
