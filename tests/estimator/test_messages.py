"""The message the shopper pastes: what happened, what is attached, what is asked for."""

from __future__ import annotations

import json
from typing import Any

from estimator.api import estimate_json

from .orders import order


def run(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(estimate_json(json.dumps(data)))
    return result


def test_a_dispute_over_a_parcel_that_never_came_attaches_the_tracking() -> None:
    data = order(
        delivery_status="no_tracking_update",
        dispute_status="open",
        dates={"ordered": "2026-10-01", "promised_delivery": "2026-11-10",
               "dispute_opened": "2026-11-20"},
    )  # fmt: skip
    result = run(data)
    assert result["message_to"] == "dispute"
    assert result["message"] == (
        "Hello, I am writing about my order from 2026-10-01.\n"
        "\n"
        "The parcel has not arrived, and its tracking has not changed.\n"
        "\n"
        "Please send me the current tracking and refund the order in full: USD 25.49.\n"
        "I have attached screenshots of the tracking page.\n"
        "\n"
        "Please confirm the refund in the dispute. Thank you."
    )


def test_units_that_never_came_are_not_called_unusable() -> None:
    # One of two lamps missing, and the shopper ticked "cannot use it": the message says the
    # unit did not arrive, not that an item never received cannot be used.
    data = order(
        items=[{"name": "Lamp", "unit_price": "10.00", "quantity": 2, "usable": False,
                "problem": {"kind": "missing", "units": 1}}],
    )  # fmt: skip
    message = run(data)["message"]
    assert "- Lamp: 1 of 2 units did not arrive.\n" in message
    assert "cannot use" not in message
