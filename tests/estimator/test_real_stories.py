"""Real shopper stories as test cases: the estimator's advice must land where real outcomes landed.

Each file in `stories/` is one public story (its address, the facts, what was asked or offered,
the outcome) turned into an order in the estimator's input format, with what a shopper in that
situation relies on: the recommendation, a suggested amount inside the range the real outcome
supports, and properties of the words (no refund dates when no refund can come, no "photos
attached" when nothing arrived, a warning where one was needed). `stories/README.md` explains
how cases are chosen and how to add one. The files are read relative to this module, so the
same test runs inside Pyodide, where tests/pyodide/run_in_pyodide.mjs copies tests/estimator
(stories included) into the in-memory file system.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from estimator.api import estimate_json

STORIES_DIR = Path(__file__).parent / "stories"
MIN_STORIES = 18  # the issue asks for at least 15; we keep a margin
ACCESSED = "2026-11-29"
# Every case must say where it comes from and what happened, not only what we expect.
REQUIRED_KEYS = (
    "id", "source", "summary", "facts", "asked_or_offered", "assumptions", "order", "outcome",
    "expect", "calibration_note",
)  # fmt: skip
REFUND_ARRIVAL_EVENTS = ("refund_arrival_earliest", "refund_arrival_latest")


def load_stories() -> list[dict[str, Any]]:
    stories = []
    for path in sorted(STORIES_DIR.glob("*.json")):
        story: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        story["_file"] = path.name
        stories.append(story)
    return stories


STORIES = load_stories()


def run(order: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(estimate_json(json.dumps(order)))
    return result


def contains_any(text: str, alternatives: list[str]) -> bool:
    lowered = text.lower()
    return any(alternative.lower() in lowered for alternative in alternatives)


def mismatches(story: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """What in the estimate differs from the story's expectation, in words (empty: it matches).

    Kept apart from the asserting test so the same check can be run over an older estimator to
    count how many stories it got right (see stories/README.md).
    """
    expect = story["expect"]
    return [
        *money_mismatches(expect, result),
        *timeline_mismatches(expect, result),
        *words_mismatches(expect, result),
        *offer_mismatches(expect, result),
    ]


def money_mismatches(expect: dict[str, Any], result: dict[str, Any]) -> list[str]:
    found = []
    recommendation = result["recommendation"]
    if recommendation not in expect["recommendation"]:
        found.append(f"recommendation {recommendation!r}, expected {expect['recommendation']}")
    if "suggested" in expect:
        suggested = Decimal(result["refund"]["suggested"])
        low, high = Decimal(expect["suggested"]["min"]), Decimal(expect["suggested"]["max"])
        if not low <= suggested <= high:
            found.append(
                f"suggested {result['currency']} {suggested}, outcome supports {low} to {high}"
            )
    return found


def timeline_mismatches(expect: dict[str, Any], result: dict[str, Any]) -> list[str]:
    found = []
    dated = [
        event["event"]
        for event in result["timeline"]
        if event["event"] in REFUND_ARRIVAL_EVENTS and event["date"] is not None
    ]
    if expect.get("refund_dates") is False and dated:
        found.append(f"refund arrival dates given ({', '.join(dated)}) though no refund can come")
    if expect.get("refund_dates") is True and not dated:
        found.append("no refund arrival dates though a refund is due")
    events = {event["event"] for event in result["timeline"]}
    found += [
        f"timeline lacks the event {event!r}"
        for event in expect.get("timeline_events", [])
        if event not in events
    ]
    return found


def words_mismatches(expect: dict[str, Any], result: dict[str, Any]) -> list[str]:
    message, warnings = result["message"], "\n".join(result["warnings"])
    found = []
    message_to = result.get("message_to")
    if "message_to" in expect and message_to not in expect["message_to"]:
        found.append(f"message is for {message_to!r}, expected {expect['message_to']}")
    found += [
        f"message says {phrase!r}"
        for phrase in expect.get("message_excludes", [])
        if phrase.lower() in message.lower()
    ]
    found += [
        f"message mentions none of {alternatives}"
        for alternatives in expect.get("message_includes_any", [])
        if not contains_any(message, alternatives)
    ]
    found += [
        f"no warning mentions any of {alternatives}"
        for alternatives in expect.get("warnings_include_any", [])
        if not contains_any(warnings, alternatives)
    ]
    return found


def offer_mismatches(expect: dict[str, Any], result: dict[str, Any]) -> list[str]:
    if "offer" not in expect:
        return []
    offer, wanted = result.get("offer") or {}, expect["offer"]
    found = []
    if offer.get("kind") != wanted["kind"]:
        found.append(f"offer kind {offer.get('kind')!r}, expected {wanted['kind']!r}")
    if "verdicts" in wanted and offer.get("verdict") not in wanted["verdicts"]:
        found.append(f"offer verdict {offer.get('verdict')!r}, expected {wanted['verdicts']}")
    found += [
        f"offer text mentions none of {alternatives}"
        for alternatives in expect.get("offer_text_includes_any", [])
        if not contains_any(offer.get("text", ""), alternatives)
    ]
    return found


def test_enough_real_stories_each_with_source_and_outcome() -> None:
    assert len(STORIES) >= MIN_STORIES
    ids = [story["id"] for story in STORIES]
    assert len(ids) == len(set(ids)), "story ids must be unique"
    for story in STORIES:
        missing = [key for key in REQUIRED_KEYS if key not in story]
        assert not missing, f"{story['_file']}: missing {missing}"
        assert story["_file"] == f"{story['id']}.json", "file name must be the story id"
        assert story["source"]["url"].startswith(("http://", "https://"))
        assert story["source"]["accessed"] == ACCESSED
        assert story["outcome"]["kind"], story["id"]
        assert story["outcome"]["notes"], story["id"]
        assert story["calibration_note"].strip()


@pytest.mark.parametrize("story", STORIES, ids=[story["id"] for story in STORIES])
def test_estimate_lands_where_the_real_outcome_landed(story: dict[str, Any]) -> None:
    found = mismatches(story, run(story["order"]))
    assert not found, "; ".join(found) + f" (calibration note: {story['calibration_note']})"
