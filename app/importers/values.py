"""Reading single values out of channel payloads: text, ids, money, quantities, yes/no, times, slots.

Every channel sends the same things in slightly different shapes (a price as "12.50", 12.5 or
12; a quantity as 2, "2" or 2.0; an id above 2**53). These helpers accept all of them and
raise ``OrderProblem`` with a message naming the field when a value cannot be read, so the
importer can turn it into a ``DraftError`` for that order and go on with the file.

Money never passes through float arithmetic: a float is first turned into ``Decimal(str(x))``
(its shortest repr), and amounts are rounded half-up to whole cents.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from app.i18n import _

MAX_QUANTITY = 1_000_000  # units of sale on one line; anything above is a typo, not an order
MAX_CENTS = 2**31 - 1  # fits every integer money column; 21 million currency units
_CENT = Decimal("0.01")
_EARLIEST_YEAR, _LATEST_YEAR = 1970, 2200  # timestamps outside are typos (and overflow zone maths)


class OrderProblem(Exception):
    """One order cannot be read; ``message`` (translated) names the field and what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def shown(value: object, limit: int = 40) -> str:
    """A value as it may appear inside an error message: short, one line."""
    if isinstance(value, Decimal):
        value = format(value, "f") if value.is_finite() and abs(value.adjusted()) < 40 else str(value)
    text_value = str(value).replace("\r", " ").replace("\n", " ")
    return text_value if len(text_value) <= limit else text_value[: limit - 1] + "…"


def clean_text(value: str) -> str:
    """Strip, drop NUL characters (PostgreSQL text cannot hold them) and lone surrogates."""
    if "\x00" in value:
        value = value.replace("\x00", "")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            value = value.encode("utf-8", "replace").decode("utf-8")
    return value.strip()


