"""Turn untrusted JSON into an `Order`, or a list of every problem in shopper's words.

Each problem is one line, `path: message`, where the path names the field the way the JSON
(and the widget's form) does, e.g. `items[1].unit_price`, and the message says what to fix.
Nothing here raises anything but `ValidationError`, whatever the input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from typing import Any, cast

from .model import (
    DELIVERY_STATUSES,
    DISPUTE_STATUSES,
    OFFER_KINDS,
    DeliveryStatus,
    DisputeStatus,
    Item,
    OfferKind,
    Order,
    OrderDates,
    Problem,
    SellerOffer,
)
from .money import MINOR_UNITS, decimal_places, quantize
from .policy import GRADED_KINDS, PROBLEM_KINDS, SEVERITIES, SHARE_KINDS, load_policy

MAX_INPUT_BYTES = 256 * 1024
MAX_ITEMS = 100
MAX_NAME_LENGTH = 200
MAX_QUANTITY = 10_000
MAX_AMOUNT = Decimal(1_000_000)  # in the currency's major unit
MAX_DEPTH = 32  # a real order nests 4 levels deep: {"items": [{"problem": {...}}]}
# Longest number or amount text read: far more than any price, and short enough that no
# conversion of it can take time (Python's int() of a long digit string is quadratic).
MAX_NUMBER_CHARS = 40
ORDER_NUMBER_LENGTH = (6, 24)
# A missing share is a shopper's estimate. Ten decimals keep every share a shopper could type
# (a third as 0.3333333333; links made by the first widget had no limit), and the bound refuses
# 1e-1000000, which would be accepted and shown as "0%".
MAX_SHARE_DECIMALS = 10
# Every date must lie in this span, so no date arithmetic (deadlines, business days, a
# chargeback's 540 days) can leave the calendar. AliExpress was founded in 2010.
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)

ORDER_FIELDS = (
    "currency", "as_of", "payment_method", "items", "shipping", "discount", "tax", "dates",
    "seller_offer", "order_number", "delivery_status", "dispute_status", "return_postage",
)  # fmt: skip
ITEM_FIELDS = ("name", "unit_price", "quantity", "keep", "problem", "usable")
OFFER_FIELDS = ("kind", "amount")
# Delivery statuses that say the parcel never reached the shopper, so no delivery date fits.
NEVER_DELIVERED = (
    "not_shipped", "in_transit", "returned_to_seller", "held_at_customs", "no_tracking_update",
)  # fmt: skip
PROBLEM_FIELDS = ("kind", "severity", "units", "share")
DATE_FIELDS = tuple(OrderDates.__dataclass_fields__)
# Dates that describe something that has already happened, so they cannot be after as_of.
PAST_DATES = (
    "ordered", "shipped", "delivered", "confirmed", "dispute_opened", "return_agreed",
    "refund_issued",
)  # fmt: skip
# (later, earlier): the first date cannot come before the second.
DATE_ORDER = (
    ("shipped", "ordered"),
    ("promised_delivery", "ordered"),
    ("delivered", "shipped"),
    ("delivered", "ordered"),
    ("confirmed", "delivered"),
    ("confirmed", "ordered"),
    ("protection_ends", "ordered"),
    ("dispute_opened", "ordered"),
    ("return_agreed", "dispute_opened"),
    ("refund_issued", "dispute_opened"),
)
_PLAIN_AMOUNT = re.compile(r"[0-9]+(\.[0-9]+)?")  # ASCII digits only: [0-9], not \d
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ORDER_NUMBER = re.compile(r"[0-9]+")
_JSON_STRUCTURE = re.compile(r'[\[\]{}"\\]')
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
SHOWN_AS_IS = " _-."  # besides letters and digits, in an unknown field's shown name
_SURROGATE = re.compile("[\ud800-\udfff]")
BOM = "\ufeff"


class ValidationError(ValueError):
    """The input cannot be estimated; `problems` lists every reason as `path: message`."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _NumberTooLong(ValueError):
    """A JSON number with more characters than any order needs."""


