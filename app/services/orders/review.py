"""The automatic order review: every enabled rule, every failure at once (DESIGN §2, step 2).

``review(subject, settings)`` returns a list of ``Finding``; an empty list
means the order passes to allocation, anything else sends it to the
exception queue with each message shown next to its field. The rules are
pure functions of the subject and the settings (no database, no clock: "now"
is ``subject.received_at``), fast enough for a 10,000-order import: messages
are only built for failures, regular expressions are compiled once and the
settings are parsed once per settings object (``ReviewSettings.compiled``).

Choices worth knowing:

* An empty email fails the ``email`` rule: the order confirmation goes out by
  email (DESIGN §2 step 1). A shop that takes orders without one switches the
  rule off.
* A phone number with the +86/0086/86 prefix must be a valid Chinese mobile
  number (1[3-9] and nine more digits), also under the "e164" format: the
  courier calls or texts it.
* An empty ``country`` is read as China (the shop's home market) for the
  address and postal-code rules.
* A line whose product is unknown is reported once, by the ``sku`` rule; the
  price and shelf-life rules skip it. Cancelled lines are not reviewed.
* A weighed product without a nominal weight cannot have its unit price
  checked; its price passes (the catalogue has to be fixed, not the order).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from app.i18n import N_, _
from app.services.orders.review_settings import RULE_CODES, CompiledSettings, ReviewSettings, canonical_slot
from app.services.orders.review_types import Finding, ProductFacts, ReviewLine, ReviewSubject
from app.services.orders.slots import cutoff_day, earliest_from_local, local_now

RULES: dict[str, str] = {
    "customer_name": N_("Customer name"),
    "phone": N_("Phone number"),
    "email": N_("Email address"),
    "address": N_("Shipping address"),
    "postal_code": N_("Postal code served"),
    "sku": N_("Known, active products"),
    "quantity": N_("Quantities and number of lines"),
    "price": N_("Prices match the catalogue"),
    "delivery_date": N_("Delivery date feasible"),
    "delivery_slot": N_("Delivery slot offered"),
    "shelf_life": N_("Minimum remaining shelf life"),
    "payment": N_("Payment received"),
    "duplicate": N_("Not a duplicate"),
}
assert tuple(RULES) == RULE_CODES, "RULES and review_settings.RULE_CODES must list the same codes in the same order"


def rule_label(code: str) -> str:
    """The translated label of a rule (the code itself when unknown)."""
    label = RULES.get(code)
    return _(label) if label is not None else code


# -- phone numbers -------------------------------------------------------------------------

#: separators people type inside phone numbers (also full-width ones after NFKC)
_PHONE_SEPARATORS = re.compile(r"[\s\-().\u00a0\u3000\u2010-\u2015]+")
_CN_MOBILE = re.compile(r"(\+86|0086|86)?(1[3-9][0-9]{9})")
_INTERNATIONAL = re.compile(r"\+([1-9][0-9]{7,14})")

#: ITU-T E.164 country codes (assigned or reserved for a territory); codes are prefix-free
_COUNTRY_CODES_1 = frozenset("17")
_COUNTRY_CODES_2 = frozenset(
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 "
    "81 82 84 86 90 91 92 93 94 95 98".split())
_COUNTRY_CODES_3 = frozenset(
    "211 212 213 216 218 290 291 297 298 299 420 421 423 670 800 808 850 852 853 855 856 870 878 880 881 882 883 "
    "886 888 979 998".split()
    + [str(code) for code in (*range(220, 259), *range(260, 270), *range(350, 360), *range(370, 384),
                              385, 386, 387, 389, *range(500, 510), *range(590, 600), *range(672, 693),
                              *range(960, 969), *range(970, 978), *range(992, 997))])


def _valid_country_code(digits: str) -> bool:
    return digits[:1] in _COUNTRY_CODES_1 or digits[:2] in _COUNTRY_CODES_2 or digits[:3] in _COUNTRY_CODES_3


def _phone_canonical(text: str, cn_mobile: bool, e164: bool) -> str | None:
    """``+86`` + 11 digits or ``+`` + digits when ``text`` is a phone number in an accepted format, else None."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)  # full-width digits and plus sign
    compact = text.replace(" ", "").replace("-", "")
    if not (compact.isdigit() or (compact[:1] == "+" and compact[1:].isdigit())):  # else: more separators
        compact = _PHONE_SEPARATORS.sub("", compact)
    match = _CN_MOBILE.fullmatch(compact)
    if match is not None:
        if cn_mobile or (e164 and match[1] in ("+86", "0086")):
            return "+86" + match[2]
        return None
    if not e164:
        return None
    match = _INTERNATIONAL.fullmatch(compact)
    if match is None:
        return None
    digits = match[1]
    if digits.startswith("86") or not _valid_country_code(digits):
        return None  # +86 numbers must be Chinese mobiles (above); unassigned country codes are typos
    return "+" + digits


