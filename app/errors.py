"""Typed domain errors.

Every service raises one of these with a message fit for the person at the
station (what went wrong and what to do next). The CLI prints the message on
one line and exits 1; the UI shows it in the view. Anything else escaping a
service is a bug.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a user may see. ``str(err)`` is the message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class PermissionDenied(DomainError):
    """The acting user's role may not perform this action."""


class NotFound(DomainError):
    """A referenced record does not exist."""


class ValidationError(DomainError):
    """Input is incomplete or malformed; nothing was changed.

    ``field`` names the offending input where there is one, so a form can
    highlight it.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(DomainError):
    """The change collides with existing data (duplicate key, stale edit)."""


class AuthenticationFailed(DomainError):
    """Wrong user name or password, or the account is disabled."""


class DatabaseUnavailable(DomainError):
    """The database cannot be reached; the user may retry."""
