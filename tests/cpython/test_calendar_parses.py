"""A real iCalendar parser reads our .ics file back with the right dates and texts."""

from __future__ import annotations

import datetime as dt
import json

from icalendar import Calendar

from estimator.api import calendar_for
from tests.estimator.orders import order


def test_icalendar_reads_the_deadlines() -> None:
    data = order(
        dates={"ordered": "2026-10-01", "confirmed": "2026-11-20", "dispute_opened": "2026-11-24"}
    )
    data["items"][0]["name"] = "Cable; with, commas\nand a newline"
    calendar = Calendar.from_ical(calendar_for(json.dumps(data)))
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    deadline = events["Last day to open the dispute (AliExpress order)"]
    assert deadline.decoded("DTSTART") == dt.date(2026, 12, 5)  # confirmed + 15 days
    assert "rule: windows.dispute_after_completion" in str(deadline["DESCRIPTION"])
    assert events["Seller's answer due (AliExpress order)"].decoded("DTSTART") == dt.date(
        2026, 11, 29
    )
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == len(events)
