"""The dated events of a dispute, each tied to the policy rule it comes from."""

from __future__ import annotations

import datetime as dt

from .model import Order, Recommendation, Status, TimelineEvent
from .policy import Policy

# Short headings, one per event, used by the widget's timeline and the calendar file.
EVENT_TITLES = {
    "dispute_deadline": "Last day to open the dispute",
    "seller_response_due": "Seller's answer due",
    "escalation": "AliExpress steps in if you have not agreed",
    "return_ship_by": "Last day to ship the return",
    "refund_arrival_earliest": "Refund may arrive from",
    "refund_arrival_latest": "Refund should have arrived by",
}
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
    return date.isoformat() if date else ""


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
    order: Order, recommendation: Recommendation, policy: Policy
) -> tuple[TimelineEvent, ...]:
    due_soon = policy.windows["due_soon"].days
    dates = order.dates
    opened = dates.dispute_opened
    events: list[tuple[str, dt.date | None, str, str]] = []

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

    if recommendation != "no_claim":
        events.extend(_refund_arrival(order, recommendation, policy))

    return tuple(
        TimelineEvent(
            event, EVENT_TITLES[event], date, status_of(date, order.as_of, due_soon), rule, text
        )
        for event, date, rule, text in events
    )


def _refund_arrival(
    order: Order, recommendation: Recommendation, policy: Policy
) -> list[tuple[str, dt.date | None, str, str]]:
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
        start = (order.dates.dispute_opened or order.as_of) + dt.timedelta(days=response_days)
        when = "you opened the dispute" if order.dates.dispute_opened else "you open it today"
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
