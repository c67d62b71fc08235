"""Read a rendered PDF back the way a person and a scanner would: poppler's pdftoppm/pdftotext/pdffonts and
zbarimg on the page images."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

#: Page images for decoding: 200 dpi is what a cheap office scanner or a phone photo of the sheet gives.
DECODE_DPI = 200


def require_tools(*names: str) -> None:
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (poppler-utils, zbar-tools)")


def _run(args: list[str], ok: tuple[int, ...] = (0,)) -> str:
    result = subprocess.run(args, capture_output=True, text=True, timeout=120)
    assert result.returncode in ok, f"{args[0]} exited {result.returncode}: {result.stderr}"
    return result.stdout


def page_image(pdf: Path, page: int, dpi: int = DECODE_DPI) -> Path:
    prefix = pdf.with_name(f"{pdf.stem}-p{page}-{dpi}")
    _run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
          str(prefix)])
    image = prefix.with_suffix(".png")
    assert image.exists()
    return image


def barcodes(pdf: Path, page: int) -> set[str]:
    """The data of the Code 128 symbols zbarimg decodes on one page (zbar reports two symbols with the same data
    once, so this is a set: count repeated codes in the text instead)."""
    require_tools("pdftoppm", "zbarimg")
    out = _run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Scode128.enable", str(page_image(pdf, page))],
               ok=(0, 4))   # 4: no symbol found (the test then says which are missing)
    return {line for line in out.splitlines() if line}


def text(pdf: Path, page: int | None = None, *, layout: bool = False) -> str:
    require_tools("pdftotext")
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return _run([*args, str(pdf), "-"])


def pages(pdf: Path) -> int:
    require_tools("pdfinfo")
    for line in _run(["pdfinfo", str(pdf)]).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo gave no page count")


def fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) per font of the document."""
    require_tools("pdffonts")
    rows = _run(["pdffonts", str(pdf)]).splitlines()[2:]
    out = []
    for row in rows:
        parts = row.split()
        # name type... encoding emb sub uni object ID: "emb" is the 5th field from the end
        out.append((parts[0], parts[-5] == "yes"))
    return out
