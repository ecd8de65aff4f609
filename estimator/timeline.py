"""The dated events of a dispute, each tied to the policy rule it comes from."""

from __future__ import annotations

import datetime as dt

from .eligibility import CLAIMS, Eligibility, outside_route, refund_issued
from .model import Order, Recommendation, Status, TimelineEvent
from .policy import Policy

# Short headings, one per event, used by the widget's timeline and the calendar file.
EVENT_TITLES = {
    "dispute_opens": "First day you can open a dispute",
    "dispute_deadline": "Last day to open the dispute",
    "seller_response_due": "Seller's answer due",
    "escalation": "AliExpress steps in if you have not agreed",
    "return_ship_by": "Last day to ship the return",
    "refund_arrival_earliest": "Refund may arrive from",
    "refund_arrival_latest": "Refund should have arrived by",
    "chargeback_deadline": "Last day to ask your card issuer for a chargeback",
    "paypal_dispute_deadline": "Last day to open a PayPal dispute",
    "paypal_escalation": "Escalate the PayPal dispute to a claim",
}
Event = tuple[str, dt.date | None, str, str]  # event, date, rule, text
WEEKEND = (5, 6)  # Saturday, Sunday: refunds are counted in business days without them


def add_business_days(start: dt.date, days: int) -> dt.date:
    """The date `days` business days after `start` (weekends skipped, holidays not known)."""
    date = start
    while days > 0:
        date += dt.timedelta(days=1)
        if date.weekday() not in WEEKEND:
            days -= 1
    return date


def status_of(date: dt.date | None, as_of: dt.date, due_soon_days: int) -> Status:
    if date is None:
        return "unknown"
    if date < as_of:
        return "passed"
    if (date - as_of).days <= due_soon_days:
        return "due_soon"
    return "upcoming"


def _plus(date: dt.date | None, days: int) -> dt.date | None:
    return None if date is None else date + dt.timedelta(days=days)


def _iso(date: dt.date | None) -> str:
    # Every text shows a date only once it has one, so the "" is never used: no mutation of
    # this line can be told apart.
    return date.isoformat() if date else ""  # pragma: no mutate


def dispute_deadline(order: Order, policy: Policy) -> tuple[dt.date | None, str]:
    """The last day to open a dispute, and how we know it."""
    window = policy.windows["dispute_after_completion"]
    dates = order.dates
    if dates.protection_ends:
        return dates.protection_ends, (
            f"Open a dispute by {_iso(dates.protection_ends)}, the 'protection ends' date "
            "from your order page."
        )
    if dates.confirmed:
        deadline = _plus(dates.confirmed, window.days)
        return deadline, (
            f"Open a dispute by {_iso(deadline)}: {window.days} days after you confirmed "
            f"receipt on {_iso(dates.confirmed)}."
        )
    return None, (
        "Look up 'protection ends' on your order page (Orders, then the order): that is the "
        f"last day to open a dispute. After you confirm receipt, you have {window.days} days."
    )


