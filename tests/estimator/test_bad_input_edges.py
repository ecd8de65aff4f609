"""The edges of bad input: exactly at each limit is accepted, one past it is refused, and the
message says which limit.

A shopper's order is small; these limits exist so that a pasted file, a broken share link or
a hostile page cannot freeze the estimator or forge a line in its list of problems.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from estimator.api import ValidationError, estimate_json, respond
from estimator.validation import (
    MAX_DEPTH,
    MAX_NUMBER_CHARS,
    parse_json,
    shown_key,
)

from .orders import order, single_item


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        parse_json(text)
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


# --- JSON itself -----------------------------------------------------------------------------


def test_a_syntax_error_says_where() -> None:
    # (Not a trailing comma: Python 3.13 moved where it reports that one, and Pyodide runs 3.14.)
    assert problems_of('{"a" 1}') == ["input: is not valid JSON at line 1, column 6"]
    assert problems_of('{\n  "a": }') == ["input: is not valid JSON at line 2, column 8"]


def test_nan_and_infinity_are_not_numbers() -> None:
    for text in ("NaN", "[Infinity]", '{"a": -Infinity}'):
        assert problems_of(text) == ["input: is not valid JSON"]


def test_bytes_that_are_not_utf8_are_named() -> None:
    assert problems_of(b'{"a": "\xff"}') == ["input: is not valid JSON (it is not UTF-8 text)"]


@pytest.mark.parametrize("digits", [MAX_NUMBER_CHARS, MAX_NUMBER_CHARS - 2])
def test_numbers_up_to_the_length_limit_are_read(digits: int) -> None:
    assert parse_json("1" * digits) == int("1" * digits)
    assert parse_json("0." + "1" * (digits - 2)) == Decimal("0." + "1" * (digits - 2))


def test_one_character_more_is_refused() -> None:
    too_long = [f"input: has a number longer than {MAX_NUMBER_CHARS} characters"]
    assert problems_of("1" * (MAX_NUMBER_CHARS + 1)) == too_long
    assert problems_of("0." + "1" * (MAX_NUMBER_CHARS - 1)) == too_long


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_nesting_up_to_the_limit_is_read_one_more_is_refused() -> None:
    assert parse_json(nested(MAX_DEPTH)) is not None
    assert problems_of(nested(MAX_DEPTH + 1)) == ["input: is nested too deeply to be an order"]
    # Side by side is not deeper: many brackets, little depth.
    assert parse_json("[" + ", ".join([nested(3)] * 40) + "]") is not None


def test_brackets_inside_names_do_not_count_as_nesting() -> None:
    # An item name full of brackets, with an escaped quote before them, is only text.
    for name in ["[" * 60, '\\" ' + "{" * 60, "\\\\" + "[" * 60]:
        data = parse_json('{"name": "' + name + '", "list": ' + nested(MAX_DEPTH - 1) + "}")
        assert data["name"].endswith("[" * 60) or data["name"].endswith("{" * 60)
    # An escaped backslash does not escape the quote after it: the string ends there, and
    # the brackets after it count.
    closing = '["\\\\", ' + nested(MAX_DEPTH) + "]"
    assert problems_of(closing) == ["input: is nested too deeply to be an order"]


# --- unknown field names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "shown"),
    [
        ("colour", "colour"),
        ("a" * 40, "a" * 40),  # the longest plain name
        ("a" * 41, '"' + "a" * 40 + '..."'),
        ("é" * 40, '"' + "é" * 40 + '"'),  # letters of any script, quoted
        ("_a-b.c d", '"_a-b.c d"'),
        ("a: b\nc", '"a\\u003a b\\u000ac"'),  # no ": " and no new line get through
        ("2nd", '"2nd"'),
    ],
)
def test_an_unknown_field_is_named_safely(key: str, shown: str) -> None:
    assert shown_key(key) == shown
    data = order()
    data[key] = 1
    with pytest.raises(ValidationError) as caught:
        estimate_json(json.dumps(data))
    assert caught.value.problems == [f"{shown}: is not a known field"]


# --- the missing share of a kit ---------------------------------------------------------------

SHARE_FIX = 'must be the missing share of the value, above 0 and at most 1, like "0.25"'


LONGEST_SHARE = "0.1111111111"  # the most decimals a share may have


@pytest.mark.parametrize("share", ["0.25", " 0.5 ", "1", "1.0", 1, Decimal("0.01"), LONGEST_SHARE])
def test_a_missing_share_above_0_and_at_most_1_is_read(share: Any) -> None:
    data = single_item("10.00", {"kind": "missing_parts", "share": "X"})
    text = json.dumps(data).replace(
        '"X"', str(share) if not isinstance(share, str) else f'"{share}"'
    )
    refund = json.loads(estimate_json(text))["refund"]["suggested"]
    assert Decimal(refund) == (Decimal("10.00") * Decimal(str(share).strip())).quantize(
        Decimal("0.01")
    )


@pytest.mark.parametrize("share", ['"0"', '"1.01"', "0", "2", '"1e-1"', '"0,5"', "true", '"-0.5"'])
def test_any_other_share_is_refused_with_the_fix(share: str) -> None:
    data = single_item("10.00", {"kind": "missing_parts", "share": "X"})
    text = json.dumps(data).replace('"X"', share)
    with pytest.raises(ValidationError) as caught:
        estimate_json(text)
    assert caught.value.problems == [f"items[0].problem.share: {SHARE_FIX}"]


def test_a_closed_pair_inside_still_counts_the_levels_around_it() -> None:
    # Three levels, an empty [] that opens and closes, then 30 more levels: 33 deep in all.
    text = "[[[[], " + nested(MAX_DEPTH - 2) + "]]]"
    assert problems_of(text) == ["input: is nested too deeply to be an order"]


def test_the_widget_splits_each_problem_at_its_first_colon() -> None:
    # Messages may hold ": " themselves ("must be one of: damaged, ..."): the path never does.
    data = single_item("10.00", {"kind": "broken"})
    answer = json.loads(respond(json.dumps(data)))
    assert answer["ok"] is False
    [error] = answer["errors"]
    assert error["path"] == "items[0].problem.kind"
    assert error["message"].startswith("must be one of: damaged, ")
