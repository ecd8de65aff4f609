"""Whether AliExpress can refund now, later or no longer, and where the claim goes.

The items decide *what* is fair to ask for (estimate.py); this module decides *whether and
where* it can be asked: too early (`wait`), through the seller's chat or the open dispute, or,
once the AliExpress route is closed, through the card issuer or PayPal (`claim_elsewhere`).
Every figure comes from policy.toml; the warnings say what to do about each situation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from .model import Order, Recommendation
from .policy import Policy

# Where the message goes: the seller's chat before any dispute (AliExpress's own first step),
# the open dispute, a letter to the card issuer or PayPal, or AliExpress's customer service
# when the payment method has no outside route; "none" when there is nothing to send.
Route = Literal["seller", "dispute", "card_issuer", "paypal", "support", "none"]
ROUTES: tuple[Route, ...] = ("seller", "dispute", "card_issuer", "paypal", "support", "none")

# Payment methods whose money can be claimed back through a card issuer's chargeback.
CARD_METHODS = ("card", "credit_card", "debit_card", "apple_pay", "google_pay")
CLAIMS: tuple[Recommendation, ...] = ("partial_refund", "full_refund", "return_for_full_refund")


@dataclass(frozen=True, slots=True)
class Eligibility:
    recommendation: Recommendation
    route: Route
    arrived: bool  # the parcel reached the shopper (or we must assume it did)
    dispute_opens: dt.date | None  # `wait`: the first day a not-received dispute can be opened
    cancelled: bool  # cancelled before shipping and refunded
    not_delivered: bool  # nothing arrived, and the whole order is owed now or will be
    warnings: tuple[str, ...]  # each says what the situation means and what to do


def refund_issued(order: Order) -> bool:
    """Has a refund been issued already (the dispute says refunded, or the shopper gave its
    date)?"""
    return order.dispute_status == "refunded" or order.dates.refund_issued is not None


def parcel_arrived(order: Order) -> bool:
    """Did the parcel reach the shopper? The status says so; a v1 order has only its dates."""
    if order.delivery_status is not None:
        return order.delivery_status == "received"
    if order.dates.delivered is not None:
        # read_order makes the status "received" whenever a delivery date is given, so no order
        # read from input gets here with a date: this line serves orders built in Python, and
        # mutation testing (which runs on input) cannot tell its value apart.
        return True  # pragma: no mutate
    # No status, no delivery date (the form says to leave unknown dates empty). A problem that
    # can only be seen on an item in hand means the parcel came: damage, a wrong item, or some
    # of the units missing.
    return any(
        item.usable is False
        or (
            item.problem is not None
            and not (item.problem.kind == "missing" and item.problem.units == item.quantity)
        )
        for item in order.items
    )


def outside_route(order: Order) -> Route:
    if order.payment_method in CARD_METHODS:
        return "card_issuer"
    return "paypal" if order.payment_method == "paypal" else "support"


def assess(
    order: Order, by_items: Recommendation, deadline: dt.date | None, policy: Policy
) -> Eligibility:
    """Decide the recommendation and the route from what the items call for and the situation.

    `by_items` is what the items alone call for; `deadline` the last day to open a dispute
    (None when unknown).
    """
    dates, dispute = order.dates, order.dispute_status
    arrived = parcel_arrived(order)
    warnings: list[str] = []
    recommendation, opens, not_delivered = by_items, None, False
    cancelled = order.delivery_status == "not_shipped" and refund_issued(order)
    if cancelled:
        recommendation = "full_refund"
        if order.payment_method == "debit_card":
            warnings.append(_debit_hold(policy))
    elif not arrived:
        recommendation, opens, warnings = _before_arrival(order, by_items, policy)
        not_delivered = recommendation in ("full_refund", "wait") and (
            order.delivery_status is not None or order.dates.promised_delivery is not None
        )

    protection_over = deadline is not None and deadline < order.as_of
    if recommendation in (*CLAIMS, "wait") and not cancelled:
        warnings += _dispute_warnings(order, deadline, protection_over, policy)
        if dispute == "rejected" or (
            dispute in ("none", "closed") and protection_over and not dates.refund_issued
        ):
            recommendation = "claim_elsewhere"

    if dates.confirmed and dispute == "none" and recommendation in CLAIMS:
        warnings.append(_receipt_confirmed(order, deadline, arrived, policy))
    route = _route(order, recommendation)
    return Eligibility(
        recommendation, route, arrived, opens, cancelled, not_delivered, tuple(warnings)
    )


def _before_arrival(
    order: Order, by_items: Recommendation, policy: Policy
) -> tuple[Recommendation, dt.date | None, list[str]]:
    """A parcel that has not reached the shopper: full refund when due, `wait` before."""
    status, promised = order.delivery_status, order.dates.promised_delivery
    if status is None and order.dates.confirmed and by_items == "no_claim":
        # A contradiction: named, not acted on.
        return (
            by_items,
            None,
            [
                "You confirmed receipt but left the delivery date empty and named no problem. "
                "If nothing arrived, set the delivery status to say so; if it arrived and all is "
                "well, there is nothing to claim."
            ],
        )
    found = _delivery_warnings(order, policy)
    due = promised is not None and promised < order.as_of
    if status in ("returned_to_seller", "tracking_delivered_not_received") or due:
        return "full_refund", None, found
    if status is None and promised is None:
        return by_items, None, found  # nothing known about the delivery: as in version 1
    if refund_issued(order):
        # Refunded while the parcel is still on its way (the seller refunded early, or the
        # order was cancelled in transit): nothing to wait for but the money.
        return "full_refund", None, found
    opens = _dispute_opens(promised, policy)
    return "wait", opens, [_too_early(opens), *found]


def _route(order: Order, recommendation: Recommendation) -> Route:
    if recommendation == "claim_elsewhere":
        return outside_route(order)
    # A cancelled order counts as refunded: it is cancelled only once its refund is known.
    if recommendation == "no_claim" or refund_issued(order):
        return "none"  # nothing to claim, or the refund is already on its way
    if order.dispute_status in ("open", "closed"):
        return "dispute"  # the open dispute, or the one to reopen
    return "seller"


def _receipt_confirmed(
    order: Order, deadline: dt.date | None, arrived: bool, policy: Policy
) -> str:
    window = policy.windows["dispute_after_completion"]
    confirmed = order.dates.confirmed
    assert confirmed is not None
    text = (
        f"You confirmed receipt on {confirmed.isoformat()}: the payment has gone to the "
        f"seller, and your {window.days} days to open a dispute run from that day"
        # A confirmed date always gives a deadline (timeline.dispute_deadline), so the "."
        # alone is never reached and mutation testing cannot tell its mutants apart.
        + (f" (until {deadline.isoformat()})." if deadline else ".")  # pragma: no mutate
    )
    if not arrived:
        text += (
            " Confirming by mistake does not end your protection at once: open the dispute in "
            "time, with the tracking as evidence."
        )
    return text


def _dispute_opens(promised: dt.date | None, policy: Policy) -> dt.date | None:
    window = policy.windows["dispute_opens"]
    return None if promised is None else promised + dt.timedelta(days=window.days)


def _too_early(opens: dt.date | None) -> str:
    when = (
        f"from {opens.isoformat()}"
        if opens
        else "once the delivery time on your order page is over"
    )
    return (
        "Too early for a dispute: AliExpress accepts a claim for a parcel that has not arrived "
        f"only once its delivery time is over, {when}. Until then, ask the seller in the chat "
        "where the parcel is, and check that your protection lasts beyond that day; if not, "
        "ask the seller to extend it."
    )


def _delivery_warnings(order: Order, policy: Policy) -> list[str]:
    """What a delivery status means for the claim, and what to do about it."""
    facts = policy.eligibility
    status = order.delivery_status
    if status == "tracking_delivered_not_received":
        return [
            f"Tracking says delivered, but nothing came: {facts['tracking_delivered'].outcome}. "
            "Ask the carrier or your post office for a written statement that you did not "
            "receive it, check with neighbours and the local depot, and take a screenshot of "
            "the tracking page."
        ]
    if status == "held_at_customs":
        return [
            f"The parcel is held at customs: it is {facts['customs_hold'].outcome}. Ask the "
            "carrier or customs what they need (duties, an invoice, an ID). If the seller's "
            "paperwork is the problem, tell the seller in the chat and keep the reply."
        ]
    if status == "returned_to_seller":
        return [
            f"The parcel went back to the seller: ask for "
            f"{facts['returned_to_seller'].outcome}. That does not apply if the return was "
            "caused by a wrong address you gave."
        ]
    if status == "no_tracking_update":
        return [
            "The tracking has stopped moving. Ask the seller in the chat for a tracking number "
            "that works, and take screenshots of the tracking page with its dates."
        ]
    if status == "not_shipped":
        return [
            "The seller has not shipped yet. Ask in the chat when it will ship; if it has not "
            "arrived by the promised date, ask for a full refund."
        ]
    return []


def _dispute_warnings(
    order: Order, deadline: dt.date | None, protection_over: bool, policy: Policy
) -> list[str]:
    """Where the AliExpress route stands: ended, rejected, or closed and perhaps reopenable."""
    dispute = order.dispute_status
    elsewhere = _elsewhere_words(order)
    if dispute == "rejected":
        appeal = policy.windows["appeal"]
        return [
            "AliExpress rejected the dispute, and a dispute it decided cannot be reopened. "
            f"One seller-side source says you may appeal once within {appeal.days} days after "
            f"it ended; otherwise {elsewhere}."
        ]
    if dispute == "closed":
        reopen = policy.eligibility["reopen_cancelled"]
        if protection_over:
            return [
                f"You closed the dispute and your protection ended on {_iso(deadline)}, so it "
                f"cannot be opened again; {elsewhere}."
            ]
        until = f" (until {deadline.isoformat()})" if deadline else ""
        return [
            f"{reopen.label}{until}: open it again now if the problem is not solved. Check "
            "that the order page still offers 'Open dispute'."
        ]
    if dispute == "none" and protection_over and not order.dates.refund_issued:
        return [
            f"Your protection ended on {_iso(deadline)}, so AliExpress will not accept a new "
            f"dispute; {elsewhere}."
        ]
    return []


def _elsewhere_words(order: Order) -> str:
    route = outside_route(order)
    if route == "card_issuer":
        return "ask your card issuer for a chargeback (see the timeline for its deadline)"
    if route == "paypal":
        return "open a PayPal dispute (see the timeline for its deadline)"
    return (
        "your payment method has no chargeback, so write to AliExpress customer service as a "
        "last resort"
    )


def _debit_hold(policy: Policy) -> str:
    hold = policy.windows["debit_hold"]
    return (
        "The order was cancelled, but a debit card payment can stay on your account as a "
        f"pending hold for weeks (one shopper waited about {hold.days} days): your bank, not "
        "AliExpress, releases it. Ask your bank to release the hold and show them the "
        "cancellation."
    )


def _iso(date: dt.date | None) -> str:
    # Only called once protection is known to be over, that is with a deadline: the words
    # after `else` are never shown, so no mutation of this line can be told apart.
    return date.isoformat() if date else "the date on your order page"  # pragma: no mutate
