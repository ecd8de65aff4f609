"""The message to send and the evidence to gather, both fitted to where the claim stands.

The message goes where the claim goes (eligibility.Route): the seller's chat before any
dispute, the open dispute, or a letter to the card issuer, PayPal or AliExpress's customer
service once the AliExpress route is closed. It never says photos are attached when nothing
arrived, and never asks to confirm a refund in a dispute that does not exist.
"""

from __future__ import annotations

from decimal import Decimal

from .eligibility import Eligibility
from .model import Item, Order
from .money import format_amount

EVIDENCE_BY_KIND: dict[str, tuple[str, ...]] = {
    "damaged": (
        "Clear photos of the damage, close up and from a distance.",
        "Photos of the outer package and the shipping label, especially any damage to them.",
        "Your unboxing video, if you recorded one.",
    ),
    "not_as_described": (
        "Screenshots of the product page that show what was promised (photos, size, material).",
        "Photos of what you received, taken the same way, so the difference is plain.",
    ),
    "quality": (
        "Photos or a short video that show the fault while the item is in use.",
        "Screenshots of the product page's claims that the item does not meet.",
    ),
    "wrong_variant": (
        "A screenshot of your order showing the size or colour you chose.",
        "Photos of the item you received, with its label or size tag readable.",
    ),
    "wrong_item": (
        "A screenshot of your order showing what you bought.",
        "Photos of what you received, with any labels or model numbers readable.",
    ),
    "missing_parts": (
        "A photo of everything that came in the package, laid out together.",
        "A screenshot of the product page listing what should be included.",
    ),
    "missing": (
        "A photo of the package and its contents, with the shipping label readable.",
        "A photo of the package on a scale, if the weight on the label is higher.",
        "The tracking page, if it shows something other than what you received.",
    ),
    "counterfeit": (
        "Photos of the logos, labels and serial numbers that show the item is not genuine.",
        "Screenshots of the product page that name the brand or promise an original.",
    ),
}
UNUSABLE = "A short video or photos that show the item cannot be used as intended."
TRACKING = "Screenshots of the tracking page, with every date and the last status."
PROMISED = "A screenshot of the order page with the promised delivery date."
BY_DELIVERY_STATUS: dict[str, str] = {
    "tracking_delivered_not_received": (
        "A written statement from the carrier or your post office that you did not receive "
        "the parcel."
    ),
    "returned_to_seller": "The tracking page showing the parcel on its way back to the seller.",
    "held_at_customs": "The notice from customs or the carrier about the hold.",
}
OUTSIDE = (
    "AliExpress's decision on the dispute, or the order page showing that protection ended, "
    "and the payment on your card or account statement."
)
CHAT = "Screenshots of your chat with the seller, if you have talked about the problem."

PROBLEM_WORDS: dict[str, str] = {
    "damaged": "arrived damaged",
    "not_as_described": "is not as described on the product page",
    "quality": "works, but poorly",
    "wrong_variant": "arrived in the wrong size or colour",
    "wrong_item": "is not the item I ordered",
    "missing_parts": "arrived with parts missing",
    "missing": "did not arrive",
    "counterfeit": "is not genuine",
}
NOT_ARRIVED_WORDS: dict[str, str] = {
    "not_shipped": "The order has not been shipped.",
    "in_transit": "The parcel has not arrived.",
    "tracking_delivered_not_received": (
        "The tracking says the parcel was delivered, but I did not receive it."
    ),
    "returned_to_seller": "The tracking shows the parcel was sent back to you; I never got it.",
    "held_at_customs": "The parcel is held at customs and has not reached me.",
    "no_tracking_update": "The parcel has not arrived, and its tracking has not changed.",
}


def money(amount: Decimal, currency: str) -> str:
    """An amount for a sentence: "USD 10.00", never "USD 1E+1"."""
    return f"{currency} {format_amount(amount, currency)}"


def evidence_checklist(order: Order, eligibility: Eligibility) -> tuple[str, ...]:
    """What to gather, for this situation and every kind of problem, without repeats."""
    if eligibility.route == "none":
        return ()  # nothing to claim, or the refund is already on its way
    if not eligibility.arrived:
        checklist = [TRACKING, PROMISED]
        # "" or any other text that is no status finds nothing: no mutation of it can be told
        # apart (the same holds for _what_happened's default below).
        extra = BY_DELIVERY_STATUS.get(order.delivery_status or "")  # pragma: no mutate
        if extra:
            checklist.append(extra)
    else:
        checklist = []
        for item in order.items:
            entries = EVIDENCE_BY_KIND[item.problem.kind] if item.problem else ()
            if item.usable is False and item.keep:
                entries = (UNUSABLE, *entries)
            checklist += [entry for entry in entries if entry not in checklist]
    if not checklist:
        return ()
    if eligibility.recommendation == "claim_elsewhere":
        checklist.append(OUTSIDE)
    checklist.append(CHAT)
    return tuple(checklist)