def build_timeline(
    order: Order, eligibility: Eligibility, policy: Policy
) -> tuple[TimelineEvent, ...]:
    recommendation = eligibility.recommendation
    due_soon = policy.windows["due_soon"].days
    dates = order.dates
    opened = dates.dispute_opened
    events: list[Event] = []

    if recommendation == "wait":
        window = policy.windows["dispute_opens"]
        opens = eligibility.dispute_opens
        text = (
            f"From {_iso(opens)} you can open a dispute if the parcel has not arrived: "
            f"{window.days} day after the promised delivery date "
            f"(source: {window.sourced.source}; confidence {window.sourced.confidence})."
            if opens
            else "You can open a dispute for a parcel that has not arrived once the delivery "
            "time on your order page is over."
        )
        events.append(("dispute_opens", opens, "windows.dispute_opens", text))

    deadline, deadline_text = dispute_deadline(order, policy)
    if opened:
        deadline_text = f"You opened the dispute on {_iso(opened)}. " + deadline_text
    events.append(("dispute_deadline", deadline, "windows.dispute_after_completion", deadline_text))

    response = policy.windows["seller_response"]
    escalation = policy.windows["escalation"]
    if opened:
        seller_due, escalate_on = _plus(opened, response.days), _plus(opened, escalation.days)
        seller_text = (
            f"The seller should answer by {_iso(seller_due)} ({response.days} days after you "
            "opened the dispute). If they do not answer, the amount you asked for is refunded."
        )
        escalation_text = (
            f"If you have not agreed by {_iso(escalate_on)}, AliExpress steps in and decides."
        )
    else:
        seller_due = escalate_on = None
        seller_text = f"Starts when you open the dispute: the seller has {response.days} days."
        escalation_text = (
            f"Starts when you open the dispute: AliExpress steps in after {escalation.days} "
            "days without agreement."
        )
    events.append(("seller_response_due", seller_due, "windows.seller_response", seller_text))
    events.append(("escalation", escalate_on, "windows.escalation", escalation_text))

    if recommendation == "return_for_full_refund":
        shipping = policy.windows["return_shipping"]
        ship_by = _plus(dates.return_agreed, shipping.days)
        text = (
            f"Ship the return by {_iso(ship_by)} and keep the tracking number."
            if ship_by
            else f"Once you and the seller agree on the return, ship it within {shipping.days} "
            "days, or the money goes to the seller."
        )
        events.append(("return_ship_by", ship_by, "windows.return_shipping", text))

    if eligibility.cancelled:
        events.extend(_cancelled_refund(order, policy))
    elif recommendation in CLAIMS or order.dates.refund_issued:
        # A refund can come through AliExpress, or has been issued already (whatever the items
        # say: "the refund is late" needs no problem named): when it arrives.
        events.extend(_refund_arrival(order, recommendation, policy))
    elif recommendation == "claim_elsewhere":
        events.extend(_outside_deadlines(order, eligibility, policy))

    over = _over(order, eligibility)
    return tuple(
        TimelineEvent(
            event,
            EVENT_TITLES[event],
            date,
            "done" if event in over else status_of(date, order.as_of, due_soon),
            rule,
            text,
        )
        for event, date, rule, text in events
    )


def _over(order: Order, eligibility: Eligibility) -> frozenset[str]:
    """The steps that are behind the shopper: done, whatever their date says."""
    dispute = order.dispute_status
    if refund_issued(order) or eligibility.cancelled:
        # Everything up to the refund is over; only the money's arrival is still ahead.
        return frozenset(
            ("dispute_deadline", "seller_response_due", "escalation", "return_ship_by")
        )
    opened = order.dates.dispute_opened is not None or dispute != "none"
    over: set[str] = set()
    if opened:
        over.add("dispute_opens")
        if dispute != "closed":  # a closed dispute can be opened again: its deadline counts
            over.add("dispute_deadline")
    if dispute in ("rejected", "closed"):
        over |= {"seller_response_due", "escalation"}
    return frozenset(over)


def _outside_deadlines(order: Order, eligibility: Eligibility, policy: Policy) -> list[Event]:
    """The card issuer's or PayPal's own deadline, once the AliExpress route is closed."""
    dates = order.dates
    if order.payment_method == "paypal":
        window = policy.windows["paypal_dispute"]
        escalate = policy.windows["paypal_escalation"]
        last = _plus(dates.ordered, window.days)
        text = (
            f"Open a PayPal dispute by {_iso(last)}: {window.days} days after the payment "
            f"({_iso(dates.ordered)})."
            if last
            else f"PayPal accepts a dispute up to {window.days} days after the payment: add the "
            "order date to see the day."
        )
        return [
            ("paypal_dispute_deadline", last, "windows.paypal_dispute", text),
            (
                "paypal_escalation",
                None,
                "windows.paypal_escalation",
                f"Within {escalate.days} days of opening the PayPal dispute, escalate it to a "
                "claim if the seller has not refunded you; otherwise it closes for good.",
            ),
        ]
    if outside_route(order) != "card_issuer":
        return []  # no outside route with a deadline: AliExpress's customer service is all
    window = policy.windows["card_chargeback"]
    start, counted_from = (
        (dates.delivered, "you received the item")
        if eligibility.arrived
        else (dates.promised_delivery, "the promised delivery date")
    )
    last = _plus(start, window.days)
    text = (
        f"Ask your card issuer for a chargeback by {_iso(last)}: {window.days} days after "
        f"{counted_from} ({_iso(start)}) under the card networks' rules; your bank may set an "
        "earlier limit, so ask soon."
        if last
        else f"Card networks allow a chargeback up to {window.days} days after {counted_from}; "
        "add that date to see the day, and ask your bank soon: it may set an earlier limit."
    )
    return [("chargeback_deadline", last, "windows.card_chargeback", text)]


