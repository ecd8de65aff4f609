"""Write the estimator's own answers as TypeScript, so `make lint`'s type check compares them
with the shapes the JavaScript is written against (types/estimator.d.ts).

The Python side owns the data; types/estimator.d.ts describes it for the JavaScript. Without
this, a field added to, renamed in or dropped from the estimator's answers would leave that
description out of date with no check noticing. Here every sample is an object literal checked
with `satisfies`, so tsc fails on a field the description lacks (an excess property) and on one
it requires that the estimator no longer sends.

runtime.json, written by scripts/build_runtime.py, is checked the same way (`make lint` builds
the runtime first; it does nothing when the runtime is up to date).

Usage: python scripts/contract_samples.py [OUT]   (default build/contract-samples.ts)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from estimator.bridge import widget_calendar, widget_estimate, widget_options
from estimator.examples import EXAMPLE_ORDER

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "build" / "contract-samples.ts"
MANIFEST = ROOT / "docs" / "assets" / "runtime" / "runtime.json"


def samples() -> dict[str, tuple[str, list[Any]]]:
    """Name -> (the type each sample must satisfy, the samples): answers with every optional
    part both present and absent (an offer or none, a date or none), and a refusal."""
    example = {key: value for key, value in EXAMPLE_ORDER.items() if key != "as_of"}
    today = str(EXAMPLE_ORDER["as_of"])
    with_offer = {**example, "seller_offer": {"kind": "cash", "amount": "1.00"}}
    refused = {**example, "currency": "XXX"}
    orders = [example, with_offer, refused]
    if not MANIFEST.is_file():
        sys.exit(f"{MANIFEST.relative_to(ROOT)} is missing: run `make wheel` first")
    return {
        "manifest": ("RuntimeManifest", [json.loads(MANIFEST.read_text(encoding="utf-8"))]),
        "facts": ("FormFacts", [json.loads(widget_options())]),
        "estimates": (
            "EstimateAnswer",
            [json.loads(widget_estimate(json.dumps(order), today)) for order in orders],
        ),
        "calendars": (
            "CalendarAnswer",
            [json.loads(widget_calendar(json.dumps(order), today)) for order in (example, refused)],
        ),
    }


def typescript() -> str:
    lines = [
        "// Written by scripts/contract_samples.py (make lint) from the estimator's own answers:",
        "// tsc checks them against types/estimator.d.ts. Do not edit.",
        "",
    ]
    for name, (type_name, values) in samples().items():
        body = json.dumps(values, indent=2, ensure_ascii=False)
        lines.append(f"export const {name} = {body} satisfies {type_name}[];")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(typescript(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
