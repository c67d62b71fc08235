"""A migrated database per engine shared by the tests of one module (``stock_db``).

Creating and migrating a PostgreSQL database costs about a second; the FEFO
tests each build their own product, warehouse and bins (``helpers.make_world``)
and look only at their own product's stock and references, so they can share
one database per module. The ledger check (``verify``) still covers everything
in it after every test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.db import migrate
from app.db.database import Database
from tests.conftest import ENGINES, require_postgres


@pytest.fixture(scope="module", params=ENGINES)
def stock_db(request, tmp_path_factory) -> Iterator[Database]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('stock') / 'stock.db'}"
    else:
        require_postgres()
        databases = request.getfixturevalue("postgres_databases")
        url = databases.create()
        request.addfinalizer(lambda: databases.drop(url))
    database = Database(url)
    migrate.upgrade(database)
    yield database
    database.dispose()