def normalise_phone(text: str) -> str:
    """The canonical form the intake stores: ``"+8613812345678"``, ``"+4915112345678"``.

    A text that is no phone number in either format comes back stripped, for a person to correct.
    """
    return _phone_canonical(text, True, True) or text.strip()


# -- other patterns ------------------------------------------------------------------------

_HAS_WORD = re.compile(r"[^\W_]")
_EMAIL = re.compile(
    r"(?!\.)(?!.*\.\.)[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}(?<!\.)"
    r"@(?=.{1,253}$)(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,63}")
_CN_POSTAL = re.compile(r"[0-9]{6}")
_OTHER_POSTAL = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]{1,9}")
_ADDRESS_NOISE = re.compile(r"[\W_]+")


def _present(text: str) -> bool:
    return bool(text) and not text.isspace()


def _cents(amount: int) -> str:
    sign = "-" if amount < 0 else ""
    whole, cents = divmod(abs(amount), 100)
    return f"{sign}{whole}.{cents:02d}"


def _percent(bp: int) -> str:
    whole, rest = divmod(bp, 100)
    return f"{whole}.{rest:02d}" if rest else str(whole)


def expected_unit_price(product: ProductFacts) -> int | None:
    """The catalogue price of one unit of sale in cents (weighed: price per kg x nominal weight, half up)."""
    if product.unit == "weighed":
        weight = product.nominal_weight_g
        if not weight or weight <= 0:
            return None
        return (product.price_cents * weight * 2 + 1000) // 2000
    return product.price_cents


def _is_china(country: str) -> bool:
    return country.strip().upper() in ("", "CN", "CHN")


# -- the rules -----------------------------------------------------------------------------
# Each rule appends its findings to ``out``.

class _Context:
    """What several rules need, worked out once per review."""

    __slots__ = ("lines", "local", "today", "wanted")

    def __init__(self, subject: ReviewSubject, settings: ReviewSettings) -> None:
        #: the open (not cancelled) lines
        self.lines: tuple[ReviewLine, ...] = tuple(line for line in subject.lines if not line.cancelled)
        #: the moment the order arrived, in the shop's time zone
        self.local: datetime = local_now(subject.received_at, settings)
        self.today: date = self.local.date()
        value = subject.delivery_date
        self.wanted: date | None = value.date() if isinstance(value, datetime) else value


_Rule = Callable[[ReviewSubject, ReviewSettings, CompiledSettings, _Context, list[Finding]], None]


def _rule_customer_name(s, settings, compiled, ctx, out):
    if not _HAS_WORD.search(s.customer_name):
        out.append(Finding("customer_name", "customer_name",
                           _("The customer's name is missing; enter the name of the person who ordered.")))


