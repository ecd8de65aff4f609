"""The text the widget and the command line get back: the reader's own date fills in a missing
`as_of` for the calendar too, and names in any language print as written."""

from __future__ import annotations

import json

from estimator.api import calendar_for, estimate_json, respond, respond_calendar

from .orders import order


def without_as_of() -> str:
    data = order()
    del data["as_of"]
    return json.dumps(data)


def test_the_calendar_uses_the_readers_date_when_the_form_has_none() -> None:
    text = without_as_of()
    answer = json.loads(respond_calendar(text, "2026-11-26"))
    assert answer == {"ok": True, "ics": calendar_for(text, "2026-11-26")}
    assert "DTSTAMP:20261126T000000Z" in answer["ics"]
    # The same order and date give the same estimate through either call.
    assert json.loads(respond(text, "2026-11-26"))["ok"] is True
    assert json.loads(respond_calendar(text, None))["errors"][0]["path"] == "as_of"


def test_names_in_any_language_print_as_written() -> None:
    data = order()
    data["items"][0]["name"] = "Câble USB-C ☕ 数据线"
    printed = estimate_json(json.dumps(data))
    assert '"name": "Câble USB-C ☕ 数据线"' in printed
