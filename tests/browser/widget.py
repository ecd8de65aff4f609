"""What the widget's browser tests share: timeouts and waiting for results on screen."""

from __future__ import annotations

from typing import Any

BOOT_MS = 60_000  # the first Pyodide boot: a few seconds here, far more on a slow machine
ANSWER_MS = 15_000  # one estimate once booted (debounce + Python)
WIDGET = "#estimator-widget"
# Playwright runs expression strings with eval, which the site's CSP blocks: functions only.
WORKER_STARTS = "() => window.__estimatorWorkerStarts"  # counted by assets/estimator/runtime.mjs


def wait_for_results(page: Any, timeout: int = ANSWER_MS) -> None:
    """Current results are on screen: not out of date, and no newer form is being estimated
    (`aria-busy`), so they are for what the form says now."""
    page.wait_for_function(
        """() => {
            const results = document.querySelector(".re-results");
            return results && !results.matches(".re-results--stale, .re-results--empty")
                && results.getAttribute("aria-busy") !== "true"
                && results.querySelector("[data-field='refund.suggested']");
        }""",
        timeout=timeout,
    )


def show_example(page: Any, timeout: int = ANSWER_MS) -> None:
    """Click "Try an example" and wait for its results (give BOOT_MS if the runtime may still
    be starting)."""
    page.get_by_role("button", name="Try an example").click()
    wait_for_results(page, timeout)
