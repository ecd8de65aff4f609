"""Every figure and word in policy.toml reaches the estimator unchanged, and a maintainer's
mistake there is refused with the table, the key and what to write instead.

The site's tables and the estimator's answers both read the policy through `parse_policy`:
a rule read under the wrong name, a note dropped or a unit of days swapped would put a wrong
deadline in front of shoppers. (`load_policy` keeps its result for the process, so these
tests call `parse_policy` on the shipped file themselves.)
"""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from fractions import Fraction
from importlib.resources import files
from typing import Any

import pytest

from estimator.policy import (
    GRADED_KINDS,
    PROBLEM_KINDS,
    SEVERITIES,
    PolicyError,
    Sourced,
    parse_policy,
)

RAW: dict[str, Any] = tomllib.loads(
    files("estimator").joinpath("policy.toml").read_text(encoding="utf-8")
)


def raw() -> dict[str, Any]:
    return copy.deepcopy(RAW)


def sourced(table: dict[str, Any]) -> Sourced:
    source_date = table.get("source_date", "")
    if isinstance(source_date, dt.date):  # TOML reads 2019-09-09 as a date
        source_date = source_date.isoformat()
    return Sourced(
        table["source"], table["confidence"], table["checked"], table.get("note", ""), source_date
    )


def test_every_rule_reads_back_under_its_own_name() -> None:
    policy = parse_policy(raw())
    assert (policy.version, policy.checked) == (RAW["policy"]["version"], RAW["policy"]["checked"])
    for wid, table in RAW["windows"].items():
        window = policy.windows[wid]
        assert (window.id, window.label, window.days, window.after) == (
            wid, table["label"], table["days"], table["after"]
        )  # fmt: skip
        assert window.sourced == sourced(table)
    for method, table in RAW["arrival"].items():
        arrival = policy.arrival[method]
        assert (arrival.method, arrival.label, arrival.min_days, arrival.max_days) == (
            method, table["label"], table["min"], table["max"]
        )  # fmt: skip
        assert arrival.business_days is (table["days"] == "business")
        assert arrival.sourced == sourced(table)
    assert policy.model == sourced(RAW["model"])
    for kind in PROBLEM_KINDS:
        entry = RAW["model"][kind]
        assert policy.kind_labels[kind] == entry["label"]
        assert policy.kind_notes[kind] == entry.get("note", "")
        for severity in SEVERITIES if kind in GRADED_KINDS else (None,):
            found = policy.percent_range(kind, severity)
            expected = entry[severity or "any"]
            assert (found.kind, found.severity) == (kind, severity)
            assert [found.low, found.suggested, found.high] == expected
    for name in ("late", "money", "eligibility"):
        facts = getattr(policy, name)
        assert list(facts) == list(RAW[name])
        for fid, table in RAW[name].items():
            fact = facts[fid]
            assert (fact.id, fact.label, fact.outcome) == (
                fid,
                table["label"],
                table.get("outcome"),
            )
            assert fact.sourced == sourced(table)
    for fid, table in RAW["facts"].items():
        fact = policy.facts[fid]
        assert (fact.id, fact.label, fact.sourced) == (fid, table["label"], sourced(table))
        # Every other key is a value a page quotes, as written.
        assert fact.values == {
            key: value
            for key, value in table.items()
            if key not in ("label", "source", "confidence", "checked", "note", "source_date")
        }
    for lid, table in RAW["limits"].items():
        limit = policy.limits[lid]
        assert (limit.id, limit.label, limit.share) == (
            lid,
            table["label"],
            Fraction(table["share"]),
        )
        assert limit.sourced == sourced(table)


def test_the_sources_table_names_every_rule_once() -> None:
    policy = parse_policy(raw())
    rules = policy.all_rules()
    ids = [rule_id for rule_id, _, _ in rules]
    expected = [f"windows.{w}" for w in RAW["windows"]]
    expected += [f"arrival.{a}" for a in RAW["arrival"]]
    expected += [f"model.{kind}" for kind in PROBLEM_KINDS]
    expected += [
        f"{table}.{fid}" for table in ("late", "money", "eligibility") for fid in RAW[table]
    ]
    expected += [f"limits.{lid}" for lid in RAW["limits"]]
    expected += [f"facts.{fid}" for fid in RAW["facts"]]
    assert ids == expected
    labels = {rule_id: label for rule_id, label, _ in rules}
    assert labels["windows.seller_response"] == RAW["windows"]["seller_response"]["label"]
    assert labels["model.damaged"] == RAW["model"]["damaged"]["label"]
    sources = {rule_id: source for rule_id, _, source in rules}
    assert sources["model.quality"] == sourced(RAW["model"])
    assert sources["money.conversion_fees"] == sourced(RAW["money"]["conversion_fees"])


