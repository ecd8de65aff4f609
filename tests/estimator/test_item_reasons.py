"""Each item's reason ("why") tells the shopper what its figure is made of, in plain words."""

from __future__ import annotations

import json
from typing import Any

from estimator.api import estimate_json

from .orders import order, single_item


def run(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(estimate_json(json.dumps(data)))
    return result


def test_a_kind_without_severity_names_no_severity() -> None:
    # Wrong size or colour has one range for every case (policy.toml, model.wrong_variant).
    item = run(single_item("10.00", {"kind": "wrong_variant"}))["items"][0]
    assert item["why"] == (
        "Wrong size or colour (all units): 20-50% of their price, 35% suggested "
        "(our model, not an AliExpress figure)."
    )
    assert item["refund"] == {"low": "2.00", "suggested": "3.50", "high": "5.00"}


def test_missing_parts_without_a_share_use_the_model_range() -> None:
    # No share given: the model's range, and the reason says so, not "the share you say".
    item = run(single_item("10.00", {"kind": "missing_parts"}))["items"][0]
    assert item["why"].startswith("Missing parts (all units): 20-50% of their price")
    assert item["refund"]["suggested"] == "3.50"
    shared = run(single_item("10.00", {"kind": "missing_parts", "share": "0.25"}))["items"][0]
    assert shared["why"] == "Missing parts (all units): the share of the value you say is missing."
    assert shared["refund"]["suggested"] == "2.50"


def test_nothing_usable_arrived_says_so_for_every_item() -> None:
    data = order(
        items=[
            {"name": "Cable", "unit_price": "5.00", "quantity": 2, "problem": {"kind": "missing"}},
            {"name": "Watch", "unit_price": "3.00", "quantity": 1,
             "problem": {"kind": "counterfeit"}},
        ],
    )  # fmt: skip
    result = run(data)
    assert result["recommendation"] == "full_refund"
    assert [item["why"] for item in result["items"]] == [
        "Nothing usable arrived: a full refund, shipping included, without a return."
    ] * 2


def test_a_parcel_that_went_back_is_no_return_of_the_shoppers() -> None:
    # The seller has the parcel already: the full refund needs no posting, so return postage
    # entered by the shopper must not bring a warning that sending the items back costs too much.
    data = single_item("10.00", None)
    data.update(return_postage="9.00", delivery_status="returned_to_seller")
    data["dates"] = {"ordered": "2026-10-01", "shipped": "2026-10-03"}
    result = run(data)
    assert result["recommendation"] == "full_refund"
    assert result["refund"]["suggested"] == "10.00"
    assert not any("Sending the items back" in warning for warning in result["warnings"])
