"""Importer processes for the intake reliability tests (started with ``spawn``: importable, pytest-free).

An importer opens its own ``Database``, says it is ready, waits at the barrier (so all start together)
and imports its file through ``import_file`` as the system actor, the way the inbox watcher or
``freshflow orders import`` would. It reports a summary of its ``ImportReport`` on the queue, or the
traceback of whatever escaped ``import_file`` (which would have reached the user).
"""

from __future__ import annotations

import logging
import os
import time
import traceback


def importer(url: str, name: str, path: str, barrier, results) -> None:
    from app.db.database import Database
    from app.services.context import Actor
    from app.services.orders import intake
    import app.importers  # noqa: F401 - loaded before "ready", not inside the race

    retried = []

    class _Retries(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            retried.append(record.getMessage())

    logging.getLogger(intake.__name__).addHandler(_Retries(logging.INFO))
    logging.getLogger(intake.__name__).setLevel(logging.INFO)
    db = Database(url, application_name=f"freshflow:{name}")
    try:
        db.ping()
        results.put(("ready", name, os.getpid()))
        barrier.wait(timeout=60)
        start = time.perf_counter()
        try:
            report = intake.import_file(db, Actor.system(name), path)
        except Exception:  # noqa: BLE001 - the test fails on any
            results.put(("error", name, traceback.format_exc()))
            return
        results.put(("done", name, {
            "found": report.found, "imported": report.imported, "duplicates": report.duplicates,
            "rejected": len(report.rejected), "numbers": report.numbers, "states": dict(report.states),
            "retried_batches": len(retried), "seconds": time.perf_counter() - start}))
    finally:
        db.dispose()


def victim(url: str, path: str, ready, writing) -> None:
    """Import ``path`` until done or killed.

    ``writing`` is 1 from the batch's first INSERT of reservation, ledger or order rows until its commit
    (or rollback): the parent kills the process while it is 1, so the kill lands inside a transaction
    that has already written part of a batch.
    """
    from sqlalchemy import event

    from app.db.database import Database
    from app.services.context import Actor
    from app.services.orders import intake
    import app.importers  # noqa: F401

    db = Database(url, application_name="freshflow:victim")

    def before_execute(_conn, _cursor, statement, _params, _context, _executemany) -> None:
        if statement.lstrip()[:40].upper().startswith(("INSERT INTO STOCK_", "INSERT INTO ORDERS")):
            writing.value = 1

    def transaction_over(_conn) -> None:
        writing.value = 0

    event.listen(db.engine, "before_cursor_execute", before_execute)
    event.listen(db.engine, "commit", transaction_over)
    event.listen(db.engine, "rollback", transaction_over)
    db.ping()
    ready.set()
    intake.import_file(db, Actor.system("victim"), path)
    db.dispose()
