"""The one error type every barcode parser raises."""

from __future__ import annotations

from app.errors import ValidationError


class BarcodeError(ValidationError):
    """A scan or a code could not be read; ``str(err)`` says what is wrong.

    The message is fit for the person at the station (which part of the code,
    what was expected, what was found) and already translated.

    ``field`` names the offending part: a GS1 Application Identifier such as
    ``"17"``, or one of ``"scan"``, ``"symbology"``, ``"gtin"``, ``"sscc"``,
    ``"weight"``, ``"price"``, ``"internal"``, ``"layout"``.

    ``code`` is a stable machine-readable reason, for sounds, statistics and
    tests: ``empty``, ``charset``, ``symbology``, ``unknown_ai``, ``length``,
    ``format``, ``check_digit``, ``date``, ``pairing``, ``duplicate``,
    ``unrecognised``, ``internal_code``, ``config`` or ``internal`` (the last
    one means a bug in FreshFlow, not a bad label).
    """

    def __init__(
        self,
        message: str,
        field: str | None = None,
        *,
        code: str = "invalid",
        ai: str | None = None,
    ) -> None:
        super().__init__(message, field)
        self.code = code
        self.ai = ai

    def __reduce__(self):  # keep pickling (multiprocessing) working with the extra args
        return (_rebuild, (self.message, self.field, self.code, self.ai))


def _rebuild(message: str, field: str | None, code: str, ai: str | None) -> BarcodeError:
    return BarcodeError(message, field, code=code, ai=ai)
