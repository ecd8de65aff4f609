"""The estimator benchmark itself: the orders and the timing, run unchanged in both runtimes.

bench_estimator.py imports it in CPython; bench_pyodide.mjs copies this file into Pyodide and
calls `measure()` there, so both sides time the same orders the same way. Standard library
only besides the estimator: the project's scripts are not inside Pyodide.
"""

from __future__ import annotations

import json
import timeit
from itertools import cycle, islice
from typing import Any

from estimator.api import estimate_json
from estimator.examples import EXAMPLE_ORDER

REPEATS = 5

# The worked example, with its items replaced by the benchmark's own.
BASE_ORDER: dict[str, Any] = EXAMPLE_ORDER

# One item of each problem kind (and one without a problem), so the 50-item order exercises
# every rule, not the same path fifty times.
ITEM_PROBLEMS: list[dict[str, Any] | None] = [
    {"kind": "missing", "units": 1},
    {"kind": "damaged", "severity": "minor"},
    {"kind": "not_as_described", "severity": "moderate"},
    {"kind": "quality", "severity": "severe"},
    {"kind": "wrong_variant"},
    {"kind": "wrong_item"},
    {"kind": "missing_parts", "share": "0.25"},
    {"kind": "counterfeit"},
    None,
]


def item(index: int, problem: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "name": f"Item {index + 1}",
        "unit_price": f"{4 + index % 7}.{index * 13 % 100:02d}",
        "quantity": 1 + index % 3,
        "keep": index % 2 == 0,
        "problem": problem,
    }


def order_text(item_count: int) -> str:
    """An order as the JSON text the widget sends (amounts as strings)."""
    problems = islice(cycle(ITEM_PROBLEMS), item_count)
    items = [item(index, problem) for index, problem in enumerate(problems)]
    return json.dumps({**BASE_ORDER, "items": items})


ORDERS = {"1 item": order_text(1), "50 items": order_text(50)}


def measure(repeats: int = REPEATS) -> dict[str, dict[str, float]]:
    """Estimates per second for each order: best of `repeats` rounds of >= 0.2 s each."""
    results = {}
    for label, text in ORDERS.items():
        estimate_json(text)  # warm up: the first call loads policy.toml and fills caches
        timer = timeit.Timer(lambda text=text: estimate_json(text))
        number, _ = timer.autorange()  # calls per round, so that one round takes >= 0.2 s
        best = min(timer.repeat(repeat=repeats, number=number)) / number
        results[label] = {"per_second": 1 / best, "ms_per_estimate": best * 1000}
    return results
