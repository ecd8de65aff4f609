"""Words for the shopper: the seller-offer check, evidence to gather, a message, warnings."""

from __future__ import annotations

from decimal import Decimal

from .model import Item, OfferCheck, Order, RefundRange, SellerOffer, TimelineEvent, Verdict
from .money import format_amount
from .policy import Policy

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
ALWAYS = "Screenshots of your chat with the seller, if you have talked about the problem."

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


def money(amount: Decimal, currency: str) -> str:
    """An amount for a sentence: "USD 10.00", never "USD 1E+1"."""
    return f"{currency} {format_amount(amount, currency)}"


def check_offer(
    offer: SellerOffer, refund: RefundRange, currency: str, return_postage: Decimal | None
) -> OfferCheck:
    """Weigh a seller's offer against our range: accept, counter with the suggestion, escalate.

    Cash is compared as it is; a coupon is not cash; a resend is not a refund; cash after a
    return is worth the offer less the return postage.
    """
    suggested = money(refund.suggested, currency)
    if offer.kind == "resend":
        return OfferCheck(
            "resend", None, "counter", refund.suggested,
            "A new item is not a refund: you wait for another parcel, and your protection can "
            "run out meanwhile. Accept only if you still want the item, and keep the dispute "
            f"open until it arrives; otherwise ask for {suggested}.",
        )  # fmt: skip
    assert offer.amount is not None  # validation requires it for every other kind
    shown = money(offer.amount, currency)
    if offer.kind == "coupon":
        verdict: Verdict = "counter" if offer.amount >= refund.low else "escalate"
        return OfferCheck(
            "coupon", offer.amount, verdict, refund.suggested,
            f"A coupon of {shown} is not cash: you can only spend it on AliExpress, usually "
            f"with a minimum order and an expiry date. Ask for {suggested} as a refund to your "
            "payment method instead; take the coupon only if you would spend it anyway.",
        )  # fmt: skip
    worth, subject, after = offer.amount, f"The offer of {shown}", ""
    if offer.kind == "cash_after_return":
        if return_postage is None:
            subject += " once you post the item back"
            after = (
                " Find out what posting it back costs (enter it as return postage) before you "
                "agree: you pay it, and you lose the item."
            )
        else:
            worth = max(offer.amount - return_postage, Decimal(0))
            subject += (
                f" once you post the item back leaves you {money(worth, currency)} after "
                f"{money(return_postage, currency)} of return postage (and you lose the item); "
                "that"
            )
    if worth >= refund.suggested:
        verdict, counter = "accept", None
        clause = f"reaches the amount we suggest ({suggested}): accepting is fair."
    elif worth >= refund.low:
        verdict, counter = "counter", refund.suggested
        clause = (
            "is within the fair range but below our suggestion. Reply politely with a "
            f"counter-offer of {suggested}."
        )
    else:
        verdict, counter = "escalate", refund.suggested
        clause = (
            f"is below the lowest fair amount ({money(refund.low, currency)}). Decline it "
            f"and ask for {suggested}; if the seller does not move, let AliExpress decide."
        )
    if offer.kind == "cash_after_return" and verdict != "accept":
        after += " Ask for a refund without a return instead."
    return OfferCheck(offer.kind, offer.amount, verdict, counter, f"{subject} {clause}{after}")


def evidence_checklist(items: tuple[Item, ...]) -> tuple[str, ...]:
    """What to attach, for every kind of problem in the order, without repeats."""
    checklist: list[str] = []
    for item in items:
        if item.problem:
            for entry in EVIDENCE_BY_KIND[item.problem.kind]:
                if entry not in checklist:
                    checklist.append(entry)
    if checklist:
        checklist.append(ALWAYS)
    return tuple(checklist)


def describe_problem(item: Item) -> str:
    """One line for the message: which units of which item, and what is wrong."""
    problem = item.problem
    if problem is None:
        return ""
    units = "" if problem.units == item.quantity else f"{problem.units} of {item.quantity} units "
    detail = PROBLEM_WORDS[problem.kind]
    if problem.severity:
        detail += f" ({problem.severity})"
    if problem.missing_share is not None:
        detail += f" (about {problem.missing_share * 100:.0f}% of its value is missing)"
    return f"- {item.name}: {units}{detail}."


def message_draft(order: Order, request: str, amount: Decimal, has_evidence: bool) -> str:
    """A short, polite, precise message the shopper can paste into the dispute or the chat."""
    when = f" from {order.dates.ordered.isoformat()}" if order.dates.ordered else ""
    lines = [f"Hello, I am writing about my order{when}."]
    problems = [describe_problem(item) for item in order.items if item.problem]
    if problems:
        lines += ["", "The problem:", *problems]
    lines += ["", f"I am asking for {request} of {money(amount, order.currency)}."]
    if has_evidence:
        lines.append("I have attached photos and screenshots that show the problem.")
    lines += ["", "Please confirm the refund in the dispute. Thank you."]
    return "\n".join(lines)


def warnings_for(
    order: Order,
    policy: Policy,
    timeline: tuple[TimelineEvent, ...],
    claim: bool,
    not_delivered: bool,
) -> tuple[str, ...]:
    """The warnings that matter for this order, most urgent first."""
    found: list[str] = []
    deadline = next(event for event in timeline if event.event == "dispute_deadline")
    if claim and not order.dates.dispute_opened:
        if deadline.status == "passed":
            found.append(
                f"Your protection ended on {deadline.date}. AliExpress may not accept a new "
                "dispute now; see the other routes (PayPal, your card issuer)."
            )
        elif deadline.status == "due_soon":
            found.append(f"Open the dispute now: protection ends on {deadline.date}.")
        elif deadline.status == "unknown":
            found.append(
                "Check the 'protection ends' date on your order page before anything else."
            )
    found.append(
        f"{policy.money['never_close_dispute'].label}, even for a promised new item or a refund "
        "outside AliExpress: it is a known trick to run out your protection."
    )
    if not_delivered and any(
        item.problem and item.problem.kind != "missing" for item in order.items
    ):
        found.append(
            "You described problems with the items but gave no delivery date, so we treat the "
            "order as not delivered. Add the delivery date if the parcel arrived."
        )
    if (
        order.dates.delivered
        and order.dates.promised_delivery
        and (order.dates.delivered > order.dates.promised_delivery)
    ):
        guarantee = policy.late["on_time_guarantee"]
        found.append(
            f"The parcel arrived after the promised date. If the order had an on-time guarantee, "
            f"you may get {guarantee.outcome} (sources disagree on the terms)."
        )
    if claim:
        found.append(policy.money["conversion_fees"].label + ".")
    if claim and order.discount > 0:
        found.append(
            policy.money["platform_coupons"].label
            + ": the refund is based on what you paid after discounts."
        )
    return tuple(found)
