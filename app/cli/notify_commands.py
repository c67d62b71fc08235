"""``freshflow notify``: send the customer notifications waiting in the outbox, and list them.

``notify send`` delivers what is due now through the SMTP server in the
settings file (``smtp.host``, ``port``, ``security``, ``username``,
``password``, ``from_address``) and exits; with ``--loop`` it keeps going
every ``--interval`` seconds until interrupted (Ctrl+C ends it cleanly). It
acts as ``Actor.system("cli")``. Messages that cannot be sent now stay in the
outbox and are retried with back-off; the command still exits 0, since
nothing was lost (``notify list --status failed`` shows what gave up).

``register`` is called from ``app.cli.commands.register``; ``open_db`` and
``emit`` are imported from there when a command runs (not at import time, so
the two modules can import each other).
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from app.config import Settings
from app.errors import DatabaseUnavailable, ValidationError
from app.i18n import N_, _
from app.services.context import Actor
from app.services.outbox import STATUSES, OutboxRow, SendReport

CLI_STATION = "cli"
_STATUS_LABELS = {"pending": N_("pending"), "sent": N_("sent"), "failed": N_("failed")}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    notify = sub.add_parser("notify", parents=[common], help="customer notifications (the outbox)")
    notify_sub = notify.add_subparsers(dest="notify_command", metavar="ACTION")
    notify_sub.required = True

    send = notify_sub.add_parser("send", parents=[common], help="send the notifications that are due (SMTP)")
    send.add_argument("--loop", action="store_true", help="keep sending every --interval seconds until interrupted")
    send.add_argument("--interval", type=float, default=15.0, metavar="S",
                      help="seconds between rounds with --loop (default 15)")
    send.add_argument("--batch", type=int, default=20, metavar="N",
                      help="messages per SMTP connection (default 20)")
    send.set_defaults(handler=cmd_notify_send)

    listing = notify_sub.add_parser("list", parents=[common], help="list the outbox, newest first")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--order-id", type=int, default=None, metavar="ID")
    listing.add_argument("--limit", type=int, default=200, metavar="N")
    listing.set_defaults(handler=cmd_notify_list)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def _report_json(report: SendReport, counts: dict[str, int]) -> dict:
    return {"sent": report.sent, "retried": report.retried, "failed": report.failed,
            "last_error": report.last_error, "outbox": counts}


def _report_text(report: SendReport, counts: dict[str, int]) -> str:
    text = _("Sent {sent}, to be retried {retried}, failed {failed}. Outbox: {pending} pending, "
             "{sent_total} sent, {failed_total} failed.").format(
        sent=report.sent, retried=report.retried, failed=report.failed, pending=counts["pending"],
        sent_total=counts["sent"], failed_total=counts["failed"])
    if report.last_error:
        text += "\n" + _("Last error: {error}").format(error=report.last_error)
    return text


def cmd_notify_send(args: argparse.Namespace) -> int:
    from app.cli.commands import emit, open_db
    from app.notifications.smtp import SmtpTransport
    from app.services.outbox import outbox_counts, send_due

    settings = Settings.load()
    if not settings.smtp.host.strip():
        raise ValidationError(_("No SMTP server configured; set smtp.host in {path}").format(path=Settings.path()),
                              "smtp.host")
    if args.batch < 1:
        raise ValidationError(_("--batch must be at least 1."), "batch")
    if args.loop and args.interval <= 0:
        raise ValidationError(_("--interval must be more than 0 seconds."), "interval")
    transport = SmtpTransport(settings.smtp)
    database = open_db(args)
    actor = Actor.system(CLI_STATION)

    def drain() -> SendReport:
        """Batch after batch while full batches go out; a batch with nothing sent waits for the next round."""
        total = SendReport()
        while True:
            report = send_due(database, actor, transport, batch=args.batch)
            total += report
            if report.total < args.batch or report.sent == 0:
                return total

    try:
        if not args.loop:
            report = drain()
            counts = outbox_counts(database, actor)
            emit(args, _report_json(report, counts), _report_text(report, counts))
            return 0
        try:
            while True:
                try:
                    report = drain()
                    if report.total:
                        counts = outbox_counts(database, actor)
                        emit(args, _report_json(report, counts), _report_text(report, counts))
                        sys.stdout.flush()
                except DatabaseUnavailable as error:  # keep looping: the database may come back
                    print(f"freshflow: {' '.join(str(error).split())}", file=sys.stderr, flush=True)
                time.sleep(args.interval)
        except KeyboardInterrupt:
            return 0
    finally:
        database.dispose()


def _message_json(row: OutboxRow) -> dict:
    return {"id": row.id, "status": row.status, "kind": row.kind, "dedupe_key": row.dedupe_key,
            "order_id": row.order_id, "recipient": row.recipient, "language": row.language, "subject": row.subject,
            "attempts": row.attempts, "next_attempt_at": _iso(row.next_attempt_at), "sent_at": _iso(row.sent_at),
            "created_at": _iso(row.created_at), "last_error": row.last_error}


def cmd_notify_list(args: argparse.Namespace) -> int:
    from app.cli.commands import open_db
    from app.services.outbox import list_messages, outbox_counts

    database = open_db(args)
    try:
        actor = Actor.system(CLI_STATION)
        rows = list_messages(database, actor, status=args.status, order_id=args.order_id, limit=args.limit)
        counts = outbox_counts(database, actor)
    finally:
        database.dispose()
    if args.json:
        print(json.dumps({"outbox": counts, "messages": [_message_json(r) for r in rows]}, ensure_ascii=False))
        return 0
    print(_("Outbox: {pending} pending, {sent} sent, {failed} failed.").format(**counts))
    if not rows:
        return 0
    header = ("id", _("status"), _("attempts"), _("kind"), _("recipient"), _("subject"), _("when"), _("last error"))
    table = [header]
    for r in rows:
        when = r.sent_at if r.status == "sent" else (r.next_attempt_at if r.status == "pending" else None)
        table.append((str(r.id), _(_STATUS_LABELS.get(r.status, r.status)), str(r.attempts), r.kind, r.recipient, r.subject,
                      when.strftime("%Y-%m-%d %H:%M:%S") if when else "", " ".join(r.last_error.split())[:80]))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(line)).rstrip())
    return 0