def text(value: object, field: str) -> str:
    """A text field: strings as given, numbers written out, absent/null as ""."""
    if type(value) is str:
        return value.strip() if value.isascii() and "\x00" not in value else clean_text(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(str(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return shown(value, limit=100)
    if isinstance(value, float):
        return repr(value)
    raise OrderProblem(_("{field} should be text, not a list or object; correct the field in the file").format(
        field=field))


def identifier(value: object, field: str) -> str:
    """An id given as text or as a JSON integer, kept exact (ids above 2**53 must not round)."""
    if isinstance(value, bool):
        raise OrderProblem(_("{field} should be an id (text or a whole number), not true/false").format(field=field))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value() \
            and value.adjusted() < 40:
        return str(int(value))  # 1001.0 or 1.001E+3: a whole number written as a decimal
    if isinstance(value, (Decimal, float)):
        raise OrderProblem(_('{field}: "{value}" is not a valid id; give the id as text or a whole number').format(
            field=field, value=shown(value)))
    return text(value, field)


def mapping(value: object, field: str) -> dict:
    """A nested object; absent or null reads as empty."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    raise OrderProblem(_("{field} should be an object with named fields; correct it in the file").format(field=field))


def sequence(value: object, field: str) -> list:
    """A nested list; absent or null reads as empty."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    raise OrderProblem(_("{field} should be a list; correct it in the file").format(field=field))


def _decimal(value: object) -> Decimal | None:
    """The number in ``value`` as a Decimal, None when it is not a number at all."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Decimal)):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            return None
    else:
        return None
    return number if number.is_finite() else None


def money_cents(value: object, field: str) -> int | None:
    """An amount in currency units ("12.50", 12.5, 12) as integer cents, rounded half-up.

    Absent, null or "" gives None. More than two decimals are accepted and rounded
    ("0.125" -> 13 cents); a comma decimal separator or a negative amount is refused.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    number = _decimal(value)
    if number is None:
        raise OrderProblem(_('{field}: "{value}" is not an amount; write it like 12.50 (a dot before the cents, '
                             'no currency sign or thousands separator)').format(field=field, value=shown(value)))
    if number < 0:
        raise OrderProblem(_('{field}: "{value}" is negative; amounts must be zero or more').format(
            field=field, value=shown(value)))
    if number.adjusted() > 12:
        raise OrderProblem(_('{field}: "{value}" is too large to be an amount; check the field').format(
            field=field, value=shown(value)))
    cents = int(number.quantize(_CENT, rounding=ROUND_HALF_UP) * 100)
    if cents > MAX_CENTS:
        raise OrderProblem(_('{field}: "{value}" is too large to be an amount; check the field').format(
            field=field, value=shown(value)))
    return cents


def quantity(value: object, field: str) -> int:
    """A quantity of units of sale: a whole number from 1 to MAX_QUANTITY (2, "2" and 2.0 all read 2)."""
    if type(value) is int and 0 < value <= MAX_QUANTITY:
        return value
    if type(value) is str and value.isascii() and value.isdigit() and len(value) < 8 and 0 < int(value) <= MAX_QUANTITY:
        return int(value)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise OrderProblem(_("{field} is missing; every line needs a quantity (a whole number, e.g. 2)").format(
            field=field))
    number = _decimal(value)
    if number is None:
        raise OrderProblem(_('{field}: "{value}" is not a number; enter a whole number of units, e.g. 2').format(
            field=field, value=shown(value)))
    if number <= 0:
        raise OrderProblem(_('{field}: "{value}" must be at least 1; remove the line or correct the quantity').format(
            field=field, value=shown(value)))
    if number > MAX_QUANTITY:
        raise OrderProblem(_('{field}: "{value}" is more than {maximum} units; check the quantity').format(
            field=field, value=shown(value), maximum=MAX_QUANTITY))
    if number != number.to_integral_value():
        raise OrderProblem(_('{field}: "{value}" is not a whole number; quantities are whole units of sale '
                             '(e.g. 2 pieces), correct the quantity').format(field=field, value=shown(value)))
    return int(number)


_TRUE_WORDS = frozenset({"true", "yes", "y", "1", "是"})
_FALSE_WORDS = frozenset({"false", "no", "n", "0", "否"})


def yes_no(value: object, field: str) -> bool:
    """A yes/no field: JSON true/false or 1/0, or true/false, yes/no, y/n, 1/0, 是/否 as text in any case.

    Absent, null or "" reads as no: a channel that does not say has not agreed.
    """
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if type(value) is int and value in (0, 1):
        return value == 1
    if isinstance(value, str):
        word = clean_text(value).casefold()
        if not word or word in _FALSE_WORDS:
            return False
        if word in _TRUE_WORDS:
            return True
    raise OrderProblem(_('{field}: "{value}" is not a yes/no value; write true or false (also accepted: yes/no, '
                         'y/n, 1/0, 是/否)').format(field=field, value=shown(value)))


def zone_named(name: str) -> tzinfo:
    """The zone for timestamps without one; ValueError with a readable message when unknown."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if name.upper() == "UTC":
        return timezone.utc
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(_('The time zone setting "{zone}" is not a known zone name (e.g. Asia/Shanghai)').format(
            zone=name)) from None


def timestamp(value: object, naive_zone: tzinfo) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime; without a zone it is read in ``naive_zone``.

    Returns None for anything that is not a readable timestamp (the caller keeps the raw text).
    """
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    if raw.endswith(("z", "Z")):
        raw = raw[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        return None
    if not _EARLIEST_YEAR <= moment.year <= _LATEST_YEAR:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=naive_zone)
    return moment


_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?")


def delivery_date(value: object) -> date | None:
    """A delivery date as "2026-11-29" or "2026/11/29" (a time after it is ignored); else None.

    Day-first or month-first dates ("29/11/2026") are ambiguous and are not guessed at.
    """
    if not isinstance(value, str):
        return None
    match = _DATE.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


_SLOT = re.compile(r"(\d{1,2})(?:[:：.](\d{2}))?\s*(?:-|–|—|~|～|to|至|到)\s*(\d{1,2})(?:[:：.](\d{2}))?",
                   re.IGNORECASE)


def delivery_slot(value: object) -> str | None:
    """A slot such as "8:00 - 12:00", "08:00–12:00" or "8-12" as "08:00-12:00"; None when unreadable.

    "" (no slot asked for) stays "".
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return None
    raw = value.strip()
    if not raw:
        return ""
    match = _SLOT.fullmatch(raw)
    if match is None:
        return None
    start = (int(match[1]), int(match[2] or 0))
    end = (int(match[3]), int(match[4] or 0))
    for hour, minute in (start, end):
        if hour > 24 or minute > 59 or (hour == 24 and minute):
            return None
    if start >= end:
        return None
    return f"{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}"


def language(value: str) -> str | None:
    """A locale as the app's language: any Chinese -> "zh_CN", any English -> "en", "" -> "".

    None when the locale is something else (the caller keeps the raw text for the reviewer).
    """
    code = value.strip().replace("_", "-").lower()
    if not code:
        return ""
    primary = code.split("-", 1)[0]
    if primary == "zh":
        return "zh_CN"
    if primary == "en":
        return "en"
    return None


def country_code(value: str) -> str:
    """Country as given, upper-cased when it looks like an ISO code ("cn" -> "CN")."""
    return value.upper() if len(value) in (2, 3) and value.isascii() and value.isalpha() else value
