"""The printed pick list: every barcode scans back, Chinese names are in the PDF, headers repeat on every page,
lines in pick-path order; no Chinese font -> a clear error, not a PDF with empty boxes."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from app.services.picking.views import OrderOnList, PickListView, TaskView
from printers import fonts
from printers.fonts import FontUnavailable
from printers.pick_list_pdf import bin_barcode, page_count, paginate, render_pick_list, rows_per_page
from tests.printers import pdf_tools

WAREHOUSE = "SH Shanghai Minhang DC 上海闵行仓"
PRINTED = datetime(2026, 11, 28, 18, 20)

PRODUCTS = (  # sku, English, Chinese, unit, nominal weight
    ("DAI-0005", "Organic Milk 950 ml", "有机鲜牛奶950毫升", "piece", None),
    ("FRZ-0001", "Pork & Cabbage Dumplings 1 kg", "猪肉白菜水饺", "piece", None),
    ("SEA-0017", "Mussels", "青口贝", "weighed", 500),
    ("EGG-0009", "Raw-edible Eggs x10", "可生食鸡蛋10枚", "piece", None),
)


@pytest.fixture(autouse=True)
def fresh_font_search():
    fonts.reset()
    yield
    fonts.reset()


def task(position: int, bin_code: str, product: tuple, *, pieces: int = 2, order: str = "20261128-0001",
         tote: str = "", state: str = "open", picked: int = 0) -> TaskView:
    sku, name_en, name_zh, unit, nominal = product
    quantity = pieces * nominal if unit == "weighed" else pieces
    return TaskView(id=100 + position, position=position, state=state, order_id=int(order[-4:]), order_number=order,
                    line_no=position, tote_code=tote, bin_id=position, bin_code=bin_code, product_id=position,
                    sku=sku, name_en=name_en, name_zh=name_zh, unit=unit, temperature_class="chilled",
                    nominal_weight_g=nominal, lot_number=f"SH261120A{position:03d}", expiry_date=date(2026, 12, 3),
                    quantity=quantity, pieces=pieces, picked_quantity=picked, picked_pieces=picked)


def wave(lines: int, list_id: int = 4711) -> PickListView:
    tasks = tuple(task(n, f"SH-CHL-A{n // 6 + 1:02d}-{n % 6 + 1:02d}-{n % 2 + 1}", PRODUCTS[n % len(PRODUCTS)],
                       pieces=n % 3 + 1, order=f"20261128-{n % 3 + 1:04d}", tote="SH-T01" if n % 3 == 0 else "")
                  for n in range(1, lines + 1))
    orders = tuple(OrderOnList(k, f"20261128-{k:04d}", k, "SH-T01" if k == 1 else "", "picking") for k in (1, 2, 3))
    return PickListView(id=list_id, kind="wave", state="open", warehouse_id=1, delivery_date=date(2026, 11, 29),
                        delivery_slot="09:00-12:00", temperature_class="chilled", claimed_by="", claimed_station="",
                        claimed_until=None, at_bin_id=None, reserved_lot_missing=False, current_task_id=None,
                        tasks=tasks, orders=orders)


def render(tmp_path, view: PickListView, name: str = "list.pdf"):
    path = tmp_path / name
    data = render_pick_list(view, path, warehouse=WAREHOUSE, printed_at=PRINTED)
    assert path.read_bytes() == data and data.startswith(b"%PDF")
    return path


def test_every_barcode_on_every_page_scans_back(tmp_path):
    view = wave(rows_per_page() + 5)
    pdf = render(tmp_path, view)
    assert pdf_tools.pages(pdf) == page_count(view) == 2
    per_page = rows_per_page()
    for page in (1, 2):
        on_page = sorted(view.tasks, key=lambda t: t.position)[(page - 1) * per_page:page * per_page]
        assert len({line.bin_code for line in on_page}) == len(on_page)   # distinct, so each symbol is seen
        expected = {f"PL:{view.id}"} | {f"B:{line.bin_code}" for line in on_page}
        assert pdf_tools.barcodes(pdf, page) == expected, f"page {page}"


def test_long_bin_codes_still_scan(tmp_path):
    """Up to the scheme's 30 characters: a code too long for the bin column gets the row's lower half."""
    ordinary = "SH-AMB-A01-01-1"                  # the demo's codes: 15 characters, in the column
    longer = "SH1-CHL-A12-34-5-B"
    longest = "SH1-CHL-A12-34-5.B/RIGHT_SIDE0"  # 30 characters
    assert [bin_barcode(code)[1] for code in (ordinary, longer, longest)] == [False, True, True]
    view = wave(3)
    view = PickListView(**{**view.__dict__, "tasks": (task(1, longest, PRODUCTS[0]), task(2, longer, PRODUCTS[1]),
                                                      task(3, ordinary, PRODUCTS[2]))})
    pdf = render(tmp_path, view)
    assert pdf_tools.barcodes(pdf, 1) == {f"PL:{view.id}", f"B:{longest}", f"B:{longer}", f"B:{ordinary}"}
    content = pdf_tools.text(pdf)
    assert longest in content and longer in content      # printed in full, not cut


def test_pages_hold_fewer_lines_when_some_need_a_tall_row():
    ordinary = wave(rows_per_page()).tasks
    assert page_count(PickListView(**{**wave(1).__dict__, "tasks": ordinary})) == 1
    tall = (TaskView(**{**ordinary[0].__dict__, "bin_code": "SH1-CHL-A12-34-5.B/RIGHT_SIDE0"}),) + ordinary[1:]
    pages = paginate(tall)
    assert len(pages) == 2 and sum(len(page) for page in pages) == len(tall)
    assert [t.position for page in pages for t in page] == sorted(t.position for t in tall)


def test_chinese_names_are_in_the_pdf_with_an_embedded_font(tmp_path):
    view = wave(6)
    pdf = render(tmp_path, view)
    content = pdf_tools.text(pdf)
    for line in view.tasks:
        assert line.name_zh in content and line.name_en in content and line.sku in content
    assert "上海闵行仓" in content
    embedded = [name for name, is_embedded in pdf_tools.fonts(pdf) if is_embedded]
    assert any("FreshFlowCJK" in name for name in embedded), pdf_tools.fonts(pdf)


def test_each_document_gets_the_glyphs_it_needs(tmp_path):
    """The Chinese font is made per set of characters: a second list with other names in the same process is
    not printed with the first one's glyphs."""
    first = wave(1)
    second = PickListView(**{**first.__dict__, "tasks": (TaskView(**{**first.tasks[0].__dict__,
                                                                      "name_zh": "红富士苹果"}),)})
    assert "红富士苹果" not in pdf_tools.text(render(tmp_path, first, "first.pdf"))
    assert "红富士苹果" in pdf_tools.text(render(tmp_path, second, "second.pdf"))


