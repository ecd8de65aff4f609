"""The browser widget's entry points: what its worker calls inside Pyodide.

The worker (docs/assets/estimator/worker.mjs) imports this module once Pyodide is up (it is in
the memory snapshot already imported), then calls the three functions below with JSON text;
their names are shared with the JavaScript through scripts/runtime_common.py (SHARED_NAMES).
Everything the form offers (currencies, payment methods, problem kinds, severities) and every
label for the results comes from the estimator and its policy data, so the browser form and
the estimator cannot disagree. No refund figure is computed outside `estimator`.
"""

import json

from .api import respond, respond_calendar
from .labels import option_lists
from .money import CURRENCIES, MINOR_UNITS
from .policy import GRADED_KINDS, SEVERITIES, load_policy


def widget_options() -> str:
    """The form's option lists and the labels the results need, as JSON."""
    policy = load_policy()
    rules = {}
    for window in policy.windows.values():
        rules[f"windows.{window.id}"] = f"{window.label}: {window.days} days after {window.after}"
    for arrival in policy.arrival.values():
        unit = "business days" if arrival.business_days else "calendar days"
        rules[f"arrival.{arrival.method}"] = (
            f"{arrival.label}: the money arrives {arrival.min_days} to {arrival.max_days} {unit}"
            " after the refund is issued"
        )
    for rule_id, label, _sourced in policy.all_rules():
        rules.setdefault(rule_id, label)
    return json.dumps(
        {
            "currencies": [{"code": code, "decimals": MINOR_UNITS[code]} for code in CURRENCIES],
            "methods": [{"value": key, "label": a.label} for key, a in policy.arrival.items()],
            "kinds": [
                {"value": kind, "label": label, "graded": kind in GRADED_KINDS}
                for kind, label in policy.kind_labels.items()
            ],
            "severities": list(SEVERITIES),
            "rules": rules,
            # Version 2: delivery and dispute statuses, offer kinds, and the answer's values.
            **option_lists(),
            "policy": {"version": policy.version, "checked": policy.checked.isoformat()},
        },
        ensure_ascii=False,
    )


def widget_estimate(order_json: str, today: str) -> str:
    """`{"ok": true, "estimate"}` or `{"ok": false, "errors"}`: the estimator's own answer."""
    return respond(order_json, today)


def widget_calendar(order_json: str, today: str) -> str:
    """`{"ok": true, "ics": text}`, or the same errors `respond` gives for this input."""
    return respond_calendar(order_json, today)
