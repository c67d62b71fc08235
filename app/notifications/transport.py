"""What a sender needs from a way of delivering messages (SMTP, or a fake in tests).

A transport sends one message and either returns (the server accepted it) or
raises ``TransportError``:

- ``permanent=True``: this message can never be delivered as it is (an
  address the server refuses with a 5xx code, a message it rejects with
  5xx). The outbox marks it failed at once instead of retrying for hours.
- ``permanent=False``: try again later (4xx answers, connection refused,
  time-outs, lost connections, a login the server refused).
- ``connection=True`` (always temporary): the server could not be reached or
  would not take any message at all; the rest of the batch would fail the same
  way, so the sender does not try them one by one (each gets the same error).

``session()`` (optional) opens one connection for a batch; a transport
without it is used as its own session.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol, runtime_checkable

from app.errors import DomainError


class OutgoingMessage(Protocol):
    """Anything with these attributes can be sent (``OutboxRow`` has them)."""

    recipient: str
    subject: str
    body: str
    language: str


class TransportError(DomainError):
    """Sending failed; ``permanent`` says whether retrying can help."""

    def __init__(self, message: str, permanent: bool = False, *, connection: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent and not connection
        self.connection = connection


@runtime_checkable
class Transport(Protocol):
    def send(self, message: OutgoingMessage) -> None:
        """Deliver one message or raise ``TransportError``."""


@runtime_checkable
class BatchTransport(Transport, Protocol):
    def session(self) -> AbstractContextManager[Transport]:
        """One connection for several messages; entering may raise ``TransportError``."""
