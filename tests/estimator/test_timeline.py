"""Dates a shopper plans around: deadlines, statuses, business days."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.api import estimate_json
from estimator.labels import days
from estimator.timeline import add_business_days, status_of

from .orders import order


def events_of(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    result = json.loads(estimate_json(json.dumps(data)))
    return {event["event"]: event for event in result["timeline"]}


def test_friday_plus_three_business_days_is_wednesday() -> None:
    assert add_business_days(dt.date(2026, 11, 27), 3) == dt.date(2026, 12, 2)


@given(st.dates(dt.date(2020, 1, 1), dt.date(2035, 1, 1)), st.integers(1, 60))
def test_business_days_skip_weekends(start: dt.date, days: int) -> None:
    end = add_business_days(start, days)
    assert end.weekday() < 5
    span = [start + dt.timedelta(n) for n in range(1, (end - start).days + 1)]
    assert sum(day.weekday() < 5 for day in span) == days


@pytest.mark.parametrize(
    ("date", "status"),
    [
        (None, "unknown"),
        (dt.date(2026, 11, 25), "passed"),
        (dt.date(2026, 11, 26), "due_soon"),
        (dt.date(2026, 11, 29), "due_soon"),
        (dt.date(2026, 11, 30), "upcoming"),
    ],
)
def test_status_relative_to_as_of(date: dt.date | None, status: str) -> None:
    assert status_of(date, dt.date(2026, 11, 26), 3) == status


def test_deadline_from_confirmation_plus_fifteen_days() -> None:
    data = order(
        dates={"ordered": "2026-10-01", "delivered": "2026-11-15", "confirmed": "2026-11-16"}
    )
    deadline = events_of(data)["dispute_deadline"]
    assert (deadline["date"], deadline["status"]) == ("2026-12-01", "upcoming")
    assert deadline["rule"] == "windows.dispute_after_completion"


def test_unknown_deadline_says_what_to_look_up() -> None:
    deadline = events_of(order(dates={"ordered": "2026-10-01"}))["dispute_deadline"]
    assert (deadline["date"], deadline["status"]) == (None, "unknown")
    assert "protection ends" in deadline["text"]


def test_dispute_windows_count_from_opening() -> None:
    data = order(
        dates={"ordered": "2026-10-01", "delivered": "2026-11-10", "dispute_opened": "2026-11-24"}
    )
    events = events_of(data)
    assert events["seller_response_due"]["date"] == "2026-11-29"
    assert events["seller_response_due"]["status"] == "due_soon"
    assert events["escalation"]["date"] == "2026-12-01"
    assert events["escalation"]["rule"] == "windows.escalation"


def test_refund_arrival_from_issue_date_for_paypal_counts_calendar_days() -> None:
    data = order(
        payment_method="paypal",
        dates={
            "ordered": "2026-10-01",
            "dispute_opened": "2026-11-10",
            "refund_issued": "2026-11-20",
        },
    )
    events = events_of(data)
    assert events["refund_arrival_earliest"]["date"] == "2026-11-21"
    assert events["refund_arrival_latest"]["date"] == "2026-12-20"
    assert events["refund_arrival_latest"]["rule"] == "arrival.paypal"


def test_one_day_is_said_in_the_singular() -> None:
    """PayPal's earliest day is 1 day after the refund: "1 day", never "1 days"; the method is
    named as the policy labels it."""
    data = order(
        payment_method="paypal",
        dates={"ordered": "2026-10-01", "refund_issued": "2026-11-20"},
    )
    earliest = events_of(data)["refund_arrival_earliest"]["text"]
    assert earliest == (
        "Earliest day the money can reach you: 1 day after the refund was issued on "
        "2026-11-20. Payment method: PayPal."
    )
    assert (days(1), days(2), days(1, "business day")) == ("1 day", "2 days", "1 business day")


def test_no_claim_has_no_refund_dates() -> None:
    data = order()
    for item in data["items"]:
        item["problem"] = None
    assert "refund_arrival_earliest" not in events_of(data)


def test_a_chargeback_without_a_delivery_date_says_which_date_to_add() -> None:
    # Protection is over and the card issuer is the way left, but the shopper gave no delivery
    # date (the damage shows the parcel came): the day cannot be shown, so the text says what
    # the limit counts from and which date to add, instead of a date that is not there.
    data = order(
        items=[{"name": "Lamp", "unit_price": "10.00", "quantity": 1,
                "problem": {"kind": "damaged", "severity": "minor"}}],
        dates={"ordered": "2026-08-01", "protection_ends": "2026-10-01"},
    )  # fmt: skip
    chargeback = events_of(data)["chargeback_deadline"]
    assert (chargeback["date"], chargeback["status"]) == (None, "unknown")
    assert chargeback["text"] == (
        "Card networks allow a chargeback up to 120 days after you received the item; add that "
        "date to see the day, and ask your bank soon: it may set an earlier limit."
    )
