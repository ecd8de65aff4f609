"""Everything the site's order form needs to know, as JSON-ready data.

The widget (docs/assets/estimator/form.mjs) draws its form from this and holds no rule of its
own: which fields each situation asks for, which problem kinds take a severity or a share,
the date fields with where to find each on AliExpress, the defaults, the item limit and the
example order. scripts/build_runtime.py writes it into runtime.json (as "options") through the
bridge's `widget_options`, so the page has it before Python has started.

Only fields the estimator accepts are offered (`ORDER_FIELDS`, `DATE_FIELDS`; the tests check
it), so the form never sends a key the validator would refuse.
"""

from __future__ import annotations

from typing import Any

from .examples import EXAMPLE_ORDER
from .labels import (
    DELIVERY_STATUS_LABELS,
    DISPUTE_STATUS_LABELS,
    MESSAGE_TO_LABELS,
    OFFER_KIND_LABELS,
    RECOMMENDATION_LABELS,
    STATUS_LABELS,
    VERDICT_LABELS,
    days,
)
from .model import DELIVERY_STATUSES, DISPUTE_STATUSES, OFFER_KINDS, Order
from .money import CURRENCIES, MINOR_UNITS
from .policy import GRADED_KINDS, SEVERITIES, SHARE_KINDS, load_policy
from .validation import DATE_FIELDS, ITEM_FIELDS, MAX_INPUT_BYTES, MAX_ITEMS, ORDER_FIELDS

# What a blank form starts with (the same defaults the README documents for the CLI's users).
DEFAULT_CURRENCY = "USD"
DEFAULT_PAYMENT_METHOD = "card"

# Each date field: its label and where the shopper finds it on AliExpress.
DATE_LABELS: dict[str, tuple[str, str]] = {
    "ordered": ("Ordered", "Order details: the order date (\u201cOrder time\u201d)."),
    "shipped": ("Shipped", "Tracking page: the day the seller shipped the parcel."),
    "promised_delivery": (
        "Promised delivery",
        "Order details: the latest promised or estimated delivery date.",
    ),
    "delivered": ("Delivered", "Tracking page: the day the parcel was marked delivered."),
    "confirmed": (
        "You confirmed receipt",
        "Order details: the day you pressed \u201cConfirm received\u201d. Empty if you have not.",
    ),
    "protection_ends": (
        "Protection ends",
        "Order details: the \u201cprotection ends\u201d date or countdown.",
    ),
    "dispute_opened": (
        "Dispute opened",
        "Dispute page: the day you opened the dispute. Empty if you have not.",
    ),
    "return_agreed": (
        "Return agreed",
        "Dispute page: the day you and the seller agreed on a return.",
    ),
    "refund_issued": (
        "Refund issued",
        "Order or dispute page: the day the refund was marked as done.",
    ),
}

# Offer kinds that come without an amount (validation.py refuses one for them).
OFFER_KINDS_WITHOUT_AMOUNT = ("resend",)


def _situation(
    value: str,
    label: str,
    hint: str,
    *,
    fields: tuple[str, ...],
    dates: tuple[str, ...],
    marks: tuple[str, ...] = (),
    problem: str | None = None,
) -> dict[str, Any]:
    """One answer to "What happened?" and the questions it needs. `marks`: fields only this
    situation asks for, so an order that has one of them (a share link, the remembered copy)
    opens on this answer. `problem`: every item gets this problem kind, and the item rows ask
    no problem questions."""
    return {
        "value": value,
        "label": label,
        "hint": hint,
        "fields": list(fields),
        "dates": list(dates),
        "marks": list(marks),
        "problem": problem,
    }


def _situations() -> list[dict[str, Any]]:
    """The answers to "What happened?", in the order the form lists them. Built when asked
    for (not at import), so mutation testing sees every word of it."""
    return [
        _situation(
            "nothing_arrived",
            "Nothing arrived",
            "The parcel never reached you.",
            fields=("order_number", "delivery_status", "dispute_status"),
            dates=("ordered", "shipped", "promised_delivery", "protection_ends", "dispute_opened"),
            marks=("delivery_status",),
            problem="missing",
        ),
        _situation(
            "item_problem",
            "Something is wrong with an item",
            "Damaged, not as described, the wrong item, missing parts, or fewer units than"
            " ordered.",
            fields=("order_number", "dispute_status"),
            dates=("ordered", "delivered", "confirmed", "protection_ends", "dispute_opened"),
        ),
        _situation(
            "seller_offer",
            "The seller made an offer",
            "Something is wrong with an item, and the seller offered money, a coupon or a resend.",
            fields=("order_number", "seller_offer", "return_postage", "dispute_status"),
            dates=("ordered", "delivered", "confirmed", "protection_ends", "dispute_opened"),
            marks=("seller_offer", "return_postage"),
        ),
        _situation(
            "refund_late",
            "The refund is late",
            "A refund was agreed or marked as done, and the money has not arrived.",
            fields=("order_number", "dispute_status"),
            dates=("ordered", "delivered", "dispute_opened", "return_agreed", "refund_issued"),
            marks=("dates.refund_issued", "dates.return_agreed"),
        ),
    ]


