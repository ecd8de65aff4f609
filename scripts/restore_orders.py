"""The requests a freshly restored memory snapshot must answer without opening any file.

scripts/build_runtime.py hands them to scripts/snapshot.mjs, which restores the snapshot with an
empty standard-library zip (what the site ships on that path), records every file Pyodide's
file system opens and every module Python imports while answering, and fails the build on any.
The same answers must also equal CPython's, so the set doubles as a check of the snapshot.

Generated, not hand-picked: every currency, payment method, problem kind and severity the form
offers (from the estimator's own option lists), dates in every state, and broken input of every
shape the estimator refuses (its error paths import nothing lazily either).
"""

from __future__ import annotations

import copy
import json
from typing import Any

from estimator.examples import EXAMPLE_ORDER

TODAY = "2026-11-26"
DATE_FIELDS = tuple(EXAMPLE_ORDER["dates"])


def _amount(value: str, decimals: int) -> str:
    whole, _, fraction = value.partition(".")
    return whole if decimals == 0 else f"{whole}.{(fraction + '000')[:decimals]}"


def _in_currency(order: dict[str, Any], code: str, decimals: int) -> dict[str, Any]:
    order = copy.deepcopy(order)
    order["currency"] = code
    for key in ("shipping", "discount", "tax"):
        order[key] = _amount(order[key], decimals)
    for item in order["items"]:
        item["unit_price"] = _amount(item["unit_price"], decimals)
    return order


def good_orders(options: dict[str, Any]) -> list[dict[str, Any]]:
    base = copy.deepcopy(EXAMPLE_ORDER)
    base.pop("as_of", None)
    orders = [base]
    orders += [_in_currency(base, c["code"], c["decimals"]) for c in options["currencies"]]
    orders += [{**base, "payment_method": m["value"]} for m in options["methods"]]
    for kind in options["kinds"]:
        severities = options["severities"] if kind.get("graded") else [None]
        for severity in severities:
            problem: dict[str, Any] = {"kind": kind["value"]}
            if severity:
                problem["severity"] = severity
            if kind["value"] == "missing":
                problem["units"] = 1
            if kind["value"] == "missing_parts":
                problem["share"] = "0.25"
            item = {**base["items"][1], "problem": problem}
            orders += [{**base, "items": [item]}, {**base, "items": [{**item, "keep": False}]}]
    for field in DATE_FIELDS:
        orders.append({**base, "dates": {**base["dates"], field: None}})
    late = {**base["dates"], "delivered": "2026-11-05", "confirmed": "2026-11-06"}
    orders.append({**base, "dates": late})
    orders.append({**base, "dates": {**base["dates"], "dispute_opened": "2026-11-10"}})
    orders.append({**base, "dates": dict.fromkeys(DATE_FIELDS)})
    orders.append({**base, "seller_offer": "5.00"})
    orders.append({**base, "seller_offer": "0.00"})
    many = [{**base["items"][0], "name": f"Item {n}"} for n in range(100)]
    orders.append({**base, "items": many})
    orders.append({**base, "discount": "999.00"})
    return orders


def bad_orders() -> list[Any]:
    base = copy.deepcopy(EXAMPLE_ORDER)
    base.pop("as_of", None)
    item = base["items"][0]
    orders: list[Any] = [{k: v for k, v in base.items() if k != key} for key in base]
    orders += [
        {**base, "currency": "XXX"},
        {**base, "currency": 5},
        {**base, "payment_method": "cheque"},
        {**base, "items": []},
        {**base, "items": [{**base["items"][0]} for _ in range(101)]},
        {**base, "items": [{**item, "unit_price": "-1"}]},
        {**base, "items": [{**item, "unit_price": "1.234"}]},
        {**base, "items": [{**item, "unit_price": 4.5}]},
        {**base, "items": [{**item, "quantity": 0}]},
        {**base, "items": [{**item, "quantity": "many"}]},
        {**base, "items": [{**item, "problem": {"kind": "stolen"}}]},
        {**base, "items": [{**item, "problem": {"kind": "damaged", "severity": "awful"}}]},
        {**base, "items": [{**item, "problem": {"kind": "missing", "units": 9}}]},
        {**base, "items": [{**item, "problem": {"kind": "missing_parts", "share": "2"}}]},
        {**base, "items": ["not an item"]},
        {**base, "dates": {**base["dates"], "ordered": "2026-02-30"}},
        {**base, "dates": {**base["dates"], "delivered": "yesterday"}},
        {**base, "dates": {**base["dates"], "shipped": "2026-09-01"}},
        {**base, "seller_offer": "lots"},
        {**base, "unknown_field": True},
        [],
        "an order",
        None,
    ]
    return orders


def restore_requests(options: dict[str, Any]) -> list[dict[str, str]]:
    """Every bridge call on every order above, as bridge.py receives them (JSON text), plus
    text that is not JSON at all."""
    texts = [json.dumps(order) for order in [*good_orders(options), *bad_orders()]]
    texts += ["{", "", "1e999999"]
    requests: list[dict[str, str]] = [{"call": "options"}]
    for text in texts:
        for call in ("estimate", "calendar"):
            requests.append({"call": call, "order": text, "today": TODAY})
    requests.append({"call": "estimate", "order": texts[0], "today": "1999-01-01"})
    requests.append({"call": "estimate", "order": texts[0], "today": "not a date"})
    return requests
