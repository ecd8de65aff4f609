"""Percent refunds are rounded the way a shopper rounds by hand: half a cent goes up.

A shopper who checks our figure with a calculator rounds 1.225 to 1.23, not to the even 1.22;
an estimate one cent below their own sum looks like a mistake. Damaged, minor is 10 / 20 / 30 %
of the item's price (policy.toml, model.damaged.minor).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from estimator.api import estimate_json

from .orders import single_item

DAMAGED_MINOR = {"kind": "damaged", "severity": "minor"}


def refund_of(data: dict[str, Any]) -> dict[str, str]:
    refund: dict[str, str] = json.loads(estimate_json(json.dumps(data)))["refund"]
    return refund


@pytest.mark.parametrize(
    ("currency", "price", "low", "suggested", "high"),
    [
        # 10 % of 12.25 is 1.225 -> 1.23 (half-even would give 1.22); 30 % is 3.675 -> 3.68.
        ("USD", "12.25", "1.23", "2.45", "3.68"),
        # 10 % of 0.05 is half a cent -> 0.01 (half-even would give 0.00: nothing to ask for).
        ("USD", "0.05", "0.01", "0.01", "0.02"),
        # Yen have no decimals: 10 % of 25 is 2.5 -> 3; 30 % is 7.5 -> 8.
        ("JPY", "25", "3", "5", "8"),
        # Kuwaiti dinar keep 3 decimals: 10 % of 1.005 is 0.1005 -> 0.101.
        ("KWD", "1.005", "0.101", "0.201", "0.302"),
    ],
)
def test_half_a_minor_unit_rounds_up(
    currency: str, price: str, low: str, suggested: str, high: str
) -> None:
    refund = refund_of(single_item(price, DAMAGED_MINOR, currency=currency))
    assert refund == {"low": low, "suggested": suggested, "high": high}


def test_a_missing_share_rounds_half_up_too() -> None:
    # A quarter of 0.10 is 2.5 cents -> 0.03.
    problem = {"kind": "missing_parts", "share": "0.25"}
    refund = refund_of(single_item("0.10", problem))
    assert refund == {"low": "0.03", "suggested": "0.03", "high": "0.03"}
