"""FreshFlow core: domain model, services, persistence, importers, CLI.

This package never imports Qt, ``ui`` or ``printers`` (enforced by
import-linter in the test suite), so every use case can run headless.
"""

__version__ = "0.1.0"
