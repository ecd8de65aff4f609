"""Typed, frozen data: the order the shopper describes and the estimate we give back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal, get_args

Recommendation = Literal[
    "no_claim", "partial_refund", "full_refund", "return_for_full_refund", "wait", "claim_elsewhere"
]
Status = Literal["done", "passed", "due_soon", "upcoming", "unknown"]
Verdict = Literal["accept", "counter", "escalate"]
DeliveryStatus = Literal[
    "not_shipped", "in_transit", "received", "tracking_delivered_not_received",
    "returned_to_seller", "held_at_customs", "no_tracking_update",
]  # fmt: skip
DisputeStatus = Literal["none", "open", "rejected", "closed", "refunded"]
OfferKind = Literal["cash", "coupon", "resend", "cash_after_return"]


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    severity: str | None  # minor / moderate / severe, for graded kinds only
    units: int  # how many of the item's quantity are affected
    missing_share: Decimal | None  # missing_parts only: share of value missing, 0 < s <= 1


@dataclass(frozen=True, slots=True)
class Item:
    name: str
    unit_price: Decimal
    quantity: int
    keep: bool
    problem: Problem | None
    usable: bool | None = None  # "Can you still use it as intended?"; None: not said


@dataclass(frozen=True, slots=True)
class OrderDates:
    ordered: dt.date | None = None
    shipped: dt.date | None = None
    promised_delivery: dt.date | None = None
    delivered: dt.date | None = None
    confirmed: dt.date | None = None
    protection_ends: dt.date | None = None
    dispute_opened: dt.date | None = None
    return_agreed: dt.date | None = None
    refund_issued: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SellerOffer:
    """What the seller offered: cash, a coupon, a new item, or cash once the item is back."""

    kind: OfferKind
    amount: Decimal | None  # None only for a resend


@dataclass(frozen=True, slots=True)
class Order:
    currency: str
    as_of: dt.date
    payment_method: str
    items: tuple[Item, ...]
    shipping: Decimal
    discount: Decimal
    tax: Decimal
    dates: OrderDates
    seller_offer: SellerOffer | None
    order_number: str | None = None  # ASCII digits, as the order page shows it
    # None: not said and no delivery date (v1 orders); "received" when dates.delivered is set.
    delivery_status: DeliveryStatus | None = None
    dispute_status: DisputeStatus = "none"  # "open" when only dates.dispute_opened is given
    return_postage: Decimal | None = None  # what posting the item back would cost the shopper


@dataclass(frozen=True, slots=True)
class RefundRange:
    low: Decimal
    suggested: Decimal
    high: Decimal


@dataclass(frozen=True, slots=True)
class ItemEstimate:
    name: str
    paid: Decimal  # subtotal - discount share + tax share
    shipping_share: Decimal
    refund: RefundRange
    why: str


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    event: str
    title: str  # a short heading for the event, shown by the widget and the calendar file
    date: dt.date | None
    status: Status
    rule: str  # the policy rule the date comes from, e.g. "windows.seller_response"
    text: str


@dataclass(frozen=True, slots=True)
class OfferCheck:
    kind: OfferKind
    amount: Decimal | None
    verdict: Verdict
    counter: Decimal | None
    text: str


@dataclass(frozen=True, slots=True)
class PolicyInfo:
    version: str
    checked: dt.date


@dataclass(frozen=True, slots=True)
class Estimate:
    currency: str
    paid: Decimal
    recommendation: Recommendation
    refund: RefundRange
    items: tuple[ItemEstimate, ...]
    timeline: tuple[TimelineEvent, ...]
    offer: OfferCheck | None
    evidence: tuple[str, ...]
    message: str
    # Where the message goes: "seller" (chat, before any dispute), "dispute" (the open one, or
    # the one to reopen), "card_issuer", "paypal", "support" (AliExpress customer service),
    # or "none" (nothing to send).
    message_to: str
    warnings: tuple[str, ...]
    policy: PolicyInfo


# The option lists of the input, for validation and the JSON Schema, and of the answer.
RECOMMENDATIONS: tuple[str, ...] = get_args(Recommendation)
DELIVERY_STATUSES: tuple[str, ...] = get_args(DeliveryStatus)
DISPUTE_STATUSES: tuple[str, ...] = get_args(DisputeStatus)
OFFER_KINDS: tuple[str, ...] = get_args(OfferKind)
EVENT_STATUSES: tuple[str, ...] = get_args(Status)
VERDICTS: tuple[str, ...] = get_args(Verdict)
