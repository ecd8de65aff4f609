"""Money as exact `Decimal` amounts in a currency's minor unit.

Amounts never touch `float`: a refund is a promise about real money, and binary floating point
cannot represent 0.10. Every amount the estimator produces is quantized to the currency's minor
unit (ISO 4217), and every split is done in whole minor units so the parts add up exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

# ISO 4217 minor units of the currencies AliExpress shows prices in. The test suite checks
# this table against `babel`'s CLDR data, so babel stays out of the browser bundle.
MINOR_UNITS: dict[str, int] = {
    "USD": 2, "EUR": 2, "GBP": 2, "BRL": 2, "MXN": 2, "CLP": 0, "COP": 2, "PEN": 2,
    "RUB": 2, "UAH": 2, "PLN": 2, "CZK": 2, "HUF": 2, "RON": 2, "SEK": 2, "NOK": 2,
    "DKK": 2, "CHF": 2, "TRY": 2, "ILS": 2, "SAR": 2, "AED": 2, "KWD": 3, "BHD": 3,
    "QAR": 2, "JPY": 0, "KRW": 0, "CNY": 2, "HKD": 2, "TWD": 2, "SGD": 2, "MYR": 2,
    "THB": 2, "IDR": 2, "PHP": 2, "VND": 0, "INR": 2, "AUD": 2, "NZD": 2, "CAD": 2,
    "ZAR": 2, "NGN": 2, "KZT": 2,
}  # fmt: skip

CURRENCIES: tuple[str, ...] = tuple(sorted(MINOR_UNITS))


def minor_unit(currency: str) -> int:
    """Number of decimal places of `currency` (JPY 0, USD 2, KWD 3)."""
    return MINOR_UNITS[currency]


def quantum(currency: str) -> Decimal:
    """The smallest amount of `currency`: Decimal("0.01") for USD, Decimal("1") for JPY."""
    # Only its exponent matters to `quantize`, so 2 x 10^-2 would round exactly like 1 x 10^-2:
    # mutation testing cannot tell the 1 from another digit.
    return Decimal(1).scaleb(-minor_unit(currency))  # pragma: no mutate


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round to the currency's minor unit, half up (the way shoppers round by hand)."""
    return amount.quantize(quantum(currency), rounding=ROUND_HALF_UP)


def decimal_places(amount: Decimal) -> int:
    """How many decimals `amount` really has ("4.50" has 1), counted exactly.

    Read from the digits themselves: arithmetic would round to the context's 28 digits, so a
    price with 31 decimals would pass for a whole number of cents.
    """
    _sign, digits, exponent = amount.as_tuple()
    if not isinstance(exponent, int):
        # Validation refuses NaN and infinity before it counts decimals: no order reaches this
        # line, so its words are never shown.
        raise ValueError(f"{amount} is not a finite amount")  # pragma: no mutate
    if amount.is_zero():
        return 0  # "0.00" is zero, with no decimals that count
    significant = len(digits)
    while digits[significant - 1] == 0:  # stops at the last non-zero digit
        significant -= 1
    return max(0, -(exponent + len(digits) - significant))


def to_minor(amount: Decimal, currency: str) -> int:
    """Whole minor units of an amount that already has at most the currency's decimals."""
    if decimal_places(amount) > minor_unit(currency):
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return int(amount.scaleb(minor_unit(currency)))


def from_minor(minor: int, currency: str) -> Decimal:
    """The amount for a count of minor units, with exactly the currency's decimals."""
    return Decimal(minor).scaleb(-minor_unit(currency)).quantize(quantum(currency))


def format_amount(amount: Decimal, currency: str) -> str:
    """The JSON form of an amount: a plain string with exactly the currency's decimals."""
    return f"{quantize(amount, currency):f}"


def split_proportionally(total: int, weights: Sequence[int]) -> list[int]:
    """Split `total` minor units over `weights` so the parts add up to `total` exactly.

    Largest-remainder method: each part first gets the floor of its exact share, then the
    units left over go one each to the parts with the largest remainders (ties to the earlier
    part, so the result is deterministic). With all weights zero, the split is even.
    """
    # No order reaches the three errors below (validation keeps every amount at zero or more,
    # and the discount within the items' total): they guard other callers, and their words are
    # never shown to a shopper, so mutation testing leaves the words alone.
    if total < 0:
        raise ValueError("total must not be negative")  # pragma: no mutate (see above)
    if not weights:
        raise ValueError("weights must not be empty")  # pragma: no mutate (see above)
    if any(weight < 0 for weight in weights):
        raise ValueError("weights must not be negative")  # pragma: no mutate (see above)
    weight_sum = sum(weights)
    if weight_sum == 0:
        weights, weight_sum = [1] * len(weights), len(weights)
    floors = [total * weight // weight_sum for weight in weights]
    remainders = [total * weight % weight_sum for weight in weights]
    leftover = total - sum(floors)
    by_remainder = sorted(range(len(weights)), key=lambda i: (-remainders[i], i))
    for index in by_remainder[:leftover]:
        floors[index] += 1
    return floors
