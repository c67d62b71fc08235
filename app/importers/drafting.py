"""What the format mappers share: their context, addresses, custom delivery and consent fields, raw extras."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from app.i18n import _
from app.importers.draft import DraftAddress
from app.importers.options import ImportOptions
from app.importers.values import (
    OrderProblem,
    clean_text,
    country_code,
    delivery_date,
    delivery_slot,
    language,
    text,
    timestamp,
    yes_no,
)


@dataclass(frozen=True)
class MapContext:
    """What a mapper needs beside the order itself."""

    options: ImportOptions
    naive_zone: tzinfo
    position: int


def require_object(order: object) -> dict:
    if isinstance(order, dict):
        return order
    kind = {list: _("a list"), str: _("text"), type(None): _("null")}.get(type(order), _("a number or true/false"))
    raise OrderProblem(_("the order is {kind}, not an object with named fields; each order must be a JSON object")
                       .format(kind=kind))


def joined_name(first: object, last: object) -> str:
    """A full name from given and family name; Chinese names are family name first, without a space."""
    parts = [part for part in (text(first, "first_name"), text(last, "last_name")) if part]
    if len(parts) == 2 and all(_is_cjk(part) for part in parts):
        return parts[1] + parts[0]
    return " ".join(parts)


def _is_cjk(name: str) -> bool:
    return all("\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" for char in name)


def finished_address(*, name: str, phone: str, line1: str, line2: str, city: str, province: str, postal_code: str,
                     country: str, customer_name: str, customer_phone: str) -> DraftAddress | None:
    """None when no place is given at all; else the address, naming the customer when it names nobody."""
    if not (line1 or line2 or city or province or postal_code or country):
        return None
    return DraftAddress(name=name or customer_name, phone=phone or customer_phone, line1=line1, line2=line2,
                        city=city, province=province, postal_code=postal_code, country=country_code(country))


def read_language(raw_value: object, field: str, raw_fields: dict[str, str]) -> str:
    raw = text(raw_value, field)
    result = language(raw)
    if result is None:
        raw_fields["language"] = raw
        return ""
    return result


def read_placed_at(candidates: Iterable[tuple[str, object]], zone: tzinfo, raw_fields: dict[str, str],
                   zones: dict[str, tzinfo] | None = None) -> datetime | None:
    """The first readable timestamp among (field, value) candidates; an unreadable one is kept raw."""
    for field, value in candidates:
        if value is None or value == "":
            continue
        moment = timestamp(value, (zones or {}).get(field, zone))
        if moment is not None:
            return moment
        raw_fields.setdefault("placed_at", text(value, field))
    return None


def apply_delivery(raw_date: object, raw_slot: object, raw_fields: dict[str, str],
                   date_field: str = "delivery.date", slot_field: str = "delivery.slot") -> tuple[date | None, str]:
    """Delivery date and slot from the channel's raw values; unreadable ones go to raw_fields, not guessed."""
    parsed_date = delivery_date(raw_date)
    if parsed_date is None and raw_date not in (None, ""):
        raw_fields["delivery_date"] = text(raw_date, date_field) if not isinstance(raw_date, (dict, list)) \
            else str(raw_date)[:200]
    slot = delivery_slot(raw_slot)
    if slot is None:
        raw_fields["delivery_slot"] = text(raw_slot, slot_field) if not isinstance(raw_slot, (dict, list)) \
            else str(raw_slot)[:200]
        slot = ""
    return parsed_date, slot


_PLATFORM_BOOKKEEPING = frozenset({"is_vat_exempt"})  # custom fields the platform itself adds, not the shopper
_SUBSTITUTIONS_FIELDS = frozenset({"substitutions_allowed", "substitutions allowed"})  # compared casefolded


def custom_order_fields(pairs: Iterable[tuple[object, object]], options: ImportOptions, raw_fields: dict[str, str]
                        ) -> tuple[object, object, tuple[str, object] | None]:
    """Pick the delivery date, the slot and the substitutions consent out of a shop's custom (name, value) fields.

    The first field whose name matches (case-insensitively) one of the configured delivery names, or
    ``substitutions_allowed`` / ``Substitutions allowed``, wins; the consent comes back with the name the shop
    gave it, for error messages. Other fields with a plain value are kept in raw_fields for the reviewer.
    """
    date_names = {name.strip().casefold() for name in options.delivery_date_fields}
    slot_names = {name.strip().casefold() for name in options.delivery_slot_fields}
    found_date: object = None
    found_slot: object = None
    found_substitutions: tuple[str, object] | None = None
    for name, value in pairs:
        if not isinstance(name, str):
            continue
        key = name.strip().casefold()
        if key in date_names:
            found_date = value if found_date in (None, "") else found_date
        elif key in slot_names:
            found_slot = value if found_slot in (None, "") else found_slot
        elif key in _SUBSTITUTIONS_FIELDS:
            if found_substitutions is None or found_substitutions[1] in (None, ""):
                found_substitutions = (clean_text(name), value)
        elif isinstance(value, (str, int)) and not isinstance(value, bool) and key and not key.startswith("_") \
                and key not in _PLATFORM_BOOKKEEPING:
            raw_fields.setdefault(clean_text(name), text(value, name))
    return found_date, found_slot, found_substitutions


def name_value_pairs(entries: object, name_key: str, value_key: str) -> list[tuple[object, object]]:
    """(name, value) pairs from a list of {name, value} objects (or a plain object), skipping junk."""
    if isinstance(entries, dict):
        return list(entries.items())
    if not isinstance(entries, list):
        return []
    return [(entry.get(name_key), entry.get(value_key)) for entry in entries if isinstance(entry, dict)]


def from_custom_fields(order: dict, items: list, context: MapContext, raw_fields: dict[str, str], *,
                       list_key: str, item_list_key: str, name_key: str, value_key: str
                       ) -> tuple[date | None, str, bool]:
    """Delivery date, slot and substitutions consent from the order's custom fields (``order[list_key]``,
    name/value entries). Date and slot each fall back to the first line item whose ``item_list_key`` names
    it and are read by ``apply_delivery``; the consent is the order's, never taken from a line."""
    raw_date, raw_slot, substitutions = custom_order_fields(
        name_value_pairs(order.get(list_key), name_key, value_key), context.options, raw_fields)
    for item in items:
        if raw_date not in (None, "") and raw_slot not in (None, ""):
            break
        if isinstance(item, dict):
            item_date, item_slot, _item_substitutions = custom_order_fields(
                name_value_pairs(item.get(item_list_key), name_key, value_key), context.options, {})
            raw_date = raw_date if raw_date not in (None, "") else item_date
            raw_slot = raw_slot if raw_slot not in (None, "") else item_slot
    delivery_date, delivery_slot = apply_delivery(raw_date, raw_slot, raw_fields, list_key, list_key)
    name, value = substitutions or ("", None)
    return delivery_date, delivery_slot, yes_no(value, f"{list_key}.{name}")
