"""Version 2's inputs: each new field is read exactly as the contract names it, and v1 still works.

The contract (issue 11): `order_number`, per-item `usable`, `delivery_status`, `dispute_status`,
`seller_offer` as an amount or `{"kind", "amount"}`, `return_postage`, and the payment methods
`credit_card` and `debit_card` next to every earlier one.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

from estimator.api import ValidationError, estimate_json
from estimator.eligibility import ROUTES
from estimator.labels import option_lists
from estimator.model import DELIVERY_STATUSES, DISPUTE_STATUSES, OFFER_KINDS, RECOMMENDATIONS
from estimator.policy import load_policy
from estimator.validation import parse_json, read_order
from tests.strategies import orders

from .orders import ISSUE_EXAMPLE, order


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        estimate_json(json.dumps(data))
    return caught.value.problems


def read(data: dict[str, Any]) -> Any:
    return read_order(parse_json(json.dumps(data)))


def test_the_contracts_option_lists_are_exactly_the_issues() -> None:
    assert DELIVERY_STATUSES == (
        "not_shipped",
        "in_transit",
        "received",
        "tracking_delivered_not_received",
        "returned_to_seller",
        "held_at_customs",
        "no_tracking_update",
    )
    assert DISPUTE_STATUSES == ("none", "open", "rejected", "closed", "refunded")
    assert OFFER_KINDS == ("cash", "coupon", "resend", "cash_after_return")
    methods = set(load_policy().arrival)
    assert {"card", "credit_card", "debit_card", "wallet", "paypal"} <= methods


def test_new_fields_are_read() -> None:
    data = order(
        order_number="8123456789012345",
        delivery_status="received",
        dispute_status="open",
        return_postage="7.50",
        payment_method="debit_card",
        seller_offer={"kind": "coupon", "amount": "5"},
    )
    data["dates"]["dispute_opened"] = "2026-11-10"
    data["items"][1]["usable"] = False
    parsed = read(data)
    assert parsed.order_number == "8123456789012345"
    assert parsed.delivery_status == "received"
    assert parsed.dispute_status == "open"
    assert str(parsed.return_postage) == "7.50"
    assert parsed.payment_method == "debit_card"
    assert (parsed.seller_offer.kind, str(parsed.seller_offer.amount)) == ("coupon", "5.00")
    assert parsed.items[1].usable is False
    assert parsed.items[0].usable is None


def test_defaults_follow_the_dates_so_v1_orders_mean_what_they_meant() -> None:
    parsed = read(order())
    assert parsed.delivery_status == "received"  # the example has dates.delivered
    assert parsed.dispute_status == "none"
    assert parsed.order_number is None
    assert parsed.return_postage is None
    assert (parsed.seller_offer is None) is True
    undelivered = order(dates={"ordered": "2026-10-01", "dispute_opened": "2026-11-01"})
    parsed = read(undelivered)
    assert parsed.delivery_status is None  # not said, and no delivery date
    assert parsed.dispute_status == "open"  # v1: a dispute date meant an open dispute


def test_a_plain_amount_offer_is_cash_as_in_v1() -> None:
    offer = read(order(seller_offer="5.00")).seller_offer
    assert (offer.kind, str(offer.amount)) == ("cash", "5.00")
    result = json.loads(estimate_json(json.dumps(order(seller_offer="5.00"))))
    assert result["offer"]["kind"] == "cash"
    assert result["offer"]["amount"] == "5.00"


def test_a_resend_has_no_amount() -> None:
    offer = read(order(seller_offer={"kind": "resend"})).seller_offer
    assert (offer.kind, offer.amount) == ("resend", None)
    result = json.loads(estimate_json(json.dumps(order(seller_offer={"kind": "resend"}))))
    assert result["offer"]["kind"] == "resend"
    assert result["offer"]["amount"] is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (order(order_number="12345"), "order_number: must be the order number"),
        (order(order_number="1" * 25), "order_number: must be the order number"),
        (order(order_number="81234567890A"), "order_number: must be the order number"),
        (order(order_number="\uff18\uff11\uff12\uff13\uff14\uff15"), "order_number: must be"),
        (order(order_number="\u0661\u0662\u0663\u0664\u0665\u0666"), "order_number: must be"),
        (order(order_number=81234567890), "order_number: must be the order number"),
        (order(delivery_status="lost"), "delivery_status: must be one of: not_shipped"),
        (order(delivery_status="in_transit"), "delivery_status: is in_transit, so the parcel"),
        (
            order(delivery_status="not_shipped", dates={"shipped": "2026-10-03"}),
            "delivery_status: is not_shipped, but dates.shipped is set",
        ),
        (order(dispute_status="won"), "dispute_status: must be one of: none, open"),
        (
            order(dispute_status="none", dates={"dispute_opened": "2026-11-01"}),
            "dispute_status: is none, but dates.dispute_opened is set",
        ),
        (order(seller_offer={"kind": "voucher"}), "seller_offer.kind: must be one of: cash"),
        (order(seller_offer={"kind": "coupon"}), "seller_offer.amount: is needed for kind coupon"),
        (
            order(seller_offer={"kind": "cash_after_return", "amount": None}),
            "seller_offer.amount: is needed for kind cash_after_return",
        ),
        (
            order(seller_offer={"kind": "resend", "amount": "3.00"}),
            "seller_offer.amount: is not used for a resend",
        ),
        (
            order(seller_offer={"kind": "cash", "amount": "99.00"}),
            "seller_offer.amount: is more than the order's total paid (25.49)",
        ),
        (
            order(seller_offer={"kind": "cash", "amount": "1.001"}),
            'seller_offer.amount: USD amounts have 2 decimals, like "12.50"',
        ),
        (order(seller_offer={"kind": "cash", "amount": "1", "x": 1}), "seller_offer.x: is not a"),
        (order(seller_offer=[1]), "seller_offer: must be an amount of zero or more"),
        (order(return_postage="-1"), "return_postage: must be an amount of zero or more"),
        (order(return_postage="1.234"), "return_postage: USD amounts have 2 decimals"),
        (order(payment_method="visa"), "payment_method: must be one of: card, credit_card"),
    ],
)
def test_each_new_field_names_its_problem(data: dict[str, Any], expected: str) -> None:
    problems = problems_of(data)
    assert any(problem.startswith(expected) for problem in problems), problems


@pytest.mark.parametrize("value", ["yes", 1, 0, "false"])
def test_usable_is_true_false_or_empty(value: Any) -> None:
    data = order()
    data["items"][0]["usable"] = value
    assert problems_of(data) == [
        "items[0].usable: must be true (you can use it as intended), false (you cannot), or empty"
    ]


def test_a_coupon_may_be_worth_more_than_the_cash_paid() -> None:
    # A coupon is not cash, so the refund cap on cash does not limit its face value.
    offer = read(order(seller_offer={"kind": "coupon", "amount": "40.00"})).seller_offer
    assert str(offer.amount) == "40.00"


def test_order_number_keeps_leading_zeros_and_surrounding_spaces_go() -> None:
    assert read(order(order_number=" 00123456 ")).order_number == "00123456"


def test_statuses_that_fit_a_delivery_date_are_accepted() -> None:
    for status in ("received", "tracking_delivered_not_received"):
        assert read(order(delivery_status=status)).delivery_status == status


@pytest.mark.parametrize("method", ["card", "credit_card", "debit_card"])
def test_card_methods_all_estimate(method: str) -> None:
    result = json.loads(estimate_json(json.dumps(order(payment_method=method))))
    assert result["paid"] == "25.49"


def test_v1_example_answers_the_same_fields_as_before() -> None:
    result = json.loads(estimate_json(json.dumps(ISSUE_EXAMPLE)))
    assert result["paid"] == "25.49"
    assert result["refund"] == {"low": "5.56", "suggested": "6.62", "high": "7.68"}


@given(orders())
def test_generated_v2_orders_are_valid(data: dict[str, Any]) -> None:
    result = json.loads(estimate_json(json.dumps(data)))
    assert result["currency"] == data["currency"]


def test_every_option_value_has_a_label_in_the_contracts_order() -> None:
    lists = option_lists()
    assert [o["value"] for o in lists["delivery_statuses"]] == list(DELIVERY_STATUSES)
    assert [o["value"] for o in lists["dispute_statuses"]] == list(DISPUTE_STATUSES)
    assert [o["value"] for o in lists["offer_kinds"]] == list(OFFER_KINDS)
    assert [o["value"] for o in lists["recommendations"]] == list(RECOMMENDATIONS)
    assert [o["value"] for o in lists["message_to"]] == list(ROUTES)
    assert all(o["label"] for options in lists.values() for o in options)
