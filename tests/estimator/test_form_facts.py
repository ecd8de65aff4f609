"""What the site's form is told (estimator/form_facts.py) agrees with what the estimator accepts.

The widget holds no rule of its own: if a fact here were wrong, the form would offer a choice
the estimator refuses, or hide a field it needs.
"""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest

from estimator.api import respond
from estimator.examples import EXAMPLE_ORDER
from estimator.form_facts import form_facts
from estimator.model import (
    DELIVERY_STATUSES,
    DISPUTE_STATUSES,
    EVENT_STATUSES,
    OFFER_KINDS,
    VERDICTS,
    Recommendation,
)
from estimator.money import CURRENCIES
from estimator.validation import DATE_FIELDS, ITEM_FIELDS, MAX_INPUT_BYTES, MAX_ITEMS, ORDER_FIELDS

from .orders import order, single_item

# Each test reads the facts itself: `make mutate` changes the estimator only while a test
# runs (not during collection or fixtures), so facts read earlier would never show a change.
KINDS = [kind["value"] for kind in form_facts()["kinds"]]  # parameters only


def errors(data: dict[str, Any]) -> list[str]:
    answer = json.loads(respond(json.dumps(data), "2026-11-26"))
    return [f"{e['path']}: {e['message']}" for e in answer.get("errors", [])]


def test_the_facts_are_json() -> None:
    facts = form_facts()
    assert json.loads(json.dumps(facts)) == facts


def test_every_answer_code_has_words() -> None:
    facts = form_facts()
    assert set(facts["recommendations"]) == set(get_args(Recommendation))
    assert "seller" in facts["message_to"]


def test_every_offer_verdict_and_timeline_status_has_words() -> None:
    facts = form_facts()
    # The results show these words, never the bare code (results.mjs holds no copy).
    assert list(facts["verdicts"]) == list(VERDICTS)
    assert list(facts["statuses"]) == list(EVENT_STATUSES)
    assert all(facts["verdicts"].values())
    assert all(facts["statuses"].values())


def test_the_decline_headline_carries_its_risk() -> None:
    facts = form_facts()
    # Declining hands the decision to AliExpress, which may award less than the offer.
    answer = json.loads(
        respond(json.dumps(order(seller_offer={"kind": "cash", "amount": "0.50"})), "2026-11-26")
    )
    check = answer["estimate"]["offer"]
    assert check["verdict"] == "escalate"
    for words in (facts["verdicts"]["escalate"], check["text"]):
        assert "less than the offer, or nothing" in words


def test_limits_and_defaults_are_the_estimators() -> None:
    facts = form_facts()
    assert facts["max_items"] == MAX_ITEMS
    assert facts["max_input_bytes"] == MAX_INPUT_BYTES
    assert facts["defaults"]["currency"] in CURRENCIES
    assert facts["defaults"]["payment_method"] in [m["value"] for m in facts["methods"]]
    assert facts["order_fields"] == list(ORDER_FIELDS)
    assert facts["item_fields"] == list(ITEM_FIELDS)


def test_every_date_field_has_a_label_and_a_place_to_find_it() -> None:
    facts = form_facts()
    assert [d["name"] for d in facts["dates"]] == list(DATE_FIELDS)
    assert all(d["label"] and d["hint"] for d in facts["dates"])


def test_every_choice_offered_is_one_the_estimator_takes() -> None:
    facts = form_facts()
    assert [c["value"] for c in facts["delivery_statuses"]] == list(DELIVERY_STATUSES)
    # The empty choice (not sent) stands for the default, which is not offered again.
    assert [c["value"] for c in facts["dispute_statuses"]] == [
        "",
        *(s for s in DISPUTE_STATUSES if s != "none"),
    ]
    assert [k["value"] for k in facts["offer_kinds"]] == list(OFFER_KINDS)


@pytest.mark.parametrize("kind", OFFER_KINDS)
def test_offer_kinds_with_and_without_an_amount(kind: str) -> None:
    facts = form_facts()
    takes_amount = next(k["amount"] for k in facts["offer_kinds"] if k["value"] == kind)
    with_amount = errors(order(seller_offer={"kind": kind, "amount": "2.00"}))
    without_amount = errors(order(seller_offer={"kind": kind}))
    if takes_amount:
        assert with_amount == []
        assert any(e.startswith("seller_offer.amount") for e in without_amount)
    else:
        assert without_amount == []
        assert any(e.startswith("seller_offer.amount") for e in with_amount)


@pytest.mark.parametrize("kind", KINDS)
def test_which_kinds_take_a_severity_and_a_share(kind: str) -> None:
    facts = form_facts()
    kind_facts = next(k for k in facts["kinds"] if k["value"] == kind)
    severity = "moderate" if kind_facts["graded"] else None
    with_share = errors(single_item("10.00", {"kind": kind, "severity": severity, "share": "0.5"}))
    assert (with_share == []) is kind_facts["takes_share"], with_share
    if kind_facts["graded"]:
        assert errors(single_item("10.00", {"kind": kind})) != []


def test_situations_ask_only_for_fields_the_estimator_has() -> None:
    facts = form_facts()
    values = [s["value"] for s in facts["situations"]]
    assert facts["default_situation"] in values
    for situation in facts["situations"]:
        assert set(situation["fields"]) <= set(ORDER_FIELDS)
        assert set(situation["dates"]) <= set(DATE_FIELDS)
        shown = {*situation["fields"], *(f"dates.{d}" for d in situation["dates"])}
        assert set(situation["marks"]) <= shown, situation["value"]
        kinds = [k["value"] for k in facts["kinds"]]
        assert situation["problem"] is None or situation["problem"] in kinds


def test_the_example_is_the_one_copy_and_live_as_of_its_day() -> None:
    facts = form_facts()
    example = facts["example"]
    assert example["order"] == {k: v for k, v in EXAMPLE_ORDER.items() if k != "as_of"}
    answer = json.loads(respond(json.dumps(example["order"]), EXAMPLE_ORDER["as_of"]))
    assert answer["ok"], answer
    dates = example["order"]["dates"]
    assert dates["protection_ends"] > EXAMPLE_ORDER["as_of"]  # protection still running
    assert all(
        d <= EXAMPLE_ORDER["as_of"] for k, d in dates.items() if d and k != "protection_ends"
    )