def test_the_header_repeats_on_every_page(tmp_path):
    view = wave(rows_per_page() * 2 + 1)
    pdf = render(tmp_path, view)
    assert pdf_tools.pages(pdf) == 3
    for page in (1, 2, 3):
        content = pdf_tools.text(pdf, page)
        assert f"Pick list PL-{view.id}" in content
        assert f"Page {page} of 3" in content
        assert "CHILLED" in content and "上海闵行仓" in content and "2026-11-29 09:00-12:00" in content
        assert "Bin" in content and "Quantity" in content and "Lot / expiry" in content
    assert "Picked by" in pdf_tools.text(pdf, 3) and "Picked by" not in pdf_tools.text(pdf, 1)


def test_lines_print_in_pick_path_order_with_quantity_lot_order_and_tote(tmp_path):
    view = wave(5)
    shuffled = tuple(reversed(view.tasks))          # the view's order is not the path: the positions are
    pdf = render(tmp_path, PickListView(**{**view.__dict__, "tasks": shuffled}))
    content = pdf_tools.text(pdf, layout=True)
    seen = [match.group(0) for match in re.finditer(r"SH-CHL-A\d\d-\d\d-\d", content)]
    assert seen == [line.bin_code for line in sorted(view.tasks, key=lambda t: t.position)]
    rows = {line.position: line for line in view.tasks}
    mussels = next(line for line in rows.values() if line.sku == "SEA-0017")
    row_text = next(text for text in content.splitlines() if mussels.bin_code in text)
    assert f"{mussels.pieces}" in row_text
    assert "× 500 g" in content                     # weighed goods: pieces × nominal weight
    assert mussels.lot_number in content and "exp. 2026-12-03" in content
    assert "20261128-0001" in content and "tote SH-T01" in content


