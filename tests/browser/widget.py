"""What the widget's browser tests share: timeouts and waiting for results on screen."""

from __future__ import annotations

from typing import Any

BOOT_MS = 60_000  # the first Pyodide boot: a few seconds here, far more on a slow machine
ANSWER_MS = 15_000  # one estimate once booted (debounce + Python)
WIDGET = "#estimator-widget"
# Playwright runs expression strings with eval, which the site's CSP blocks: functions only.
WORKER_STARTS = "() => window.__estimatorWorkerStarts"  # counted by assets/estimator/runtime.mjs
# Material's bundle has run: its document$ (an RxJS subject, with `pipe`) has replaced the
# stand-in that assets/javascripts/theme-after-estimator.js gives the estimator page until then,
# and it has fetched sitemap.xml (its instant navigation follows only the links listed there,
# and lets the browser load the page the usual way until it has the list).
THEME_RUNNING = """() => typeof window.document$?.pipe === "function"
    && performance.getEntriesByType("resource").some((e) => e.name.endsWith("/sitemap.xml"))"""


def wait_for_results(page: Any, timeout: int = ANSWER_MS) -> None:
    """Current (not out-of-date) results are on screen."""
    page.wait_for_function(
        """() => {
            const results = document.querySelector(".re-results");
            return results && !results.matches(".re-results--stale, .re-results--empty")
                && results.querySelector("[data-field='refund.suggested']");
        }""",
        timeout=timeout,
    )


def show_example(page: Any, timeout: int = ANSWER_MS) -> None:
    """Click "Try an example" and wait for its results (give BOOT_MS if the runtime may still
    be starting)."""
    page.get_by_role("button", name="Try an example").click()
    wait_for_results(page, timeout)
