"""The JSON Schema of the estimator's input, built from the same constants the validator uses.

The schema documents the input for people and tools; the validator (validation.py) is what
decides, with messages a shopper can act on. Tests check that the two agree.
"""

from __future__ import annotations

from typing import Any

from .model import DELIVERY_STATUSES, DISPUTE_STATUSES, OFFER_KINDS
from .money import CURRENCIES
from .policy import GRADED_KINDS, PROBLEM_KINDS, SEVERITIES, load_policy
from .validation import (
    DATE_FIELDS,
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_AMOUNT,
    MAX_INPUT_BYTES,
    MAX_ITEMS,
    MAX_NAME_LENGTH,
    MAX_NUMBER_CHARS,
    MAX_QUANTITY,
    ORDER_NUMBER_LENGTH,
)

_AMOUNT_TEXT = r"^[0-9]+(\.[0-9]+)?$"


def _amount(description: str, *, above_zero: bool = False) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number", "maximum": int(MAX_AMOUNT)}
    number["exclusiveMinimum" if above_zero else "minimum"] = 0
    return {
        "description": description + " In the currency's major unit; a string keeps it exact.",
        "anyOf": [
            {"type": "string", "pattern": _AMOUNT_TEXT, "maxLength": MAX_NUMBER_CHARS},
            number,
        ],
    }


_DATE_RANGE = (
    f"Between {EARLIEST_DATE.isoformat()} and {LATEST_DATE.isoformat()}; "
    "JSON Schema cannot say so, the estimator checks it."
)
_DATE = {
    "anyOf": [{"type": "string", "format": "date"}, {"type": "null"}],
    "description": _DATE_RANGE,
}


def _choice(options: tuple[str, ...], description: str) -> dict[str, Any]:
    return {"anyOf": [{"enum": list(options)}, {"type": "null"}], "description": description}


def _seller_offer() -> dict[str, Any]:
    with_amount = [kind for kind in OFFER_KINDS if kind != "resend"]
    offer_object = {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind"],
        "properties": {
            "kind": {"enum": list(OFFER_KINDS)},
            "amount": {"anyOf": [_amount("The amount offered."), {"type": "null"}]},
        },
        "if": {"properties": {"kind": {"enum": with_amount}}},
        "then": {"required": ["amount"], "properties": {"amount": _amount("The amount offered.")}},
        "else": {"properties": {"amount": {"type": "null"}}},
    }
    return {
        "description": (
            "The seller's offer: an amount (cash, as in version 1), or an object: kind cash, "
            "coupon (not cash), resend (a new item; no amount) or cash_after_return (cash once "
            "you post the item back)."
        ),
        "anyOf": [_amount("Cash offered."), offer_object, {"type": "null"}],
    }


def input_schema() -> dict[str, Any]:
    methods = sorted(load_policy().arrival)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "AliExpress order for the Partial Refund Guide estimator",
        "description": (
            f"At most {MAX_INPUT_BYTES // 1024} KiB. Amounts have at most the currency's "
            "decimals (JPY 0, USD 2, KWD 3)."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["currency", "payment_method", "items"],
        "properties": {
            "currency": {"enum": list(CURRENCIES), "description": "ISO 4217 code."},
            "as_of": {
                "type": "string",
                "format": "date",
                "description": "Today's date; the CLI fills it in when absent.",
            },
            "payment_method": {"enum": methods},
            "items": {
                "type": "array",
                "minItems": 1,
                "maxItems": MAX_ITEMS,
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["name", "unit_price"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME_LENGTH},
                        "unit_price": _amount("Price of one unit.", above_zero=True),
                        "quantity": {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY},
                        "keep": {
                            "type": "boolean",
                            "default": True,
                            "description": "false: you want to return the item.",
                        },
                        "problem": {"anyOf": [_problem_schema(), {"type": "null"}]},
                        "usable": {
                            "type": ["boolean", "null"],
                            "description": (
                                "Can you still use it as intended? false on a kept item: the "
                                "affected units are refunded in full, shipping share included, "
                                "without a return."
                            ),
                        },
                    },
                },
            },
            "shipping": _amount("Shipping paid."),
            "discount": _amount("Discounts and coupons on the whole order."),
            "tax": _amount("Tax (VAT) paid."),
            "dates": {
                "type": "object",
                "additionalProperties": False,
                "properties": dict.fromkeys(DATE_FIELDS, _DATE),
            },
            "seller_offer": _seller_offer(),
            "order_number": {
                "anyOf": [
                    {
                        "type": "string",
                        "pattern": (
                            f"^[0-9]{{{ORDER_NUMBER_LENGTH[0]},{ORDER_NUMBER_LENGTH[1]}}}$"
                        ),
                    },
                    {"type": "null"},
                ],
                "description": "The order number from the order page, digits only, as text.",
            },
            "delivery_status": _choice(
                DELIVERY_STATUSES,
                "Where the parcel is. Default: received when dates.delivered is set, else "
                "unknown. A status that says the parcel has not reached you cannot have "
                "dates.delivered. not_shipped with a refund (dispute_status refunded, or "
                "dates.refund_issued) is a cancelled order.",
            ),
            "dispute_status": _choice(
                DISPUTE_STATUSES,
                "The dispute's state. Default: open when dates.dispute_opened is set, else "
                "none; none cannot have dates.dispute_opened.",
            ),
            "return_postage": {
                "anyOf": [_amount("What posting the item back would cost you."), {"type": "null"}]
            },
        },
    }


def _problem_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind"],
        "properties": {
            "kind": {"enum": list(PROBLEM_KINDS)},
            "severity": {"anyOf": [{"enum": list(SEVERITIES)}, {"type": "null"}]},
            "units": {"type": "integer", "minimum": 1, "description": "Default: all units."},
            "share": {
                "description": "missing_parts only: share of the value missing, 0 < share <= 1.",
                "anyOf": [
                    {"type": "string", "pattern": _AMOUNT_TEXT},
                    {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                ],
            },
        },
        "if": {"properties": {"kind": {"enum": list(GRADED_KINDS)}}},
        "then": {"required": ["severity"], "properties": {"severity": {"enum": list(SEVERITIES)}}},
    }
