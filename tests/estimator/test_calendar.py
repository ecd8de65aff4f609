"""The .ics file holds every dated deadline, in a form calendars accept."""

from __future__ import annotations

import json

from estimator.api import calendar_for, respond, respond_calendar

from .orders import order


def test_calendar_has_one_all_day_event_per_dated_deadline() -> None:
    data = order(
        dates={"ordered": "2026-10-01", "delivered": "2026-11-10", "dispute_opened": "2026-11-24"}
    )
    text = calendar_for(json.dumps(data))
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20261129" in text  # seller's answer due, opened + 5
    assert "DTSTART;VALUE=DATE:20261201" in text  # AliExpress steps in, opened + 7
    assert text.count("BEGIN:VEVENT") == 4  # two dispute dates + two refund-arrival dates
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_calendar_is_the_same_for_the_same_order() -> None:
    text = json.dumps(order())
    assert calendar_for(text) == calendar_for(text)


def test_widget_calendar_answer_has_the_ics_or_the_same_errors_as_respond() -> None:
    text = json.dumps(order())
    assert json.loads(respond_calendar(text)) == {"ok": True, "ics": calendar_for(text)}
    bad = json.dumps(order(currency="XXX"))
    assert json.loads(respond_calendar(bad)) == json.loads(respond(bad))