def _cancelled_refund(order: Order, policy: Policy) -> list[Event]:
    """A cancelled order's money: the card range, or a debit card's pending hold."""
    if order.payment_method != "debit_card":
        # _refund_arrival only asks whether the recommendation is a return: any other value
        # gives the same dates, so mutation testing cannot tell this argument's values apart.
        return _refund_arrival(order, "full_refund", policy)  # pragma: no mutate
    hold = policy.windows["debit_hold"]
    released = _plus(order.dates.refund_issued, hold.days)
    text = (
        f"A debit card's pending hold can take weeks to drop: up to about {hold.days} days after "
        f"the cancellation, by {_iso(released)}, in one shopper's report. Ask your bank to "
        "release it sooner."
        if released
        else f"A debit card's pending hold can take weeks to drop: up to about {hold.days} days "
        "after the cancellation, in one shopper's report. Ask your bank to release it sooner."
    )
    return [("refund_arrival_latest", released, "windows.debit_hold", text)]


def _refund_arrival(order: Order, recommendation: Recommendation, policy: Policy) -> list[Event]:
    """When the money reaches the shopper: exact once issued, else a labelled projection."""
    arrival = policy.arrival[order.payment_method]
    rule = f"arrival.{order.payment_method}"
    unit = "business days" if arrival.business_days else "days"
    issued = order.dates.refund_issued
    if issued:
        start, basis = issued, f"after the refund was issued on {_iso(issued)}"
    elif recommendation == "return_for_full_refund":
        text = (
            f"{arrival.min_days} to {arrival.max_days} {unit} to your {arrival.label.lower()} "
            "after the seller receives the return and the refund is issued."
        )
        return [
            ("refund_arrival_earliest", None, rule, text),
            ("refund_arrival_latest", None, rule, text),
        ]
    else:
        # Projection: the seller agrees (or stays silent) on the last day of their window.
        response_days = policy.windows["seller_response"].days
        # A closed dispute is opened again from today: its old date no longer counts.
        opened = order.dates.dispute_opened if order.dispute_status != "closed" else None
        start = (opened or order.as_of) + dt.timedelta(days=response_days)
        when = "you opened the dispute" if opened else "you open it today"
        basis = (
            f"if the refund is issued on {_iso(start)}, when the seller's {response_days} days "
            f"end ({when}); projected"
        )

    def after(days: int) -> dt.date:
        if arrival.business_days:
            return add_business_days(start, days)
        return start + dt.timedelta(days=days)

    earliest, latest = after(arrival.min_days), after(arrival.max_days)
    return [
        (
            "refund_arrival_earliest",
            earliest,
            rule,
            f"Earliest day the money can reach your {arrival.label.lower()}: "
            f"{arrival.min_days} {unit} {basis}.",
        ),
        (
            "refund_arrival_latest",
            latest,
            rule,
            f"Latest expected day: {arrival.max_days} {unit} {basis}. If nothing has "
            "arrived by then, ask AliExpress for the refund reference number and show it to "
            "your bank.",
        ),
    ]