def first(table: str) -> str:
    return next(iter(RAW[table]))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("windows", "label", None), "policy.toml: missing key 'label'"),
        (("arrival", "days", "weekdays"), "need 0 <= min <= max, days business|calendar"),
        (("arrival", "min", -1), "need 0 <= min <= max, days business|calendar"),
        (("arrival", "min", 99), "need 0 <= min <= max, days business|calendar"),
        (("late", "source", None), "missing 'source'"),
        (("money", "confidence", "sure"), "confidence must be one of H, M, L, model"),
        (("eligibility", "checked", "yesterday"), "checked must be a date like 2026-11-26"),
        (("limits", "share", "0"), 'share must be a fraction above 0 and at most 1, like "1/3"'),
        (("limits", "share", "4/3"), 'share must be a fraction above 0 and at most 1, like "1/3"'),
        (("limits", "share", "a third"), "share must be a fraction above 0 and at most 1"),
        (("limits", "share", 0.5), "share must be a fraction above 0 and at most 1"),
    ],
)
def test_a_mistake_names_the_table_the_rule_and_the_fix(
    change: tuple[str, str, Any], message: str
) -> None:
    table, key, value = change
    data = raw()
    rule = data[table][first(table)]
    if value is None:
        rule.pop(key)
    else:
        rule[key] = value
    with pytest.raises(PolicyError) as caught:
        parse_policy(data)
    where = "policy.toml" if message.startswith("policy.toml") else f"{table}.{first(table)}"
    assert str(caught.value).startswith(f"{where}: " if where != "policy.toml" else "policy.toml")
    assert message in str(caught.value)


def test_a_share_of_exactly_one_is_accepted() -> None:
    data = raw()
    data["limits"][first("limits")]["share"] = "1"
    assert parse_policy(data).limits[first("limits")].share == 1


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ([10, 20], "must be [low, suggested, high] in whole percent"),
        ([10, 20, 30.5], "must be [low, suggested, high] in whole percent"),
        ("10-30", "must be [low, suggested, high] in whole percent"),
        ([-1, 20, 30], "must satisfy 0 <= low <= suggested <= high <= 100"),
        ([10, 20, 101], "must satisfy 0 <= low <= suggested <= high <= 100"),
        ([10, 31, 30], "must satisfy 0 <= low <= suggested <= high <= 100"),
    ],
)
def test_a_percent_range_must_be_three_whole_percents_in_order(values: Any, message: str) -> None:
    data = raw()
    data["model"]["quality"]["severe"] = values
    with pytest.raises(PolicyError) as caught:
        parse_policy(data)
    assert str(caught.value) == f"model.quality.severe: {message}"


def test_ranges_may_touch_their_bounds() -> None:
    data = raw()
    data["model"]["wrong_item"]["any"] = [0, 0, 100]
    data["arrival"][first("arrival")].update(min=0, max=0)
    policy = parse_policy(data)
    assert policy.percent_range("wrong_item", "severe").high == 100
    assert policy.arrival[first("arrival")].max_days == 0
    assert isinstance(RAW["policy"]["checked"], dt.date)


def test_a_rule_without_a_note_has_an_empty_note_and_a_toml_date_reads_as_iso() -> None:
    data = raw()
    window = data["windows"][first("windows")]
    window.pop("note", None)
    window["source_date"] = dt.date(2019, 9, 9)
    data["model"]["wrong_item"].pop("note", None)
    policy = parse_policy(data)
    assert policy.windows[first("windows")].sourced.note == ""
    assert policy.windows[first("windows")].sourced.source_date == "2019-09-09"
    assert policy.kind_notes["wrong_item"] == ""


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: p["model"].update(confidence="sure"), "model: confidence must be one of"),
        (lambda p: p["model"]["wrong_item"].update(any=[1, 2]), "model.wrong_item.any: must be"),
        (lambda p: p["limits"][first("limits")].pop("source"), f"limits.{first('limits')}: "),
    ],
)
def test_mistakes_in_the_model_and_the_limits_name_them(edit: Any, message: str) -> None:
    data = raw()
    edit(data)
    with pytest.raises(PolicyError) as caught:
        parse_policy(data)
    assert str(caught.value).startswith(message)
