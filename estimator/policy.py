"""The policy data (policy.toml) as typed, read-only objects.

Every rule number the estimator uses, and every policy table the site shows, comes from
policy.toml through this module, so the calculator and the guide cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib.resources import files
from typing import Any

CONFIDENCE_LEVELS = ("H", "M", "L", "model")
SEVERITIES = ("minor", "moderate", "severe")
# Problem kinds whose range depends on how bad the problem is.
GRADED_KINDS = ("damaged", "not_as_described", "quality")
PROBLEM_KINDS = (
    *GRADED_KINDS,
    "wrong_variant",
    "wrong_item",
    "missing_parts",
    "missing",
    "counterfeit",
)
# Problem kinds that take the share of the value missing (`problem.share`).
SHARE_KINDS = ("missing_parts",)


@dataclass(frozen=True, slots=True)
class Sourced:
    """Where a rule comes from and how far to trust it."""

    source: str
    confidence: str
    checked: dt.date
    note: str
    source_date: str = ""  # how old the source itself is ("2019-09-09", "2022 copy"); "" unknown


@dataclass(frozen=True, slots=True)
class Window:
    """A deadline: `days` calendar days after an event."""

    id: str
    label: str
    days: int
    after: str
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class Arrival:
    """How long a refund takes to reach a payment method once AliExpress has issued it."""

    method: str
    label: str
    min_days: int
    max_days: int
    business_days: bool
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class PercentRange:
    """Our model's share of the affected units' price to ask for, in percent."""

    kind: str
    severity: str | None  # None for kinds with one level
    low: int
    suggested: int
    high: int


@dataclass(frozen=True, slots=True)
class Fact:
    """A rule without a number that shapes the advice (a cap, a warning, an outcome)."""

    id: str
    label: str
    outcome: str | None
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class PageFact:
    """A rule the guide pages state (a limit, a name, a process step), with its source.

    `values` holds the entry's other keys (days, amounts, names) for pages to quote."""

    id: str
    label: str
    values: dict[str, Any]
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class Limit:
    """A threshold of our model, as an exact fraction (1/3, never 0.333...)."""

    id: str
    label: str
    share: Fraction
    sourced: Sourced


@dataclass(frozen=True, slots=True)
class Policy:
    version: str
    checked: dt.date
    windows: dict[str, Window]
    arrival: dict[str, Arrival]
    kind_labels: dict[str, str]
    kind_notes: dict[str, str]
    ranges: dict[tuple[str, str | None], PercentRange]
    model: Sourced
    late: dict[str, Fact]
    money: dict[str, Fact]
    eligibility: dict[str, Fact]
    limits: dict[str, Limit]
    facts: dict[str, PageFact]

    def percent_range(self, kind: str, severity: str | None) -> PercentRange:
        """The range for a problem; `severity` is ignored for one-level kinds."""
        key = (kind, severity if kind in GRADED_KINDS else None)
        return self.ranges[key]

    def all_rules(self) -> list[tuple[str, str, Sourced]]:
        """(rule id, label, source) of every rule, for the site's sources table."""
        rules = [(f"windows.{w.id}", w.label, w.sourced) for w in self.windows.values()]
        rules += [(f"arrival.{a.method}", a.label, a.sourced) for a in self.arrival.values()]
        rules += [(f"model.{kind}", label, self.model) for kind, label in self.kind_labels.items()]
        rules += [(f"late.{f.id}", f.label, f.sourced) for f in self.late.values()]
        rules += [(f"money.{f.id}", f.label, f.sourced) for f in self.money.values()]
        rules += [(f"eligibility.{f.id}", f.label, f.sourced) for f in self.eligibility.values()]
        rules += [(f"limits.{lim.id}", lim.label, lim.sourced) for lim in self.limits.values()]
        rules += [(f"facts.{f.id}", f.label, f.sourced) for f in self.facts.values()]
        return rules


class PolicyError(ValueError):
    """policy.toml is malformed: raised at load time so the build and the tests catch it."""


# Keys every sourced entry has; a fact's other keys are its values.
SOURCE_KEYS = ("source", "source_date", "confidence", "checked", "note", "label")
A_YEAR = re.compile(r"\b(19|20)\d\d\b")