def test_done_and_short_lines_are_marked(tmp_path):
    view = wave(3)
    tasks = (task(1, "SH-CHL-A01-01-1", PRODUCTS[0], state="done", picked=2),
             task(2, "SH-CHL-A01-02-1", PRODUCTS[1], pieces=3, state="short", picked=1),
             task(3, "SH-CHL-A01-03-1", PRODUCTS[3], pieces=3, picked=1))
    pdf = render(tmp_path, PickListView(**{**view.__dict__, "tasks": tasks}))
    content = pdf_tools.text(pdf)
    assert "short: 1 picked" in content and "1 picked" in content


def test_an_empty_list_prints_one_page_that_says_so(tmp_path):
    view = PickListView(**{**wave(1).__dict__, "tasks": ()})
    pdf = render(tmp_path, view)
    assert pdf_tools.pages(pdf) == 1 == page_count(view)
    assert "Nothing to pick" in pdf_tools.text(pdf)
    assert pdf_tools.barcodes(pdf, 1) == {f"PL:{view.id}"}


def test_no_chinese_font_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(fonts, "KNOWN_FONTS", ())
    monkeypatch.setattr(fonts, "_from_fontconfig", lambda: None)   # and fontconfig knows none either
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)
    with pytest.raises(FontUnavailable, match="No font for Chinese text") as caught:
        render_pick_list(wave(2), tmp_path / "x.pdf", warehouse=WAREHOUSE)
    assert fonts.ENV_VAR in str(caught.value) and "fonts-noto-cjk" in str(caught.value)
    assert not (tmp_path / "x.pdf").exists()
    # a list without Chinese text needs no such font, and prints
    latin = wave(2)
    latin = PickListView(**{**latin.__dict__, "tasks": tuple(
        TaskView(**{**line.__dict__, "name_zh": ""}) for line in latin.tasks)})
    pdf = tmp_path / "latin.pdf"
    render_pick_list(latin, pdf, warehouse="SH Shanghai")
    assert "Organic Milk 950 ml" in pdf_tools.text(pdf) or "Pork & Cabbage" in pdf_tools.text(pdf)
    assert not any("FreshFlowCJK" in name for name, _embedded in pdf_tools.fonts(pdf))


def test_a_configured_font_that_cannot_print_chinese_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv(fonts.ENV_VAR, str(tmp_path / "missing.ttf"))
    with pytest.raises(FontUnavailable, match="missing.ttf"):
        render_pick_list(wave(1), tmp_path / "x.pdf", warehouse=WAREHOUSE)
    latin_only = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    if fonts.os.path.exists(latin_only):           # a real font, but without Chinese: refused, not used
        fonts.reset()
        monkeypatch.setenv(fonts.ENV_VAR, latin_only)
        with pytest.raises(FontUnavailable, match="DejaVuSans"):
            render_pick_list(wave(1), tmp_path / "x.pdf", warehouse=WAREHOUSE)


def test_the_font_found_on_this_machine_has_chinese():
    source = fonts.find_cjk_font()
    if source is None:
        pytest.skip("no Chinese font installed here (see test_no_chinese_font_is_a_clear_error)")
    name = fonts.cjk_font_for("有机鲜牛奶")
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(name).face
    assert all(ord(ch) in face.charToGlyph for ch in "有机鲜牛奶")


def test_text_the_font_was_not_made_for_gets_a_font_that_has_it():
    from reportlab.pdfbase.pdfmetrics import getFont

    from printers.pick_list_pdf import _Renderer

    renderer = _Renderer(wave(1), WAREHOUSE, PRINTED)
    first = renderer._font("有机鲜牛奶")
    assert all(ord(ch) in getFont(first).face.charToGlyph for ch in "有机鲜牛奶")
    unforeseen = "龙眼荔枝"                        # on no line of this list
    assert not set(unforeseen) <= set(renderer._all_text())
    font = renderer._font(unforeseen)
    assert all(ord(ch) in getFont(font).face.charToGlyph for ch in unforeseen + "有机鲜牛奶")
