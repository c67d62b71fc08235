"""Order importers: native JSON, CSV, Shopify and WooCommerce files to OrderDrafts.

Pure Python (no database, no Qt). ``open_orders(path)`` gives an ``OrderSource``: ``check()``
validates the whole file (streaming) and counts its orders, iterating yields an ``OrderDraft``
or a ``DraftError`` per order. Formats are described in docs/formats.md.
"""

from app.importers.base import OrderSource
from app.importers.detect import detect_format
from app.importers.draft import DraftAddress, DraftError, DraftLine, ImportFileError, OrderDraft
from app.importers.opening import open_orders
from app.importers.options import FORMATS, ImportOptions

__all__ = [
    "FORMATS",
    "DraftAddress",
    "DraftError",
    "DraftLine",
    "ImportFileError",
    "ImportOptions",
    "OrderDraft",
    "OrderSource",
    "detect_format",
    "open_orders",
]
