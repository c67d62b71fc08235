"""Settings shared by every importer, and the names of the formats they read."""

from __future__ import annotations

from dataclasses import dataclass

FORMATS = ("native", "csv", "shopify", "woocommerce")


@dataclass(frozen=True)
class ImportOptions:
    """How to read the parts of a payload that differ from shop to shop.

    A shop's delivery date and slot live in custom fields whose names the shop chose (Shopify
    ``note_attributes``, WooCommerce ``meta_data``); names are compared case-insensitively.
    """

    delivery_date_fields: tuple[str, ...] = ("delivery_date", "Delivery Date", "_delivery_date")
    delivery_slot_fields: tuple[str, ...] = ("delivery_slot", "Delivery Slot", "_delivery_slot")
    naive_timezone: str = "Asia/Shanghai"  # zoneinfo name used for timestamps without a zone
    default_channel: str = "web"  # channel for native/CSV orders that do not name one
