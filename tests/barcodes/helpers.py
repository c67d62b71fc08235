"""Shared helpers for the barcode tests."""

from __future__ import annotations

import datetime as dt

from app.barcodes import BarcodeConfig, mod10_check_digit

GS = "\x1d"
#: Fixed reference date so the century window and "today" are reproducible.
REF = dt.date(2025, 6, 15)
CFG = BarcodeConfig(reference_date=REF)

GTIN14 = "09501101530003"  # GS1's example GTIN
GTIN14_VM = "99501101530006"  # variable-measure item (indicator 9)
EAN13 = "4006381333931"
EAN8 = "96385074"
UPCA = "036000291452"


def with_check(payload: str) -> str:
    """``payload`` followed by its GS1 mod-10 check digit."""
    return payload + str(mod10_check_digit(payload))


def wrong_check(code: str) -> str:
    """``code`` with a wrong last digit."""
    return code[:-1] + str((int(code[-1]) + 1) % 10)


SSCC = with_check("35012345000000001")  # 18 digits
GLN = with_check("501234500000")  # 13 digits
assert GTIN14 == with_check("0950110153000")
assert GTIN14_VM == with_check("9950110153000")
