"""Property-based tests: valid element strings round-trip; nothing but
BarcodeError ever escapes."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re

from biip._config import ParseConfig
from biip.gs1_messages import GS1Message
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from app.barcodes import (
    AI_TABLE,
    CHARSET_82,
    DEFAULT_VARIABLE_MEASURE_LAYOUTS,
    BarcodeError,
    encode_internal,
    encode_variable_measure,
    parse_scan,
    scan_to_json,
)
from app.barcodes.ai_table import ALL_AIS
from tests.barcodes.helpers import CFG, GS, REF, with_check

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_HRI_LIKE = re.compile(r"\(\d{2,4}\)")

# --- valid element strings ------------------------------------------------------------------

digits = st.text(alphabet="0123456789", min_size=1)


@st.composite
def gs1_date(draw):
    """A YYMMDD inside the century window around REF, and the date it means."""
    year = draw(st.integers(REF.year - 49, REF.year + 50))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.integers(0, last))
    text = f"{year % 100:02d}{month:02d}{day:02d}"
    return text, dt.date(year, month, day or last)


def value_for(ai: str, *, variable_measure_gtin: bool = False):
    spec = AI_TABLE[ai]
    if spec.check_digit:
        first = "9" if variable_measure_gtin else ""
        n = spec.max_len - 1 - len(first)
        return st.text(alphabet="0123456789", min_size=n, max_size=n).map(lambda p: with_check(first + p))
    if spec.date:
        return gs1_date().map(lambda pair: pair[0])
    if spec.numeric:
        return st.text(alphabet="0123456789", min_size=spec.min_len, max_size=spec.max_len)
    return st.text(alphabet=sorted(CHARSET_82), min_size=1, max_size=spec.max_len)


ITEM_EXTRAS = ["10", "11", "13", "15", "16", "17", "21", "400", "410", "420"]
LOGISTIC_EXTRAS = ["400", "410", "420"]
CONTENT_EXTRAS = ["10", "11", "13", "15", "16", "17"]


@st.composite
def item_message(draw):
    """Element strings of one trade item or logistic unit that obey the pairing rules."""
    shape = draw(st.sampled_from(["item", "item_vm", "logistic", "content"]))
    pairs: list[tuple[str, str]] = []
    extras: list[str] = []
    if shape.startswith("item"):
        vm = shape == "item_vm"
        pairs.append(("01", draw(value_for("01", variable_measure_gtin=vm))))
        extras = list(ITEM_EXTRAS)
        for head in ("310", "320", "330"):
            if draw(st.booleans()):
                extras.append(f"{head}{draw(st.integers(0, 5))}")
        if vm and draw(st.booleans()):
            extras.append(f"392{draw(st.integers(0, 9))}")
    else:
        if shape == "logistic":
            pairs.append(("00", draw(value_for("00"))))
            extras = list(LOGISTIC_EXTRAS) + [f"330{draw(st.integers(0, 5))}"]
        if shape == "content" or draw(st.booleans()):
            pairs.append(("02", draw(value_for("02"))))
            pairs.append(("37", draw(value_for("37"))))
            extras += CONTENT_EXTRAS
    chosen = draw(st.lists(st.sampled_from(extras), unique=True, max_size=6))
    pairs += [(ai, draw(value_for(ai))) for ai in chosen]
    return draw(st.permutations(pairs))


@st.composite
def raw_encoding(draw, pairs):
    """Scanner output for ``pairs``: symbology identifier, GS where needed."""
    out = [draw(st.sampled_from(["", "]C1", "]d2", "]Q3", "]e0"]))]
    if draw(st.booleans()):
        out.append(GS)  # FNC1 in first position sent as GS
    for i, (ai, value) in enumerate(pairs):
        out.append(ai + value)
        last = i == len(pairs) - 1
        needs_gs = not ALL_AIS[ai].predefined
        if (needs_gs and not last) or draw(st.integers(0, 4)) == 0:
            out.append(GS)  # required separator, or a tolerated extra one
    out.append(draw(st.sampled_from(["", "\r", "\n", "\r\n"])))
    return "".join(out)


def _check_decoded(result, pairs):
    expected = dict(pairs)
    assert result.ais == expected
    assert result.gtin == expected.get("01")
    assert result.sscc == expected.get("00")
    assert result.batch == expected.get("10")
    assert result.serial == expected.get("21")
    if "37" in expected:
        assert result.count == int(expected["37"])
    for ai in ("11", "13", "15", "16", "17"):
        if ai in expected:
            assert getattr(result, AI_TABLE[ai].field).strftime("%y%m") == expected[ai][:4]
    for ai, value in expected.items():
        if ai[:3] == "310":
            assert result.net_weight_kg * 10 ** int(ai[3]) == int(value)


@SETTINGS
@given(data=st.data())
def test_valid_raw_element_strings_parse_back_to_themselves(data):
    pairs = data.draw(item_message())
    text = data.draw(raw_encoding(pairs))
    result = parse_scan(text, config=CFG)
    _check_decoded(result, pairs)
    # and through the human-readable form
    assert parse_scan(result.hri, config=CFG).ais == result.ais


@SETTINGS
@given(pairs=item_message())
def test_valid_human_readable_text_parses_back_to_itself(pairs):
    assume(not any(_HRI_LIKE.search(value) for _ai, value in pairs))
    text = "".join(f"({ai}){value}" for ai, value in pairs)
    _check_decoded(parse_scan(text, config=CFG), pairs)


@SETTINGS
@given(pairs=item_message())
def test_biip_splits_gs_terminated_messages_the_same_way(pairs):
    text = "".join(ai + value + ("" if ALL_AIS[ai].predefined else GS) for ai, value in pairs)
    ours = parse_scan(text, config=CFG).ais
    theirs = GS1Message.parse(text, config=ParseConfig(gs1_element_strings_verify_date=False))
    assert list(ours.items()) == [(es.ai.ai, es.value) for es in theirs.element_strings]


@SETTINGS
@given(date=gs1_date())
def test_every_date_in_the_window_decodes(date):
    text, expected = date
    assert parse_scan(f"01{with_check('0950110153000')}17{text}", config=CFG).expiry == expected


@SETTINGS
@given(
    layout=st.sampled_from(DEFAULT_VARIABLE_MEASURE_LAYOUTS),
    item=st.text(alphabet="0123456789", min_size=4, max_size=4),
    value=st.integers(0, 99999),
)
def test_variable_measure_round_trips(layout, item, value):
    result = parse_scan(encode_variable_measure(layout, item, value), config=CFG)
    assert result.item_code == item
    if layout.measure == "weight":
        assert result.net_weight_g == value
    else:
        assert result.price_cents == value


@SETTINGS
@given(
    kind=st.sampled_from(["bin", "tote", "pick_list", "order", "package"]),
    value=st.from_regex(r"[A-Z0-9][A-Z0-9._/-]{0,29}", fullmatch=True),
)
def test_internal_codes_round_trip(kind, value):
    result = parse_scan(encode_internal(kind, value), config=CFG)
    assert (result.internal_kind, result.internal_value) == (kind, value)


# --- nothing but BarcodeError -----------------------------------------------------------------

NASTY = st.one_of(
    st.sampled_from(list("0123456789()]:/.\x1d\r\n\t \x00\x7f\u00a0\u2028\uff10\uff08\u0660é中😀")),
    st.characters(),
)
PREFIXES = st.sampled_from(
    ["", "]C1", "]C0", "]d2", "]Q3", "]Q1", "]e0", "]E0", "]E3", "]E4", "]I1", "]Y", "]", "(01)", "01", "00",
     "02", "B:", "pl:", "https://id.gs1.org/01/", "http://", "\x1d", "(", "]J1", "ＰＬ："]
)  # fmt: skip


def _parse_or_barcode_error(text: str) -> None:
    try:
        result = parse_scan(text, config=CFG)
    except BarcodeError as exc:
        assert exc.code != "internal", exc.__cause__
        assert str(exc)
        assert "\n" not in str(exc)
        return
    json.dumps(scan_to_json(text, config=CFG))
    assert result.kind


@settings(max_examples=1500, deadline=None)
@given(prefix=PREFIXES, body=st.text(NASTY, max_size=60))
def test_arbitrary_text_raises_only_barcode_error(prefix, body):
    _parse_or_barcode_error(prefix + body)


@settings(max_examples=500, deadline=None)
@given(text=st.text())
def test_any_unicode_text_raises_only_barcode_error(text):
    _parse_or_barcode_error(text)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_valid_scans_raise_only_barcode_error(data):
    pairs = data.draw(item_message())
    text = data.draw(raw_encoding(pairs))
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "insert", "delete", "gs", "truncate"]))
        pos = data.draw(st.integers(0, max(0, len(text) - 1)))
        if op == "flip" and text:
            text = text[:pos] + data.draw(NASTY) + text[pos + 1 :]
        elif op == "insert":
            text = text[:pos] + data.draw(NASTY) + text[pos:]
        elif op == "delete":
            text = text[:pos] + text[pos + 1 :]
        elif op == "gs":
            text = text[:pos] + GS + text[pos:]
        else:
            text = text[:pos]
    _parse_or_barcode_error(text)
