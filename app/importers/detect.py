"""Recognising an order file's format from its content (not its name)."""

from __future__ import annotations

from pathlib import Path

from app.i18n import _
from app.importers.csv_format import sniff_header
from app.importers.draft import ImportFileError
from app.importers.jsonstream import iter_json_values, json_layout, not_orders_error

# Fields that only one platform's order resource has, beside "line_items" which both have.
SHOPIFY_FIELDS = frozenset({"financial_status", "admin_graphql_api_id", "order_number", "total_price",
                            "customer_locale", "note_attributes", "billing_address", "processed_at",
                            "fulfillment_status", "contact_email", "total_line_items_price"})
WOOCOMMERCE_FIELDS = frozenset({"billing", "shipping", "meta_data", "date_created", "date_created_gmt",
                                "customer_note", "order_key", "prices_include_tax", "date_paid", "set_paid",
                                "payment_method_title", "date_completed"})
NATIVE_FIELDS = frozenset({"external_id", "lines"})
_FIRST_VALUES_TRIED = 10


def classify_order(order: dict) -> str | None:
    """The format whose fields this order object has, None when it is none of them or both platforms tie."""
    keys = set(order)
    if "line_items" in keys:
        shopify_score = len(keys & SHOPIFY_FIELDS)
        woocommerce_score = len(keys & WOOCOMMERCE_FIELDS)
        if shopify_score != woocommerce_score:
            return "shopify" if shopify_score > woocommerce_score else "woocommerce"
    if keys & NATIVE_FIELDS and "line_items" not in keys:
        return "native"
    return None


def detect_format(path: Path) -> str:
    """"native", "csv", "shopify" or "woocommerce", judged by content; ImportFileError when none fits.

    JSON: the fields of the first order object; an empty list of orders counts as native (nothing
    to import). CSV: a header line naming external_id.
    """
    path = Path(path)
    try:
        return _detect(path)
    except OSError as error:
        raise ImportFileError(_("The file {path} cannot be read: {reason}").format(
            path=path, reason=error.strerror or error)) from None


def _detect(path: Path) -> str:
    layout = json_layout(path)
    if layout is None or layout.kind == "value":
        header = sniff_header(path)
        if header and "external_id" in header:
            return "csv"
        if layout is not None:
            raise not_orders_error()
        raise ImportFileError(_("The file's format is not recognised: it is not JSON, and as CSV its first line "
                                "does not name an external_id column. Tried native JSON, Shopify, WooCommerce and "
                                "CSV; choose the format with --format."))
    seen = 0
    for seen, (_position, value) in enumerate(iter_json_values(path, layout), 1):
        if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("order"), dict):
            value = value["order"]
        if isinstance(value, dict):
            found = classify_order(value)
            if found is not None:
                return found
            raise ImportFileError(_("The JSON orders' format is not recognised: the first order has the fields "
                                    "{fields}. Tried native (external_id, lines), Shopify (line_items, "
                                    "financial_status, ...) and WooCommerce (line_items, billing, meta_data, ...); "
                                    "choose the format with --format.").format(
                                        fields=", ".join(sorted(map(str, value)))[:300] or "-"))
        if seen >= _FIRST_VALUES_TRIED:
            break
    if seen == 0:
        return "native"  # an empty list: nothing to import, whichever shop it came from
    raise ImportFileError(_("The file holds JSON but no order objects among its first values; "
                            "check that it is an order export."))