def describe_problem(item: Item) -> str:
    """One line for the message: which units of which item, and what is wrong.

    Only for an item with a problem or that the shopper cannot use (`usable` false)."""
    problem = item.problem
    if problem is None:
        return f"- {item.name}: I cannot use it as intended."
    units = "" if problem.units == item.quantity else f"{problem.units} of {item.quantity} units "
    detail = PROBLEM_WORDS[problem.kind]
    if problem.severity:
        detail += f" ({problem.severity})"
    if problem.missing_share is not None:
        percent = (problem.missing_share * 100).normalize()  # at most 2 decimals, exact
        detail += f" (about {percent:f}% of its value is missing)"
    if item.usable is False and problem.kind != "missing":
        detail += "; I cannot use it as intended"
    return f"- {item.name}: {units}{detail}."


def _which_order(order: Order) -> str:
    if order.order_number:
        return f"order {order.order_number}"
    if order.dates.ordered:
        return f"my order from {order.dates.ordered.isoformat()}"
    return "my order"


def _what_happened(order: Order, eligibility: Eligibility) -> list[str]:
    if not eligibility.arrived:
        default = "The parcel has not arrived."
        return [NOT_ARRIVED_WORDS.get(order.delivery_status or "", default)]  # pragma: no mutate
    # A message is drafted only for a claim, and a claim on a parcel that came has at least
    # one such item: the list is never empty.
    problems = [
        describe_problem(item) for item in order.items if item.problem or item.usable is False
    ]
    return ["The problem:", *problems]


def message_draft(
    order: Order, eligibility: Eligibility, request: str, amount: Decimal, has_evidence: bool
) -> str:
    """A short, polite, precise message for where the claim stands ("" when none is needed)."""
    route = eligibility.route
    if route == "none":
        return ""
    if route in ("card_issuer", "paypal", "support"):
        return _letter(order, eligibility, request, amount)
    which = _which_order(order)
    asked = money(amount, order.currency)
    happened = _what_happened(order, eligibility)
    lines = [f"Hello, I am writing about {which}."]
    if eligibility.recommendation == "wait":
        promised = order.dates.promised_delivery
        by = f" by {promised.isoformat()}" if promised else " by the promised date"
        lines += [
            "",
            *happened,
            "Please send me the current tracking information and tell me when it will arrive.",
            f"If it has not arrived{by}, I will ask for a full refund of {asked}.",
            "",
            "Thank you.",
        ]
        return "\n".join(lines)
    lines += ["", *happened]
    if eligibility.arrived:
        lines += ["", f"I am asking for {request} of {asked}."]
    else:
        lines += ["", f"Please send me the current tracking and refund the order in full: {asked}."]
    if route == "seller":
        if eligibility.arrived and has_evidence:
            lines.append("I can send photos that show the problem here in the chat.")
        lines += ["", "If we cannot agree, I will open a dispute. Thank you."]
    else:
        if eligibility.arrived and has_evidence:
            lines.append("I have attached photos and screenshots that show the problem.")
        elif not eligibility.arrived:
            lines.append("I have attached screenshots of the tracking page.")
        lines += ["", "Please confirm the refund in the dispute. Thank you."]
    return "\n".join(lines)


def _letter(order: Order, eligibility: Eligibility, request: str, amount: Decimal) -> str:
    """A letter to the card issuer, PayPal or AliExpress's customer service."""
    asked = money(amount, order.currency)
    happened = _what_happened(order, eligibility)
    paid_on = f", paid on {order.dates.ordered.isoformat()}" if order.dates.ordered else ""
    number = order.order_number
    what = f"AliExpress order {number}" if number else "my AliExpress order"
    if eligibility.route == "card_issuer":
        opening = f"I am asking for a chargeback of {asked} for {what}{paid_on}."
    elif eligibility.route == "paypal":
        opening = f"I am opening a PayPal dispute for {asked} for {what}{paid_on}."
    else:
        opening = f"I am asking for {request} of {asked} for {what}{paid_on}."
    why = "AliExpress's buyer protection could not settle it"
    if order.dispute_status == "rejected":
        why += ": my dispute was rejected"
    elif order.dispute_status == "closed":
        why += ": the dispute was closed and can no longer be reopened"
    else:
        why += ": the protection period has ended"
    support = eligibility.route == "support"
    greeting = "Dear AliExpress customer service," if support else "Dear Sir or Madam,"
    lines = [greeting, "", opening, "", *happened, "", why + "."]
    lines += [
        "I have kept the order page, the tracking and my messages with the seller, and can "
        "send them.",
        "",
        "Yours faithfully,",
    ]
    return "\n".join(lines)
