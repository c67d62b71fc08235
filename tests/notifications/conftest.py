"""A real SMTP server on 127.0.0.1 (aiosmtpd) whose answers a test can script, and outbox helpers."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from sqlalchemy import delete, func, select

from app.config import SmtpSettings
from app.db import migrate
from app.db.database import Database
from app.models import AuditEntry, OutboxMessage
from app.services import outbox
from tests.conftest import ENGINES, require_postgres


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes
    peer: tuple

    @property
    def email(self) -> EmailMessage:
        return message_from_bytes(self.raw, policy=policy.default)


@dataclass
class RecordingHandler:
    """Accepts everything unless a scripted answer is queued for RCPT or DATA ("" = accept that one)."""

    messages: list[Received] = field(default_factory=list)
    rcpt_answers: list[str] = field(default_factory=list)
    data_answers: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            answer = self.rcpt_answers.pop(0) if self.rcpt_answers else ""
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            answer = self.data_answers.pop(0) if self.data_answers else ""
            if answer:
                return answer
            self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content
                                          or envelope.content, session.peer))
        return "250 Message accepted for delivery"

    @property
    def connections(self) -> int:
        return len({m.peer for m in self.messages})


@dataclass
class SmtpServer:
    handler: RecordingHandler
    port: int
    controller: Controller

    def settings(self, **overrides) -> SmtpSettings:
        values = {"host": "127.0.0.1", "port": self.port, "security": "none",
                  "from_address": "FreshFlow <orders@freshflow.example>", "timeout_s": 5} | overrides
        return SmtpSettings(**values)


def _start(handler: RecordingHandler, **smtp_kwargs) -> SmtpServer:
    for _attempt in range(5):
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="mail.test", **smtp_kwargs)
        try:
            controller.start()
        except Exception:  # the port was taken in between: another one
            continue
        return SmtpServer(handler, port, controller)
    raise RuntimeError("could not start the test SMTP server")


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = _start(RecordingHandler())
    yield server
    server.controller.stop()


USERS = {b"mailer": b"s3cret"}


def _authenticator(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and USERS.get(auth_data.login) == auth_data.password
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server_with_login() -> Iterator[SmtpServer]:
    server = _start(RecordingHandler(), authenticator=_authenticator, auth_require_tls=False, auth_required=True)
    yield server
    server.controller.stop()


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A port on 127.0.0.1 nobody listens on (connection refused).

    Kept bound, never listening, for the whole test: a port merely found free could be taken meanwhile by the
    SMTP server of a test on another xdist worker, and the "server down" test would then reach that server.
    """
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        yield holder.getsockname()[1]


def queue(db, *messages: dict) -> None:
    db.transaction(lambda session: outbox.enqueue(session, list(messages)))


def message(n: int, *, recipient: str | None = None, language: str = "en", subject: str | None = None,
            body: str | None = None, kind: str = "test") -> dict:
    return outbox.message_row(kind, f"test:{n}", recipient or f"customer{n}@example.com", language,
                              subject or f"Message {n}", body or f"Body of message {n}\n")


def later(seconds: float = 1) -> datetime:
    """A moment just after now: every message queued so far is due at it."""
    return datetime.now(timezone.utc) + timedelta(seconds=seconds)


@pytest.fixture(scope="module", params=ENGINES)
def _module_db(request, tmp_path_factory) -> Iterator[Database]:
    """One migrated database per engine for a whole test module (migrating per test costs ~1.5 s on PostgreSQL)."""
    databases = None
    if request.param == "postgresql":
        require_postgres()
        databases = request.getfixturevalue("postgres_databases")
        url = databases.create()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('outbox') / 'outbox.db'}"
    database = Database(url)
    try:
        migrate.upgrade(database)
        yield database
    finally:
        database.dispose()
        if databases is not None:
            databases.drop(url)


@pytest.fixture
def odb(_module_db) -> Database:
    """The module's database with an empty outbox; ``odb.audit_floor``: audit entries before this test.

    For tests that need no users (``login_as`` needs the per-test ``db`` fixture).
    """
    with _module_db.engine.begin() as connection:
        connection.execute(delete(OutboxMessage.__table__))
        _module_db.audit_floor = connection.scalar(select(func.coalesce(func.max(AuditEntry.id), 0)))
    return _module_db
