"""Worked examples a reader can check by hand (see the comments for the arithmetic)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from estimator.api import estimate_json
from estimator.policy import load_policy

from .orders import ISSUE_EXAMPLE, order, single_item


def run(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(estimate_json(json.dumps(data)))
    return result


def test_issue_example_amounts() -> None:
    result = run(ISSUE_EXAMPLE)
    assert result["currency"] == "USD"
    assert result["paid"] == "25.49"
    cable, case = result["items"]
    # Cable: subtotal 13.50 - discount share 1.59 = 11.91; shipping share 1.58.
    assert (cable["paid"], cable["shipping_share"]) == ("11.91", "1.58")
    # Case: 12.00 - 1.41 = 10.59; shipping share 1.41.
    assert (case["paid"], case["shipping_share"]) == ("10.59", "1.41")
    # 1 of 3 cables missing: a third of 11.91 (3.97) plus a third of 1.58 (0.53) = 4.50.
    assert cable["refund"] == {"low": "4.50", "suggested": "4.50", "high": "4.50"}
    # Minor damage: 10/20/30 % of 10.59, rounded half up = 1.06 / 2.12 / 3.18.
    assert case["refund"] == {"low": "1.06", "suggested": "2.12", "high": "3.18"}
    assert result["refund"] == {"low": "5.56", "suggested": "6.62", "high": "7.68"}
    assert result["recommendation"] == "partial_refund"


def test_issue_example_timeline_and_words() -> None:
    result = run(ISSUE_EXAMPLE)
    events = {event["event"]: event for event in result["timeline"]}
    deadline = events["dispute_deadline"]
    assert (deadline["date"], deadline["status"]) == ("2026-12-11", "upcoming")
    assert deadline["rule"] == "windows.dispute_after_completion"
    assert events["seller_response_due"]["status"] == "unknown"  # no dispute opened yet
    # Projection: refund issued 2026-12-01 (today + 5 days), card 3-20 business days.
    assert events["refund_arrival_earliest"]["date"] == "2026-12-04"
    assert events["refund_arrival_latest"]["date"] == "2026-12-29"
    assert "USD 6.62" in result["message"]
    assert "USB-C cable: 1 of 3 units did not arrive" in result["message"]
    # No dispute yet: the message goes to the seller's chat, AliExpress's own first step.
    assert result["message_to"] == "seller"
    assert "If we cannot agree, I will open a dispute." in result["message"]
    assert "confirm the refund in the dispute" not in result["message"]
    assert result["policy"]["version"]


def test_zero_decimal_currency_splits_whole_yen() -> None:
    # Three items of 1000 JPY share 100 JPY shipping: 34 + 33 + 33 (largest remainder,
    # ties to the first item), never 33.33.
    data = order(
        currency="JPY",
        items=[
            {"name": f"Sticker {n}", "unit_price": "1000", "quantity": 1, "problem": None}
            for n in range(3)
        ],
        shipping="100",
        discount="0",
        tax="0",
    )
    result = run(data)
    assert [item["shipping_share"] for item in result["items"]] == ["34", "33", "33"]
    assert result["paid"] == "3100"
    assert result["recommendation"] == "no_claim"
    assert result["refund"] == {"low": "0", "suggested": "0", "high": "0"}
    assert result["message"] == ""


def test_three_decimal_currency_keeps_fils() -> None:
    # KWD has 3 decimals: 20% of 12.345 = 2.469.
    result = run(single_item("12.345", {"kind": "damaged", "severity": "minor"}, "KWD"))
    assert result["refund"]["suggested"] == "2.469"
    assert result["paid"] == "12.345"


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ({"kind": "damaged", "severity": "severe"}, ("70.00", "90.00", "100.00")),
        ({"kind": "not_as_described", "severity": "moderate"}, ("30.00", "45.00", "60.00")),
        ({"kind": "quality", "severity": "minor"}, ("5.00", "15.00", "25.00")),
        ({"kind": "wrong_variant"}, ("20.00", "35.00", "50.00")),
        ({"kind": "wrong_item"}, ("30.00", "40.00", "60.00")),
        ({"kind": "missing_parts"}, ("20.00", "35.00", "50.00")),
        ({"kind": "missing_parts", "share": "0.25"}, ("25.00", "25.00", "25.00")),
    ],
)
def test_model_percentages_on_a_round_price(
    problem: dict[str, Any], expected: tuple[str, ...]
) -> None:
    result = run(single_item("100.00", problem))
    assert tuple(result["refund"].values()) == expected
    assert "our model" in result["items"][0]["why"] or "share" in result["items"][0]["why"]


def test_everything_missing_is_a_full_refund_with_shipping() -> None:
    data = order(
        items=[
            {"name": "Mug", "unit_price": "8.00", "quantity": 2, "problem": {"kind": "missing"}}
        ],
        shipping="1.50",
        discount="0",
    )
    result = run(data)
    assert result["recommendation"] == "full_refund"
    assert result["refund"] == {"low": "17.50", "suggested": "17.50", "high": "17.50"}


def test_counterfeit_and_missing_together_leave_nothing_usable() -> None:
    data = order(
        items=[
            {
                "name": "Watch",
                "unit_price": "30.00",
                "quantity": 1,
                "problem": {"kind": "counterfeit"},
            },
            {"name": "Strap", "unit_price": "5.00", "quantity": 1, "problem": {"kind": "missing"}},
        ],
        shipping="3.00",
        discount="5.00",
    )
    result = run(data)
    assert result["recommendation"] == "full_refund"
    assert result["refund"]["suggested"] == result["paid"] == "33.00"


def test_some_fake_units_get_their_price_and_shipping_share() -> None:
    # AliExpress's terms promise a fake a full refund including shipping, so 2 fake earbuds
    # of 4 get half the item's cash: half of 40.00 (20.00) plus half of 3.00 shipping (1.50).
    data = order(
        items=[
            {
                "name": "Earbuds",
                "unit_price": "10.00",
                "quantity": 4,
                "problem": {"kind": "counterfeit", "units": 2},
            }
        ],
        shipping="3.00",
        discount="0",
    )
    result = run(data)
    assert result["recommendation"] == "partial_refund"
    assert result["refund"] == {"low": "21.50", "suggested": "21.50", "high": "21.50"}
    assert "share of shipping" in result["items"][0]["why"]


def test_returning_a_severely_damaged_item() -> None:
    data = single_item("40.00", {"kind": "damaged", "severity": "severe"}, keep=False)
    data["shipping"] = "4.00"
    result = run(data)
    assert result["recommendation"] == "return_for_full_refund"
    assert result["refund"] == {"low": "44.00", "suggested": "44.00", "high": "44.00"}
    events = [event["event"] for event in result["timeline"]]
    assert "return_ship_by" in events


def test_return_ship_by_counts_ten_days_from_agreement() -> None:
    data = single_item("40.00", {"kind": "wrong_item"}, keep=False)
    data["dates"] = {
        "ordered": "2026-10-01",
        "dispute_opened": "2026-11-10",
        "return_agreed": "2026-11-12",
    }
    events = {e["event"]: e for e in run(data)["timeline"]}
    assert events["return_ship_by"]["date"] == "2026-11-22"
    assert events["return_ship_by"]["rule"] == "windows.return_shipping"


def test_nothing_delivered_after_promised_date_is_a_full_refund() -> None:
    data = order(
        dates={
            "ordered": "2026-10-01",
            "promised_delivery": "2026-11-10",
            "protection_ends": "2026-12-05",
        },
        items=[{"name": "Lamp", "unit_price": "20.00", "quantity": 1, "problem": None}],
    )
    result = run(data)
    assert result["recommendation"] == "full_refund"
    assert result["refund"]["suggested"] == result["paid"]


def test_late_but_delivered_mentions_the_on_time_guarantee() -> None:
    data = order(
        dates={
            "ordered": "2026-10-01",
            "promised_delivery": "2026-10-20",
            "delivered": "2026-10-25",
        }
    )
    result = run(data)
    assert any("on-time guarantee" in warning for warning in result["warnings"])


@pytest.mark.parametrize(
    ("offer", "verdict", "counter"),
    [
        ("7.00", "accept", None),
        ("6.62", "accept", None),
        ("6.00", "counter", "6.62"),
        ("5.00", "escalate", "6.62"),
    ],
)
def test_seller_offer_verdicts(offer: str, verdict: str, counter: str | None) -> None:
    # The example's range is 5.56 / 6.62 / 7.68.
    result = run(order(seller_offer=offer))
    assert result["offer"]["verdict"] == verdict
    assert result["offer"]["counter"] == counter
    assert result["offer"]["amount"] == offer
    assert offer in result["offer"]["text"]


def test_advice_to_decline_states_its_risk_right_there() -> None:
    # Whoever is told to decline and let AliExpress decide must read, in the same answer,
    # that AliExpress can then award less than the offer, or nothing (issue 12).
    text = run(order(seller_offer="5.00"))["offer"]["text"]
    assert "let AliExpress decide" in text
    assert "less than the offer, or nothing" in text


def test_amounts_as_json_numbers_are_read_exactly() -> None:
    # 0.1 + 0.2 in binary floating point is 0.30000000000000004; read as Decimal it is 0.30.
    text = json.dumps(single_item("1.00", None)).replace(
        '"unit_price": "1.00"', '"unit_price": 0.1'
    )
    text = text.replace('"shipping": "0"', '"shipping": 0.2')
    assert json.loads(estimate_json(text))["paid"] == "0.30"


def test_evidence_and_warnings_follow_the_problem() -> None:
    result = run(single_item("10.00", {"kind": "wrong_variant"}))
    assert any("size or colour you chose" in line for line in result["evidence"])
    assert any("confirm receipt" in warning for warning in result["warnings"])


def test_negative_zero_from_json_prints_as_zero() -> None:
    text = json.dumps(order(seller_offer="X")).replace('"X"', "-0.0")
    assert json.loads(estimate_json(text))["offer"]["amount"] == "0.00"


def test_the_answer_says_which_policy_and_when_it_was_checked() -> None:
    policy = load_policy()
    assert run(ISSUE_EXAMPLE)["policy"] == {
        "version": policy.version,
        "checked": policy.checked.isoformat(),
    }


def test_the_command_line_json_is_indented_and_takes_a_default_date() -> None:
    # estimate_json is what `python -m estimator` prints: two-space indents, readable text, and
    # today's date, which it is given, when the order has no as_of.
    data = {key: value for key, value in ISSUE_EXAMPLE.items() if key != "as_of"}
    data["items"] = [{**data["items"][0], "name": "Câble USB-C"}, data["items"][1]]
    text = estimate_json(json.dumps(data), default_as_of=dt.date(2026, 11, 26))
    assert text.startswith('{\n  "currency": "USD",\n  "paid": "25.49",')
    assert '"name": "Câble USB-C"' in text
