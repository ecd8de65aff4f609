"""From an `Order` to an `Estimate`: which refund to ask for, per item and in total."""

from __future__ import annotations

from dataclasses import dataclass

from .advice import check_offer, evidence_checklist, message_draft, warnings_for
from .amounts import ZERO, ItemCash, MinorRange, affected_cash, item_cash, partial_range
from .model import Estimate, Item, ItemEstimate, Order, PolicyInfo, Recommendation, RefundRange
from .money import from_minor
from .policy import Policy, load_policy
from .timeline import build_timeline

# Problems that leave nothing usable of the affected units.
NOTHING_USABLE = ("missing", "counterfeit")


@dataclass(frozen=True, slots=True)
class ItemPlan:
    refund: MinorRange
    why: str
    returned: bool


def not_delivered_in_time(order: Order) -> bool:
    """Nothing arrived and the promised delivery date has passed: a full refund is due."""
    promised = order.dates.promised_delivery
    return order.dates.delivered is None and promised is not None and promised < order.as_of


def nothing_usable(order: Order) -> bool:
    """Every unit of every item is missing or fake."""
    return all(
        item.problem is not None
        and item.problem.kind in NOTHING_USABLE
        and item.problem.units == item.quantity
        for item in order.items
    )


def plan_item(item: Item, cash: ItemCash, policy: Policy) -> ItemPlan:
    problem = item.problem
    if problem is None:
        return ItemPlan(ZERO, "No problem reported.", returned=False)
    units = "all units" if problem.units == item.quantity else f"{problem.units} of {item.quantity}"
    if problem.kind == "missing":
        return ItemPlan(
            partial_range(item, cash, policy),
            f"Not received ({units}): their full price and their share of shipping.",
            returned=False,
        )
    if not item.keep:
        return ItemPlan(
            MinorRange.exact(affected_cash(item, cash).total),
            f"You return {units}: a full refund of their price and shipping share once the "
            "seller has the return.",
            returned=True,
        )
    label = policy.kind_labels[problem.kind]
    if problem.kind == "missing_parts" and problem.missing_share is not None:
        why = f"{label} ({units}): the share of the value you say is missing."
    else:
        rule = policy.percent_range(problem.kind, problem.severity)
        level = f", {problem.severity}" if problem.severity else ""
        why = (
            f"{label}{level} ({units}): {rule.low}-{rule.high}% of their price, "
            f"{rule.suggested}% suggested (our model, not an AliExpress figure)."
        )
    return ItemPlan(partial_range(item, cash, policy), why, returned=False)


def recommend(order: Order, plans: list[ItemPlan], not_delivered: bool) -> Recommendation:
    if not_delivered or nothing_usable(order):
        return "full_refund"
    if any(plan.returned for plan in plans):
        return "return_for_full_refund"
    if any(item.problem for item in order.items):
        return "partial_refund"
    return "no_claim"


REQUEST_WORDS: dict[Recommendation, str] = {
    "no_claim": "no refund",
    "partial_refund": "a partial refund",
    "full_refund": "a full refund",
    "return_for_full_refund": "a return and a refund",
}


def estimate(order: Order) -> Estimate:
    """The whole estimate for one order. Pure: the same order always gives the same result."""
    policy = load_policy()
    currency = order.currency
    cash = item_cash(order)
    plans = [
        plan_item(item, item_cash_, policy)
        for item, item_cash_ in zip(order.items, cash, strict=True)
    ]
    not_delivered = not_delivered_in_time(order)
    recommendation = recommend(order, plans, not_delivered)
    if recommendation == "full_refund":
        why = (
            "Nothing arrived by the promised date: a full refund, shipping included."
            if not_delivered
            else "Nothing usable arrived: a full refund, shipping included."
        )
        plans = [ItemPlan(MinorRange.exact(c.total), why, returned=False) for c in cash]

    total = sum((plan.refund for plan in plans), ZERO)

    def as_range(minor: MinorRange) -> RefundRange:
        return RefundRange(
            from_minor(minor.low, currency),
            from_minor(minor.suggested, currency),
            from_minor(minor.high, currency),
        )

    refund = as_range(total)
    items = tuple(
        ItemEstimate(
            item.name,
            from_minor(c.paid, currency),
            from_minor(c.shipping_share, currency),
            as_range(plan.refund),
            plan.why,
        )
        for item, c, plan in zip(order.items, cash, plans, strict=True)
    )
    timeline = build_timeline(order, recommendation, policy)
    offer = None
    if order.seller_offer is not None:
        offer = check_offer(order.seller_offer, refund, currency, order.return_postage)
    evidence = evidence_checklist(order.items)
    claim = recommendation != "no_claim"
    message = (
        message_draft(order, REQUEST_WORDS[recommendation], refund.suggested, bool(evidence))
        if claim
        else ""
    )
    warnings = warnings_for(order, policy, timeline, claim, not_delivered)
    return Estimate(
        currency=currency,
        paid=from_minor(sum(c.total for c in cash), currency),
        recommendation=recommendation,
        refund=refund,
        items=items,
        timeline=timeline,
        offer=offer,
        evidence=evidence,
        message=message,
        warnings=warnings,
        policy=PolicyInfo(policy.version, policy.checked),
    )
