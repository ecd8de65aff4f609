"""A parcel is late only once its promised delivery day has passed.

On the promised day itself the parcel may still come: the shopper is told to wait, since asking
for a full refund then would be premature (and a seller would rightly refuse). From the next day
on, nothing delivered means a full refund, shipping included.
"""

from __future__ import annotations

import json
from typing import Any

from estimator.api import estimate_json

from .orders import order

AS_OF = "2026-11-26"


def undelivered(promised: str) -> dict[str, Any]:
    return order(
        as_of=AS_OF,
        items=[{"name": "Lamp", "unit_price": "20.00", "quantity": 1, "problem": None}],
        shipping="2.00",
        discount="0",
        dates={"ordered": "2026-10-01", "promised_delivery": promised},
    )


def run(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(estimate_json(json.dumps(data)))
    return result


def test_promised_for_today_is_not_late_yet() -> None:
    result = run(undelivered(AS_OF))
    assert result["recommendation"] == "wait"


def test_promised_for_yesterday_is_late_a_full_refund() -> None:
    result = run(undelivered("2026-11-25"))
    assert result["recommendation"] == "full_refund"
    assert result["refund"]["suggested"] == result["paid"] == "22.00"
