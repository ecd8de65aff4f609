"""`make bench` still runs: its Pyodide half boots the runtime as the site ships it.

The bench is not part of `make test` (it takes minutes and its figures depend on the machine),
so nothing else notices when a change to the runtime breaks it: the cut-down standard library
once made its Pyodide half fail on `import timeit`, and `make bench` with it.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from scripts.bench_core import ORDERS

ROOT = Path(__file__).resolve().parents[2]


def test_the_pyodide_half_of_the_bench_measures_every_order() -> None:
    done = subprocess.run(
        ["node", str(ROOT / "scripts" / "bench_pyodide.mjs")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert set(report["results"]) == set(ORDERS)
    for label in ORDERS:
        assert report["results"][label]["per_second"] > 0, label
