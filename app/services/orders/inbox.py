"""The inbox folder: order files dropped there are imported, then archived or rejected.

A file is first moved (atomically, same file system) into ``processing/``,
so two watchers never take the same file and a crash leaves it there; the
next run imports what is in ``processing/`` first, which is safe because
orders are unique on (channel, external id). After the import the file goes
to ``archive/YYYY-MM-DD/`` with ``<name>.summary.json`` beside it, or, when
the file as a whole could not be read, to ``rejected/`` with
``<name>.error.txt`` saying why. When the database cannot be reached the
file goes back to the inbox for the next round. No file is ever deleted.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.db.database import Database
from app.errors import DatabaseUnavailable
from app.i18n import _
from app.permissions import Action, require
from app.services.context import Actor
from app.services.orders.intake import FileRejected, ImportReport, import_file

log = logging.getLogger(__name__)

PROCESSING, ARCHIVE, REJECTED = "processing", "archive", "rejected"
#: a file younger than this (seconds since its last change) may still be being written
SETTLE_SECONDS = 2.0
_IGNORED_SUFFIXES = (".tmp", ".part", ".partial", ".crdownload", ".swp")


@dataclass(frozen=True)
class InboxResult:
    file: str
    destination: str
    report: ImportReport | None = None
    error: str = ""

    @property
    def rejected(self) -> bool:
        return bool(self.error) or bool(self.report and self.report.rejected)

    def to_json(self) -> dict:
        data = {"file": self.file, "moved_to": self.destination}
        if self.error:
            data["error"] = self.error
        if self.report is not None:
            data |= self.report.to_json()
        return data

    def describe(self) -> str:
        if self.error:
            return _("{file}: rejected ({error}); moved to {dest}").format(file=self.file, error=self.error,
                                                                          dest=self.destination)
        report = self.report
        return _("{file}: {imported} imported, {duplicates} already imported, {rejected} rejected; "
                 "moved to {dest}").format(file=self.file, imported=report.imported, duplicates=report.duplicates,
                                           rejected=len(report.rejected), dest=self.destination)


def _candidates(folder: Path, now: float) -> list[Path]:
    files = []
    for path in folder.iterdir():
        if not path.is_file() or path.name.startswith(".") or path.name.lower().endswith(_IGNORED_SUFFIXES):
            continue
        try:
            if now - path.stat().st_mtime < SETTLE_SECONDS:
                continue  # still being copied in
        except FileNotFoundError:
            continue
        files.append(path)
    return sorted(files, key=lambda p: (p.stat().st_mtime if p.exists() else 0, p.name))


def _free_name(folder: Path, name: str) -> Path:
    """``folder/name``, or ``name-2``, ``name-3`` … when taken (a second file of the same name)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    stem, suffix, n = Path(name).stem, Path(name).suffix, 1
    while target.exists():
        n += 1
        target = folder / f"{stem}-{n}{suffix}"
    return target


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def process_inbox(db: Database, actor: Actor, folder: Path, *, now: float | None = None) -> list[InboxResult]:
    """Import every settled file of ``folder`` (and any left in ``processing/`` by a crash), once each."""
    require(actor, Action.ORDER_IMPORT)
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(_("The inbox folder {folder} does not exist.").format(folder=folder))
    processing = folder / PROCESSING
    processing.mkdir(exist_ok=True)
    results = []
    leftovers = sorted(p for p in processing.iterdir() if p.is_file() and not p.name.endswith(".tmp"))
    for path in leftovers:
        results.append(_import_one(db, actor, folder, path))
    for path in _candidates(folder, now if now is not None else time.time()):
        claimed = _free_name(processing, path.name)
        try:
            os.replace(path, claimed)
        except FileNotFoundError:
            continue  # another watcher took it
        results.append(_import_one(db, actor, folder, claimed))
    return [result for result in results if result is not None]


def _import_one(db: Database, actor: Actor, folder: Path, path: Path) -> InboxResult | None:
    try:
        report = import_file(db, actor, path)
    except FileRejected as error:
        target = _free_name(folder / REJECTED, path.name)
        os.replace(path, target)
        _write_atomic(target.with_name(target.name + ".error.txt"), _(
            "{file} was not imported: {problem}\nNothing from this file was imported. Fix the file and put it in "
            "the inbox again.\n").format(file=path.name, problem=error.problem))
        log.warning("inbox: %s rejected: %s", path.name, error.problem)
        return InboxResult(path.name, str(target), error=error.problem)
    except DatabaseUnavailable as error:
        back = _free_name(folder, path.name)
        os.replace(path, back)  # try again next round; nothing of a failed batch was committed
        log.warning("inbox: %s left for later: %s", path.name, error)
        return None
    day = datetime.now().strftime("%Y-%m-%d")
    target = _free_name(folder / ARCHIVE / day, path.name)
    _write_atomic(target.with_name(target.name + ".summary.json"),
                  json.dumps(report.to_json() | {"file": path.name}, ensure_ascii=False, indent=2))
    os.replace(path, target)
    return InboxResult(path.name, str(target), report=report)


def watch_inbox(db: Database, actor: Actor, folder: Path, poll_seconds: float,
                on_file: Callable[[InboxResult], None] | None = None,
                stop: Callable[[], bool] | None = None) -> None:
    """Process the inbox every ``poll_seconds`` until ``stop()`` says so (or the process is interrupted)."""
    while stop is None or not stop():
        for result in process_inbox(db, actor, folder):
            if on_file is not None:
                on_file(result)
        time.sleep(max(0.2, poll_seconds))
