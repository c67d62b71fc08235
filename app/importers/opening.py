"""open_orders: the one entry point the intake uses."""

from __future__ import annotations

from pathlib import Path

from app.i18n import _
from app.importers.base import OrderSource
from app.importers.csv_format import CsvOrderSource
from app.importers.detect import detect_format
from app.importers.draft import ImportFileError
from app.importers.json_source import JsonOrderSource
from app.importers.options import FORMATS, ImportOptions


def open_orders(path: Path, format: str = "auto", options: ImportOptions | None = None) -> OrderSource:
    """An OrderSource for ``path``; "auto" recognises the format from the content (see detect_format).

    Raises ImportFileError for an unknown format name, a missing file or an unrecognisable one.
    Nothing is read beyond what detection needs; call ``check()`` next.
    """
    path = Path(path)
    options = options or ImportOptions()
    if format != "auto" and format not in FORMATS:
        raise ImportFileError(_('Unknown order format "{format}"; use one of: auto, {formats}.').format(
            format=format, formats=", ".join(FORMATS)))
    if not path.is_file():
        raise ImportFileError(_("The file {path} does not exist or is not a file.").format(path=path))
    resolved = detect_format(path) if format == "auto" else format
    if resolved == "csv":
        source: OrderSource = CsvOrderSource(path, options)
    else:
        source = JsonOrderSource(path, resolved, options, format_was_chosen=format != "auto")
    source.naive_zone  # an unknown zone name fails here, before anything is read  # noqa: B018
    return source
