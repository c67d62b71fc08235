"""``item_label`` writes what ``parse_scan`` reads: the fields come back, with GS only where the rule wants it."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from app.barcodes import GS, item_label, parse_scan

GTINS = ("06901234567892", "4006381333931", "09501101530003")


def test_a_variable_length_value_ends_with_gs_unless_it_is_last():
    assert item_label("06901234567892", lot="L1") == "]C10106901234567892" + "10L1"
    assert item_label("06901234567892", lot="L1", count=12) == "]C10106901234567892" + "10L1" + GS + "3012"
    assert item_label("4006381333931", weight_g=250, lot="A") == "]C10104006381333931" + "3103000250" + "10A"


@given(gtin=st.sampled_from(GTINS),
       lot=st.none() | st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-", min_size=1, max_size=20),
       expiry=st.none() | st.dates(date(2001, 1, 2), date(2049, 12, 31)),
       best_before=st.none() | st.dates(date(2001, 1, 2), date(2049, 12, 31)),
       weight_g=st.none() | st.integers(1, 999_999))
def test_every_field_reads_back(gtin, lot, expiry, best_before, weight_g):
    """(A count, AI 30, is written as given; GS1's pairing rules decide when a reader takes it.)"""
    result = parse_scan(item_label(gtin, lot=lot, expiry=expiry, best_before=best_before, weight_g=weight_g))
    assert (result.gtin, result.batch, result.expiry, result.best_before, result.net_weight_g) == (
        gtin.zfill(14), lot, expiry, best_before, weight_g)
