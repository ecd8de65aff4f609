"""Worked-example orders used by several test modules."""

from __future__ import annotations

import copy
from typing import Any

# The order from the estimator issue. Hand check:
#   subtotals 13.50 + 12.00 = 25.50; discount 3.00 -> 1.59 + 1.41 (largest remainder);
#   shipping 2.99 -> 1.58 + 1.41; cash paid 25.50 - 3.00 + 2.99 = 25.49.
ISSUE_EXAMPLE: dict[str, Any] = {
    "currency": "USD",
    "as_of": "2026-11-26",
    "payment_method": "card",
    "items": [
        {
            "name": "USB-C cable",
            "unit_price": "4.50",
            "quantity": 3,
            "keep": True,
            "problem": {"kind": "missing", "units": 1},
        },
        {
            "name": "Phone case",
            "unit_price": "12.00",
            "quantity": 1,
            "keep": True,
            "problem": {"kind": "damaged", "severity": "minor"},
        },
    ],
    "shipping": "2.99",
    "discount": "3.00",
    "tax": "0.00",
    "dates": {
        "ordered": "2026-10-01",
        "shipped": "2026-10-03",
        "promised_delivery": "2026-10-30",
        "delivered": "2026-10-28",
        "confirmed": None,
        "protection_ends": "2026-11-20",
        "dispute_opened": None,
    },
    "seller_offer": None,
}


def order(**changes: Any) -> dict[str, Any]:
    """A deep copy of the issue example with top-level fields replaced."""
    result = copy.deepcopy(ISSUE_EXAMPLE)
    result.update(copy.deepcopy(changes))
    return result


def single_item(
    price: str, problem: dict[str, Any] | None, currency: str = "USD", **item: Any
) -> dict[str, Any]:
    """A one-item order without shipping, discount or tax: amounts are easy to check."""
    entry = {"name": "Lamp", "unit_price": price, "quantity": 1, "keep": True, "problem": problem}
    entry.update(item)
    return order(currency=currency, items=[entry], shipping="0", discount="0", tax="0")