def _sourced(table: dict[str, Any], where: str) -> Sourced:
    for key in ("source", "confidence", "checked"):
        if key not in table:
            raise PolicyError(f"{where}: missing '{key}'")
    if table["confidence"] not in CONFIDENCE_LEVELS:
        raise PolicyError(f"{where}: confidence must be one of {', '.join(CONFIDENCE_LEVELS)}")
    if not isinstance(table["checked"], dt.date):
        raise PolicyError(f"{where}: checked must be a date like 2026-11-26")
    source_date = table.get("source_date", "")
    if isinstance(source_date, dt.date):
        source_date = source_date.isoformat()
    if source_date and not (isinstance(source_date, str) and A_YEAR.search(source_date)):
        raise PolicyError(f'{where}: source_date must name a year, like "2022" or 2019-09-09')
    note = table.get("note", "")
    return Sourced(table["source"], table["confidence"], table["checked"], note, source_date)


def _page_fact(fid: str, table: dict[str, Any]) -> PageFact:
    where = f"facts.{fid}"
    if not isinstance(table.get("label"), str) or not table["label"]:
        raise PolicyError(f"{where}: missing 'label'")
    values = {key: value for key, value in table.items() if key not in SOURCE_KEYS}
    return PageFact(fid, table["label"], values, _sourced(table, where))


def _percent_range(kind: str, severity: str | None, values: Any, where: str) -> PercentRange:
    if not (isinstance(values, list) and len(values) == 3 and all(type(v) is int for v in values)):
        raise PolicyError(f"{where}: must be [low, suggested, high] in whole percent")
    low, suggested, high = values
    if not 0 <= low <= suggested <= high <= 100:
        raise PolicyError(f"{where}: must satisfy 0 <= low <= suggested <= high <= 100")
    return PercentRange(kind, severity, low, suggested, high)


def _share(text: Any, where: str) -> Fraction:
    try:
        share = Fraction(text) if isinstance(text, str) else None
    except ValueError:
        share = None
    if share is None or not 0 < share <= 1:
        raise PolicyError(f'{where}: share must be a fraction above 0 and at most 1, like "1/3"')
    return share


def parse_policy(data: dict[str, Any]) -> Policy:
    """Check and convert the TOML tables; every mistake names the table and the key."""
    try:
        meta = data["policy"]
        windows = {
            wid: Window(wid, w["label"], w["days"], w["after"], _sourced(w, f"windows.{wid}"))
            for wid, w in data["windows"].items()
        }
        arrival = {}
        for method, a in data["arrival"].items():
            if a["days"] not in ("business", "calendar") or not 0 <= a["min"] <= a["max"]:
                raise PolicyError(f"arrival.{method}: need 0 <= min <= max, days business|calendar")
            arrival[method] = Arrival(
                method, a["label"], a["min"], a["max"], a["days"] == "business",
                _sourced(a, f"arrival.{method}"),
            )  # fmt: skip
        model_table = data["model"]
        model = _sourced(model_table, "model")
        ranges: dict[tuple[str, str | None], PercentRange] = {}
        labels: dict[str, str] = {}
        notes: dict[str, str] = {}
        for kind in PROBLEM_KINDS:
            entry = model_table[kind]
            labels[kind], notes[kind] = entry["label"], entry.get("note", "")
            levels = SEVERITIES if kind in GRADED_KINDS else (None,)
            for severity in levels:
                where = f"model.{kind}.{severity or 'any'}"
                ranges[(kind, severity)] = _percent_range(
                    kind, severity, entry[severity or "any"], where
                )
        late, money, eligibility = (
            {
                fid: Fact(fid, f["label"], f.get("outcome"), _sourced(f, f"{table}.{fid}"))
                for fid, f in data[table].items()
            }
            for table in ("late", "money", "eligibility")
        )
        limits = {
            lid: Limit(lid, entry["label"], _share(entry["share"], f"limits.{lid}"),
                       _sourced(entry, f"limits.{lid}"))
            for lid, entry in data["limits"].items()
        }  # fmt: skip
        facts = {fid: _page_fact(fid, f) for fid, f in data["facts"].items()}
        return Policy(
            meta["version"], meta["checked"], windows, arrival, labels, notes, ranges,
            model, late, money, eligibility, limits, facts,
        )  # fmt: skip
    except KeyError as missing:
        raise PolicyError(f"policy.toml: missing key {missing}") from None


@cache
def load_policy() -> Policy:
    """The policy shipped inside the package (read once per process)."""
    text = files("estimator").joinpath("policy.toml").read_text(encoding="utf-8")
    return parse_policy(tomllib.loads(text))