# An order with none of the marks opens on this answer (every v1 order can be shown in it).
DEFAULT_SITUATION = "item_problem"


def _rules() -> dict[str, str]:
    """Every rule id the timeline may cite (a window or a payment method's arrival), with words
    a shopper reads; no other rule, as these words travel in runtime.json before the form."""
    policy = load_policy()
    rules = {}
    for window in policy.windows.values():
        rules[f"windows.{window.id}"] = f"{window.label}: {days(window.days)} after {window.after}"
    for arrival in policy.arrival.values():
        unit = "business day" if arrival.business_days else "calendar day"
        rules[f"arrival.{arrival.method}"] = (
            f"{arrival.label}: the money arrives {arrival.min_days} to "
            f"{days(arrival.max_days, unit)} after the refund is issued"
        )
    return rules


def form_facts() -> dict[str, Any]:
    """The form's lists, labels, defaults and limits, and the example order."""
    policy = load_policy()
    example = {key: value for key, value in EXAMPLE_ORDER.items() if key != "as_of"}
    default_dispute = _default_of("dispute_status")
    return {
        "currencies": [{"code": code, "decimals": MINOR_UNITS[code]} for code in CURRENCIES],
        "methods": [{"value": key, "label": a.label} for key, a in policy.arrival.items()],
        "kinds": [
            {
                "value": kind,
                "label": label,
                "graded": kind in GRADED_KINDS,
                "takes_share": kind in SHARE_KINDS,
            }
            for kind, label in policy.kind_labels.items()
        ],
        "severities": list(SEVERITIES),
        "defaults": {"currency": DEFAULT_CURRENCY, "payment_method": DEFAULT_PAYMENT_METHOD},
        "max_items": MAX_ITEMS,
        "max_input_bytes": MAX_INPUT_BYTES,
        "order_fields": list(ORDER_FIELDS),
        "item_fields": list(ITEM_FIELDS),
        "dates": [
            {"name": name, "label": DATE_LABELS[name][0], "hint": DATE_LABELS[name][1]}
            for name in DATE_FIELDS
        ],
        "situations": _situations(),
        "default_situation": DEFAULT_SITUATION,
        "delivery_statuses": _choices(DELIVERY_STATUSES, DELIVERY_STATUS_LABELS),
        # The empty choice (not sent) stands for the estimator's default: "none", or "open"
        # when a dispute date is given; sending "none" with a dispute date is an error.
        "dispute_statuses": [
            {"value": "", "label": DISPUTE_STATUS_LABELS[default_dispute]},
            *_choices(
                tuple(s for s in DISPUTE_STATUSES if s != default_dispute), DISPUTE_STATUS_LABELS
            ),
        ],
        "offer_kinds": [
            {
                "value": kind,
                "label": OFFER_KIND_LABELS[kind],
                "amount": kind not in OFFER_KINDS_WITHOUT_AMOUNT,
            }
            for kind in OFFER_KINDS
        ],
        # The widget moves the example's dates by the days from `as_of` to the reader's today,
        # so "Try an example" is always a live case.
        "example": {"as_of": EXAMPLE_ORDER["as_of"], "order": example},
        # Words for the answer's codes, for the results.
        "recommendations": RECOMMENDATION_LABELS,
        "message_to": MESSAGE_TO_LABELS,
        "verdicts": VERDICT_LABELS,
        "statuses": STATUS_LABELS,
        "rules": _rules(),
    }


def _default_of(field: str) -> str:
    default = Order.__dataclass_fields__[field].default
    assert isinstance(default, str)
    return default


def _choices(values: tuple[str, ...], labels: dict[str, str]) -> list[dict[str, str]]:
    return [{"value": value, "label": labels[value]} for value in values]
