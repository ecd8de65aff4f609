"""Benchmark, not a test: estimates per second through `estimator.api.estimate_json`.

Run by `make bench` (after `make wheel`). Times a 1-item and a 50-item order (scripts/
bench_core.py) in this CPython and in Pyodide under Node (scripts/bench_pyodide.mjs, same
orders, same method: timeit, best of 5 rounds), prints a table and writes
bench-results/estimator.json. Figures vary with the machine and its load: compare runs made
on the same machine.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess

from bench_core import ORDERS, REPEATS, measure
from runtime_common import ROOT, fail

RESULTS = ROOT / "bench-results" / "estimator.json"


def measure_in_pyodide() -> dict:
    script = ROOT / "scripts" / "bench_pyodide.mjs"
    done = subprocess.run(["node", str(script)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stdout + done.stderr)
        fail("the Pyodide benchmark failed (did `make wheel` run?)")
    return json.loads(done.stdout.splitlines()[-1])


def table(cpython: dict, pyodide: dict) -> str:
    runtimes = {
        f"CPython {platform.python_version()}": cpython,
        f"Pyodide {pyodide['pyodide']} (Python {pyodide['python']}, Node {pyodide['node']})": (
            pyodide["results"]
        ),
    }
    width = max(map(len, runtimes))
    rows = [f"{'':<{width}}" + "".join(f"{label:>22}" for label in ORDERS)]
    for name, results in runtimes.items():
        cells = (
            f"{results[label]['per_second']:>9,.0f}/s ({results[label]['ms_per_estimate']:.2f} ms)"
            for label in ORDERS
        )
        rows.append(f"{name:<{width}}" + "".join(f"{cell:>22}" for cell in cells))
    boot, load = pyodide["boot_seconds"], pyodide["load_estimator_seconds"]
    rows.append(f"Pyodide boot in Node: {boot:.2f} s, then {load:.2f} s to load the estimator")
    return "\n".join(rows)


def main() -> None:
    cpython = measure()
    pyodide = measure_in_pyodide()
    print(f"estimates per second through estimator.api.estimate_json (timeit, best of {REPEATS})")
    print(table(cpython, pyodide))
    report = {
        "measured": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count()},
        "method": f"timeit: autorange rounds of >= 0.2 s, best of {REPEATS}, after one warm-up",
        "orders": {label: len(json.loads(text)["items"]) for label, text in ORDERS.items()},
        "cpython": {"python": platform.python_version(), "results": cpython},
        "pyodide": pyodide,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
