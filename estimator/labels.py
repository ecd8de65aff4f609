"""Words for the contract's option values, so a form or a page never keeps its own copy.

The widget gets these through its bridge (`option_lists()`); the values themselves are the
contract's (model.py, eligibility.py) and a test checks that every value has its label.
"""

from __future__ import annotations

from typing import Any


def days(count: int, unit: str = "day") -> str:
    """ "1 day", "5 days", "1 business day": policy numbers change, and may become 1."""
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


DELIVERY_STATUS_LABELS = {
    "not_shipped": "Not shipped yet",
    "in_transit": "On its way",
    "received": "Received",
    "tracking_delivered_not_received": "Tracking says delivered, but nothing came",
    "returned_to_seller": "Sent back to the seller",
    "held_at_customs": "Held at customs",
    "no_tracking_update": "Tracking has stopped moving",
}
DISPUTE_STATUS_LABELS = {
    "none": "No dispute opened",
    "open": "Dispute open",
    "rejected": "Dispute rejected by AliExpress",
    "closed": "Dispute cancelled or closed by me",
    "refunded": "Refunded",
}
OFFER_KIND_LABELS = {
    "cash": "Money back",
    "coupon": "A coupon",
    "resend": "A new item sent again",
    "cash_after_return": "Money back once I return the item",
}
RECOMMENDATION_LABELS = {
    "no_claim": "Nothing to claim",
    "partial_refund": "Ask for a partial refund",
    "full_refund": "Ask for a full refund",
    "return_for_full_refund": "Return the item and ask for a refund",
    "wait": "Too early: wait until the delivery time is over",
    "claim_elsewhere": "AliExpress can no longer refund: claim through your bank or PayPal",
}
# The verdict on a seller's offer: the headline above the estimator's advice (advice.py), so
# each one carries the main thing to know, declining's risk included.
DECLINE_RISK = "AliExpress may then award less than the offer, or nothing"
VERDICT_LABELS = {
    "accept": "Accept the offer",
    "counter": "Make a counter-offer",
    "escalate": f"Decline it and let AliExpress decide, at a risk: {DECLINE_RISK}",
}
# A timeline step's status; "unknown" is the step whose date the order does not give yet.
STATUS_LABELS = {
    "done": "Done",
    "passed": "Passed",
    "due_soon": "Due soon",
    "upcoming": "Upcoming",
    "unknown": "Date not known yet",
}
MESSAGE_TO_LABELS = {
    "seller": "To the seller, in the order's chat",
    "dispute": "In the dispute",
    "card_issuer": "A letter to your card issuer",
    "paypal": "For your PayPal dispute",
    "support": "To AliExpress customer service",
    "none": "No message needed",
}


def option_lists() -> dict[str, Any]:
    """Version 2's option lists with their labels, in the contract's order."""

    def listed(labels: dict[str, str]) -> list[dict[str, str]]:
        return [{"value": value, "label": label} for value, label in labels.items()]

    return {
        "delivery_statuses": listed(DELIVERY_STATUS_LABELS),
        "dispute_statuses": listed(DISPUTE_STATUS_LABELS),
        "offer_kinds": listed(OFFER_KIND_LABELS),
        "recommendations": listed(RECOMMENDATION_LABELS),
        "message_to": listed(MESSAGE_TO_LABELS),
    }