def _reject_constant(name: str) -> None:
    # parse_json answers "is not valid JSON" for any ValueError: this text is never shown.
    raise ValueError(f"{name} is not a number")  # pragma: no mutate


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text)  # pragma: no mutate (parse_json never shows the text)
    return int(text)


def _bounded_decimal(text: str) -> Decimal:
    # Decimal("1e1000000") itself is instant; every later use compares before converting.
    if len(text) > MAX_NUMBER_CHARS:
        raise _NumberTooLong(text)  # pragma: no mutate (parse_json never shows the text)
    return Decimal(text)


def shown_key(key: str) -> str:
    """An unknown field's name as it may appear in a `path: message` line.

    A plain name shows as it is; anything else in quotes, with every character that is not a
    letter, digit, space or `_-.` escaped, so a key can never add a line, a `: ` or a lone
    surrogate to the problems (which are printed one per line and split at the first `: `).
    """
    if _PLAIN_KEY.fullmatch(key):
        return key
    shown = "".join(
        char
        if (char.isalnum() and char.isprintable()) or char in SHOWN_AS_IS
        else f"\\u{ord(char):04x}"
        for char in key[:40]
    )
    return f'"{shown}{"..." if len(key) > 40 else ""}"'


def _nesting_depth(text: str) -> int:
    """How deeply arrays and objects nest (counted up to one past MAX_DEPTH), ignoring
    brackets inside strings, in one linear pass."""
    depth = deepest = 0
    # Only ever tested for truth: None would do as well as False, here and below.
    in_string = False  # pragma: no mutate
    # The position of a character escaped by a backslash inside a string; at first none (any
    # value below 0 will do, so mutation testing cannot tell -1 from -2 or None).
    escaped_at = -1  # pragma: no mutate
    for token in _JSON_STRUCTURE.finditer(text):
        char, position = token.group(), token.start()
        if position == escaped_at:
            continue
        if in_string:
            if char == "\\":
                escaped_at = position + 1
            elif char == '"':
                in_string = False  # pragma: no mutate
        elif char == '"':
            in_string = True
        elif char in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break  # deep enough to refuse: no need to read the rest
        elif char in ("]", "}"):
            depth -= 1
    return deepest


def parse_json(text: str | bytes) -> Any:
    """Parse JSON with numbers as `Decimal` (never float); size and syntax errors as problems."""
    raw = text.encode(errors="surrogatepass") if isinstance(text, str) else text  # UTF-8
    if len(raw) > MAX_INPUT_BYTES:
        raise ValidationError([f"input: is larger than {MAX_INPUT_BYTES // 1024} KiB"])
    try:
        decoded = text if isinstance(text, str) else raw.decode()  # UTF-8
    except UnicodeDecodeError:
        raise ValidationError(["input: is not valid JSON (it is not UTF-8 text)"]) from None
    # Windows editors start UTF-8 files with a byte order mark; it is not part of the JSON.
    decoded = decoded.removeprefix(BOM)
    # Deep nesting must be refused before json.loads: in Pyodide the C scanner exhausts the
    # JavaScript stack (a fatal crash) before Python could raise RecursionError. Counting
    # brackets first keeps the common case, a real order, to one fast pass.
    if (
        # A cheap bound first: MAX_DEPTH brackets or fewer cannot nest deeper than MAX_DEPTH,
        # so `>` and `>=` cannot be told apart on this line.
        decoded.count("[") + decoded.count("{") > MAX_DEPTH  # pragma: no mutate
        and _nesting_depth(decoded) > MAX_DEPTH
    ):
        raise ValidationError(["input: is nested too deeply to be an order"])
    try:
        return json.loads(
            decoded,
            parse_float=_bounded_decimal,
            parse_int=_bounded_int,
            parse_constant=_reject_constant,
        )
    except _NumberTooLong:
        raise ValidationError(
            [f"input: has a number longer than {MAX_NUMBER_CHARS} characters"]
        ) from None
    except ValueError as error:
        where = ""
        if isinstance(error, json.JSONDecodeError):
            where = f" at line {error.lineno}, column {error.colno}"
        raise ValidationError([f"input: is not valid JSON{where}"]) from None


