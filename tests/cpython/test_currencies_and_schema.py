"""Checks against outside references that the browser does not need to carry."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from babel.numbers import get_currency_precision
from hypothesis import given

from estimator.api import ValidationError, estimate_json
from estimator.money import MINOR_UNITS
from estimator.schema import input_schema
from tests.estimator.orders import ISSUE_EXAMPLE, order
from tests.strategies import orders

# The currencies AliExpress shows prices in (the estimator issue's list).
ALIEXPRESS_CURRENCIES = (
    "USD", "EUR", "GBP", "BRL", "MXN", "CLP", "COP", "PEN", "RUB", "UAH", "PLN", "CZK", "HUF",
    "RON", "SEK", "NOK", "DKK", "CHF", "TRY", "ILS", "SAR", "AED", "KWD", "BHD", "QAR", "JPY",
    "KRW", "CNY", "HKD", "TWD", "SGD", "MYR", "THB", "IDR", "PHP", "VND", "INR", "AUD", "NZD",
    "CAD", "ZAR", "NGN", "KZT",
)  # fmt: skip

# babel reports CLDR's display digits. For three currencies CLDR shows no decimals because
# the smallest coins are out of use, while ISO 4217 (the house rule, and what card networks
# settle in) keeps a minor unit of 2. These, and only these, differ on purpose.
ISO_4217_OVER_CLDR = {"COP": 2, "HUF": 2, "IDR": 2}


def test_minor_units_match_babel_for_every_aliexpress_currency() -> None:
    assert sorted(MINOR_UNITS) == sorted(ALIEXPRESS_CURRENCIES)
    for code in ALIEXPRESS_CURRENCIES:
        if code in ISO_4217_OVER_CLDR:
            assert get_currency_precision(code) == 0, f"{code}: CLDR changed, drop the exception"
        expected = ISO_4217_OVER_CLDR.get(code, get_currency_precision(code))
        assert MINOR_UNITS[code] == expected, code


def test_the_issue_example_is_valid_against_the_schema() -> None:
    jsonschema.validate(ISSUE_EXAMPLE, input_schema())


@given(orders())
def test_every_valid_order_is_valid_against_the_schema(data: dict[str, Any]) -> None:
    jsonschema.validate(data, input_schema())


@pytest.mark.parametrize(
    "data",
    [
        order(currency="XXX"),
        order(note=1),
        order(items=[]),
        # Version 2's fields.
        order(order_number="12345"),
        order(delivery_status="lost"),
        order(dispute_status="won"),
        order(seller_offer={"kind": "coupon"}),
        order(seller_offer={"kind": "resend", "amount": "3.00"}),
        order(seller_offer={"kind": "voucher", "amount": "3.00"}),
        order(return_postage="-1"),
        order(payment_method="visa"),
    ],
)
def test_schema_rejects_what_the_validator_rejects(data: dict[str, Any]) -> None:
    assert list(jsonschema.Draft202012Validator(input_schema()).iter_errors(data))
    with pytest.raises(ValidationError):
        estimate_json(json.dumps(data))


def test_v2_fields_are_valid_against_the_schema() -> None:
    data = order(
        order_number="8123456789012345",
        delivery_status="tracking_delivered_not_received",
        dispute_status="rejected",
        return_postage="7.50",
        payment_method="credit_card",
        seller_offer={"kind": "cash_after_return", "amount": "20.00"},
    )
    data["items"][0]["usable"] = False
    jsonschema.validate(data, input_schema())
    jsonschema.validate(order(seller_offer={"kind": "resend"}), input_schema())


def test_the_readmes_order_example_is_valid_and_estimates() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = readme.split("An order looks like this", 1)[1].split("```json\n", 1)[1]
    data = json.loads(example.split("```", 1)[0])
    jsonschema.validate(data, input_schema())
    result = json.loads(estimate_json(json.dumps(data)))
    assert result["refund"]["suggested"] == "6.62"
    assert result["offer"]["kind"] == "coupon"
    assert "8123456789012345" in result["message"]
