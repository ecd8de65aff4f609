"""Bad input gets a clear answer: every problem names its field and says what to fix."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.api import ValidationError, estimate_json, respond
from estimator.validation import MAX_INPUT_BYTES

from .orders import ISSUE_EXAMPLE, order, single_item


def problems_of(data: Any) -> list[str]:
    text = data if isinstance(data, str | bytes) else json.dumps(data)
    with pytest.raises(ValidationError) as caught:
        estimate_json(text)
    return caught.value.problems


def item_with(**fields: Any) -> dict[str, Any]:
    data = order()
    data["items"][1].update(fields)
    return data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            item_with(unit_price="-5"),
            'items[1].unit_price: must be an amount above zero, like "12.50"',
        ),
        (
            item_with(unit_price="0"),
            'items[1].unit_price: must be an amount above zero, like "12.50"',
        ),
        (item_with(unit_price="12,50"), "items[1].unit_price: use a dot for decimals"),
        (
            item_with(unit_price="4.505"),
            'items[1].unit_price: USD amounts have 2 decimals, like "12.50"',
        ),
        (item_with(unit_price=True), "items[1].unit_price: must be an amount above zero"),
        (item_with(unit_price="5000000"), "items[1].unit_price: must be at most 1,000,000"),
        (item_with(quantity=0), "items[1].quantity: must be a whole number from 1 to 10,000"),
        (item_with(quantity=1.5), "items[1].quantity: must be a whole number"),
        (item_with(name="  "), "items[1].name: must be the item's name"),
        (item_with(name="x" * 201), "items[1].name: must be at most 200 characters"),
        (item_with(keep="yes"), "items[1].keep: must be true"),
        (item_with(colour="red"), "items[1].colour: is not a known field"),
        (item_with(problem={"kind": "broken"}), "items[1].problem.kind: must be one of: damaged"),
        (item_with(problem="broken"), "items[1].problem: must be an object with named fields"),
        (
            item_with(problem={"kind": "damaged", "severity": "minor", "colour": "red"}),
            "items[1].problem.colour: is not a known field",
        ),
        (
            item_with(problem={"kind": "wrong_item", "severity": "huge"}),
            "items[1].problem.severity: must be one of: minor, moderate, severe, or null",
        ),
        (
            item_with(problem={"kind": "damaged"}),
            "items[1].problem.severity: must be one of: minor, moderate, severe",
        ),
        (
            item_with(problem={"kind": "missing", "units": 2}),
            "items[1].problem.units: must be a whole number from 1 to 1",
        ),
        (
            item_with(problem={"kind": "missing_parts", "share": "1.5"}),
            "items[1].problem.share: must be the missing share",
        ),
        (
            item_with(problem={"kind": "missing", "share": "0.5"}),
            "items[1].problem.share: is only used for kind missing_parts",
        ),
        (order(currency="usd"), "currency: must be one of:"),
        (order(payment_method="cash"), "payment_method: must be one of: card"),
        (order(items=[]), "items: must list from 1 to 100 items"),
        (order(discount="100.00"), "discount: cannot be more than the items' total (25.50)"),
        (order(seller_offer="30.00"), "seller_offer: is more than the order's total paid (25.49)"),
        (order(seller_offer="3.001"), 'seller_offer: USD amounts have 2 decimals, like "12.50"'),
        (order(as_of="26/11/2026"), "as_of: must be a date written YYYY-MM-DD"),
        (order(as_of=None), "as_of: must be today's date, written YYYY-MM-DD, like 2026-11-26"),
        (
            order(dates={"ordered": "1999-12-31"}),
            "dates.ordered: must be between 2000-01-01 and 2099-12-31 (check the year)",
        ),
        # With the currency unknown, amounts are shown with two decimals.
        (
            order(currency=None, shipping="-1"),
            'shipping: must be an amount of zero or more, like "12.50"',
        ),
        (order(shipping="-1"), 'shipping: must be an amount of zero or more, like "12.50"'),
        (order(discount="-1"), 'discount: must be an amount of zero or more, like "12.50"'),
        (order(tax="-1"), 'tax: must be an amount of zero or more, like "12.50"'),
        (
            order(delivery_status="in_transit"),
            "delivery_status: is in_transit, so the parcel has not reached you: leave "
            "dates.delivered empty, or choose received",
        ),
        (
            order(dispute_status="none", dates={"dispute_opened": "2026-11-01"}),
            "dispute_status: is none, but dates.dispute_opened is set: choose the dispute's "
            "status, or leave the date empty",
        ),
        (order(dates={"delivered": "2026-02-30"}), "dates.delivered: is not a real date"),
        (
            order(dates={"ordered": "2026-10-05", "shipped": "2026-10-01"}),
            "dates.shipped: cannot be before dates.ordered (2026-10-05)",
        ),
        (
            order(dates={"delivered": "2026-12-01"}),
            "dates.delivered: cannot be after as_of (2026-11-26)",
        ),
        (order(dates={"arrived": "2026-10-01"}), "dates.arrived: is not a known field"),
        (order(note="hi"), "note: is not a known field"),
        ([1, 2], "input: must be an object with named fields"),
        ("{nope", "input: is not valid JSON at line 1, column 2"),
        ('{"currency": NaN}', "input: is not valid JSON"),
    ],
)
def test_each_problem_names_the_field_and_the_fix(data: Any, expected: str) -> None:
    problems = problems_of(data)
    assert any(problem.startswith(expected) for problem in problems), problems


def test_a_python_caller_can_print_the_error_one_problem_a_line() -> None:
    # README: from Python, estimate_json raises ValidationError; printed, it reads like the
    # command line's stderr, one `path: message` line per problem.
    with pytest.raises(ValidationError) as caught:
        estimate_json(json.dumps(order(currency="XYZ", payment_method=None)))
    lines = str(caught.value).split("\n")
    assert [line.split(": ")[0] for line in lines] == ["currency", "payment_method"]
    assert lines == caught.value.problems


@pytest.mark.parametrize("dates", [None, "absent"])
def test_an_order_without_dates_is_estimated(dates: str | None) -> None:
    # Every date is optional (the form leaves unknown dates empty): no dates at all is fine.
    data = single_item("12.00", {"kind": "damaged", "severity": "minor"})
    if dates is None:
        data["dates"] = None
    else:
        del data["dates"]
    result = json.loads(estimate_json(json.dumps(data)))
    assert result["refund"]["suggested"] == "2.40"


def test_shipping_discount_and_tax_left_out_count_as_zero() -> None:
    data = single_item("12.00", None)
    for field in ("shipping", "discount", "tax"):
        del data[field]
    result = json.loads(estimate_json(json.dumps(data)))
    assert result["paid"] == result["items"][0]["paid"] == "12.00"


@pytest.mark.parametrize(("raw", "units"), [("1.0", 1), ('"3"', 3), ("10000.0", 10_000)])
def test_a_quantity_written_as_text_or_with_a_zero_decimal_is_read(raw: str, units: int) -> None:
    data = single_item("1.00", None)
    data["items"][0]["quantity"] = "@@@"
    result = json.loads(estimate_json(json.dumps(data).replace('"@@@"', raw)))
    assert result["paid"] == f"{units}.00"


def test_the_limits_themselves_are_accepted() -> None:
    # The largest amount, the earliest date, and an amount as long as a number may be (40
    # characters, trailing zeros and all).
    data = single_item("1000000", None)
    data["dates"] = {"ordered": "2000-01-01"}
    data["shipping"] = "1." + "0" * 38
    result = json.loads(estimate_json(json.dumps(data)))
    assert result["paid"] == "1000001.00"


def test_the_size_limit_counts_bytes_not_characters() -> None:
    # "é" is two bytes in UTF-8: 140,000 of them are 280 KB, over the 256 KiB limit.
    assert problems_of(json.dumps(order(note="é" * 140_000), ensure_ascii=False)) == [
        "input: is larger than 256 KiB"
    ]
    exactly = json.dumps(order(note=""))
    exactly = json.dumps(order(note="x" * (MAX_INPUT_BYTES - len(exactly))))
    assert len(exactly.encode()) == MAX_INPUT_BYTES
    assert problems_of(exactly) == ["note: is not a known field"]


def test_an_item_without_a_quantity_is_one_unit() -> None:
    data = single_item("12.00", None)
    del data["items"][0]["quantity"]
    result = json.loads(estimate_json(json.dumps(data)))
    assert result["paid"] == "12.00"


def test_a_name_of_the_longest_length_allowed_is_read() -> None:
    # AliExpress titles run long: 200 characters is the limit, and still accepted.
    name = "Lamp " + "x" * 195
    result = json.loads(estimate_json(json.dumps(item_with(name=name))))
    assert result["items"][1]["name"] == name


def test_every_problem_is_reported_at_once() -> None:
    data = order(currency="XYZ", payment_method=None)
    data["items"][0]["unit_price"] = "-1"
    data["items"][1]["quantity"] = 0
    paths = [problem.split(":")[0] for problem in problems_of(data)]
    assert paths == ["currency", "payment_method", "items[0].unit_price", "items[1].quantity"]


def test_limits_keep_it_safe() -> None:
    too_many = order(items=[ISSUE_EXAMPLE["items"][1]] * 101)
    assert problems_of(too_many) == ["items: must list from 1 to 100 items"]
    most = json.loads(estimate_json(json.dumps(order(items=[ISSUE_EXAMPLE["items"][1]] * 100))))
    assert len(most["items"]) == 100
    huge = json.dumps(order(padding="x" * MAX_INPUT_BYTES))
    assert problems_of(huge) == ["input: is larger than 256 KiB"]
    deep = ["input: is nested too deeply to be an order"]
    assert problems_of("[" * 100_000 + "]" * 100_000) == deep
    assert problems_of('{"a":' * 40 + "1" + "}" * 40) == deep
    # Brackets inside strings are text, not nesting.
    assert problems_of(order(note="[" * 1000))[0] == "note: is not a known field"
    escaped_quote = '{"note": "\\"' + "[" * 100 + '"}'
    assert problems_of(escaped_quote)[0] == "note: is not a known field"


def test_yen_amounts_take_no_decimals() -> None:
    problems = problems_of(single_item("12.50", None, currency="JPY"))
    assert problems == ['items[0].unit_price: JPY amounts have no decimals, like "1250"']


def test_respond_maps_problems_to_paths_for_the_widget() -> None:
    answer = json.loads(respond(json.dumps(item_with(unit_price="-5"))))
    assert answer == {
        "ok": False,
        "errors": [
            {"path": "items[1].unit_price", "message": 'must be an amount above zero, like "12.50"'}
        ],
    }
    fine = json.loads(respond(json.dumps(ISSUE_EXAMPLE)))
    assert fine["ok"] is True
    assert fine["estimate"]["paid"] == "25.49"


def test_respond_uses_the_readers_date_when_as_of_is_missing() -> None:
    data = order()
    del data["as_of"]
    answer = json.loads(respond(json.dumps(data), "2026-12-09"))
    deadline = answer["estimate"]["timeline"][0]
    # Protection ends 2026-12-11, two days after the reader's 2026-12-09: due soon.
    assert (deadline["date"], deadline["status"]) == ("2026-12-11", "due_soon")
    for today in (None, "", "not a date"):
        problems = json.loads(respond(json.dumps(data), today))
        assert problems["errors"][0]["path"] == "as_of"


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)


def mutated_orders() -> st.SearchStrategy[Any]:
    """The example order with one field replaced by arbitrary JSON: close to valid input."""
    keys = [
        *ISSUE_EXAMPLE, "items.0.unit_price", "items.1.problem", "dates.delivered",
        # Version 2's fields, absent from the example.
        "order_number", "delivery_status", "dispute_status", "return_postage", "items.0.usable",
    ]  # fmt: skip

    def mutate(path: str, value: Any) -> Any:
        data = order()
        target: Any = data
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
        return data

    return st.builds(mutate, st.sampled_from(keys), json_values)


@given(st.one_of(json_values, mutated_orders()))
def test_any_json_gives_an_estimate_or_a_validation_error(data: Any) -> None:
    try:
        result = json.loads(estimate_json(json.dumps(data)))
    except ValidationError as error:
        assert error.problems
        assert all(": " in problem for problem in error.problems)
    else:
        assert set(result) >= {"paid", "refund", "timeline", "message"}


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_malformed_text_gives_a_validation_error(text: str | bytes) -> None:
    # Nothing this short and random is an order: it must be refused, never estimated.
    problems = problems_of(text)
    assert problems
    assert all(": " in problem for problem in problems)
    # The widget's call answers the same problems, split into field and message.
    shown = text if isinstance(text, str) else text.decode("latin-1")
    answer = json.loads(respond(shown))
    assert answer["ok"] is False
    errors = [f"{error['path']}: {error['message']}" for error in answer["errors"]]
    assert errors == problems_of(shown)
