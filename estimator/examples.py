"""A worked example order, in the JSON form the API reads.

One copy for everyone: the tests check its figures by hand, the benchmark times it, the site's
widget offers it as "Try an example" (through estimator/form_facts.py, every date moved by the
days from `as_of` to the reader's today, so it stays a live case: protection still running),
and the guide pages walk through it. Hand check of the money:
subtotals 13.50 + 12.00 = 25.50; discount 3.00 -> 1.59 + 1.41 (largest remainder);
shipping 2.99 -> 1.58 + 1.41; cash paid 25.50 - 3.00 + 2.99 = 25.49.
"""

from __future__ import annotations

from typing import Any

EXAMPLE_ORDER: dict[str, Any] = {
    "currency": "USD",
    "as_of": "2026-11-26",
    "payment_method": "card",
    "items": [
        {
            "name": "USB-C cable",
            "unit_price": "4.50",
            "quantity": 3,
            "keep": True,
            "problem": {"kind": "missing", "units": 1},
        },
        {
            "name": "Phone case",
            "unit_price": "12.00",
            "quantity": 1,
            "keep": True,
            "problem": {"kind": "damaged", "severity": "minor"},
        },
    ],
    "shipping": "2.99",
    "discount": "3.00",
    "tax": "0.00",
    "dates": {
        "ordered": "2026-10-01",
        "shipped": "2026-10-03",
        "promised_delivery": "2026-10-30",
        "delivered": "2026-10-28",
        "confirmed": None,
        "protection_ends": "2026-12-11",
        "dispute_opened": None,
    },
    "seller_offer": None,
}
