"""Input an attacker would try: each gets a `path: message` answer, never a crash or a hang.

The bad inputs of issue 11 ("Crashes and hangs"), one test each, then Hypothesis fuzzing of the
same families. These run in CPython and inside Pyodide (where a crash would take the widget's
worker down); the command line's own cases are in tests/cpython/test_cli_robustness.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from estimator.api import ValidationError, calendar_for, estimate_json, respond
from estimator.validation import MAX_NUMBER_CHARS, read_order

from .orders import order

PLACEHOLDER = '"@@@"'


def with_raw(path: str, raw_json: str) -> str:
    """The example order as JSON text with one field set to a raw JSON token."""
    data = order()
    target: Any = data
    *parents, last = path.split(".")
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[last] = "@@@"
    return json.dumps(data).replace(PLACEHOLDER, raw_json)


def problems_of(text: str) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        estimate_json(text)
    return caught.value.problems


def assert_well_formed(problems: list[str]) -> None:
    """One line each, printable as UTF-8, and split into path and message at the first ': '."""
    for problem in problems:
        assert "\n" not in problem, problem
        assert "\r" not in problem, problem
        problem.encode("utf-8")  # no lone surrogate
        path, _, message = problem.partition(": ")
        assert message, problem
        assert path.isprintable(), problem


def test_a_huge_json_number_for_quantity_is_refused_at_once() -> None:
    # int(Decimal("1e1000000")) alone would take minutes; the bound is checked first.
    problems = problems_of(with_raw("items.1.quantity", "1e1000000"))
    assert problems == ["items[1].quantity: must be a whole number from 1 to 10,000"]


@pytest.mark.parametrize("raw", ["1e1000000", "-1e1000000", "1e-1000000"])
def test_huge_and_tiny_exponents_for_amounts_are_refused(raw: str) -> None:
    problems = problems_of(with_raw("items.1.unit_price", raw))
    assert len(problems) == 1
    assert problems[0].startswith("items[1].unit_price: ")


def test_a_number_too_long_to_be_an_order_is_refused_before_converting() -> None:
    problems = problems_of(with_raw("items.1.quantity", "9" * 5000))
    assert problems == [f"input: has a number longer than {MAX_NUMBER_CHARS} characters"]


@pytest.mark.parametrize("digits", ["\u00b2", "\u0663", "\uff13", "\u2463", "\u096a"])
def test_unicode_digits_are_not_numbers(digits: str) -> None:
    # str.isdigit() accepts these, int() refuses some of them: only ASCII digits count.
    data = order()
    data["items"][1]["quantity"] = digits
    data["items"][0]["unit_price"] = digits
    problems = problems_of(json.dumps(data))
    assert "items[1].quantity: must be a whole number from 1 to 10,000" in problems
    assert any(p.startswith("items[0].unit_price: must be an amount above zero") for p in problems)


@pytest.mark.parametrize("field", ["as_of", "dates.protection_ends", "dates.promised_delivery"])
@pytest.mark.parametrize("date", ["9999-12-31", "9999-12-25", "0001-01-01"])
def test_dates_near_the_ends_of_the_calendar_are_refused(field: str, date: str) -> None:
    problems = problems_of(with_raw(field, json.dumps(date)))
    shown = field.replace("dates.", "dates.")
    assert any(
        p.startswith(f"{shown}: must be between 2000-01-01 and 2099-12-31") for p in problems
    )


def test_the_latest_allowed_dates_still_compute_every_deadline() -> None:
    data = order(
        as_of="2099-12-31",
        payment_method="paypal",
        dates={"ordered": "2099-12-31", "protection_ends": "2099-12-31"},
    )
    assert json.loads(estimate_json(json.dumps(data)))["timeline"]
    data["payment_method"] = "credit_card"
    data["dates"] = {"ordered": "2099-01-01", "promised_delivery": "2099-12-31"}
    assert json.loads(estimate_json(json.dumps(data)))["timeline"]


def test_a_readers_clock_far_off_is_named_not_a_crash() -> None:
    data = order()
    del data["as_of"]
    answer = json.loads(respond(json.dumps(data), "9999-12-31"))
    assert answer["ok"] is False
    assert answer["errors"][0]["path"] == "as_of"
    for today in ("20261126", "2026-W48-4", "\uff12\uff10\uff12\uff16-11-26"):
        assert json.loads(respond(json.dumps(data), today))["errors"][0]["path"] == "as_of"


def test_a_lone_surrogate_in_a_name_is_refused() -> None:
    text = json.dumps(order()).replace('"Phone case"', '"Phone \\ud800 case"')
    problems = problems_of(text)
    assert problems == [
        "items[1].name: contains a broken character (a lone surrogate); type it again"
    ]
    # The same as a Python string (the widget's worker hands over JavaScript strings).
    raw = json.dumps(order(), ensure_ascii=False).replace("Phone case", "Phone \ud800 case")
    answer = json.loads(respond(raw))
    assert answer["errors"][0]["path"] == "items[1].name"


def test_a_byte_order_mark_is_not_part_of_the_json() -> None:
    text = json.dumps(order())
    expected = estimate_json(text)
    assert estimate_json("\ufeff" + text) == expected
    assert estimate_json(b"\xef\xbb\xbf" + text.encode()) == expected


@pytest.mark.parametrize("price", ["4.5000000000000000000000000000001", "4.501", "0.001"])
def test_more_decimals_than_the_currency_has_is_an_error_however_many(price: str) -> None:
    data = order()
    data["items"][0]["unit_price"] = price
    assert problems_of(json.dumps(data)) == [
        'items[0].unit_price: USD amounts have 2 decimals, like "12.50"'
    ]
    as_number = with_raw("items.0.unit_price", price)
    assert problems_of(as_number) == [
        'items[0].unit_price: USD amounts have 2 decimals, like "12.50"'
    ]


def with_missing_share(raw_json: str) -> str:
    """A one-item order missing a part, with the share written as a raw JSON token."""
    data = order(items=[{"name": "Drill", "unit_price": "40.00", "problem": {}}])
    data["items"][0]["problem"] = {"kind": "missing_parts", "share": "@@@"}
    return json.dumps(data).replace('"@@@"', raw_json)


@pytest.mark.parametrize("raw", ["1e-1000000", "0.00000000001", '"0.33333333333"'])
def test_a_missing_share_with_more_than_ten_decimals_is_refused(raw: str) -> None:
    # 1e-1000000 is above 0 and at most 1, yet no shopper means it: it showed as "about 0%".
    problems = problems_of(with_missing_share(raw))
    assert len(problems) == 1
    assert problems[0].startswith("items[0].problem.share: must have at most 10 decimals")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ('"0.25"', "25"),
        ("0.3333", "33.33"),
        ('"0.33333"', "33.333"),
        ("1", "100"),
        # As long as a number may be (MAX_NUMBER_CHARS, 40 characters), trailing zeros and all.
        ('"0.5' + "0" * 37 + '"', "50"),
    ],
)
def test_a_missing_share_is_stated_as_entered(raw: str, shown: str) -> None:
    message = json.loads(estimate_json(with_missing_share(raw)))["message"]
    assert f"(about {shown}% of its value is missing)" in message


def test_trailing_zeros_are_not_extra_decimals() -> None:
    data = order()
    data["items"][0]["unit_price"] = "4.5000000"
    assert json.loads(estimate_json(json.dumps(data)))["paid"] == "25.49"


def test_an_offer_of_1e1_is_printed_as_ten() -> None:
    result = json.loads(estimate_json(with_raw("seller_offer", "1e1")))
    assert result["offer"]["amount"] == "10.00"
    assert "USD 10.00" in result["offer"]["text"]
    assert "E+" not in json.dumps(result)


def test_an_unknown_key_cannot_forge_a_problem_line() -> None:
    data = order()
    data["x\ncurrency: must be one of: nothing"] = 1
    data["items"][0]["a: b\u2028c"] = 1
    problems = problems_of(json.dumps(data))
    assert_well_formed(problems)
    assert (
        problems[0]
        == '"x\\u000acurrency\\u003a must be one of\\u003a nothing": is not a known field'
    )
    assert problems[1].startswith('items[0]."a\\u003a b\\u2028c": is not a known field')
    assert not any(p.startswith("currency:") for p in problems)


def test_plain_unknown_keys_still_read_plainly() -> None:
    assert problems_of(json.dumps(order(note="hi"))) == ["note: is not a known field"]


def test_two_orders_with_the_same_deadlines_get_different_calendar_uids() -> None:
    first = order()
    second = order()
    second["items"][0]["name"] = "HDMI cable"
    uids = [
        {line for line in calendar_for(json.dumps(data)).split("\r\n") if line.startswith("UID:")}
        for data in (first, second)
    ]
    assert all(uids)
    assert not uids[0] & uids[1]
    numbered = {
        line
        for line in calendar_for(json.dumps(order(order_number="8123456789012345"))).split("\r\n")
        if line.startswith(("UID:", "SUMMARY:"))
    }
    assert any("8123456789012345" in line for line in numbered)


def test_the_same_order_a_day_later_keeps_its_calendar_uids() -> None:
    # Imported again, its events update instead of appearing twice.
    def uids(as_of: str) -> set[str]:
        text = calendar_for(json.dumps(order(as_of=as_of)))
        return {line for line in text.split("\r\n") if line.startswith("UID:")}

    assert uids("2026-11-26") == uids("2026-11-27")


# --- fuzzing -------------------------------------------------------------------------------------

NASTY_NUMBERS = st.sampled_from(
    ["1e1000000", "-1e1000000", "1e-1000000", "1E+1", "0.1e2", "-0.0", "1" * 39, "1" * 41,
     "4.5000000000000000000000000000001", "123456789012345678901234567890.5", "0", "-1"]
)  # fmt: skip
UNICODE_DIGITS = st.text(
    alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=6
).map(json.dumps)
DATES = st.dates().map(lambda day: json.dumps(day.isoformat()))
SURROGATES = st.integers(0xD800, 0xDFFF).map(lambda c: f'"a\\u{c:04x}b"')
FIELDS = st.sampled_from(
    ["items.0.quantity", "items.1.unit_price", "shipping", "discount", "tax", "seller_offer",
     "return_postage", "as_of", "dates.delivered", "dates.protection_ends", "items.0.name",
     "order_number", "items.1.problem.units", "items.1.problem.share"]
)  # fmt: skip


@given(FIELDS, st.one_of(NASTY_NUMBERS, UNICODE_DIGITS, DATES, SURROGATES))
def test_fuzzed_fields_give_an_estimate_or_well_formed_problems(field: str, raw: str) -> None:
    text = with_raw(field, raw)
    problems: list[str] = []
    try:
        result = estimate_json(text)
    except ValidationError as error:
        problems = error.problems
        result = ""
    assert_well_formed(problems)
    assert bool(problems) != bool(result)
    result.encode("utf-8")
    assert "E+" not in result
    answer = json.loads(respond(text))
    assert answer["ok"] in (True, False)


@given(st.dictionaries(st.text(max_size=30), st.integers(), min_size=1, max_size=4))
def test_fuzzed_unknown_keys_are_escaped(extra: dict[str, int]) -> None:
    data = order()
    data["items"][1].update({f"k{key}": value for key, value in extra.items()})
    data.update({f"x{key}": value for key, value in extra.items()})
    problems = problems_of(json.dumps(data))
    assert_well_formed(problems)
    assert len(problems) == 2 * len(extra)


def test_a_python_callers_odd_keys_are_problems_too() -> None:
    with pytest.raises(ValidationError) as caught:
        read_order({**order(), 1: "x", ("a", "b"): 2})
    assert '"1": is not a known field' in caught.value.problems
    assert_well_formed(caught.value.problems)