def _rule_phone(s, settings, compiled, ctx, out):
    phone = s.phone
    if not _present(phone):
        out.append(Finding("phone", "phone",
                           _("No phone number; the courier needs one. Enter the customer's mobile number.")))
    elif _phone_canonical(phone, compiled.cn_mobile, compiled.e164) is None:
        if compiled.cn_mobile and compiled.e164:
            message = _("\"{phone}\" is not a valid phone number; enter an 11-digit Chinese mobile number "
                        "(e.g. 138 1234 5678) or an international number starting with + and the country code.")
        elif compiled.cn_mobile:
            message = _("\"{phone}\" is not a valid Chinese mobile number; enter 11 digits starting with "
                        "13 to 19, e.g. 138 1234 5678.")
        else:
            message = _("\"{phone}\" is not a valid international phone number; enter + followed by the country "
                        "code and the number, e.g. +86 138 1234 5678.")
        out.append(Finding("phone", "phone", message.format(phone=phone.strip())))


def _rule_email(s, settings, compiled, ctx, out):
    email = s.email.strip()
    if not email:
        out.append(Finding("email", "email",
                           _("No email address; the order confirmation cannot be sent. "
                             "Enter the customer's email address.")))
    elif len(email) > 254 or _EMAIL.fullmatch(email) is None:
        out.append(Finding("email", "email",
                           _("\"{email}\" is not a valid email address; correct it (e.g. name@example.com).").format(
                               email=email)))


def _rule_address(s, settings, compiled, ctx, out):
    if not s.has_address:
        out.append(Finding("address", "address",
                           _("The order has no shipping address; enter the delivery address.")))
        return
    if not _present(s.address_line1):
        out.append(Finding("address", "address",
                           _("The street address is missing; enter the street, building and room.")))
    if _is_china(s.country):
        if not _present(s.city) and not _present(s.province):
            out.append(Finding("address", "address",
                               _("The address has neither a province nor a city; enter at least one of them.")))
    elif not _present(s.city):
        out.append(Finding("address", "address", _("The city is missing from the address; enter it.")))


def _rule_postal_code(s, settings, compiled, ctx, out):
    code = s.postal_code.strip()
    if not code:
        out.append(Finding("postal_code", "postal_code",
                           _("The postal code is missing; enter it so a warehouse can be chosen.")))
        return
    if _is_china(s.country):
        if _CN_POSTAL.fullmatch(code) is None:
            out.append(Finding("postal_code", "postal_code",
                               _("Postal code \"{code}\" is not valid for China (six digits); correct it.").format(
                                   code=code)))
            return
    elif _OTHER_POSTAL.fullmatch(code) is None:
        out.append(Finding("postal_code", "postal_code",
                           _("Postal code \"{code}\" is not readable; correct it.").format(code=code)))
        return
    if s.warehouse_id is None:
        out.append(Finding("postal_code", "postal_code",
                           _("No warehouse delivers to postal code {code}; check the code, or cancel the order "
                             "if the address is outside the delivery area.").format(code=code)))


def _rule_sku(s, settings, compiled, ctx, out):
    for line in ctx.lines:
        product = line.product
        if not line.sku.strip():
            out.append(Finding("sku", f"line:{line.line_no}",
                               _("Line {line} has no SKU; choose the product.").format(line=line.line_no)))
        elif product is None:
            out.append(Finding("sku", f"line:{line.line_no}",
                               _("Unknown SKU \"{sku}\" on line {line}; correct the SKU or choose the product.").format(
                                   sku=line.sku.strip(), line=line.line_no)))
        elif not product.active:
            out.append(Finding("sku", f"line:{line.line_no}",
                               _("{sku} ({name}) on line {line} is no longer sold; replace or cancel the line.").format(
                                   sku=product.sku, name=product.name_en, line=line.line_no)))


def _rule_quantity(s, settings, compiled, ctx, out):
    limit = settings.max_line_quantity
    for line in ctx.lines:
        quantity = line.quantity
        if quantity < 1:
            out.append(Finding("quantity", f"line:{line.line_no}",
                               _("Line {line} has quantity {quantity}; it must be at least 1. Correct the quantity "
                                 "or cancel the line.").format(line=line.line_no, quantity=quantity)))
        elif quantity > limit:
            out.append(Finding("quantity", f"line:{line.line_no}",
                               _("Line {line} asks for {quantity} units, more than the limit of {limit} per line; "
                                 "confirm the quantity with the customer.").format(
                                   line=line.line_no, quantity=quantity, limit=limit)))
    lines = ctx.lines
    if not lines:
        out.append(Finding("quantity", "lines",
                           _("The order has no open lines; add an item or cancel the order.")))
    elif len(lines) > settings.max_lines:
        out.append(Finding("quantity", "lines",
                           _("The order has {count} lines, more than the limit of {limit}; confirm it with the "
                             "customer or split it.").format(count=len(lines), limit=settings.max_lines)))


