"""The reading interface every format implements, and how a failed order is reported."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path

from app.i18n import _
from app.importers.draft import DraftError, ImportFileError, OrderDraft
from app.importers.options import ImportOptions
from app.importers.values import zone_named

logger = logging.getLogger("app.importers")


class OrderSource(ABC):
    """The orders of one file, read in two streaming passes.

    ``check()`` reads the whole file and raises ImportFileError if it is structurally broken, so
    a corrupt file is rejected before anything is imported; iterating then yields an OrderDraft,
    or a DraftError for an order that cannot be read, for every order in file order. Neither
    pass holds more than one order in memory.
    """

    def __init__(self, path: Path, format: str, options: ImportOptions):
        self.path = Path(path)
        self.format = format
        self.options = options

    @cached_property
    def naive_zone(self):
        try:
            return zone_named(self.options.naive_timezone)
        except ValueError as error:
            raise ImportFileError(str(error)) from None

    def check(self) -> int:
        """Pass 1: validate the whole file; return the number of orders (readable or not) in it."""
        try:
            return self._count()
        except OSError as error:
            raise unreadable_file(self.path, error) from None

    def __iter__(self) -> Iterator[OrderDraft | DraftError]:
        """Pass 2: every order in file order, as an OrderDraft or a DraftError."""
        try:
            yield from self._drafts()
        except OSError as error:
            raise unreadable_file(self.path, error) from None

    @abstractmethod
    def _count(self) -> int: ...

    @abstractmethod
    def _drafts(self) -> Iterator[OrderDraft | DraftError]: ...

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.format} {self.path}>"


def unreadable_file(path: Path, error: OSError) -> ImportFileError:
    return ImportFileError(_("The file {path} cannot be read: {reason}").format(
        path=path, reason=error.strerror or error))


def located_error(position: int, where: str, external_id: str, problem: str) -> DraftError:
    """A DraftError whose message says which order (``where``, external id) and what is wrong with it."""
    if external_id:
        where = _("{where} (external id {external_id})").format(where=where, external_id=external_id)
    return DraftError(position=position, external_id=external_id,
                      message=_("{where}: {problem}").format(where=where, problem=problem))


def unexpected_error(position: int, where: str, external_id: str, path: Path) -> DraftError:
    """For a mapping bug: logged, and the order is reported instead of ending a long import half-way."""
    logger.exception("%s of %s could not be mapped", where, path)
    return located_error(position, where, external_id, unexpected_problem())


def unexpected_problem() -> str:
    return _("the order could not be read (unexpected content); check this order in the file, or enter it by hand")
