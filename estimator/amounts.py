"""What the shopper paid per item, and the refund range per item.

All arithmetic here is in whole minor units (ints), so every split adds up exactly; amounts
become `Decimal` with the currency's decimals only at the edge (`money.from_minor`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .model import Item, Order
from .money import split_proportionally, to_minor
from .policy import Policy


@dataclass(frozen=True, slots=True)
class ItemCash:
    """An item's share of the cash paid, in minor units."""

    paid: int  # subtotal - discount share + tax share
    shipping_share: int

    @property
    def total(self) -> int:
        return self.paid + self.shipping_share


@dataclass(frozen=True, slots=True)
class MinorRange:
    low: int
    suggested: int
    high: int

    @classmethod
    def exact(cls, amount: int) -> MinorRange:
        return cls(amount, amount, amount)

    def __add__(self, other: MinorRange) -> MinorRange:
        return MinorRange(
            self.low + other.low, self.suggested + other.suggested, self.high + other.high
        )


ZERO = MinorRange(0, 0, 0)

# Problems that leave nothing usable of the affected units: their price and their part of the
# postage are owed in full. For fakes, AliExpress's terms promise a full refund with shipping
# (policy facts.counterfeit); we apply it to every fake, including only some units of an item.
NOTHING_USABLE = ("missing", "counterfeit")


def item_cash(order: Order) -> list[ItemCash]:
    """Spread discount, shipping and tax over items in proportion to their subtotals.

    AliExpress does not publish how it spreads an order-level coupon over items (policy rule
    money.coupon_split), so this is our assumption: in proportion to price, to the minor unit.
    """
    currency = order.currency
    subtotals = [to_minor(item.unit_price, currency) * item.quantity for item in order.items]
    discounts = split_proportionally(to_minor(order.discount, currency), subtotals)
    shipping = split_proportionally(to_minor(order.shipping, currency), subtotals)
    taxes = split_proportionally(to_minor(order.tax, currency), subtotals)
    # Every split has one part per item, so the lists always have the same length: `strict`
    # only guards that, and no input can tell True from False or from no `strict` at all.
    rows = zip(subtotals, discounts, taxes, shipping, strict=True)  # pragma: no mutate
    return [ItemCash(subtotal - discount + tax, ship) for subtotal, discount, tax, ship in rows]


def affected_cash(item: Item, cash: ItemCash) -> ItemCash:
    """The part of an item's cash that belongs to the units with the problem.

    An item the shopper cannot use, with no problem named, has all its units affected.
    """
    units = item.problem.units if item.problem else item.quantity
    others = item.quantity - units
    paid = split_proportionally(cash.paid, [units, others])[0]
    shipping = split_proportionally(cash.shipping_share, [units, others])[0]
    return ItemCash(paid, shipping)


def percent_of(amount: int, percent: Decimal) -> int:
    """`percent` % of `amount` minor units, rounded half up to a whole minor unit."""
    return int((amount * percent / 100).to_integral_value(rounding=ROUND_HALF_UP))


def partial_range(item: Item, cash: ItemCash, policy: Policy) -> MinorRange:
    """The range to ask for when the shopper keeps an item with a problem."""
    problem = item.problem
    if problem is None:
        return ZERO
    affected = affected_cash(item, cash)
    if problem.kind in NOTHING_USABLE:
        return MinorRange.exact(affected.total)
    if problem.kind == "missing_parts" and problem.missing_share is not None:
        return MinorRange.exact(percent_of(affected.paid, problem.missing_share * 100))
    rule = policy.percent_range(problem.kind, problem.severity)
    return MinorRange(
        percent_of(affected.paid, Decimal(rule.low)),
        percent_of(affected.paid, Decimal(rule.suggested)),
        percent_of(affected.paid, Decimal(rule.high)),
    )