def _rule_price(s, settings, compiled, ctx, out):
    tolerance = settings.price_tolerance_bp
    for line in ctx.lines:
        charged = line.unit_price_cents
        product = line.product
        if charged is None or product is None:
            continue
        expected = expected_unit_price(product)
        if expected is None:
            continue
        if abs(charged - expected) * 10_000 > expected * tolerance:
            out.append(Finding("price", f"line:{line.line_no}",
                               _("Line {line}: the shop charged {charged} for {sku}, the catalogue price is "
                                 "{expected} (more than {tolerance} % apart); check the price in the shop and "
                                 "the catalogue.").format(line=line.line_no, sku=product.sku, charged=_cents(charged),
                                                         expected=_cents(expected),
                                                         tolerance=_percent(tolerance))))


def _rule_delivery_date(s, settings, compiled, ctx, out):
    wanted = ctx.wanted
    if wanted is None:
        out.append(Finding("delivery_date", "delivery_date", _("No delivery date; choose one.")))
        return
    today = ctx.today
    earliest = earliest_from_local(ctx.local, settings, s.warehouse_code)
    if wanted < today:
        out.append(Finding("delivery_date", "delivery_date",
                           _("Delivery date {date} is in the past; choose {earliest} or later.").format(
                               date=wanted.isoformat(), earliest=earliest.isoformat())))
    elif wanted < earliest:
        out.append(Finding("delivery_date", "delivery_date",
                           _("Too late for delivery on {date}: orders for that day had to arrive before {cutoff} "
                             "on {cutoff_day}. Choose {earliest} or later.").format(
                               date=wanted.isoformat(), cutoff=compiled.cutoff.strftime("%H:%M"),
                               cutoff_day=cutoff_day(wanted, settings, s.warehouse_code).isoformat(),
                               earliest=earliest.isoformat())))
    elif wanted.toordinal() - today.toordinal() > settings.horizon_days:
        latest = today + timedelta(days=settings.horizon_days)
        out.append(Finding("delivery_date", "delivery_date",
                           _("Delivery date {date} is more than {days} days ahead; choose {latest} or earlier, "
                             "or hold the order until the date comes within reach.").format(
                               date=wanted.isoformat(), days=settings.horizon_days, latest=latest.isoformat())))


def _rule_delivery_slot(s, settings, compiled, ctx, out):
    slot = s.delivery_slot
    slots = compiled.slots
    if slot in slots:
        canonical = slot
    elif not _present(slot):
        out.append(Finding("delivery_slot", "delivery_slot",
                           _("No delivery slot; choose one of {slots}.").format(
                               slots=", ".join(compiled.slots_by_start))))
        return
    else:
        canonical = canonical_slot(slot)
        if canonical not in slots:
            out.append(Finding("delivery_slot", "delivery_slot",
                               _("Delivery slot \"{slot}\" is not offered; choose one of {slots}.").format(
                                   slot=slot.strip(), slots=", ".join(compiled.slots_by_start))))
            return
    wanted = ctx.wanted
    if wanted is not None and wanted == ctx.today and slots[canonical][0] <= ctx.local.time():
        out.append(Finding("delivery_slot", "delivery_slot",
                           _("Delivery slot {slot} on {date} had already begun when the order arrived; choose a "
                             "later slot or date.").format(slot=canonical, date=wanted.isoformat())))


