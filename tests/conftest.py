"""Shared test settings. Hypothesis runs without a deadline: timing is for benchmarks."""

import sys

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("default")

# `make mutate` (pyproject's [tool.mutmut]) runs the estimator tests once per mutant: fewer
# examples, the same ones every run (so a mutant is killed or not, never by chance), and no
# example database (mutants must not teach the next run their failing examples).
settings.register_profile(
    "mutation", parent=settings.get_profile("default"), max_examples=10, derandomize=True,
    database=None,
)  # fmt: skip


# --- Pyodide run (tests/pyodide/run_in_pyodide.mjs) ------------------------------------------
# Same settings as above but no example database: Pyodide's file system lives in memory and is
# gone after each run, so saving examples there only costs time.
if sys.platform == "emscripten":
    settings.register_profile("pyodide", parent=settings.default, database=None)
    settings.load_profile("pyodide")
