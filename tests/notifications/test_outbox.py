"""The outbox on SQLite and PostgreSQL: idempotent enqueue, delivery to a real SMTP server, retries with
back-off, final failure, server down, two senders at once, at-least-once after a crash, permissions."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.database import Database
from app.errors import PermissionDenied, ValidationError
from app.models import AuditEntry, OutboxMessage
from app.notifications.smtp import SmtpTransport
from app.notifications.transport import TransportError
from app.permissions import Role
from app.services import outbox
from app.services.outbox import SendReport, enqueue, list_messages, outbox_counts, retry_failed, send_due
from tests.notifications.conftest import later, message, queue


def _rows(db) -> list[OutboxMessage]:
    return db.read(lambda s: list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))))


def _audit(db, action: str) -> list[AuditEntry]:
    """This test's audit entries of ``action`` (the module's database is shared; see ``odb``)."""
    floor = getattr(db, "audit_floor", 0)
    return db.read(lambda s: list(s.scalars(select(AuditEntry).where(AuditEntry.action == action,
                                                                     AuditEntry.id > floor))))


# -- enqueue ---------------------------------------------------------------------------------------

def test_enqueue_is_idempotent_on_the_dedupe_key(odb):
    queue(odb, message(1), message(2))
    queue(odb, message(2, subject="changed"), message(3), message(3))   # existing key, and a repeat within one call
    rows = _rows(odb)
    assert [r.dedupe_key for r in rows] == ["test:1", "test:2", "test:3"]
    assert rows[1].subject == "Message 2"                                # the first one stays
    assert {r.status for r in rows} == {"pending"} and {r.attempts for r in rows} == {0}
    assert all(r.next_attempt_at is not None and r.leased_until is None for r in rows)


def test_enqueue_is_part_of_the_callers_transaction(odb):
    class Boom(Exception):
        pass

    def work(session: Session) -> None:
        enqueue(session, [message(1)])
        raise Boom

    with pytest.raises(Boom):
        odb.transaction(work)
    assert _rows(odb) == []


def test_enqueue_many_rows_at_once(odb):
    queue(odb, *[message(n) for n in range(300)])
    queue(odb, *[message(n) for n in range(250, 400)])
    assert len(_rows(odb)) == 400


def test_message_row_refuses_an_overlong_dedupe_key_and_cuts_the_subject():
    with pytest.raises(ValueError):
        outbox.message_row("k", "x" * 81, "a@example.com", "en", "s", "b")
    assert len(outbox.message_row("k", "key", "a@example.com", "en", "s" * 300, "b")["subject"]) == 200


# -- sending to a real SMTP server -------------------------------------------------------------------

def test_send_due_delivers_each_message_once_with_chinese_text(odb, system, smtp_server):
    queue(odb, message(1, recipient="wang@example.cn", language="zh_CN", subject="您的订单 FF-1 已确认",
                      body="王小明，您好！\n合计：¥128.50\n"),
          message(2, recipient="ann@example.com"), message(3))
    transport = SmtpTransport(smtp_server.settings())
    now = later()
    assert send_due(odb, system, transport, now=now) == SendReport(sent=3)
    received = smtp_server.handler.messages
    assert len(received) == 3 and smtp_server.handler.connections == 1
    by_recipient = {m.rcpt_tos[0]: m.email for m in received}
    assert set(by_recipient) == {"wang@example.cn", "ann@example.com", "customer3@example.com"}
    assert by_recipient["wang@example.cn"]["Subject"] == "您的订单 FF-1 已确认"
    assert by_recipient["wang@example.cn"].get_content() == "王小明，您好！\n合计：¥128.50\n"
    rows = _rows(odb)
    assert {r.status for r in rows} == {"sent"}
    assert all(r.sent_at == now and r.attempts == 1 and r.leased_until is None for r in rows)
    assert send_due(odb, system, transport, now=now + timedelta(hours=1)) == SendReport()   # nothing sent twice
    assert len(smtp_server.handler.messages) == 3
    assert outbox_counts(odb, system) == {"pending": 0, "sent": 3, "failed": 0}


def test_batches_and_messages_not_yet_due(odb, system, smtp_server):
    queue(odb, *[message(n) for n in range(5)])
    transport = SmtpTransport(smtp_server.settings())
    assert send_due(odb, system, transport, now=later() - timedelta(minutes=5)) == SendReport()  # none due yet
    assert send_due(odb, system, transport, now=later(), batch=2).sent == 2
    assert send_due(odb, system, transport, now=later(), batch=2).sent == 2
    assert send_due(odb, system, transport, now=later(), batch=2).sent == 1
    assert sorted(m.rcpt_tos[0] for m in smtp_server.handler.messages) == [
        f"customer{n}@example.com" for n in range(5)]


def _counts(report: SendReport) -> tuple[int, int, int]:
    return report.sent, report.retried, report.failed


def test_temporary_refusal_is_retried_with_backoff(odb, system, smtp_server):
    smtp_server.handler.rcpt_answers[:] = ["451 4.3.0 Try again later", "451 4.3.0 Try again later"]
    queue(odb, message(1))
    transport = SmtpTransport(smtp_server.settings())
    t0 = later()

    first = send_due(odb, system, transport, now=t0)
    assert _counts(first) == (0, 1, 0) and "451" in first.last_error
    [row] = _rows(odb)
    assert row.status == "pending" and row.attempts == 1 and "Try again later" in row.last_error
    assert t0 + timedelta(seconds=30) <= row.next_attempt_at <= t0 + timedelta(seconds=33)
    assert row.leased_until is None

    assert _counts(send_due(odb, system, transport, now=t0 + timedelta(seconds=29))) == (0, 0, 0)  # not yet
    t1 = row.next_attempt_at
    assert _counts(send_due(odb, system, transport, now=t1)) == (0, 1, 0)
    [row] = _rows(odb)
    assert row.attempts == 2 and t1 + timedelta(seconds=60) <= row.next_attempt_at <= t1 + timedelta(seconds=66)

    t2 = row.next_attempt_at
    assert _counts(send_due(odb, system, transport, now=t2)) == (1, 0, 0)
    [row] = _rows(odb)
    assert row.status == "sent" and row.attempts == 3 and row.sent_at == t2
    assert len(smtp_server.handler.messages) == 1
    assert _audit(odb, "notification.failed") == []      # retries are not audited


def test_backoff_doubles_and_is_capped_at_an_hour():
    assert [outbox.backoff_delay(n, jitter=0).total_seconds() for n in range(1, 10)] == [
        30, 60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert 30 <= outbox.backoff_delay(1).total_seconds() <= 33


def test_failed_after_max_attempts_with_the_last_error_kept(odb, system, smtp_server):
    smtp_server.handler.rcpt_answers[:] = [f"451 4.3.0 Busy {n}" for n in range(3)]
    queue(odb, message(1), message(2))
    smtp_server.handler.rcpt_answers.insert(1, "")   # message 2 goes through at once
    transport = SmtpTransport(smtp_server.settings())
    now = later()
    reports = []
    for _round in range(3):
        reports.append(_counts(send_due(odb, system, transport, now=now, max_attempts=3)))
        now += timedelta(hours=2)
    assert reports == [(1, 1, 0), (0, 1, 0), (0, 0, 1)]
    failed, sent = _rows(odb)
    assert failed.status == "failed" and failed.attempts == 3 and "Busy 2" in failed.last_error
    assert sent.status == "sent"
    assert _counts(send_due(odb, system, transport, now=now + timedelta(days=1))) == (0, 0, 0)  # never again
    [entry] = _audit(odb, "notification.failed")
    assert (entry.entity_type, entry.entity_id, entry.from_state, entry.to_state) == (
        "outbox", str(failed.id), "pending", "failed")
    assert "Busy 2" in entry.reason and '"attempts": 3' in entry.details
    assert [r.id for r in list_messages(odb, system, status="failed")] == [failed.id]


def test_permanent_refusal_fails_at_once(odb, system, smtp_server):
    smtp_server.handler.rcpt_answers[:] = ["550 5.1.1 No such mailbox"]
    queue(odb, message(1), message(2))
    report = send_due(odb, system, SmtpTransport(smtp_server.settings()), now=later())
    assert _counts(report) == (1, 0, 1)
    failed = [r for r in _rows(odb) if r.status == "failed"]
    assert len(failed) == 1 and failed[0].attempts == 1 and "No such mailbox" in failed[0].last_error
    [entry] = _audit(odb, "notification.failed")
    assert '"permanent": true' in entry.details


def test_server_down_keeps_every_message_pending(odb, system, smtp_server, closed_port):
    queue(odb, message(1), message(2), message(3))
    now = later()
    report = send_due(odb, system, SmtpTransport(smtp_server.settings(port=closed_port)), now=now)
    assert _counts(report) == (0, 3, 0) and str(closed_port) in report.last_error
    rows = _rows(odb)
    assert {r.status for r in rows} == {"pending"} and {r.attempts for r in rows} == {1}
    assert all(r.next_attempt_at > now and r.leased_until is None for r in rows)
    assert all("Cannot reach the mail server" in r.last_error for r in rows)
    # the server is back: everything goes out, nothing was lost
    assert _counts(send_due(odb, system, SmtpTransport(smtp_server.settings()), now=now + timedelta(minutes=5))) == (
        3, 0, 0)
    assert len(smtp_server.handler.messages) == 3


class FakeTransport:
    """Records what it sends; ``fail`` maps a recipient to the error to raise for it."""

    def __init__(self, fail: dict[str, Exception] | None = None) -> None:
        self.sent: list[str] = []
        self.fail = fail or {}

    def send(self, message) -> None:
        error = self.fail.get(message.recipient)
        if error is not None:
            raise error
        self.sent.append(message.recipient)


def test_a_connection_error_stops_the_batch_and_a_transport_bug_loses_nothing(odb, system):
    queue(odb, *[message(n) for n in range(4)])
    transport = FakeTransport({"customer1@example.com": TransportError("server went away", connection=True)})
    assert _counts(send_due(odb, system, transport, now=later())) == (1, 3, 0)
    assert transport.sent == ["customer0@example.com"]        # 2 and 3 were not tried one by one
    assert {r.last_error for r in _rows(odb) if r.status == "pending"} == {"server went away"}

    buggy = FakeTransport({"customer2@example.com": UnicodeError("bad codec")})
    assert _counts(send_due(odb, system, buggy, now=later(3600))) == (2, 1, 0)
    [row] = [r for r in _rows(odb) if r.status == "pending"]
    assert row.recipient == "customer2@example.com" and row.last_error == "UnicodeError: bad codec"


def test_at_least_once_a_crash_after_claiming_leaves_the_lease_to_expire(odb, system, smtp_server):
    queue(odb, message(1))
    t0 = later()
    # a sender claims the message and "crashes" before sending or marking it
    odb.transaction(lambda s: outbox._claim(s, t0, 20, t0 + outbox.LEASE))
    transport = SmtpTransport(smtp_server.settings())
    assert _counts(send_due(odb, system, transport, now=t0 + timedelta(seconds=90))) == (0, 0, 0)   # still leased
    assert _counts(send_due(odb, system, transport, now=t0 + outbox.LEASE)) == (1, 0, 0)             # lease expired
    assert len(smtp_server.handler.messages) == 1


def test_a_sender_running_out_of_lease_gives_the_rest_back(odb, system, monkeypatch):
    queue(odb, message(1), message(2))
    monkeypatch.setattr(outbox, "LEASE_MARGIN", outbox.LEASE)   # no time left to send anything
    transport = FakeTransport()
    assert _counts(send_due(odb, system, transport, now=later())) == (0, 0, 0)
    assert transport.sent == []
    assert all(r.status == "pending" and r.leased_until is None and r.attempts == 0 for r in _rows(odb))


def test_a_late_failure_does_not_overwrite_another_senders_lease(odb, system):
    queue(odb, message(1))
    t0 = later()
    [claimed] = odb.transaction(lambda s: outbox._claim(s, t0, 20, t0 + outbox.LEASE))
    t1 = t0 + outbox.LEASE + timedelta(seconds=1)
    odb.transaction(lambda s: outbox._claim(s, t1, 20, t1 + outbox.LEASE))          # a second sender took it over
    outcome = odb.transaction(lambda s: outbox._mark_failed(s, system, claimed, TransportError("late"), t1,
                                                           t0 + outbox.LEASE, 8))
    assert outcome is None
    [row] = _rows(odb)
    assert row.attempts == 0 and row.last_error == "" and row.leased_until == t1 + outbox.LEASE


# -- two senders at once ---------------------------------------------------------------------------

def test_two_senders_at_once_deliver_each_message_exactly_once(odb, system, smtp_server):
    total = 24
    queue(odb, *[message(n) for n in range(total)])
    barrier = threading.Barrier(2)
    reports: list[SendReport] = []
    errors: list[BaseException] = []

    def sender() -> None:
        station = Database(odb.url)           # another station: its own engine and connections
        try:
            transport = SmtpTransport(smtp_server.settings())
            barrier.wait()
            while True:
                report = send_due(station, system, transport, batch=3)
                reports.append(report)
                if report.total == 0:
                    return
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            station.dispose()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    recipients = [m.rcpt_tos[0] for m in smtp_server.handler.messages]
    assert sorted(recipients) == sorted(f"customer{n}@example.com" for n in range(total))   # each exactly once
    assert sum(r.sent for r in reports) == total
    assert outbox_counts(odb, system) == {"pending": 0, "sent": total, "failed": 0}


def test_postgres_claims_skip_rows_another_sender_holds(odb):
    """SELECT … FOR UPDATE SKIP LOCKED: while one claim is uncommitted, another takes other rows without waiting."""
    if not odb.is_postgres:
        pytest.skip("SQLite serialises claims with its write lock")
    queue(odb, *[message(n) for n in range(6)])
    now = later()
    with Session(odb.engine) as first, Session(odb.engine) as second:
        mine = outbox._claim(first, now, 3, now + outbox.LEASE)          # rows locked, not committed
        theirs = outbox._claim(second, now, 10, now + outbox.LEASE)
        second.commit()
        first.commit()
    assert len(mine) == 3 and len(theirs) == 3
    assert not {r.id for r in mine} & {r.id for r in theirs}


# -- managing --------------------------------------------------------------------------------------

def test_retry_failed_puts_messages_back_and_is_audited(db, system, smtp_server, login_as):
    smtp_server.handler.rcpt_answers[:] = ["550 5.1.1 No such mailbox", "550 5.1.1 No such mailbox"]
    queue(db, message(1), message(2), message(3))
    transport = SmtpTransport(smtp_server.settings())
    assert _counts(send_due(db, system, transport, now=later())) == (1, 0, 2)
    failed_ids = [r.id for r in list_messages(db, system, status="failed")]
    sent_id = list_messages(db, system, status="sent")[0].id

    supervisor = login_as(Role.SUPERVISOR)
    assert retry_failed(supervisor.database, supervisor.actor, [*failed_ids, sent_id, 999_999]) == 2
    rows = {r.id: r for r in _rows(db)}
    assert all(rows[i].status == "pending" and rows[i].attempts == 0 for i in failed_ids)
    assert "No such mailbox" in rows[failed_ids[0]].last_error           # history kept until the next attempt
    assert rows[sent_id].status == "sent"
    entries = _audit(db, "notification.retry")
    assert sorted(int(e.entity_id) for e in entries) == sorted(failed_ids)
    assert {e.app_username for e in entries} == {supervisor.actor.username}

    # the supervisor's own sender delivers them now (on PostgreSQL as the supervisor's login role)
    assert _counts(send_due(supervisor.database, supervisor.actor, transport, now=later(5))) == (2, 0, 0)
    assert retry_failed(db, system, failed_ids) == 0


def test_list_and_counts(odb, system):
    queue(odb, message(1), message(2), outbox.message_row("confirm", "confirm:x", "x@example.com", "zh_CN", "s", "b"))
    rows = list_messages(odb, system)
    assert [r.dedupe_key for r in rows] == ["confirm:x", "test:2", "test:1"]
    assert rows[0].kind == "confirm" and rows[0].language == "zh_CN" and rows[0].status == "pending"
    assert list_messages(odb, system, status="sent") == []
    assert len(list_messages(odb, system, limit=2)) == 2
    assert list_messages(odb, system, order_id=12345) == []
    assert outbox_counts(odb, system) == {"pending": 3, "sent": 0, "failed": 0}
    with pytest.raises(ValidationError):
        list_messages(odb, system, status="lost")


def test_permissions(db, login_as, smtp_server):
    """cs_rep may queue (INSERT and SELECT on PostgreSQL; enqueue needs neither RETURNING nor UPDATE) and look,
    but not send or retry; a picker may not even look."""
    transport = SmtpTransport(smtp_server.settings())
    rep = login_as(Role.CS_REP)
    queue(rep.database, message(1))
    queue(rep.database, message(1))
    with pytest.raises(PermissionDenied):
        send_due(rep.database, rep.actor, transport)
    with pytest.raises(PermissionDenied):
        retry_failed(rep.database, rep.actor, [1])
    assert len(list_messages(rep.database, rep.actor)) == 1          # order desk may look
    assert outbox_counts(rep.database, rep.actor)["pending"] == 1
    picker = login_as(Role.PICKER)
    with pytest.raises(PermissionDenied):
        list_messages(picker.database, picker.actor)
    with pytest.raises(PermissionDenied):
        outbox_counts(picker.database, picker.actor)
    assert smtp_server.handler.messages == []
    assert db.read(lambda s: s.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.status == "pending"))) == 1
