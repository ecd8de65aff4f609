"""JSON in, JSON out: the boundary the CLI and the browser widget both use.

Amounts cross JSON as strings with exactly the currency's decimals ("9.63", "1250", "1.250"),
never as numbers, so no JavaScript float ever touches them.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from .calendar import calendar_ics
from .estimate import estimate
from .model import Estimate, Order, RefundRange
from .money import format_amount
from .validation import ISO_DATE, ValidationError, parse_json, read_order

__all__ = [
    "ValidationError",
    "calendar_for",
    "estimate_json",
    "estimate_to_dict",
    "respond",
    "respond_calendar",
]


def estimate_to_dict(result: Estimate) -> dict[str, Any]:
    """The estimate as plain JSON-ready data (amounts as strings, dates as ISO strings)."""
    currency = result.currency

    def amount(value: Decimal) -> str:
        return format_amount(value, currency)

    def span(refund: RefundRange) -> dict[str, str]:
        return {
            "low": amount(refund.low),
            "suggested": amount(refund.suggested),
            "high": amount(refund.high),
        }

    def iso(date: dt.date | None) -> str | None:
        return date.isoformat() if date else None

    offer = result.offer
    return {
        "currency": currency,
        "paid": amount(result.paid),
        "recommendation": result.recommendation,
        "refund": span(result.refund),
        "items": [
            {
                "name": item.name,
                "paid": amount(item.paid),
                "shipping_share": amount(item.shipping_share),
                "refund": span(item.refund),
                "why": item.why,
            }
            for item in result.items
        ],
        "timeline": [
            {
                "event": event.event,
                "title": event.title,
                "date": iso(event.date),
                "status": event.status,
                "rule": event.rule,
                "text": event.text,
            }
            for event in result.timeline
        ],
        "offer": None
        if offer is None
        else {
            "kind": offer.kind,
            "amount": None if offer.amount is None else amount(offer.amount),
            "verdict": offer.verdict,
            "counter": None if offer.counter is None else amount(offer.counter),
            "text": offer.text,
        },
        "evidence": list(result.evidence),
        "message": result.message,
        "message_to": result.message_to,
        "warnings": list(result.warnings),
        "policy": {"version": result.policy.version, "checked": result.policy.checked.isoformat()},
    }


def estimate_json(text: str | bytes, *, default_as_of: dt.date | None = None) -> str:
    """Estimate from JSON text; raises `ValidationError` listing every problem in the input."""
    order = read_order(parse_json(text), default_as_of=default_as_of)
    return json.dumps(
        estimate_to_dict(estimate(order)),
        indent=2,
        ensure_ascii=False,  # pragma: no mutate (None would be as false: see _for_widget)
    )


def _today(today: str | None) -> dt.date | None:
    """The reader's date as the widget sends it; anything else counts as no date."""
    if not isinstance(today, str) or not ISO_DATE.fullmatch(today):
        return None  # the validator then asks for as_of, like any missing date
    try:
        return dt.date.fromisoformat(today)
    except ValueError:
        return None


def _read(text: str, today: str | None) -> Order:
    return read_order(parse_json(text), default_as_of=_today(today))


def _for_widget(answer: dict[str, Any]) -> str:
    """An answer as JSON text for the widget's JSON.parse."""
    # ensure_ascii only changes how non-ASCII text is escaped, and JSON.parse reads both forms
    # alike, so mutation testing cannot tell its values apart.
    return json.dumps(answer, ensure_ascii=False)  # pragma: no mutate


def _errors_answer(error: ValidationError) -> str:
    """The widget's error answer: each `path: message` problem split for its field."""
    errors = []
    for problem in error.problems:
        path, _, message = problem.partition(": ")  # the first ": ": messages may hold more
        errors.append({"path": path, "message": message})
    return _for_widget({"ok": False, "errors": errors})


def calendar_for(text: str, today: str | None = None) -> str:
    """The order's dated events as an iCalendar (.ics) text; raises `ValidationError`."""
    order = _read(text, today)
    return calendar_ics(estimate(order), order)


def respond(text: str, today: str | None = None) -> str:
    """The widget's single call: never raises for bad input, answers with JSON either way.

    `{"ok": true, "estimate": {...}}` or `{"ok": false, "errors": [{"path", "message"}]}`.
    `today` is the reader's local date (ISO), used when the form has no `as_of`.
    """
    try:
        order = _read(text, today)
    except ValidationError as error:
        return _errors_answer(error)
    return _for_widget({"ok": True, "estimate": estimate_to_dict(estimate(order))})


def respond_calendar(text: str, today: str | None = None) -> str:
    """Like `respond`, with the .ics text: `{"ok": true, "ics": "..."}` or the same errors."""
    try:
        order = _read(text, today)
    except ValidationError as error:
        return _errors_answer(error)
    return _for_widget({"ok": True, "ics": calendar_ics(estimate(order), order)})
