"""Write table rows to a CSV file off the UI thread, with progress and cancel.

Pure Python (no widgets), so it runs in the ``OperationRunner``'s pool: the
view polls ``ExportProgress.done`` with a timer to move its progress bar and
sets ``ExportProgress.cancel`` when the person presses Cancel. The file is
written next to the target as ``<name>.part`` and renamed at the end, so a
cancelled or failed export never leaves half a file behind. UTF-8 with a
byte-order mark, so Excel opens Chinese text correctly.
"""

from __future__ import annotations

import csv
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: how many rows are written between two looks at the cancel flag
CHUNK = 2000


class ExportCancelled(Exception):
    """The person cancelled the export; nothing was written."""


@dataclass
class ExportProgress:
    """Shared between the worker (writes ``done``) and the UI thread (reads it, sets ``cancel``)."""

    total: int = 0
    done: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)


def write_csv(path: str | os.PathLike, header: Sequence[str], rows: Sequence[Any],
              values: Callable[[Any], Sequence[Any]], progress: ExportProgress | None = None) -> int:
    """Write ``header`` and ``values(row)`` for each row; returns the number of rows written.

    Raises :class:`ExportCancelled` (and removes the partial file) if
    ``progress.cancel`` is set before the last row is written.
    """
    progress = progress or ExportProgress()
    progress.total, progress.done = len(rows), 0
    target = Path(path)
    partial = target.with_name(target.name + ".part")
    try:
        with open(partial, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(header)
            for start in range(0, len(rows), CHUNK):
                if progress.cancel.is_set():
                    raise ExportCancelled()
                writer.writerows(map(values, rows[start:start + CHUNK]))
                progress.done = min(start + CHUNK, len(rows))
        if progress.cancel.is_set():
            raise ExportCancelled()
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return len(rows)
