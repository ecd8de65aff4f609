"""The browser widget's three calls (estimator.bridge) give the estimator's own answers.

The worker calls these inside Pyodide with the form's JSON and the reader's date; they are
tested here as the widget uses them, and end to end in the browser tests.
"""

from __future__ import annotations

import json

from estimator import bridge
from estimator.examples import EXAMPLE_ORDER

NO_AS_OF = json.dumps({key: value for key, value in EXAMPLE_ORDER.items() if key != "as_of"})


def test_the_form_is_told_the_currencies_and_the_example() -> None:
    options = json.loads(bridge.widget_options())
    assert {"code": "JPY", "decimals": 0} in options["currencies"]
    assert options["example"]["order"]["items"][0]["name"] == "USB-C cable"


def test_an_estimate_uses_the_readers_date_when_the_form_has_none() -> None:
    answer = json.loads(bridge.widget_estimate(NO_AS_OF, "2026-11-26"))
    assert answer["ok"] is True
    assert answer["estimate"]["refund"] == {"low": "5.56", "suggested": "6.62", "high": "7.68"}


def test_a_calendar_comes_as_ics_text() -> None:
    answer = json.loads(bridge.widget_calendar(NO_AS_OF, "2026-11-26"))
    assert answer["ok"] is True
    assert answer["ics"].startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20261211" in answer["ics"]  # the dispute deadline


def test_bad_input_comes_back_as_errors_for_the_fields() -> None:
    answer = json.loads(bridge.widget_estimate('{"currency": "usd"}', "2026-11-26"))
    assert answer["ok"] is False
    assert {"path": "currency", "message": answer["errors"][0]["message"]} == answer["errors"][0]
    assert answer["errors"][0]["message"].startswith("must be one of: AED")
