"""The printable pick list: A4 pages, lines in pick-path order, barcodes a picker can scan off the paper.

Every page repeats the header: the list's code as a Code 128 barcode
(``PL:<id>``), warehouse, delivery date and slot, temperature class, page n
of m. Each line: a tick box, the bin code with its Code 128 barcode
(``B:<code>``), the product in Chinese and English with its SKU, the quantity
(pieces; weighed goods as pieces × nominal weight), the expected lot and its
expiry, and the order (and tote, in a wave). Chinese text is embedded with a
font from this machine (:mod:`printers.fonts`).

Input is the :class:`app.services.picking.views.PickListView` a station or
the CLI already has; nothing here touches the database.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from app.barcodes import encode_internal
from app.i18n import N_, _
from app.services.picking.views import PickListView, TaskView
from printers.fonts import LATIN, LATIN_BOLD, cjk_font_for, needs_cjk

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 34.0          # 12 mm
MARGIN_TOP = 34.0
MARGIN_BOTTOM = 30.0
HEADER_HEIGHT = 100.0
TABLE_HEAD_HEIGHT = 16.0
FOOTER_HEIGHT = 34.0
ROW_HEIGHT = 44.0
#: A line whose bin code is too long for the bin column: its barcode goes below, across bin and product.
TALL_ROW_HEIGHT = 80.0

#: One module of a line's bin barcode: 0.254 mm (10 mil), what any handheld scanner reads off laser paper, and a
#: whole number of dots at 200, 300 and 600 dpi (thinner bars print unevenly and stop scanning first).
BIN_MODULE = 0.72
#: The pick list's own barcode, larger (scanned at arm's length from a trolley).
LIST_MODULE = 1.0

#: (key, title, width in points); the widths add up to the printable width (A4 minus the margins).
COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("tick", "", 22.0),
    ("position", N_("#"), 18.0),
    ("bin", N_("Bin"), 178.0),
    ("product", N_("Product"), 140.0),
    ("quantity", N_("Quantity"), 56.0),
    ("lot", N_("Lot / expiry"), 60.0),
    ("order", N_("Order / tote"), PAGE_WIDTH - 2 * MARGIN_X - 22.0 - 18.0 - 178.0 - 140.0 - 56.0 - 60.0),
)

TEMPERATURE_LABELS = {"frozen": N_("FROZEN"), "chilled": N_("CHILLED"), "ambient": N_("AMBIENT")}
KIND_LABELS = {"order": N_("Order pick list"), "wave": N_("Wave pick list")}
STATE_LABELS = {"open": N_("open"), "claimed": N_("being picked"), "done": N_("done"), "cancelled": N_("cancelled")}

#: Digits, letters and the punctuation drawn between the texts (page numbers, "…" when a text is cut).
_ASCII = "".join(chr(code) for code in range(32, 127)) + "…·×—"

_GREY = colors.Color(0.45, 0.45, 0.45)
_RULE = colors.Color(0.75, 0.75, 0.75)
_BAND = colors.Color(0.90, 0.90, 0.90)


BODY_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - HEADER_HEIGHT - TABLE_HEAD_HEIGHT - FOOTER_HEIGHT - MARGIN_BOTTOM


def rows_per_page() -> int:
    """Lines per page (bin codes of ordinary length)."""
    return int(BODY_HEIGHT // ROW_HEIGHT)


def _column(key: str) -> tuple[float, float]:
    x = MARGIN_X
    for name, _title, width in COLUMNS:
        if name == key:
            return x, width
        x += width
    raise KeyError(key)


def bin_barcode(bin_code: str) -> tuple[str, bool]:
    """(barcode text, below): ``below`` when the code is too long for the bin column (over 15 characters or so)
    and its barcode gets the row's lower half, across the bin and product columns (30 characters fit)."""
    value = encode_internal("bin", bin_code)
    width = Code128(value, barWidth=BIN_MODULE, barHeight=1, humanReadable=False, quiet=False).width
    return value, width > _column("bin")[1] - 16


def row_height(task: TaskView) -> float:
    return TALL_ROW_HEIGHT if bin_barcode(task.bin_code)[1] else ROW_HEIGHT


def paginate(tasks: Sequence[TaskView]) -> list[list[TaskView]]:
    """The lines in pick-path order, cut into pages by their heights (at least one page, maybe empty)."""
    pages: list[list[TaskView]] = [[]]
    used = 0.0
    for task in sorted(tasks, key=lambda t: t.position):
        height = row_height(task)
        if pages[-1] and used + height > BODY_HEIGHT:
            pages.append([])
            used = 0.0
        pages[-1].append(task)
        used += height
    return pages


def page_count(view: PickListView) -> int:
    """How many pages the list prints on (at least one)."""
    return len(paginate(view.tasks))


