"""From an `Order` to an `Estimate`: which refund to ask for, per item and in total."""

from __future__ import annotations

from dataclasses import dataclass

from .advice import check_offer, warnings_for
from .amounts import (
    NOTHING_USABLE,
    ZERO,
    ItemCash,
    MinorRange,
    affected_cash,
    item_cash,
    partial_range,
)
from .eligibility import Eligibility, assess, refund_issued
from .messages import evidence_checklist, message_draft
from .model import Estimate, Item, ItemEstimate, Order, PolicyInfo, Recommendation, RefundRange
from .money import from_minor
from .policy import Policy, load_policy
from .timeline import build_timeline, dispute_deadline


@dataclass(frozen=True, slots=True)
class ItemPlan:
    refund: MinorRange
    why: str
    returned: bool = False  # the shopper sends the affected units back


def nothing_usable(order: Order) -> bool:
    """Every unit of every item is missing, fake, or cannot be used as intended."""
    return all(
        (item.usable is False and (item.problem is None or item.problem.units == item.quantity))
        or (
            item.problem is not None
            and item.problem.kind in NOTHING_USABLE
            and item.problem.units == item.quantity
        )
        for item in order.items
    )


def plan_item(item: Item, cash: ItemCash, policy: Policy) -> ItemPlan:
    problem = item.problem
    if problem is None and item.usable is not False:
        return ItemPlan(ZERO, "No problem reported.")
    affected_units = problem.units if problem else item.quantity
    units = (
        "all units" if affected_units == item.quantity else f"{affected_units} of {item.quantity}"
    )
    # partial_range reads no policy for missing or fake units (they are owed in full), so
    # mutation testing cannot tell `policy` from None on the two lines marked below.
    if problem is not None and problem.kind == "missing":
        return ItemPlan(
            partial_range(item, cash, policy),  # pragma: no mutate
            f"Not received ({units}): their full price and their share of shipping.",
        )
    if problem is not None and problem.kind == "counterfeit" and item.keep:
        return ItemPlan(
            partial_range(item, cash, policy),  # pragma: no mutate
            f"Fake ({units}): their full price and their share of shipping.",
        )
    if not item.keep:
        return ItemPlan(
            MinorRange.exact(affected_cash(item, cash).total),
            f"You return {units}: a full refund of their price and shipping share once the "
            "seller has the return.",
            returned=True,
        )
    if item.usable is False:
        # Worth nothing to the shopper, and not worth posting back: like units never received.
        return ItemPlan(
            MinorRange.exact(affected_cash(item, cash).total),
            f"You cannot use it as intended ({units}): their full price and their share of "
            "shipping, without a return.",
        )
    assert problem is not None
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
    return ItemPlan(partial_range(item, cash, policy), why)


def recommend_by_items(order: Order, plans: list[ItemPlan]) -> Recommendation:
    """What the items alone call for; eligibility.assess then weighs the situation."""
    if nothing_usable(order):
        return "full_refund"
    if any(plan.returned for plan in plans):
        return "return_for_full_refund"
    if any(item.problem or item.usable is False for item in order.items):
        return "partial_refund"
    return "no_claim"


REQUEST_WORDS: dict[Recommendation, str] = {
    "no_claim": "no refund",
    "partial_refund": "a partial refund",
    "full_refund": "a full refund",
    "return_for_full_refund": "a return and a refund",
    "wait": "a full refund",
    "claim_elsewhere": "a refund",
}


NOT_ARRIVED_REASONS = {
    "returned_to_seller": "The parcel went back to the seller: a full refund, shipping included.",
    "tracking_delivered_not_received": (
        "Tracking says delivered but nothing came: a full refund, shipping included, if you "
        "can show it."
    ),
}


def not_delivered_reason(order: Order, eligibility: Eligibility) -> str:
    """Why a parcel that never reached the shopper is (or will be) refunded in full."""
    if eligibility.recommendation == "wait":
        promised = order.dates.promised_delivery
        by = promised.isoformat() if promised else "the promised date"
        return f"Not due yet: if nothing has arrived by {by}, a full refund, shipping included."
    # "" or any other text that is no status finds nothing: no mutation of this "" can be told
    # apart.
    by_status = NOT_ARRIVED_REASONS.get(order.delivery_status or "")  # pragma: no mutate
    if by_status:
        return by_status
    if refund_issued(order):
        return "Refunded before the parcel arrived: a full refund, shipping included."
    return "Nothing arrived by the promised date: a full refund, shipping included."


def full_refund_reason(order: Order, eligibility: Eligibility) -> str | None:
    """Why every item is refunded in full, or None when the items decide item by item."""
    if eligibility.cancelled:
        return "The order was cancelled before shipping: a full refund, shipping included."
    if eligibility.not_delivered:
        return not_delivered_reason(order, eligibility)
    if nothing_usable(order):
        return "Nothing usable arrived: a full refund, shipping included, without a return."
    return None


def estimate(order: Order) -> Estimate:
    """The whole estimate for one order. Pure: the same order always gives the same result."""
    policy = load_policy()
    currency = order.currency
    cash = item_cash(order)
    # One share of cash (and below, one plan) per item, always: no input can tell strict=True
    # from False or from no `strict` at all.
    pairs = zip(order.items, cash, strict=True)  # pragma: no mutate
    plans = [plan_item(item, item_cash_, policy) for item, item_cash_ in pairs]
    deadline, _ = dispute_deadline(order, policy)
    eligibility = assess(order, recommend_by_items(order, plans), deadline, policy)
    recommendation = eligibility.recommendation
    why_full = full_refund_reason(order, eligibility)
    if why_full:
        plans = [ItemPlan(MinorRange.exact(c.total), why_full) for c in cash]

    total = sum((plan.refund for plan in plans), ZERO)
    returned = sum(plan.refund.suggested for plan in plans if plan.returned)

    def as_range(minor: MinorRange) -> RefundRange:
        return RefundRange(
            from_minor(minor.low, currency),
            from_minor(minor.suggested, currency),
            from_minor(minor.high, currency),
        )

    refund = as_range(total)
    rows = zip(order.items, cash, plans, strict=True)  # pragma: no mutate (as `pairs` above)
    items = tuple(
        ItemEstimate(
            item.name,
            from_minor(c.paid, currency),
            from_minor(c.shipping_share, currency),
            as_range(plan.refund),
            plan.why,
        )
        for item, c, plan in rows
    )
    timeline = build_timeline(order, eligibility, policy)
    offer = None
    if order.seller_offer is not None:
        offer = check_offer(order.seller_offer, refund, currency, order.return_postage)
    evidence = evidence_checklist(order, eligibility)
    message = message_draft(
        order, eligibility, REQUEST_WORDS[recommendation], refund.suggested, bool(evidence)
    )
    warnings = warnings_for(order, policy, timeline, eligibility, from_minor(returned, currency))
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
        message_to=eligibility.route,
        warnings=warnings,
        policy=PolicyInfo(policy.version, policy.checked),
    )
