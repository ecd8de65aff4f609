"""The estimate's dated events as an iCalendar file (RFC 5545) the shopper can import.

Only events with a known date go in, as all-day events with a reminder the day before, so a
phone calendar warns before a deadline passes. Output is deterministic for the same estimate.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from .model import Estimate


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


def calendar_ics(result: Estimate, as_of: dt.date) -> str:
    stamp = f"{as_of:%Y%m%d}T000000Z"
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
        digest = hashlib.sha256(f"{event.event}|{event.date}|{event.text}".encode()).hexdigest()
        lines += [
            "BEGIN:VEVENT",
            f"UID:{digest[:24]}@partial-refund-guide",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{event.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{event.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(event.title + ' (AliExpress order)')}",
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
