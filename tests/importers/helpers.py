"""Helpers for the importer tests: fixture paths, writing files, reading every draft of a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.importers import DraftError, ImportFileError, ImportOptions, OrderDraft, open_orders

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture(name: str) -> Path:
    return FIXTURES / name


def write(directory: Path, name: str, content: str | bytes) -> Path:
    path = directory / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def read_all(path: Path, format: str = "auto", options: ImportOptions | None = None) -> list:
    """check() then iterate, as the intake does; the count from check() must match the orders yielded."""
    source = open_orders(path, format, options)
    count = source.check()
    items = list(source)
    assert len(items) == count
    assert all(isinstance(item, (OrderDraft, DraftError)) for item in items)
    return items


def drafts(path: Path, format: str = "auto", options: ImportOptions | None = None) -> list[OrderDraft]:
    items = read_all(path, format, options)
    errors = [item for item in items if isinstance(item, DraftError)]
    assert not errors, errors
    return items


def only(path: Path, format: str = "auto", options: ImportOptions | None = None) -> OrderDraft | DraftError:
    items = read_all(path, format, options)
    assert len(items) == 1, items
    return items[0]


def file_error(path: Path, format: str = "auto", options: ImportOptions | None = None) -> ImportFileError:
    """The ImportFileError that opening or checking the file raises (it must raise one)."""
    with pytest.raises(ImportFileError) as caught:
        open_orders(path, format, options).check()
    assert caught.value.message == str(caught.value)
    return caught.value
