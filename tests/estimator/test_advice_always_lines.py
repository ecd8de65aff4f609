"""Lines of advice every claim gets, whatever the problem.

- The evidence checklist always ends with the chat with the seller: disputes are often decided
  on what the seller promised there.
- Every claim warns that currency conversion fees are not refunded, so a shopper who paid in
  another currency is not surprised by a smaller amount on their statement.
An order without a claim gets neither: there is nothing to prove and no refund to convert.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from estimator.api import estimate_json
from estimator.messages import CHAT as ALWAYS
from estimator.policy import GRADED_KINDS, PROBLEM_KINDS, load_policy

from .orders import single_item

CHAT_LINE = "Screenshots of your chat with the seller"


def run(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(estimate_json(json.dumps(data)))
    return result


def problem_of(kind: str) -> dict[str, Any]:
    return {"kind": kind, "severity": "moderate"} if kind in GRADED_KINDS else {"kind": kind}


@pytest.mark.parametrize("kind", PROBLEM_KINDS)
def test_every_claim_asks_for_the_chat_once_at_the_end(kind: str) -> None:
    evidence = run(single_item("10.00", problem_of(kind)))["evidence"]
    assert evidence[-1] == ALWAYS
    assert evidence[-1].startswith(CHAT_LINE)
    assert [line for line in evidence if line.startswith(CHAT_LINE)] == [ALWAYS]


@pytest.mark.parametrize("kind", PROBLEM_KINDS)
def test_every_claim_warns_about_conversion_fees(kind: str) -> None:
    warnings = run(single_item("10.00", problem_of(kind)))["warnings"]
    fees = [w for w in warnings if "conversion fees" in w]
    assert fees == [load_policy().money["conversion_fees"].label + "."]


def test_no_claim_has_no_evidence_and_no_fee_warning() -> None:
    result = run(single_item("10.00", None))
    assert result["recommendation"] == "no_claim"
    assert result["evidence"] == []
    assert not [w for w in result["warnings"] if "conversion fees" in w]
