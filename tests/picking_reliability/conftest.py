"""The picking tests' small warehouse (``shop``) and logins, shared with tests/picking."""

from tests.picking.conftest import picker, shop, supervisor  # noqa: F401 - fixtures
