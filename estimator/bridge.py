"""The browser widget's entry points: what its worker calls inside Pyodide.

The worker (docs/assets/estimator/worker.mjs) imports this module once Pyodide is up (it is in
the memory snapshot already imported), then calls the three functions below with JSON text;
their names are shared with the JavaScript through scripts/runtime_common.py (SHARED_NAMES).
Everything the form offers (currencies, payment methods, problem kinds, severities) and every
label for the results, the defaults, the item limit and the example order come from the
estimator (estimator/form_facts.py) and its policy data, so the browser form and the estimator
cannot disagree. No refund figure is computed outside `estimator`.
"""

import json

from .api import respond, respond_calendar
from .form_facts import form_facts


def widget_options() -> str:
    """Everything the form needs to know (estimator/form_facts.py), as JSON."""
    # ensure_ascii only changes how non-ASCII text is escaped, and JSON.parse reads both forms
    # alike (as in api._for_widget), so mutation testing cannot tell its values apart.
    return json.dumps(form_facts(), ensure_ascii=False)  # pragma: no mutate


def widget_estimate(order_json: str, today: str) -> str:
    """`{"ok": true, "estimate"}` or `{"ok": false, "errors"}`: the estimator's own answer."""
    return respond(order_json, today)


def widget_calendar(order_json: str, today: str) -> str:
    """`{"ok": true, "ics": text}`, or the same errors `respond` gives for this input."""
    return respond_calendar(order_json, today)
