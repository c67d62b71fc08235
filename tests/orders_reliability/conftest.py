"""``shop``: the per-test migrated database (``db``, both engines) filled by ``helpers.make_shop``."""

from __future__ import annotations

import pytest

from tests.orders_reliability.helpers import make_shop


@pytest.fixture
def shop(db):
    """The demo catalogue, warehouses and stock, topped up so that generated orders allocate."""
    make_shop(db)
    return db
