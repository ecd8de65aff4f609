"""Shared test settings. Hypothesis runs without a deadline: timing is for benchmarks."""

import sys

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("default")


# --- Pyodide run (tests/pyodide/run_in_pyodide.mjs) ------------------------------------------
# Same settings as above but no example database: Pyodide's file system lives in memory and is
# gone after each run, so saving examples there only costs time.
if sys.platform == "emscripten":
    settings.register_profile("pyodide", parent=settings.default, database=None)
    settings.load_profile("pyodide")
