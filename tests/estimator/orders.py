"""Worked-example orders used by several test modules."""

from __future__ import annotations

import copy
from typing import Any

from estimator.examples import EXAMPLE_ORDER

# The order from the estimator issue, kept in the package so the widget and the benchmark
# use the very same one (its docstring has the hand check of the money).
ISSUE_EXAMPLE: dict[str, Any] = EXAMPLE_ORDER


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