def _rule_shelf_life(s, settings, compiled, ctx, out):
    wanted = ctx.wanted
    if wanted is None:
        return  # the delivery_date rule reports it
    wanted_day = wanted.toordinal()
    for line in ctx.lines:
        product = line.product
        if product is None or product.latest_expiry is None:
            continue
        days = product.min_remaining_shelf_life_days
        if product.latest_expiry.toordinal() - wanted_day < days:
            out.append(Finding("shelf_life", f"line:{line.line_no}",
                               _("No lot of {sku} will still have {days} days of shelf life on {date}; choose an "
                                 "earlier delivery date or wait for fresh stock.").format(
                                   sku=product.sku, days=days, date=wanted.isoformat())))


def _rule_payment(s, settings, compiled, ctx, out):
    if not settings.require_paid:
        return
    status = s.payment_status.strip()
    if status and status.casefold() != "paid":
        out.append(Finding("payment", "payment_status",
                           _("The shop reports the payment as \"{status}\", not paid; wait for the payment, or "
                             "hold or cancel the order.").format(status=status)))


def _rule_duplicate(s, settings, compiled, ctx, out):
    if s.duplicate_of:
        out.append(Finding("duplicate", "order",
                           _("Looks like a duplicate of order {number} (same customer, address and items within "
                             "{hours} hours); cancel one of them or approve if the customer ordered twice.").format(
                               number=s.duplicate_of, hours=settings.duplicate_window_hours)))


_RULE_FUNCTIONS: tuple[tuple[str, _Rule], ...] = (
    ("customer_name", _rule_customer_name),
    ("phone", _rule_phone),
    ("email", _rule_email),
    ("address", _rule_address),
    ("postal_code", _rule_postal_code),
    ("sku", _rule_sku),
    ("quantity", _rule_quantity),
    ("price", _rule_price),
    ("delivery_date", _rule_delivery_date),
    ("delivery_slot", _rule_delivery_slot),
    ("shelf_life", _rule_shelf_life),
    ("payment", _rule_payment),
    ("duplicate", _rule_duplicate),
)
assert tuple(code for code, _fn in _RULE_FUNCTIONS) == RULE_CODES
#: the rule functions to run, by the set of rules switched off
_ENABLED_RULES: dict[frozenset[str], tuple[_Rule, ...]] = {}


def review(subject: ReviewSubject, settings: ReviewSettings) -> list[Finding]:
    """Run every enabled rule and return every failure, in rule order (empty: the order passes)."""
    compiled = settings.compiled
    rules = _ENABLED_RULES.get(compiled.disabled)
    if rules is None:
        rules = _ENABLED_RULES[compiled.disabled] = tuple(
            rule for code, rule in _RULE_FUNCTIONS if code not in compiled.disabled)
    ctx = _Context(subject, settings)
    out: list[Finding] = []
    for rule in rules:
        rule(subject, settings, compiled, ctx, out)
    return out


# -- duplicates ----------------------------------------------------------------------------

def _phone_key(phone: str) -> str:
    canonical = _phone_canonical(phone, True, True)
    if canonical is not None:
        return canonical[3:] if canonical.startswith("+86") else canonical[1:]
    return "".join(ch for ch in phone if ch.isdigit())


def fingerprint(phone: str, postal_code: str, address_line1: str, items: Iterable[tuple[str, int]]) -> str:
    """40-hex SHA-1 of the normalised phone, postal code, street line and items.

    Phone: its digits without the country prefix; postal code without spaces;
    street casefolded without whitespace or punctuation; items summed per SKU
    (SKU stripped and upper-cased) and sorted. The same order typed twice with
    different spacing or line order gets the same fingerprint.
    """
    totals: dict[str, int] = {}
    for sku, quantity in items:
        key = sku.strip().upper()
        totals[key] = totals.get(key, 0) + int(quantity)
    postal = "".join(postal_code.split()).casefold()
    street = _ADDRESS_NOISE.sub("", unicodedata.normalize("NFKC", address_line1).casefold())
    parts = [_phone_key(phone), postal, street, *(f"{sku}*{qty}" for sku, qty in sorted(totals.items()))]
    return hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
