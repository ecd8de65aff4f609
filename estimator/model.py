"""Typed, frozen data: the order the shopper describes and the estimate we give back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Recommendation = Literal["no_claim", "partial_refund", "full_refund", "return_for_full_refund"]
Status = Literal["passed", "due_soon", "upcoming", "unknown"]
Verdict = Literal["accept", "counter", "escalate"]


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
class Order:
    currency: str
    as_of: dt.date
    payment_method: str
    items: tuple[Item, ...]
    shipping: Decimal
    discount: Decimal
    tax: Decimal
    dates: OrderDates
    seller_offer: Decimal | None


@dataclass(frozen=True, slots=True)
class RefundRange:
    low: Decimal
    suggested: Decimal
    high: Decimal

    @classmethod
    def exact(cls, amount: Decimal) -> RefundRange:
        return cls(amount, amount, amount)


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
    amount: Decimal
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
    warnings: tuple[str, ...]
    policy: PolicyInfo