def render_pick_list(view: PickListView, out: str | Path | BinaryIO | None = None, *, warehouse: str = "",
                     printed_at: datetime | None = None) -> bytes:
    """The pick list as a PDF (returned, and written to ``out`` when given: a path or a binary file).

    ``warehouse`` is what the header says for the warehouse (its code and name; the view only has its id).
    Raises :class:`printers.fonts.FontUnavailable` when the list has Chinese text and no font can show it."""
    printed_at = printed_at or datetime.now().astimezone()
    renderer = _Renderer(view, warehouse, printed_at)
    data = renderer.render()
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    elif out is not None:
        out.write(data)
    return data


def quantity_text(task: TaskView) -> tuple[str, str]:
    """(big, small) for the quantity column: "3" and "pieces", or "2" and "× 250 g" for weighed goods."""
    if task.weighed:
        nominal = task.nominal_weight_g or 0
        small = _("× {weight} g").format(weight=nominal) if nominal else _("pieces, weighed")
        return str(task.pieces), small
    return str(task.quantity), _("pieces") if task.quantity != 1 else _("piece")


class _Renderer:
    def __init__(self, view: PickListView, warehouse: str, printed_at: datetime):
        self.view = view
        self.warehouse = warehouse
        self.printed_at = printed_at
        self.tasks = sorted(view.tasks, key=lambda task: task.position)
        self.pages = paginate(self.tasks)
        self.covered: set[str] = set()
        self.cjk_font = self._cjk_font()

    # ------------------------------------------------------------------ fonts

    def _all_text(self) -> str:
        """Every text the document can draw (the Chinese font is made for these characters)."""
        pages = len(self.pages)
        parts = [_ASCII, self.warehouse, *(_(label) for label in TEMPERATURE_LABELS.values()),
                 *(_(label) for label in KIND_LABELS.values()), *(_(label) for label in STATE_LABELS.values()),
                 *(_(title) for _key, title, _width in COLUMNS), self._footer_text(pages, pages), self._sign_text(),
                 *self._header_lines(1), self._title(), self._page_text(pages), _("Nothing to pick on this list."),
                 _("tote"), _("tote {tote}").format(tote=""), _("exp. {date}").format(date="")]
        for task in self.tasks:
            parts += [task.name_zh, task.name_en, task.sku, task.bin_code, task.lot_number, task.order_number,
                      task.tote_code, *quantity_text(task), self._picked_text(task)]
        return "".join(parts)

    def _title(self) -> str:
        return _("Pick list {code}").format(code=self.view.code)

    def _page_text(self, number: int) -> str:
        return _("Page {page} of {pages}").format(page=number, pages=len(self.pages))

    def _cjk_font(self) -> str | None:
        text = self._all_text()
        self.covered = set(text)
        return cjk_font_for(text) if needs_cjk(text) else None

    def _font(self, text: str, bold: bool = False) -> str:
        if needs_cjk(text):
            if self.cjk_font is None or not self.covered.issuperset(text):
                # a text _all_text did not foresee: a font for everything so far and it (never missing glyphs)
                self.covered |= set(text)
                self.cjk_font = cjk_font_for("".join(sorted(self.covered)))
            return self.cjk_font
        return LATIN_BOLD if bold else LATIN

    def _draw(self, canvas: Canvas, x: float, y: float, text: str, size: float, *, bold: bool = False,
              color=colors.black, max_width: float | None = None, align: str = "left") -> None:
        """One line of text; shrunk (down to 70 %) and then cut with … to fit ``max_width``."""
        font = self._font(text, bold)
        if max_width is not None:
            width = stringWidth(text, font, size)
            if width > max_width:
                size = max(size * 0.7, size * max_width / width)
                while text and stringWidth(text, font, size) > max_width:
                    text = text[:-2] + "…"
        canvas.setFillColor(color)
        canvas.setFont(font, size)
        if align == "right":
            canvas.drawRightString(x, y, text)
        elif align == "center":
            canvas.drawCentredString(x, y, text)
        else:
            canvas.drawString(x, y, text)
        canvas.setFillColor(colors.black)

    def _wrap(self, text: str, size: float, width: float, lines: int) -> list[str]:
        """Up to ``lines`` lines of ``text`` (split at spaces, or anywhere in Chinese), the last one cut with …."""
        font = self._font(text)
        words = text.split(" ") if not needs_cjk(text) else list(text)
        joiner = " " if not needs_cjk(text) else ""
        out: list[str] = []
        current = ""
        for word in words:
            trial = f"{current}{joiner}{word}" if current else word
            if stringWidth(trial, font, size) <= width or not current:
                current = trial
                continue
            out.append(current)
            current = word
        if current:
            out.append(current)
        if len(out) > lines:
            out = out[:lines]
            out[-1] = out[-1].rstrip() + "…"
        return out

    # ------------------------------------------------------------------ document

    def render(self) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
        canvas.setTitle(self._title())
        canvas.setAuthor("FreshFlow")
        canvas.setSubject(self.warehouse)
        for number, tasks in enumerate(self.pages, 1):
            self._page(canvas, number, tasks)
            canvas.showPage()
        canvas.save()
        return buffer.getvalue()

    def _page(self, canvas: Canvas, number: int, tasks: Sequence[TaskView]) -> None:
        top = PAGE_HEIGHT - MARGIN_TOP
        self._header(canvas, top, number)
        y = top - HEADER_HEIGHT
        self._table_head(canvas, y)
        y -= TABLE_HEAD_HEIGHT
        if not tasks:
            self._draw(canvas, MARGIN_X + 8, y - 24, _("Nothing to pick on this list."), 11, color=_GREY)
        for task in tasks:
            self._row(canvas, y, task)
            y -= row_height(task)
        self._footer(canvas, number)

    def _header_lines(self, number: int) -> list[str]:
        view = self.view
        date_text = view.delivery_date.isoformat() if view.delivery_date else _("any day")
        delivery = _("Delivery {date} {slot}").format(date=date_text, slot=view.delivery_slot or "").rstrip()
        orders = len(view.orders)
        counts = _("{orders} order(s), {lines} line(s)").format(orders=orders, lines=len(view.tasks))
        if view.kind == "order" and view.orders:
            counts = _("Order {number}, {lines} line(s)").format(number=view.orders[0].number,
                                                                  lines=len(view.tasks))
        state = _(STATE_LABELS.get(view.state, view.state))
        if view.state == "claimed" and view.claimed_by:
            state = _("{state} by {user} at {station}").format(state=state, user=view.claimed_by,
                                                               station=view.claimed_station or "?")
        warehouse = _("Warehouse {warehouse}").format(warehouse=self.warehouse or f"#{view.warehouse_id}")
        return [
            f"{_(KIND_LABELS.get(view.kind, view.kind))} · {warehouse}",
            f"{delivery} · {counts}",
            _("State: {state} · printed {time}").format(state=state,
                                                        time=self.printed_at.strftime("%Y-%m-%d %H:%M")),
        ]

    def _header(self, canvas: Canvas, top: float, number: int) -> None:
        view = self.view
        left = MARGIN_X
        barcode = Code128(encode_internal("pick_list", view.id), barWidth=LIST_MODULE, barHeight=40,
                          humanReadable=False, quiet=True)
        barcode_x = PAGE_WIDTH - MARGIN_X - barcode.width
        barcode.drawOn(canvas, barcode_x, top - 46)
        self._draw(canvas, barcode_x + barcode.width / 2, top - 58, encode_internal("pick_list", view.id), 9,
                   align="center")
        text_width = barcode_x - left - 8
        title = self._title()
        self._draw(canvas, left, top - 18, title, 20, bold=True, max_width=text_width)
        title_width = stringWidth(title, self._font(title, True), 20)
        if view.temperature_class:
            label = _(TEMPERATURE_LABELS.get(view.temperature_class, view.temperature_class.upper()))
            tag_x = left + title_width + 12
            tag_width = stringWidth(label, self._font(label, True), 11) + 12
            if tag_x + tag_width <= barcode_x - 4:
                canvas.setLineWidth(1.5)
                canvas.rect(tag_x, top - 21, tag_width, 18, stroke=1, fill=0)
                self._draw(canvas, tag_x + 6, top - 16, label, 11, bold=True)
        lines = self._header_lines(number)
        for index, line in enumerate(lines):
            self._draw(canvas, left, top - 40 - index * 14, line, 10, max_width=text_width,
                       color=colors.black if index < 2 else _GREY)
        self._draw(canvas, PAGE_WIDTH - MARGIN_X, top - 78, self._page_text(number), 9, align="right", color=_GREY)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(1)
        canvas.line(MARGIN_X, top - HEADER_HEIGHT + 6, PAGE_WIDTH - MARGIN_X, top - HEADER_HEIGHT + 6)

    def _table_head(self, canvas: Canvas, y: float) -> None:
        canvas.setFillColor(_BAND)
        canvas.rect(MARGIN_X, y - TABLE_HEAD_HEIGHT, PAGE_WIDTH - 2 * MARGIN_X, TABLE_HEAD_HEIGHT, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        x = MARGIN_X
        for _key, title, width in COLUMNS:
            if title:
                self._draw(canvas, x + 4, y - 11.5, _(title), 8.5, bold=True, max_width=width - 6)
            x += width

    def _row(self, canvas: Canvas, y: float, task: TaskView) -> None:
        column = {key: _column(key) for key, _title, _width in COLUMNS}
        barcode, below = bin_barcode(task.bin_code)
        bottom = y - (TALL_ROW_HEIGHT if below else ROW_HEIGHT)
        # tick box (ticked when done, crossed when short)
        x, width = column["tick"]
        box = 13.0
        bx, by = x + (width - box) / 2, y - 8 - box
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(1)
        canvas.rect(bx, by, box, box, stroke=1, fill=0)
        if task.state == "done":
            canvas.setLineWidth(1.6)
            canvas.lines([(bx + 2.5, by + 6.5, bx + 5.5, by + 3), (bx + 5.5, by + 3, bx + 11, by + 11)])
        elif task.state == "short":
            canvas.setLineWidth(1.2)
            canvas.lines([(bx + 2.5, by + 2.5, bx + box - 2.5, by + box - 2.5),
                          (bx + 2.5, by + box - 2.5, bx + box - 2.5, by + 2.5)])
        # position
        x, width = column["position"]
        self._draw(canvas, x + width - 2, y - 18, str(task.position), 9, align="right", color=_GREY)
        # bin: code, then its barcode
        x, width = column["bin"]
        if below:  # a long code: in full above its barcode, both across the bin and product columns
            self._draw(canvas, x + 8, bottom + 32, task.bin_code, 11.5, bold=True)
        else:
            self._draw(canvas, x + 8, y - 13, task.bin_code, 11.5, bold=True, max_width=width - 12)
        Code128(barcode, barWidth=BIN_MODULE, barHeight=22, humanReadable=False, quiet=False).drawOn(
            canvas, x + 8, bottom + 5)
        # product: Chinese name, English name, SKU
        x, width = column["product"]
        inner = width - 8
        text_y = y - 13
        if task.name_zh:
            self._draw(canvas, x + 4, text_y, task.name_zh, 11, max_width=inner)
            text_y -= 11
        for line in self._wrap(task.name_en, 8, inner, 1 if task.name_zh else 2):
            self._draw(canvas, x + 4, text_y, line, 8)
            text_y -= 9.5
        sku = task.sku
        if not self.view.temperature_class and task.temperature_class in TEMPERATURE_LABELS:
            sku = f"{sku} · {_(TEMPERATURE_LABELS[task.temperature_class])}"   # an order list mixes them
        self._draw(canvas, x + 4, text_y - 1, sku, 7.5, color=_GREY, max_width=inner)
        # quantity
        x, width = column["quantity"]
        big, small = quantity_text(task)
        self._draw(canvas, x + 4, y - 20, big, 17, bold=True, max_width=width - 8)
        self._draw(canvas, x + 4, y - 31, small, 7.5, max_width=width - 8)
        picked = self._picked_text(task)
        if picked:
            self._draw(canvas, x + 4, y - 40, picked, 7, color=_GREY, max_width=width - 8)
        # lot and expiry
        x, width = column["lot"]
        self._draw(canvas, x + 4, y - 13, task.lot_number, 8, max_width=width - 6)
        self._draw(canvas, x + 4, y - 24, _("exp. {date}").format(date=task.expiry_date.isoformat()), 7.5,
                   color=_GREY, max_width=width - 6)
        # order and tote
        x, width = column["order"]
        self._draw(canvas, x + 4, y - 13, task.order_number, 8, max_width=width - 6)
        if self.view.kind == "wave":
            if task.tote_code:
                self._draw(canvas, x + 4, y - 25, _("tote {tote}").format(tote=task.tote_code), 8, bold=True,
                           max_width=width - 6)
            else:
                self._draw(canvas, x + 4, y - 25, _("tote"), 7.5, color=_GREY)
                canvas.setStrokeColor(_GREY)
                canvas.setLineWidth(0.5)
                canvas.line(x + 22, y - 26, x + width - 4, y - 26)
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, bottom, PAGE_WIDTH - MARGIN_X, bottom)
        canvas.setStrokeColor(colors.black)

    @staticmethod
    def _picked_text(task: TaskView) -> str:
        if task.state == "short":
            return _("short: {n} picked").format(n=task.picked_pieces)
        if task.picked_pieces and task.state != "done":
            return _("{n} picked").format(n=task.picked_pieces)
        return ""

    def _footer_text(self, number: int, pages: int) -> str:
        return _("{code} · page {page} of {pages}").format(code=self.view.code, page=number, pages=pages)

    @staticmethod
    def _sign_text() -> str:
        return _("Picked by ____________________   Time ________   Checked by ____________________")

    def _footer(self, canvas: Canvas, number: int) -> None:
        y = MARGIN_BOTTOM
        if number == len(self.pages):
            self._draw(canvas, MARGIN_X, y + 16, self._sign_text(), 9)
        self._draw(canvas, PAGE_WIDTH - MARGIN_X, y, self._footer_text(number, len(self.pages)), 8,
                   align="right", color=_GREY)
