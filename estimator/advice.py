"""Words for the shopper: the seller-offer check and the warnings."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from .eligibility import Eligibility
from .labels import DECLINE_RISK
from .messages import money
from .model import OfferCheck, Order, RefundRange, SellerOffer, TimelineEvent, Verdict
from .policy import Policy


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
            f"and ask for {suggested}; if the seller does not move, let AliExpress decide. "
            f"{DECLINE_RISK}: decline only if your evidence is clear."
        )
    if offer.kind == "cash_after_return" and verdict != "accept":
        after += " Ask for a refund without a return instead."
    return OfferCheck(offer.kind, offer.amount, verdict, counter, f"{subject} {clause}{after}")


def warnings_for(
    order: Order,
    policy: Policy,
    timeline: tuple[TimelineEvent, ...],
    eligibility: Eligibility,
    returned_refund: Decimal,
) -> tuple[str, ...]:
    """The warnings that matter for this order, most urgent first.

    `returned_refund` is what the items the shopper sends back would bring (0 if none).
    """
    recommendation = eligibility.recommendation
    claim = recommendation not in ("no_claim", "wait")
    found: list[str] = list(eligibility.warnings)
    deadline = next(event for event in timeline if event.event == "dispute_deadline")
    # A claim that has to go elsewhere needs neither warning below: with no dispute (or a
    # closed one) it goes elsewhere only once protection has ended, so its deadline has passed.
    if claim and order.dispute_status in ("none", "closed") and not eligibility.cancelled:
        if deadline.status == "due_soon":
            found.insert(0, f"Open the dispute now: protection ends on {deadline.date}.")
        elif deadline.status == "unknown":
            found.append(
                "Check the 'protection ends' date on your order page before anything else."
            )
    if order.dispute_status in ("none", "open"):
        found.append(
            f"{policy.money['never_close_dispute'].label}, even for a promised new item or a "
            "refund outside AliExpress: it is a known trick to run out your protection."
        )
    if recommendation == "no_claim" and order.dates.refund_issued:
        found.append(
            "You named no problem with the items, so the amount above is not a check of your "
            "refund. The timeline shows when the refund issued on "
            f"{order.dates.refund_issued.isoformat()} should reach you."
        )
    if order.delivery_status is None and order.dates.delivered is None and eligibility.arrived:
        found.append(
            "You described problems that show the parcel arrived, but gave no delivery date: "
            "we count it as delivered. Add the delivery date, or set the delivery status if "
            "it did not arrive."
        )
    dates = order.dates
    if dates.delivered and dates.promised_delivery and dates.delivered > dates.promised_delivery:
        guarantee = policy.late["on_time_guarantee"]
        found.append(
            f"The parcel arrived after the promised date. If the order had an on-time guarantee, "
            f"you may get {guarantee.outcome} (sources disagree on the terms)."
        )
    found += _return_postage_warnings(order, policy, returned_refund)
    if claim:
        found.append(policy.money["conversion_fees"].label + ".")
    if claim and order.discount > 0:
        found.append(_discount_warning(recommendation, policy))
    return tuple(found)


def _discount_warning(recommendation: str, policy: Policy) -> str:
    """What happens to the order's discount: the coupon rule is about partial refunds only."""
    if recommendation == "full_refund":
        # Nothing published says whether a platform coupon comes back after a full refund.
        return (
            f"{policy.money['refund_cap'].label}: the discount is not paid out. Whether a "
            "platform coupon you used comes back is not published; check your coupons after "
            "the refund."
        )
    return (
        policy.money["platform_coupons"].label
        + ": the refund is based on what you paid after discounts."
    )


def _return_postage_warnings(order: Order, policy: Policy, returned_refund: Decimal) -> list[str]:
    """Posting an item back costs more than it is worth it: say what to ask for instead."""
    postage = order.return_postage
    if postage is None:
        return []
    limit = policy.limits["return_postage"]
    free_return = policy.eligibility["free_return"]
    instead = (
        "Ask for a refund without a return instead, or for AliExpress's free return label if "
        f"the order has one ({free_return.outcome})."
    )
    found = []
    currency = order.currency
    returns: list[tuple[str, Decimal]] = []
    if returned_refund > 0:
        returns.append(("Sending the items back", returned_refund))
    offer = order.seller_offer
    if offer is not None and offer.kind == "cash_after_return" and offer.amount is not None:
        returns.append(("The seller's offer to refund after a return", offer.amount))
    for what, brings in returns:
        if Fraction(postage) > Fraction(brings) * limit.share:  # exact: a third is 1/3
            found.append(
                f"{what} brings back {money(brings, currency)}, but posting costs "
                f"{money(postage, currency)}: more than {_share_words(limit.share)} of it. "
                + instead
            )
    return found


def _share_words(share: Fraction) -> str:
    words = {Fraction(1, 2): "half", Fraction(1, 3): "a third", Fraction(1, 4): "a quarter"}
    return words.get(share, f"{share.numerator}/{share.denominator}")
