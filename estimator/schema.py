"""The JSON Schema of the estimator's input, built from the same constants the validator uses.

The schema documents the input for people and tools; the validator (validation.py) is what
decides, with messages a shopper can act on. Tests check that the two agree.
"""

from __future__ import annotations

from typing import Any

from .money import CURRENCIES
from .policy import GRADED_KINDS, PROBLEM_KINDS, SEVERITIES, load_policy
from .validation import (
    DATE_FIELDS,
    MAX_AMOUNT,
    MAX_INPUT_BYTES,
    MAX_ITEMS,
    MAX_NAME_LENGTH,
    MAX_QUANTITY,
)

_AMOUNT_TEXT = r"^[0-9]+(\.[0-9]+)?$"


def _amount(description: str, *, above_zero: bool = False) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number", "maximum": int(MAX_AMOUNT)}
    number["exclusiveMinimum" if above_zero else "minimum"] = 0
    return {
        "description": description + " In the currency's major unit; a string keeps it exact.",
        "anyOf": [{"type": "string", "pattern": _AMOUNT_TEXT}, number],
    }


_DATE = {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]}


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
            "seller_offer": {"anyOf": [_amount("The seller's offer."), {"type": "null"}]},
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
