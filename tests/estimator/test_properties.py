"""Properties that hold for every valid order, in 0-, 2- and 3-decimal currencies."""

from __future__ import annotations

import copy
import json
import re
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from estimator.api import estimate_json
from estimator.money import MINOR_UNITS, split_proportionally
from estimator.policy import SEVERITIES
from tests.strategies import orders, problems


def run(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(estimate_json(json.dumps(data)))
    return result


def decimals(text: str) -> int:
    exponent = Decimal(text).as_tuple().exponent
    assert isinstance(exponent, int)
    return -exponent


@given(st.integers(0, 10**12), st.lists(st.integers(0, 10**9), min_size=1, max_size=50))
def test_split_adds_up_exactly_and_is_fair(total: int, weights: list[int]) -> None:
    parts = split_proportionally(total, weights)
    assert sum(parts) == total
    assert all(part >= 0 for part in parts)
    weight_sum = sum(weights) or len(weights)
    for part, weight in zip(parts, weights or [1], strict=False):
        exact = Decimal(total) * (weight if sum(weights) else 1) / weight_sum
        assert abs(part - exact) < 1  # each part is its exact share rounded down or up


@given(orders())
def test_item_shares_add_up_to_the_cash_paid(data: dict[str, Any]) -> None:
    result = run(data)
    scale = MINOR_UNITS[data["currency"]]
    paid = Decimal(result["paid"])
    shares = sum(Decimal(i["paid"]) + Decimal(i["shipping_share"]) for i in result["items"])
    assert shares == paid
    expected = (
        sum(Decimal(i["unit_price"]) * i["quantity"] for i in data["items"])
        - Decimal(data["discount"])
        + Decimal(data["shipping"])
        + Decimal(data["tax"])
    )
    assert paid == expected
    amounts = [result["paid"], *result["refund"].values()]
    amounts += [a for item in result["items"] for a in (item["paid"], *item["refund"].values())]
    assert all(decimals(amount) == scale for amount in amounts)


@given(orders())
def test_refunds_are_ordered_and_never_exceed_what_was_paid(data: dict[str, Any]) -> None:
    result = run(data)
    refund = result["refund"]
    low, suggested, high = (Decimal(refund[k]) for k in ("low", "suggested", "high"))
    assert 0 <= low <= suggested <= high <= Decimal(result["paid"])
    for item in result["items"]:
        cash = Decimal(item["paid"]) + Decimal(item["shipping_share"])
        r = {k: Decimal(v) for k, v in item["refund"].items()}
        assert 0 <= r["low"] <= r["suggested"] <= r["high"] <= cash
    for key in ("low", "suggested", "high"):
        assert sum(Decimal(item["refund"][key]) for item in result["items"]) == Decimal(refund[key])


@given(orders(), st.data())
def test_worse_severity_never_asks_for_less(data: dict[str, Any], draw: st.DataObject) -> None:
    index = draw.draw(st.integers(0, len(data["items"]) - 1))
    kind = draw.draw(st.sampled_from(["damaged", "not_as_described", "quality"]))
    results = []
    for severity in SEVERITIES:
        variant = copy.deepcopy(data)
        variant["items"][index]["problem"] = {"kind": kind, "severity": severity}
        results.append(run(variant)["items"][index]["refund"])
    for key in ("low", "suggested", "high"):
        values = [Decimal(r[key]) for r in results]
        assert values == sorted(values)


@given(orders(), st.data())
def test_adding_a_problem_never_lowers_the_total(data: dict[str, Any], draw: st.DataObject) -> None:
    # The parcel arrived: a problem seen on an item says so anyway, and an order that has not
    # arrived is owed in full whatever is said about its items.
    data["delivery_status"] = "received"
    clean = [
        i
        for i, item in enumerate(data["items"])
        if item["problem"] is None and item.get("usable") is not False  # no problem at all
    ]
    before = run(data)["refund"]
    if not clean:
        data["items"].append({"name": "Extra", "unit_price": "1", "quantity": 1, "problem": None})
        before = run(data)["refund"]
        clean = [len(data["items"]) - 1]
    index = draw.draw(st.sampled_from(clean))
    data["items"][index]["problem"] = draw.draw(problems(data["items"][index]["quantity"]))
    after = run(data)["refund"]
    for key in ("low", "suggested", "high"):
        assert Decimal(after[key]) >= Decimal(before[key])


@given(orders())
def test_output_reads_back_as_the_same_input_amounts(data: dict[str, Any]) -> None:
    # JSON round trip: feeding the estimate's own amount strings back gives the same estimate.
    first = run(data)
    data_again = json.loads(json.dumps(data))
    assert run(data_again) == first
    assert json.loads(json.dumps(first)) == first


AMOUNT_STRING = re.compile(r'"(unit_price|shipping|discount|tax)": "([0-9.]+)"')


@given(orders())
def test_amounts_typed_as_json_numbers_give_the_same_estimate(data: dict[str, Any]) -> None:
    # The README promises amounts "as strings or numbers": a number like 12.10 must be read
    # exactly (never through a binary float), with its decimals checked the same way.
    as_strings = json.dumps(data)
    as_numbers = AMOUNT_STRING.sub(r'"\1": \2', as_strings)
    assert as_numbers.count('"unit_price": "') == 0
    assert estimate_json(as_numbers) == estimate_json(as_strings)


@given(orders(), st.data())
def test_offer_verdict_matches_the_range(data: dict[str, Any], draw: st.DataObject) -> None:
    result = run(data)
    scale = MINOR_UNITS[data["currency"]]
    paid_minor = int(Decimal(result["paid"]).scaleb(scale))
    offer = Decimal(draw.draw(st.integers(0, paid_minor))).scaleb(-scale)
    data["seller_offer"] = str(offer)
    checked = run(data)["offer"]
    low, suggested = (Decimal(result["refund"][k]) for k in ("low", "suggested"))
    expected = "accept" if offer >= suggested else "counter" if offer >= low else "escalate"
    assert checked["verdict"] == expected
    if expected != "accept":
        assert checked["counter"] == result["refund"]["suggested"]
