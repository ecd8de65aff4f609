"""What the site's form is told (estimator/form_facts.py) agrees with what the estimator accepts.

The widget holds no rule of its own: if a fact here were wrong, the form would offer a choice
the estimator refuses, or hide a field it needs.
"""

from __future__ import annotations

import json
from pathlib import Path
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
from estimator.policy import SEVERITIES, load_policy
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
    # A blank form starts in US dollars, paid by a card of either kind (the CLI's defaults).
    assert facts["defaults"] == {"currency": "USD", "payment_method": "card"}
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


def shown(situation: dict[str, Any]) -> set[str]:
    """The order's fields a situation asks for, dates as `dates.NAME` (as marks name them)."""
    return {*situation["fields"], *(f"dates.{d}" for d in situation["dates"])}


def test_situations_ask_only_for_fields_the_estimator_has() -> None:
    facts = form_facts()
    values = [s["value"] for s in facts["situations"]]
    assert facts["default_situation"] in values
    for situation in facts["situations"]:
        assert set(situation["fields"]) <= set(ORDER_FIELDS), situation["value"]
        assert set(situation["dates"]) <= set(DATE_FIELDS), situation["value"]
        kinds = [k["value"] for k in facts["kinds"]]
        assert situation["problem"] is None or situation["problem"] in kinds


def test_an_order_opens_on_the_one_situation_that_asks_for_its_marks() -> None:
    # A shared link or the remembered copy opens on the situation whose mark it has: a mark
    # asked for by a second situation would open the wrong one, and one asked for by none
    # would open a situation that hides the order's own answer.
    situations = form_facts()["situations"]
    for situation in situations:
        others = set().union(*(shown(s) for s in situations if s is not situation))
        assert set(situation["marks"]) <= shown(situation) - others, situation["value"]
    marks = {s["value"]: s["marks"] for s in situations}
    assert marks == {
        "nothing_arrived": ["delivery_status"],
        "item_problem": [],
        "seller_offer": ["seller_offer", "return_postage"],
        "refund_late": ["dates.refund_issued", "dates.return_agreed"],
    }


def test_nothing_arrived_makes_every_item_missing_and_asks_no_delivery_date() -> None:
    nothing = next(s for s in form_facts()["situations"] if s["value"] == "nothing_arrived")
    assert nothing["problem"] == "missing"
    assert "delivery_status" in nothing["fields"]
    # A parcel that never came has no delivery or receipt date: the estimator refuses one
    # with a "not reached you" status, so the form must not ask for it.
    assert not {"delivered", "confirmed"} & set(nothing["dates"])
    items = [{"name": "Lamp", "unit_price": "5.00", "quantity": 2, "problem": {"kind": "missing"}}]
    dates = {"ordered": "2026-10-01", "shipped": "2026-10-03", "promised_delivery": "2026-11-10"}
    assert errors(order(items=items, delivery_status="in_transit", dates=dates)) == []


def test_the_other_situations_ask_their_own_questions() -> None:
    asks = {s["value"]: (s["problem"], s["fields"], s["dates"]) for s in form_facts()["situations"]}
    basics = ["order_number", "dispute_status"]
    assert asks["item_problem"] == (
        None,  # each item row asks what is wrong with it
        basics,
        ["ordered", "delivered", "confirmed", "protection_ends", "dispute_opened"],
    )
    assert asks["seller_offer"] == (
        None,
        ["order_number", "seller_offer", "return_postage", "dispute_status"],
        ["ordered", "delivered", "confirmed", "protection_ends", "dispute_opened"],
    )
    assert asks["refund_late"] == (
        None,
        basics,
        ["ordered", "delivered", "dispute_opened", "return_agreed", "refund_issued"],
    )


def test_every_choice_the_form_offers_has_words() -> None:
    facts = form_facts()
    # The widget shows each choice's label as the option's text, never its code.
    for name in ("methods", "kinds", "delivery_statuses", "dispute_statuses", "offer_kinds"):
        assert all(choice["label"] for choice in facts[name]), name
    # Leaving the dispute choice empty means the estimator's default: no dispute opened.
    assert facts["dispute_statuses"][0] == {"value": "", "label": "No dispute opened"}
    assert errors(order(dispute_status="none")) == []


def test_every_severity_the_form_offers_is_one_the_estimator_takes() -> None:
    facts = form_facts()
    assert facts["severities"] == list(SEVERITIES) == ["minor", "moderate", "severe"]
    for severity in facts["severities"]:
        assert errors(single_item("10.00", {"kind": "damaged", "severity": severity})) == []


def test_every_rule_an_answer_cites_has_words() -> None:
    # The results print "Rule: " and these words under each timeline event; an id without
    # words would show the bare code. The approved answers cite every kind of event.
    rules = form_facts()["rules"]
    cited = set()
    for path in (Path(__file__).resolve().parent / "answers").glob("*.json"):
        answer = json.loads(path.read_text(encoding="utf-8"))
        cited |= {event["rule"] for event in answer.get("timeline", [])}
    assert {"windows.seller_response", "arrival.paypal"} <= cited
    for rule in cited:
        assert rules[rule], rule
        assert rule not in rules[rule], rule


def test_a_refunds_arrival_rule_says_business_or_calendar_days() -> None:
    # The results say "Dates are calendar days unless a rule says business days".
    facts = form_facts()
    policy = load_policy()
    for method in facts["methods"]:
        words = facts["rules"][f"arrival.{method['value']}"]
        assert words.startswith(f"{method['label']}: the money arrives ")
        business = policy.arrival[method["value"]].business_days
        unit = "business days" if business else "calendar days"
        assert unit in words, words
    assert facts["rules"]["arrival.paypal"].endswith(" calendar days after the refund is issued")


def test_the_example_is_the_one_copy_and_live_as_of_its_day() -> None:
    facts = form_facts()
    example = facts["example"]
    # The widget moves the example's dates by the days from this `as_of` to the reader's today.
    as_of = example["as_of"]
    assert as_of == EXAMPLE_ORDER["as_of"]
    assert example["order"] == {k: v for k, v in EXAMPLE_ORDER.items() if k != "as_of"}
    answer = json.loads(respond(json.dumps(example["order"]), as_of))
    assert answer["ok"], answer
    dates = example["order"]["dates"]
    assert dates["protection_ends"] > as_of  # protection still running
    assert all(d <= as_of for k, d in dates.items() if d and k != "protection_ends")
