"""The money helpers and the policy data that every figure comes from."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal
from importlib.resources import files
from typing import Any

import pytest

from estimator.money import format_amount, from_minor, quantize, split_proportionally, to_minor
from estimator.policy import PROBLEM_KINDS, PolicyError, load_policy, parse_policy


def test_amounts_have_exactly_the_currency_decimals() -> None:
    assert format_amount(Decimal("5"), "USD") == "5.00"
    assert format_amount(Decimal("1250"), "JPY") == "1250"
    assert format_amount(Decimal("1.2"), "KWD") == "1.200"
    assert quantize(Decimal("0.125"), "USD") == Decimal("0.13")  # half up
    assert from_minor(1250, "KWD") == Decimal("1.250")
    assert to_minor(Decimal("12.34"), "USD") == 1234
    with pytest.raises(ValueError, match="more decimals"):
        to_minor(Decimal("12.345"), "USD")


def test_split_gives_leftover_units_to_largest_remainders() -> None:
    assert split_proportionally(100, [1, 1, 1]) == [34, 33, 33]
    assert split_proportionally(299, [1350, 1200]) == [158, 141]
    assert split_proportionally(5, [0, 0]) == [3, 2]


def test_every_rule_has_a_source_a_confidence_and_a_date() -> None:
    policy = load_policy()
    rules = policy.all_rules()
    assert len(rules) >= 20
    for rule_id, label, sourced in rules:
        assert label, rule_id
        assert sourced.source, rule_id
        assert sourced.confidence in ("H", "M", "L", "model"), rule_id
        assert sourced.checked <= dt.date.today(), rule_id
    assert policy.model.confidence == "model"  # our percentages are labelled as our own


def test_policy_has_a_range_for_every_problem_kind_and_card_is_3_to_20() -> None:
    policy = load_policy()
    for kind in PROBLEM_KINDS:
        assert policy.percent_range(kind, "severe").high <= 100
    card = policy.arrival["card"]
    assert (card.min_days, card.max_days, card.business_days) == (3, 20, True)
    assert policy.windows["dispute_after_completion"].days == 15


def raw_policy() -> dict[str, Any]:
    text = files("estimator").joinpath("policy.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (
            lambda p: p["windows"]["seller_response"].pop("source"),
            "windows.seller_response: missing 'source'",
        ),
        (
            lambda p: p["arrival"]["card"].update(confidence="sure"),
            "arrival.card: confidence must be one of",
        ),
        (
            lambda p: p["model"]["damaged"].update(minor=[30, 20, 10]),
            "model.damaged.minor: must satisfy",
        ),
        (lambda p: p["model"].pop("counterfeit"), "missing key 'counterfeit'"),
    ],
)
def test_a_maintainers_mistake_in_the_policy_is_named(mutate: Any, message: str) -> None:
    data = raw_policy()
    mutate(data)
    with pytest.raises(PolicyError, match=message.replace("(", r"\(")):
        parse_policy(data)


def sourced_tables(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every entry of policy.toml that states a rule: all tables two levels down, except the
    model's problem kinds, which take their source from [model]."""
    return [
        (f"{section}.{name}", entry)
        for section, entries in data.items()
        if section not in ("policy", "model")
        for name, entry in entries.items()
    ] + [("model", data["model"])]


def test_every_entry_in_the_policy_file_has_its_source_confidence_and_checked_date() -> None:
    """Every fact a page may state lives in policy.toml with where it comes from."""
    entries = sourced_tables(raw_policy())
    assert len(entries) >= 50
    for where, entry in entries:
        for key in ("source", "confidence", "checked"):
            assert entry.get(key), f"{where}: no {key}"
    assert {f"facts.{fid}" for fid in load_policy().facts} <= {w for w, _ in entries}


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda p: p["facts"]["ioss"].pop("checked"), "facts.ioss: missing 'checked'"),
        (lambda p: p["facts"]["ioss"].pop("label"), "facts.ioss: missing 'label'"),
        (
            lambda p: p["facts"]["free_return"].update(source_date="long ago"),
            "facts.free_return: source_date must name a year",
        ),
    ],
)
def test_a_mistake_in_a_page_fact_is_named(mutate: Any, message: str) -> None:
    data = raw_policy()
    mutate(data)
    with pytest.raises(PolicyError, match=message):
        parse_policy(data)


def test_a_fact_keeps_its_values_and_the_date_of_its_source() -> None:
    free_return = load_policy().facts["free_return"]
    assert free_return.values["days"] == 15
    assert free_return.values["launched"] == dt.date(2019, 9, 9)
    assert "2019" in free_return.sourced.source_date
    assert "source" not in free_return.values
