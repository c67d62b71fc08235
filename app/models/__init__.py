"""Typed ORM models. Import from here so every table is registered on ``Base``."""

from app.models.audit import AuditEntry
from app.models.base import Base, UTCDateTime, utcnow
from app.models.catalog import Category, Product, ProductGtin, ProductSubstitute
from app.models.customer import Customer
from app.models.picking import PickList, PickListOrder, PickScan, PickTask
from app.models.orders import Order, OrderLine, OrderNumberCounter, OutboxMessage, SharedSetting
from app.models.stock import CountLine, CountSheet, Lot, StockMove, StockQuant, StockReservation
from app.models.users import User
from app.models.warehouse import Bin, DeliveryRegion, Warehouse

__all__ = [
    "AuditEntry", "Base", "Bin", "Category", "Customer", "DeliveryRegion", "Lot", "Product", "ProductGtin",
    "ProductSubstitute", "Order", "OrderLine", "OrderNumberCounter", "OutboxMessage", "PickList", "PickListOrder", "PickScan", "PickTask", "SharedSetting", "CountLine", "CountSheet", "StockMove", "StockQuant", "StockReservation", "UTCDateTime", "User", "Warehouse", "utcnow",
]
