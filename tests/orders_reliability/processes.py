"""Running importer processes from a test (spawned; see ``workers`` for what each one does)."""

from __future__ import annotations

import multiprocessing
import queue

import pytest

from tests.orders_reliability import workers

CONTEXT = multiprocessing.get_context("spawn")


class Importers:
    """``len(files)`` importer processes, importer k importing ``files[k]``, all starting together."""

    def __init__(self, url: str, files: list[str]) -> None:
        self.results = CONTEXT.Queue()
        # Referenced here for the whole run: Process.start() drops its arguments, and a collected barrier's
        # shared memory is handed to the next synchronisation object this process creates (CI hung once).
        self.barrier = CONTEXT.Barrier(len(files))
        self.processes = [CONTEXT.Process(target=workers.importer, daemon=True,
                                          args=(url, f"importer{k}", path, self.barrier, self.results))
                          for k, path in enumerate(files)]
        for process in self.processes:
            process.start()

    def run(self, timeout: float = 120) -> dict[str, dict]:
        """Reports by importer name; fails the test on anything that escaped ``import_file``."""
        reports, errors = {}, []
        try:
            while len(reports) + len(errors) < len(self.processes):
                kind, name, payload = self.results.get(timeout=timeout)
                if kind == "done":
                    reports[name] = payload
                elif kind == "error":
                    errors.append(f"{name}:\n{payload}")
        except queue.Empty:
            pytest.fail(f"importers hung: {len(reports)} of {len(self.processes)} reported")
        finally:
            for process in self.processes:
                process.join(timeout=20)
                if process.is_alive():
                    process.kill()
        assert errors == [], "\n".join(errors)
        return reports
