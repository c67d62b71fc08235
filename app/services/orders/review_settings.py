"""The business settings of the automatic order review (stored as JSON in ``shared_settings``).

``ReviewSettings`` is immutable in spirit: build a new one (``from_json``,
``dataclasses.replace``) rather than mutating its dicts, because the values the
review needs on every order (time zone, cut-off time, canonical slots, the
rules switched off) are parsed once per settings object and kept (``compiled``).

``from_json`` is tolerant: an unknown key is ignored and a value of the wrong
type or out of range falls back to its default, so a damaged settings row
never stops the intake. ``validate`` is strict and is what a settings form
calls before saving.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import time, timezone, tzinfo
from functools import cached_property
from zoneinfo import ZoneInfo

from app.errors import ValidationError
from app.i18n import _

#: every rule code, in display order (labels: ``app.services.orders.review.RULES``)
RULE_CODES: tuple[str, ...] = (
    "customer_name", "phone", "email", "address", "postal_code", "sku", "quantity", "price",
    "delivery_date", "delivery_slot", "shelf_life", "payment", "duplicate",
)
PHONE_FORMATS: tuple[str, ...] = ("cn_mobile", "e164")

DEFAULT_TIMEZONE = "Asia/Shanghai"
DEFAULT_CUTOFF = "22:00"
DEFAULT_SLOTS: tuple[str, ...] = ("09:00-12:00", "14:00-18:00", "18:00-21:00")

#: inclusive (min, max) of every integer setting; ``validate`` enforces them, ``from_json`` falls back outside them
INT_LIMITS: dict[str, tuple[int, int]] = {
    "max_line_quantity": (1, 100_000),
    "max_lines": (1, 10_000),
    "price_tolerance_bp": (0, 10_000),      # 0 .. 100.00 %
    "lead_days": (0, 60),
    "horizon_days": (0, 366),
    "duplicate_window_hours": (0, 24 * 31),
}

_HHMM = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})\s*")
_SLOT = re.compile(r"\s*([0-9]{1,2}):([0-9]{2})\s*[-\u2013\u2014~\uff5e\u81f3]\s*([0-9]{1,2}):([0-9]{2})\s*")


def parse_hhmm(text: object) -> time | None:
    """``"9:30"`` / ``"09:30"`` -> ``time(9, 30)``; None for anything else (including "24:00")."""
    if not isinstance(text, str):
        return None
    match = _HHMM.fullmatch(text)
    if match is None:
        return None
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_slot(text: object) -> tuple[time, time] | None:
    """``"09:00-12:00"`` (also ``"9:00 - 12:00"``, en dash, ``~``) -> (start, end); None when unreadable or empty."""
    if not isinstance(text, str):
        return None
    match = _SLOT.fullmatch(text)
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        return None
    start = time(h1, m1)
    end = time.max if h2 == 24 else time(h2, m2)
    if end <= start:
        return None
    return start, end


def canonical_slot(text: object) -> str | None:
    """The slot in the form the settings store (``"09:00-12:00"``); None when ``text`` is not a slot."""
    parsed = parse_slot(text)
    if parsed is None:
        return None
    match = _SLOT.fullmatch(text)  # type: ignore[arg-type]
    assert match is not None
    return f"{int(match[1]):02d}:{match[2]}-{int(match[3]):02d}:{match[4]}"


def load_zone(name: object) -> tzinfo | None:
    if not isinstance(name, str) or not name.strip():
        return None
    try:
        return ZoneInfo(name.strip())
    except (ValueError, OSError, KeyError):  # ZoneInfoNotFoundError is a KeyError; bad paths are ValueError
        return None


def _default_enabled() -> dict[str, bool]:
    return {code: True for code in RULE_CODES}


@dataclass(frozen=True)
class CompiledSettings:
    """What the review needs on every order, parsed once per settings object."""

    zone: tzinfo
    cutoff: time
    #: canonical slot text -> (start, end)
    slots: dict[str, tuple[time, time]]
    #: canonical slots ordered by start time
    slots_by_start: tuple[str, ...]
    cn_mobile: bool
    e164: bool
    #: rule codes switched off
    disabled: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ReviewSettings:
    #: rule code -> on/off; a code missing here is on
    enabled: dict[str, bool] = field(default_factory=_default_enabled)
    #: the cut-off and "today" are judged in this zone
    timezone: str = DEFAULT_TIMEZONE
    #: accepted phone formats: "cn_mobile" (11-digit Chinese mobile, optional +86/0086/86), "e164" (+ and 8-15 digits)
    phone_formats: tuple[str, ...] = PHONE_FORMATS
    #: most units of sale on one line
    max_line_quantity: int = 50
    #: most open lines on one order
    max_lines: int = 60
    #: how far the channel's unit price may be from the catalogue's, in basis points (500 = 5.00 %)
    price_tolerance_bp: int = 500
    #: an order for day D must arrive before this local time on D - lead days
    cutoff_time: str = DEFAULT_CUTOFF
    #: days between the cut-off day and the delivery day
    lead_days: int = 1
    #: warehouse code -> lead days (overrides ``lead_days``)
    lead_days_by_warehouse: dict[str, int] = field(default_factory=dict)
    #: the latest delivery date is today + horizon
    horizon_days: int = 14
    #: the delivery slots offered, "HH:MM-HH:MM"
    slots: tuple[str, ...] = DEFAULT_SLOTS
    #: when a channel states a payment status, it must be "paid"
    require_paid: bool = True
    #: an earlier order with the same fingerprint inside this window is a duplicate suspect
    duplicate_window_hours: int = 24

    # -- derived ------------------------------------------------------------------------

    def is_enabled(self, code: str) -> bool:
        return self.enabled.get(code, True) is not False

    def lead_days_for(self, warehouse_code: str = "") -> int:
        if warehouse_code:
            return self.lead_days_by_warehouse.get(warehouse_code, self.lead_days)
        return self.lead_days

    @cached_property
    def compiled(self) -> CompiledSettings:
        """Parsed zone, cut-off and slots; unreadable values fall back to the defaults (``validate`` reports them)."""
        zone = load_zone(self.timezone) or load_zone(DEFAULT_TIMEZONE) or timezone.utc
        cutoff = parse_hhmm(self.cutoff_time) or time(22, 0)
        slots: dict[str, tuple[time, time]] = {}
        for text in self.slots:
            canonical = canonical_slot(text)
            if canonical is not None:
                slots.setdefault(canonical, parse_slot(canonical))  # type: ignore[arg-type]
        by_start = tuple(sorted(slots, key=lambda s: slots[s]))
        formats = set(self.phone_formats) if not isinstance(self.phone_formats, str) else {self.phone_formats}
        disabled = frozenset(code for code in RULE_CODES if not self.is_enabled(code))
        return CompiledSettings(zone=zone, cutoff=cutoff, slots=slots, slots_by_start=by_start,
                                cn_mobile="cn_mobile" in formats, e164="e164" in formats, disabled=disabled)

    # -- JSON -------------------------------------------------------------------------

    @classmethod
    def from_json(cls, data: dict | None) -> ReviewSettings:
        """Settings from their stored JSON; unknown keys are ignored, bad values replaced by defaults."""
        if not isinstance(data, dict):
            return cls()
        defaults = cls()
        values: dict = {}

        enabled = _default_enabled()
        raw_enabled = data.get("enabled")
        if isinstance(raw_enabled, dict):
            for code in RULE_CODES:
                if isinstance(raw_enabled.get(code), bool):
                    enabled[code] = raw_enabled[code]
        values["enabled"] = enabled

        if load_zone(data.get("timezone")) is not None:
            values["timezone"] = data["timezone"].strip()

        formats = data.get("phone_formats")
        if isinstance(formats, str):
            formats = [formats]
        if isinstance(formats, (list, tuple)):
            known = tuple(dict.fromkeys(f for f in formats if isinstance(f, str) and f in PHONE_FORMATS))
            if known:
                values["phone_formats"] = known

        for name in INT_LIMITS:
            number = _int_in_range(data.get(name), name)
            if number is not None:
                values[name] = number

        cutoff = parse_hhmm(data.get("cutoff_time"))
        if cutoff is not None:
            values["cutoff_time"] = cutoff.strftime("%H:%M")

        by_warehouse = data.get("lead_days_by_warehouse")
        if isinstance(by_warehouse, dict):
            values["lead_days_by_warehouse"] = {
                code.strip(): days for code, days in
                ((c, _int_in_range(v, "lead_days")) for c, v in by_warehouse.items())
                if isinstance(code, str) and code.strip() and days is not None}

        slots = data.get("slots")
        if isinstance(slots, (list, tuple)):
            canonical = tuple(dict.fromkeys(c for c in map(canonical_slot, slots) if c is not None))
            if canonical:
                values["slots"] = canonical

        if isinstance(data.get("require_paid"), bool):
            values["require_paid"] = data["require_paid"]

        settings = cls(**values)
        # a horizon shorter than a lead time would refuse every order: keep the default horizon instead
        if settings.horizon_days < max([settings.lead_days, *settings.lead_days_by_warehouse.values()]):
            settings = cls(**{**values, "horizon_days": max(defaults.horizon_days, settings.lead_days,
                                                            *settings.lead_days_by_warehouse.values())})
        return settings

    def to_json(self) -> dict:
        return {
            "enabled": {code: self.is_enabled(code) for code in RULE_CODES},
            "timezone": self.timezone,
            "phone_formats": list(self.phone_formats),
            "max_line_quantity": self.max_line_quantity,
            "max_lines": self.max_lines,
            "price_tolerance_bp": self.price_tolerance_bp,
            "cutoff_time": self.cutoff_time,
            "lead_days": self.lead_days,
            "lead_days_by_warehouse": dict(self.lead_days_by_warehouse),
            "horizon_days": self.horizon_days,
            "slots": list(self.slots),
            "require_paid": self.require_paid,
            "duplicate_window_hours": self.duplicate_window_hours,
        }

    # -- validation ---------------------------------------------------------------------

    def validate(self) -> None:
        """Raise ``ValidationError(message, field)`` for the first nonsensical value."""
        if not isinstance(self.enabled, dict):
            raise ValidationError(_("The rule switches are not readable; reset the review settings."), "enabled")
        for code, on in self.enabled.items():
            if code not in RULE_CODES:
                raise ValidationError(_("Unknown review rule \"{code}\"; remove it from the settings.").format(
                    code=code), "enabled")
            if not isinstance(on, bool):
                raise ValidationError(_("Review rule \"{code}\" must be switched on or off.").format(code=code),
                                      "enabled")

        if load_zone(self.timezone) is None:
            raise ValidationError(_("Unknown time zone \"{zone}\"; use a name like Asia/Shanghai.").format(
                zone=self.timezone), "timezone")

        formats = self.phone_formats
        if isinstance(formats, str) or not formats:
            raise ValidationError(_("Accept at least one phone number format."), "phone_formats")
        for item in formats:
            if item not in PHONE_FORMATS:
                raise ValidationError(_("Unknown phone number format \"{format}\"; use {known}.").format(
                    format=item, known=", ".join(PHONE_FORMATS)), "phone_formats")

        for name, (low, high) in INT_LIMITS.items():
            value = getattr(self, name)
            if not _is_int(value) or not low <= value <= high:
                raise ValidationError(_("{setting} must be a whole number from {low} to {high}.").format(
                    setting=name, low=low, high=high), name)

        if parse_hhmm(self.cutoff_time) is None:
            raise ValidationError(_("Cut-off time \"{value}\" is not a time of day; write it as HH:MM, "
                                    "e.g. 22:00.").format(value=self.cutoff_time), "cutoff_time")

        if not isinstance(self.lead_days_by_warehouse, dict):
            raise ValidationError(_("The lead days per warehouse are not readable; reset them."),
                                  "lead_days_by_warehouse")
        low, high = INT_LIMITS["lead_days"]
        for code, days in self.lead_days_by_warehouse.items():
            if not isinstance(code, str) or not code.strip():
                raise ValidationError(_("Lead days need a warehouse code."), "lead_days_by_warehouse")
            if not _is_int(days) or not low <= days <= high:
                raise ValidationError(_("Lead days for warehouse {code} must be a whole number from {low} to "
                                        "{high}.").format(code=code, low=low, high=high), "lead_days_by_warehouse")
        longest = max([self.lead_days, *self.lead_days_by_warehouse.values()])
        if self.horizon_days < longest:
            raise ValidationError(_("The booking horizon ({horizon} days) is shorter than the lead time ({lead} "
                                    "days), so no delivery date would be possible; lengthen the horizon.").format(
                horizon=self.horizon_days, lead=longest), "horizon_days")

        if isinstance(self.slots, str) or not self.slots:
            raise ValidationError(_("Offer at least one delivery slot."), "slots")
        seen: set[str] = set()
        for text in self.slots:
            canonical = canonical_slot(text)
            if canonical is None:
                raise ValidationError(_("Delivery slot \"{slot}\" is not readable; write it as HH:MM-HH:MM with the "
                                        "end after the start, e.g. 09:00-12:00.").format(slot=text), "slots")
            if canonical in seen:
                raise ValidationError(_("Delivery slot {slot} is listed twice.").format(slot=canonical), "slots")
            seen.add(canonical)

        if not isinstance(self.require_paid, bool):
            raise ValidationError(_("\"Require payment\" must be switched on or off."), "require_paid")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_in_range(value: object, name: str) -> int | None:
    """``value`` as an int when it is one (or an integral float/str) inside the setting's limits, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 12:
            return None
        value = int(text)
    if not isinstance(value, int):
        return None
    low, high = INT_LIMITS[name]
    return value if low <= value <= high else None
