"""The whole answer, word for word and to the cent, for orders that cover every kind of advice.

What the shopper reads (the amounts, each item's reason, the timeline, the offer's verdict, the
evidence list, the message to paste, the warnings) and the calendar file they import are
compared with answers a person has read and approved, kept in tests/estimator/answers/. Any
change to any of it, wanted or not, shows up here as a diff to review.

After a deliberate change of wording or rules, write the new answers and read the diff:
    UPDATE_ANSWERS=1 .venv/bin/python -m pytest tests/estimator/test_answers_word_for_word.py
    git diff tests/estimator/answers/
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from estimator.api import calendar_for, estimate_json

from .orders import order, single_item

ANSWERS = Path(__file__).resolve().parent / "answers"
UPDATE = os.environ.get("UPDATE_ANSWERS") == "1"

LAMP = [{"name": "Lamp", "unit_price": "20.00", "quantity": 1, "problem": None}]


def every_kind() -> dict[str, Any]:
    """One item per kind of problem, kept, returned or unusable; a coupon and tax."""
    items = [
        {"name": "Mug", "unit_price": "8.25", "quantity": 2, "keep": True,
         "problem": {"kind": "damaged", "severity": "moderate", "units": 1}},
        {"name": "Dress; blue, size M", "unit_price": "31.90", "quantity": 1, "keep": True,
         "problem": {"kind": "not_as_described", "severity": "severe"}},
        {"name": "Torch", "unit_price": "12.49", "quantity": 1, "keep": True,
         "problem": {"kind": "quality", "severity": "minor"}},
        {"name": "Shoes", "unit_price": "27.00", "quantity": 1, "keep": False,
         "problem": {"kind": "wrong_variant"}},
        {"name": "Phone \\ case", "unit_price": "5.55", "quantity": 1, "keep": True,
         "problem": {"kind": "wrong_item"}, "usable": False},
        {"name": "Drill kit", "unit_price": "45.00", "quantity": 1, "keep": True,
         "problem": {"kind": "missing_parts", "share": "0.15"}},
        {"name": "Socks", "unit_price": "1.99", "quantity": 5, "keep": True,
         "problem": {"kind": "missing", "units": 2}},
        {"name": "Watch", "unit_price": "19.00", "quantity": 1, "keep": True,
         "problem": {"kind": "counterfeit"}},
        {"name": "Cable", "unit_price": "3.10", "quantity": 3, "keep": True, "problem": None},
    ]  # fmt: skip
    return order(
        order_number="8123456789012345",
        items=items,
        shipping="4.99",
        discount="6.00",
        tax="2.35",
        payment_method="debit_card",
        return_postage="6.40",
        dates={"ordered": "2026-10-20", "shipped": "2026-10-22",
               "promised_delivery": "2026-11-15", "delivered": "2026-11-18",
               "protection_ends": "2026-11-28"},
    )  # fmt: skip


def nothing_arrived(status: str | None, **dates: str) -> dict[str, Any]:
    data = single_item("20.00", None, currency="JPY" if status == "held_at_customs" else "USD")
    if status == "held_at_customs":
        data["items"][0]["unit_price"] = "2500"
    data["dates"] = {"ordered": "2026-10-01", "shipped": "2026-10-03", **dates}
    if status:
        data["delivery_status"] = status
    return data


ORDERS: dict[str, dict[str, Any]] = {
    "issue-example": order(),
    "every-kind-of-problem": every_kind(),
    "offer-cash-counter": order(seller_offer="6.00"),
    "offer-cash-escalate": order(seller_offer="5.00"),
    "offer-coupon": order(seller_offer={"kind": "coupon", "amount": "10.00"}),
    "offer-resend": order(seller_offer={"kind": "resend"}),
    "offer-cash-after-return": order(
        seller_offer={"kind": "cash_after_return", "amount": "7.00"}, return_postage="1.00"
    ),
    "kuwaiti-dinar-open-dispute": {
        **single_item("12.345", {"kind": "damaged", "severity": "severe"}, currency="KWD"),
        "dates": {
            "ordered": "2026-10-01",
            "delivered": "2026-10-20",
            "dispute_opened": "2026-11-24",
        },
    },
    "not-yet-due-wait": nothing_arrived(None, promised_delivery="2026-12-05"),
    "promised-date-passed": order(
        items=LAMP, dates={"ordered": "2026-10-01", "promised_delivery": "2026-11-10"}
    ),
    "tracking-delivered-not-received": nothing_arrived(
        "tracking_delivered_not_received",
        promised_delivery="2026-11-20",
        delivered="2026-11-12",
        protection_ends="2026-12-10",
    ),
    "held-at-customs-yen": nothing_arrived("held_at_customs", promised_delivery="2026-11-20"),
    "returned-to-seller": nothing_arrived("returned_to_seller", promised_delivery="2026-11-20"),
    "no-tracking-update": nothing_arrived("no_tracking_update", promised_delivery="2026-11-20"),
    "protection-over-credit-card": {
        **nothing_arrived(None, promised_delivery="2026-10-20", protection_ends="2026-11-01"),
        "payment_method": "credit_card",
    },
    "protection-over-paypal": order(
        payment_method="paypal",
        dates={"ordered": "2026-09-01", "delivered": "2026-09-20", "protection_ends": "2026-10-20"},
    ),
    "protection-over-wallet": order(
        payment_method="wallet",
        dates={"ordered": "2026-09-01", "delivered": "2026-09-20", "protection_ends": "2026-10-20"},
    ),
    "dispute-rejected": order(
        dispute_status="rejected",
        dates={"ordered": "2026-10-01", "delivered": "2026-10-20", "dispute_opened": "2026-11-01"},
    ),
    "dispute-closed-reopenable": order(
        dispute_status="closed",
        dates={
            "ordered": "2026-10-01",
            "delivered": "2026-10-20",
            "dispute_opened": "2026-11-01",
            "protection_ends": "2026-12-10",
        },
    ),
    "refund-issued-paypal": order(
        dispute_status="refunded",
        payment_method="paypal",
        dates={
            "ordered": "2026-10-01",
            "delivered": "2026-10-20",
            "dispute_opened": "2026-11-01",
            "refund_issued": "2026-11-20",
        },
    ),
    "cancelled-debit-card": order(
        items=LAMP,
        payment_method="debit_card",
        delivery_status="not_shipped",
        dispute_status="refunded",
        dates={"ordered": "2026-11-01", "refund_issued": "2026-11-03"},
    ),
    "cancelled-debit-card-refund-not-yet-issued": order(
        items=LAMP,
        payment_method="debit_card",
        delivery_status="not_shipped",
        dispute_status="refunded",
        dates={"ordered": "2026-11-01"},
    ),
    "receipt-confirmed": order(
        dates={"ordered": "2026-10-01", "delivered": "2026-11-10", "confirmed": "2026-11-12"}
    ),
    "confirmed-but-nothing-named": order(
        items=LAMP, dates={"ordered": "2026-10-01", "confirmed": "2026-11-12"}
    ),
    "deadline-due-soon": order(
        dates={"ordered": "2026-10-01", "delivered": "2026-10-20", "protection_ends": "2026-11-28"}
    ),
    "no-deadline-known": order(dates={"ordered": "2026-10-01", "delivered": "2026-10-20"}),
    "return-postage-too-dear": {
        **single_item("30.00", {"kind": "damaged", "severity": "minor"}, keep=False),
        "return_postage": "10.01",
    },
    "problems-without-delivery-date": order(dates={"ordered": "2026-10-01"}),
    "nothing-wrong": single_item("10.00", None),
    "letter-closed-dispute-card-no-order-date": order(
        order_number="8123456789012345",
        payment_method="credit_card",
        dispute_status="closed",
        dates={
            "delivered": "2026-10-20",
            "dispute_opened": "2026-11-01",
            "protection_ends": "2026-11-10",
        },
    ),
    "letter-support-no-order-number-or-date": order(
        payment_method="wallet",
        dates={"delivered": "2026-09-20", "protection_ends": "2026-10-20"},
    ),
    "in-transit-no-promised-date": {**nothing_arrived("in_transit"), "dates": {}},
    "not-shipped-yet": {
        **nothing_arrived("not_shipped"),
        "dates": {"ordered": "2026-11-20", "promised_delivery": "2026-12-10"},
    },
    "returned-to-seller-before-the-promised-date": nothing_arrived(
        "returned_to_seller", promised_delivery="2026-12-10"
    ),
    "tracking-delivered-before-the-promised-date": nothing_arrived(
        "tracking_delivered_not_received", promised_delivery="2026-12-10", delivered="2026-11-20"
    ),
    "offer-cash-after-return-postage-unknown": order(
        seller_offer={"kind": "cash_after_return", "amount": "7.00"}
    ),
    "offer-cash-at-the-lowest-fair-amount": order(seller_offer="5.56"),
    "rejected-paypal-without-dates": order(
        payment_method="paypal",
        dispute_status="rejected",
        dates={"delivered": "2026-10-20", "dispute_opened": "2026-11-01"},
    ),
    "rejected-card-without-dates": order(
        payment_method="credit_card",
        dispute_status="rejected",
        dates={"delivered": "2026-10-20", "dispute_opened": "2026-11-01"},
    ),
    "confirmed-but-not-arrived": nothing_arrived(
        "in_transit", promised_delivery="2026-11-10", confirmed="2026-11-20"
    ),
    "refund-late-no-problem-named": order(
        items=LAMP,
        dispute_status="refunded",
        dates={"ordered": "2026-10-01", "refund_issued": "2026-11-20"},
    ),
    "refunded-while-in-transit": {
        **nothing_arrived("in_transit", promised_delivery="2026-12-05", refund_issued="2026-11-25"),
        "discount": "2.00",
    },
}
# The calendar files compared word for word: every kind of timeline event between them.
CALENDARS = (
    "issue-example",
    "every-kind-of-problem",
    "protection-over-credit-card",
    "refund-issued-paypal",
    "kuwaiti-dinar-open-dispute",
)


def check(name: str, actual: str) -> None:
    path = ANSWERS / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8", newline="")
    if not path.is_file():
        pytest.fail(f"no approved answer {path.name}: write it with UPDATE_ANSWERS=1", False)
    with path.open(encoding="utf-8", newline="") as file:  # .ics lines end in CRLF: keep them
        expected = file.read()
    assert actual == expected, f"{name} changed: review it, then UPDATE_ANSWERS=1 (see above)"


@pytest.mark.parametrize("name", ORDERS)
def test_the_answer_is_the_approved_one(name: str) -> None:
    answer = json.loads(estimate_json(json.dumps(ORDERS[name])))
    del answer["policy"]  # its version changes with every policy edit, the rest only if it must
    check(f"{name}.json", json.dumps(answer, ensure_ascii=False, indent=2) + "\n")


@pytest.mark.parametrize("name", CALENDARS)
def test_the_calendar_is_the_approved_one(name: str) -> None:
    check(f"{name}.ics", calendar_for(json.dumps(ORDERS[name])))
