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


def events_of(text: str) -> list[str]:
    """Each VEVENT block of the .ics text, unfolded."""
    unfolded = text.replace("\r\n ", "")
    return [block.split("END:VEVENT")[0] for block in unfolded.split("BEGIN:VEVENT")[1:]]


def test_every_deadline_reminds_the_shopper_the_day_before() -> None:
    # A reminder on the day itself can come too late to gather photos or write to the seller.
    data = order(dates={"ordered": "2026-10-01", "dispute_opened": "2026-11-24"})
    events = events_of(calendar_for(json.dumps(data)))
    assert events
    for event in events:
        alarm = event.split("BEGIN:VALARM\r\n")[1].split("END:VALARM")[0]
        assert "ACTION:DISPLAY\r\n" in alarm
        assert "TRIGGER:-P1D\r\n" in alarm
        assert "DESCRIPTION:" in alarm


def test_importing_the_calendar_again_updates_its_events_instead_of_adding_copies() -> None:
    # Calendars match events by UID: the same order must give the same UIDs, one per event.
    data = order(dates={"ordered": "2026-10-01", "dispute_opened": "2026-11-24"})
    text = calendar_for(json.dumps(data))
    later = calendar_for(json.dumps({**data, "as_of": "2026-11-27"}))

    def uids(ics: str) -> list[str]:
        return [
            line
            for event in events_of(ics)
            for line in event.split("\r\n")
            if line.startswith("UID:")
        ]

    assert len(set(uids(text))) == len(events_of(text)) == 4
    assert uids(later) == uids(text)


def test_widget_calendar_answer_has_the_ics_or_the_same_errors_as_respond() -> None:
    text = json.dumps(order())
    assert json.loads(respond_calendar(text)) == {"ok": True, "ics": calendar_for(text)}
    bad = json.dumps(order(currency="XXX"))
    assert json.loads(respond_calendar(bad)) == json.loads(respond(bad))