class _Reader:
    """Collects every problem instead of stopping at the first, so a form shows them all."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(f"{path}: {message}")

    def fields(self, value: Any, path: str, allowed: tuple[str, ...]) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, "must be an object with named fields")
            return None
        for key in value:
            if key not in allowed:
                name = shown_key(str(key))  # a Python caller's key may be any type
                self.fail(f"{path}.{name}" if path != "input" else name, "is not a known field")
        return value

    def text(self, value: Any, path: str) -> bool:
        """False (and a problem) for text that cannot be printed: a lone UTF-16 surrogate."""
        if _SURROGATE.search(value):
            self.fail(path, "contains a broken character (a lone surrogate); type it again")
            # The problem is recorded either way, and any problem refuses the whole order.
            return False  # pragma: no mutate
        return True

    def choice(self, value: Any, path: str, options: tuple[str, ...]) -> str | None:
        if isinstance(value, str) and value in options:
            return value
        self.fail(path, f"must be one of: {', '.join(options)}")
        return None

    def whole_number(self, value: Any, path: str, low: int, high: int) -> int | None:
        number: int | None = None
        if type(value) is int:
            number = value
        elif isinstance(value, Decimal) and value.is_finite() and low <= value <= high:
            # Compared before converting: int(Decimal("1e1000000")) would take minutes.
            if value == value.to_integral_value():
                number = int(value)
        elif isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
            number = int(value.strip())  # ASCII digits only: "²".isdigit() is True
        if number is None or not low <= number <= high:
            self.fail(path, f"must be a whole number from {low} to {high:,}")
            return None
        return number

    def amount(
        self, value: Any, path: str, currency: str | None, *, above_zero: bool = False
    ) -> Decimal | None:
        # `currency` is a valid code or None (its own problem is reported): 2 decimals then.
        decimals = 2 if currency is None else MINOR_UNITS[currency]
        example = f'"{Decimal("12.5"):.{decimals}f}"' if decimals else '"1250"'
        kind = "above zero" if above_zero else "of zero or more"
        amount: Decimal | None = None
        if (
            isinstance(value, str)
            and len(value) <= MAX_NUMBER_CHARS
            and _PLAIN_AMOUNT.fullmatch(value.strip())
        ):
            amount = Decimal(value.strip())
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            amount = Decimal(value)
        if amount is not None and amount.is_zero():
            amount = Decimal(0)  # JSON's -0.0 would otherwise print as "-0.00"
        if isinstance(value, str) and "," in value:
            self.fail(path, f"use a dot for decimals and no thousands separator, like {example}")
            return None
        if amount is None or not amount.is_finite() or amount < 0 or (above_zero and amount == 0):
            self.fail(path, f"must be an amount {kind}, like {example}")
            return None
        if amount > MAX_AMOUNT:
            self.fail(path, f"must be at most {MAX_AMOUNT:,} (check for a typing mistake)")
            return None
        if currency not in MINOR_UNITS:
            return amount  # the currency's own problem is reported; decimals wait for it
        if decimal_places(amount) > decimals:
            # Every amount, whatever its form: 31 decimals is as wrong as 0.001 for USD.
            places = f"{decimals} decimals" if decimals else "no decimals"
            self.fail(path, f"{currency} amounts have {places}, like {example}")
            return None
        return quantize(amount, currency)  # exact here; "1E+1" becomes "10.00"

    def date(self, value: Any, path: str) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, str) and ISO_DATE.fullmatch(value.strip()):
            try:
                date = dt.date.fromisoformat(value.strip())
            except ValueError:
                self.fail(path, "is not a real date (check the day and month), like 2026-11-26")
                return None
            if EARLIEST_DATE <= date <= LATEST_DATE:
                return date
            self.fail(
                path,
                f"must be between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()} "
                "(check the year)",
            )
            return None
        self.fail(path, "must be a date written YYYY-MM-DD, like 2026-11-26")
        return None


def _problem(reader: _Reader, value: Any, path: str, quantity: int | None) -> Problem | None:
    fields = reader.fields(value, path, PROBLEM_FIELDS)
    if fields is None:
        return None
    kind = reader.choice(fields.get("kind"), f"{path}.kind", PROBLEM_KINDS)
    severity = fields.get("severity")
    if kind in GRADED_KINDS:
        severity = reader.choice(severity, f"{path}.severity", SEVERITIES)
    elif severity is not None and severity not in SEVERITIES:
        reader.fail(f"{path}.severity", f"must be one of: {', '.join(SEVERITIES)}, or null")
    else:
        # One-level kinds have no severity; a stray one from a form is ignored. It is only ever
        # tested for truth from here on, so "" would do as well as None.
        severity = None  # pragma: no mutate
    units = quantity
    if fields.get("units") is not None:
        units = reader.whole_number(fields["units"], f"{path}.units", 1, quantity or MAX_QUANTITY)
    share: Decimal | None = None
    if fields.get("share") is not None:
        if kind not in SHARE_KINDS:
            # One kind takes a share, so the separator is never printed.
            only = ", ".join(SHARE_KINDS)  # pragma: no mutate
            reader.fail(f"{path}.share", f"is only used for kind {only}")
        else:
            share = _share(reader, fields["share"], f"{path}.share")
    # Each None below comes with its problem recorded, and any problem refuses the whole
    # order: this only keeps a half-read problem from being built, so no mutation of the
    # condition can be told apart.
    no_severity = kind in GRADED_KINDS and severity is None  # pragma: no mutate
    if kind is None or units is None or no_severity:  # pragma: no mutate
        return None
    return Problem(kind, severity, units, share)


def _share(reader: _Reader, value: Any, path: str) -> Decimal | None:
    share = value
    if isinstance(value, str):
        text = value.strip()
        plain = len(text) <= MAX_NUMBER_CHARS and _PLAIN_AMOUNT.fullmatch(text)
        share = Decimal(text) if plain else None
    if isinstance(share, int | Decimal) and not isinstance(share, bool):
        share = Decimal(share)
        if share.is_finite() and 0 < share <= 1:
            if decimal_places(share) <= MAX_SHARE_DECIMALS:
                return share
            reader.fail(
                path,
                f'must have at most {MAX_SHARE_DECIMALS} decimals, like "0.25"',
            )
            return None
    reader.fail(path, 'must be the missing share of the value, above 0 and at most 1, like "0.25"')
    return None


def _item(reader: _Reader, value: Any, path: str, currency: str | None) -> Item | None:
    fields = reader.fields(value, path, ITEM_FIELDS)
    if fields is None:
        return None
    name = fields.get("name")
    # After a recorded problem the order is refused whatever is kept: the None set after one
    # (here and for `usable`) could be "" as well, and mutation testing cannot tell them apart.
    if not isinstance(name, str) or not name.strip():
        reader.fail(f"{path}.name", "must be the item's name, as the order page shows it")
        name = None  # pragma: no mutate
    elif len(name.strip()) > MAX_NAME_LENGTH:
        reader.fail(f"{path}.name", f"must be at most {MAX_NAME_LENGTH} characters")
        name = None  # pragma: no mutate
    elif not reader.text(name, f"{path}.name"):
        name = None  # pragma: no mutate
    price = reader.amount(fields.get("unit_price"), f"{path}.unit_price", currency, above_zero=True)
    quantity = reader.whole_number(fields.get("quantity", 1), f"{path}.quantity", 1, MAX_QUANTITY)
    keep = fields.get("keep", True)
    if not isinstance(keep, bool):
        reader.fail(f"{path}.keep", "must be true (you keep the item) or false (you return it)")
    usable = fields.get("usable")
    if usable is not None and not isinstance(usable, bool):
        reader.fail(
            f"{path}.usable",
            "must be true (you can use it as intended), false (you cannot), or empty",
        )
        usable = None  # pragma: no mutate
    problem = None
    if fields.get("problem") is not None:
        problem = _problem(reader, fields["problem"], f"{path}.problem", quantity)
        if problem is None:
            return None
    if name is None or price is None or quantity is None or not isinstance(keep, bool):
        return None
    return Item(name.strip(), price, quantity, keep, problem, usable)


def _dates(reader: _Reader, value: Any, as_of: dt.date | None) -> OrderDates:
    fields = reader.fields({} if value is None else value, "dates", DATE_FIELDS) or {}
    parsed = {name: reader.date(fields.get(name), f"dates.{name}") for name in DATE_FIELDS}
    for later, earlier in DATE_ORDER:
        later_date, earlier_date = parsed[later], parsed[earlier]
        if later_date and earlier_date and later_date < earlier_date:
            reader.fail(
                f"dates.{later}",
                f"cannot be before dates.{earlier} ({earlier_date.isoformat()})",
            )
    if as_of is not None:
        for name in PAST_DATES:
            happened = parsed[name]
            if happened is not None and happened > as_of:
                reader.fail(f"dates.{name}", f"cannot be after as_of ({as_of.isoformat()})")
    return OrderDates(**parsed)


def _order_number(reader: _Reader, value: Any) -> str | None:
    low, high = ORDER_NUMBER_LENGTH
    if value is None:
        return None
    # Anything but text fails below, whether it stands for "" or other letters.
    text = value.strip() if isinstance(value, str) else ""  # pragma: no mutate
    if low <= len(text) <= high and _ORDER_NUMBER.fullmatch(text):
        return text
    reader.fail(
        "order_number",
        f"must be the order number from the order page: {low} to {high} digits, as text",
    )
    return None


def _seller_offer(reader: _Reader, value: Any, currency: str | None) -> SellerOffer | None:
    """An amount (cash, as in v1) or `{"kind", "amount"}`."""
    if not isinstance(value, dict):
        amount = reader.amount(value, "seller_offer", currency)
        # A None amount comes with a problem, and any problem refuses the whole order: what is
        # returned then is never used (here and at the end), and `cast` does nothing at run time.
        return None if amount is None else SellerOffer("cash", amount)  # pragma: no mutate
    fields = reader.fields(value, "seller_offer", OFFER_FIELDS) or {}
    kind = reader.choice(fields.get("kind"), "seller_offer.kind", OFFER_KINDS)
    raw = fields.get("amount")
    if kind == "resend":
        if raw is not None:
            reader.fail("seller_offer.amount", "is not used for a resend; leave it empty")
            return None
        return SellerOffer("resend", None)
    if kind is None:
        return None
    if raw is None:
        reader.fail("seller_offer.amount", f"is needed for kind {kind}: the amount offered")
        return None
    amount = reader.amount(raw, "seller_offer.amount", currency)
    offer_kind = cast(OfferKind, kind)  # pragma: no mutate (see above)
    return None if amount is None else SellerOffer(offer_kind, amount)  # pragma: no mutate


def _statuses(
    reader: _Reader, fields: dict[str, Any], dates: OrderDates
) -> tuple[DeliveryStatus | None, DisputeStatus]:
    """The delivery and dispute status, with the defaults v1 orders (which have neither) imply."""
    delivery: DeliveryStatus | None = "received" if dates.delivered else None
    if fields.get("delivery_status") is not None:
        chosen = reader.choice(fields["delivery_status"], "delivery_status", DELIVERY_STATUSES)
        # No choice comes with a problem (the order is refused): keeping the default then, or
        # None, cannot be told apart; `cast` does nothing at run time. The same for `dispute`.
        delivery = cast(DeliveryStatus, chosen) if chosen else delivery  # pragma: no mutate
        if chosen in NEVER_DELIVERED and dates.delivered:
            reader.fail(
                "delivery_status",
                f"is {chosen}, so the parcel has not reached you: leave dates.delivered empty, "
                "or choose received",
            )
        if chosen == "not_shipped" and dates.shipped:
            reader.fail("delivery_status", "is not_shipped, but dates.shipped is set")
    dispute: DisputeStatus = "open" if dates.dispute_opened else "none"
    if fields.get("dispute_status") is not None:
        chosen = reader.choice(fields["dispute_status"], "dispute_status", DISPUTE_STATUSES)
        dispute = cast(DisputeStatus, chosen) if chosen else dispute  # pragma: no mutate
        if chosen == "none" and dates.dispute_opened:
            reader.fail(
                "dispute_status",
                "is none, but dates.dispute_opened is set: choose the dispute's status, or "
                "leave the date empty",
            )
    return delivery, dispute


def _as_of(reader: _Reader, value: Any, default: dt.date | None) -> dt.date | None:
    if value is not None:
        return reader.date(value, "as_of")
    if default is None:
        reader.fail("as_of", "must be today's date, written YYYY-MM-DD, like 2026-11-26")
        return None
    # reader.date accepts the span's own ends too, so sending a date at either end through
    # it changes nothing: mutation testing cannot tell <= from < here.
    if not EARLIEST_DATE <= default <= LATEST_DATE:  # pragma: no mutate
        return reader.date(default.isoformat(), "as_of")  # a clock far off: say so
    return default


def _check_totals(
    reader: _Reader,
    items: list[Item],
    *,
    charges: tuple[Decimal, Decimal, Decimal],  # shipping, discount, tax
    offer: SellerOffer | None,
    offer_path: str,
) -> None:
    """The discount fits the items, and cash offered fits what was paid."""
    shipping, discount, tax = charges
    # `items` is never empty here, so the start value never stands alone.
    subtotal = sum((i.unit_price * i.quantity for i in items), Decimal(0))  # pragma: no mutate
    if discount > subtotal:
        reader.fail("discount", f"cannot be more than the items' total ({subtotal:f})")
        return
    # A coupon's face value may exceed what was paid: it is not cash.
    if offer is None or offer.amount is None or offer.kind == "coupon":
        return
    paid = subtotal - discount + shipping + tax
    if offer.amount > paid:
        reader.fail(offer_path, f"is more than the order's total paid ({paid:f})")


def read_order(data: Any, *, default_as_of: dt.date | None = None) -> Order:
    """Check everything, then build the `Order`; raise `ValidationError` listing all problems."""
    reader = _Reader()
    fields = reader.fields(data, "input", ORDER_FIELDS)
    if fields is None:
        raise ValidationError(reader.problems)
    currency = reader.choice(fields.get("currency"), "currency", tuple(sorted(MINOR_UNITS)))
    policy = load_policy()
    method = reader.choice(fields.get("payment_method"), "payment_method", tuple(policy.arrival))
    as_of = _as_of(reader, fields.get("as_of"), default_as_of)
    order_number = _order_number(reader, fields.get("order_number"))

    raw_items = fields.get("items")
    items: list[Item | None] = []
    if not isinstance(raw_items, list) or not 1 <= len(raw_items) <= MAX_ITEMS:
        reader.fail("items", f"must list from 1 to {MAX_ITEMS} items")
    else:
        items = [_item(reader, v, f"items[{i}]", currency) for i, v in enumerate(raw_items)]

    shipping = reader.amount(fields.get("shipping", "0"), "shipping", currency)
    discount = reader.amount(fields.get("discount", "0"), "discount", currency)
    tax = reader.amount(fields.get("tax", "0"), "tax", currency)
    offer = None
    if fields.get("seller_offer") is not None:
        offer = _seller_offer(reader, fields["seller_offer"], currency)
    return_postage = None
    if fields.get("return_postage") is not None:
        return_postage = reader.amount(fields["return_postage"], "return_postage", currency)
    dates = _dates(reader, fields.get("dates"), as_of)
    delivery_status, dispute_status = _statuses(reader, fields, dates)

    complete = [item for item in items if item is not None]
    if (
        complete
        and len(complete) == len(items)
        and shipping is not None
        and discount is not None
        and tax is not None
    ):
        nested = isinstance(fields.get("seller_offer"), dict)
        _check_totals(
            reader,
            complete,
            charges=(shipping, discount, tax),
            offer=offer,
            offer_path="seller_offer.amount" if nested else "seller_offer",
        )

    if reader.problems:
        raise ValidationError(reader.problems)
    # No problems means every field was read; these asserts only narrow the types.
    assert currency is not None
    assert method is not None
    assert as_of is not None
    assert shipping is not None
    assert discount is not None
    assert tax is not None
    return Order(
        currency, as_of, method, tuple(complete), shipping, discount, tax, dates, offer,
        order_number=order_number,
        delivery_status=delivery_status,
        dispute_status=dispute_status,
        return_postage=return_postage,
    )  # fmt: skip
