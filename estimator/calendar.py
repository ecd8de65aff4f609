"""The estimate's dated events as an iCalendar file (RFC 5545) the shopper can import.

Only events with a known date go in, as all-day events with a reminder the day before, so a
phone calendar warns before a deadline passes. Output is deterministic for the same estimate.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .model import Estimate, Order


def _escape(text: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma and newlines."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    pieces: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not pieces else 74
        if len((current + char).encode("utf-8")) > limit:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return [pieces[0], *(" " + piece for piece in pieces[1:])]


def order_key(order: Order) -> str:
    """What tells this order from any other: its number, or else a hash of what was bought.

    Calendar apps treat events with the same UID as one event. Two orders must never share a
    UID, while the same order imported again (a day later, a problem added) updates its
    events instead of adding copies: so the hash covers what was bought and when, not today's
    date or the problems.
    """
    if order.order_number:
        return order.order_number
    bought = (
        order.currency, order.dates.ordered, order.shipping, order.discount, order.tax,
        [(item.name, item.unit_price, item.quantity) for item in order.items],
    )  # fmt: skip
    return hashlib.sha256(repr(bought).encode()).hexdigest()[:16]


def calendar_ics(result: Estimate, order: Order) -> str:
    stamp = f"{order.as_of:%Y%m%d}T000000Z"
    key = order_key(order)
    which = f"AliExpress order {order.order_number}" if order.order_number else "AliExpress order"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Partial Refund Guide//Refund estimator//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    for event in result.timeline:
        if event.date is None:
            continue
        digest = hashlib.sha256(f"{key}|{event.event}".encode()).hexdigest()
        lines += [
            "BEGIN:VEVENT",
            f"UID:{digest[:24]}@partial-refund-guide",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(f'{event.title} ({which})')}",
            f"DESCRIPTION:{_escape(event.text + ' (rule: ' + event.rule + ')')}",
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            "TRIGGER:-P1D",
            f"DESCRIPTION:{_escape(event.title)}",
            "END:VALARM",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for line in lines for folded in _fold(line))
