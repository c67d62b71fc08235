"""Orders from a JSON file (native, Shopify or WooCommerce), streamed with ijson."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

from app.i18n import _
from app.importers import native, shopify, woocommerce
from app.importers.base import OrderSource, located_error, unexpected_error
from app.importers.detect import classify_order
from app.importers.draft import DraftError, ImportFileError, OrderDraft
from app.importers.drafting import MapContext
from app.importers.jsonstream import JsonLayout, iter_json_values, json_layout, not_orders_error
from app.importers.options import ImportOptions
from app.importers.values import OrderProblem, identifier

MAPPERS: dict[str, ModuleType] = {"native": native, "shopify": shopify, "woocommerce": woocommerce}


class JsonOrderSource(OrderSource):
    """Orders in any JSON layout (see app.importers.jsonstream), mapped by the format's module."""

    def __init__(self, path: Path, format: str, options: ImportOptions, *, format_was_chosen: bool):
        super().__init__(path, format, options)
        self._mapper = MAPPERS[format]
        self._format_was_chosen = format_was_chosen
        self._layout: JsonLayout | None = None

    def layout(self) -> JsonLayout:
        if self._layout is None:
            layout = json_layout(self.path)
            if layout is None:
                raise ImportFileError(_("The file is not JSON (it does not start with {{ or [), so it cannot hold "
                                        "{format} orders. Check the file, or import it with --format auto.").format(
                                            format=self.format), position=0)
            if layout.kind == "value":
                raise not_orders_error()
            self._layout = layout
        return self._layout

    def _count(self) -> int:
        count = 0
        for _position, value in iter_json_values(self.path, self.layout()):
            if count == 0 and self._format_was_chosen:
                self._refuse_other_format(_unwrapped(value))
            count += 1
        return count

    def _refuse_other_format(self, first_order: object) -> None:
        """A file plainly in another format would otherwise give one DraftError per order."""
        looks_like = classify_order(first_order) if isinstance(first_order, dict) else None
        if looks_like is not None and looks_like != self.format:
            raise ImportFileError(_("The file looks like {found} orders, not {format}; import it with --format "
                                    "{found} or --format auto.").format(found=looks_like, format=self.format))

    def _drafts(self) -> Iterator[OrderDraft | DraftError]:
        layout = self.layout()
        for position, value in iter_json_values(self.path, layout):
            order = _unwrapped(value)
            if layout.kind == "lines":
                where = _("Order on line {line}").format(line=position)
            else:
                where = _("Order {position}").format(position=position)
            try:
                yield self._mapper.map_order(order, MapContext(self.options, self.naive_zone, position))
            except OrderProblem as problem:
                yield located_error(position, where, self._external_id(order), problem.message)
            except Exception:  # noqa: BLE001 - reported and logged, see unexpected_error
                yield unexpected_error(position, where, self._external_id(order), self.path)

    def _external_id(self, order: object) -> str:
        if not isinstance(order, dict):
            return ""
        try:
            return identifier(order.get(self._mapper.ID_FIELD), self._mapper.ID_FIELD)
        except OrderProblem:
            return ""


def _unwrapped(value: object) -> object:
    """{"order": {...}} (a Shopify API response, also as one JSON line) is the order inside."""
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("order"), dict):
        return value["order"]
    return value
