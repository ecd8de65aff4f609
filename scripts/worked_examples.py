"""The guide's worked examples, computed by the estimator at build time (generated/example-*.md).

A page never types an example's amount, percentage or date: it includes the snippet, e.g.
`--8<-- "example-damaged.md"`. Each example is a small order run through `estimator.estimate`,
so a change in estimator/policy.toml (a percentage, a window, a refund time) changes every
example with it. Only the story (what was bought, for how much) is fixed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from estimator.amounts import affected_cash, item_cash
from estimator.estimate import estimate
from estimator.examples import EXAMPLE_ORDER
from estimator.model import Estimate, Order
from estimator.money import format_amount
from estimator.policy import Policy
from estimator.validation import read_order

CURRENCY = "USD"
TIMES, MINUS = "\u00d7", "\u2212"  # the signs a reader expects in a sum
# Any fixed day: the examples must not change from one build to the next.
AS_OF = "2026-11-26"


def usd(amount: Decimal) -> str:
    return f"US${format_amount(amount, CURRENCY)}"


def long_date(day: dt.date, weekday: bool = False) -> str:
    text = f"{day.day} {day:%B}"
    return f"{day:%A} {text} {day.year}" if weekday else text


def run(items: list[dict[str, Any]], **fields: Any) -> Estimate:
    """The estimate for an order of these items, no discount or tax, paid by card."""
    dates = {"ordered": "2026-01-05", **fields.pop("dates", {})}
    order: Order = read_order(
        {
            "currency": CURRENCY,
            "as_of": AS_OF,
            "payment_method": "card",
            "items": items,
            "shipping": fields.pop("shipping", "0.00"),
            "discount": "0.00",
            "tax": "0.00",
            "dates": dates,
            **fields,
        }
    )
    return estimate(order)


def one_item(
    name: str, price: str, kind: str, severity: str | None = None, **problem: Any
) -> Estimate:
    """One unit of one item with a problem, kept."""
    details: dict[str, Any] = {"kind": kind, **problem}
    if severity:
        details["severity"] = severity
    return run([{"name": name, "unit_price": price, "quantity": 1, "keep": True,
                 "problem": details}])  # fmt: skip


def percent_of_price(amount: Decimal, price: str) -> int:
    return int((amount * 100 / Decimal(price)).to_integral_value())


def range_example(policy: Policy, kind: str, severity: str | None, story: str, price: str) -> str:
    """'Example: <story>. Our model suggests about N%, which is X. The range is L to H.'"""
    refund = one_item("item", price, kind, severity).refund
    suggested = policy.percent_range(kind, severity).suggested
    return (
        f"**Example:** {story.format(price=usd(Decimal(price)))} Our model suggests about "
        f"{suggested}%, which is {usd(refund.suggested)}. The range is {usd(refund.low)} to "
        f"{usd(refund.high)}.\n"
    )


# Graded problems: snippet -> (kind, severity, the story, price).
GRADED_STORIES = {
    "example-damaged.md": (
        "damaged", "minor",
        "you paid {price} for a phone case with a scratch on the back. That is minor damage.",
        "12.00",
    ),
    "example-not-as-described.md": (
        "not_as_described", "moderate",
        "you paid {price} for a jacket sold as waterproof, but it lets water in. We call that "
        "moderate.",
        "20.00",
    ),
    "example-quality.md": (
        "quality", "moderate",
        "you paid {price} for headphones with a loud hiss. We call that moderate.", "10.00",
    ),
}  # fmt: skip


def wrong_variant(policy: Policy) -> str:
    guide = policy.facts["partial_amount_guide"].values["example_percent"]
    high = policy.percent_range("wrong_variant", None).high
    top = "That is the top of our range." if guide == high else f"Our range goes up to {high}%."
    text = range_example(
        policy, "wrong_variant", None, "you paid {price} for a shirt in the wrong color.", "15.00"
    )
    guide_says = f"One third-party guide suggests about {guide}% for this case."
    return f"{text.rstrip()} {guide_says} {top}\n"


def wrong_item(policy: Policy) -> str:
    price = "10.00"
    kept = range_example(
        policy, "wrong_item", None,
        "you paid {price} and got the wrong product, but you can use it.", price,
    )  # fmt: skip
    returned = run([{"name": "item", "unit_price": price, "quantity": 1, "keep": False,
                     "problem": {"kind": "wrong_item"}}]).refund.suggested  # fmt: skip
    return kept.rstrip("\n") + f" A return gives you the full {usd(returned)}.\n"


def missing_parts(policy: Policy) -> str:
    price, part = "30.00", "9.00"
    share = Decimal(part) / Decimal(price)
    known = one_item("drill set", price, "missing_parts", share=str(share)).refund.suggested
    unknown = one_item("drill set", price, "missing_parts").refund.suggested
    return (
        f"**Example:** you paid {usd(Decimal(price))} for a drill set, and the charger is "
        f"missing. The same charger sells for about {usd(Decimal(part))} alone, so ask for "
        f"{usd(known)}, which is {percent_of_price(known, price)}%. If you had no idea of the "
        f"value, our model suggests {policy.percent_range('missing_parts', None).suggested}%, "
        f"which is {usd(unknown)}.\n"
    )


def missing(policy: Policy) -> str:
    refund = run([{"name": "USB-C cable", "unit_price": "4.50", "quantity": 3, "keep": True,
                   "problem": {"kind": "missing", "units": 1}}]).refund  # fmt: skip
    return (
        f"**Example:** you ordered 3 USB-C cables at US$4.50 each and got 2. Ask for the "
        f"missing cable: about {usd(refund.suggested)}. Our model adds its share of shipping "
        "and takes off its share of any discount.\n"
    )


def counterfeit(policy: Policy) -> str:
    price, shipping = "25.00", "2.00"
    refund = run([{"name": "earbuds", "unit_price": price, "quantity": 1, "keep": True,
                   "problem": {"kind": "counterfeit"}}], shipping=shipping).refund  # fmt: skip
    return (
        f"**Example:** you paid {usd(Decimal(price))} for earbuds sold as an original brand "
        f"product, plus {usd(Decimal(shipping))} shipping, and they are a copy. Ask for "
        f"{usd(refund.suggested)}: the price and the shipping.\n"
    )


def full_or_partial(policy: Policy) -> str:
    """The phone case both ways, for the tip on full-or-partial.md (indented into it)."""
    price = "12.00"
    partial = one_item("phone case", price, "damaged", "minor").refund.suggested
    returned = run([{"name": "phone case", "unit_price": price, "quantity": 1, "keep": False,
                     "problem": {"kind": "damaged", "severity": "minor"}}]).refund  # fmt: skip
    suggested = policy.percent_range("damaged", "minor").suggested
    return (
        f"You paid {usd(Decimal(price))} for a phone case. It arrived with a small scratch, "
        "but it fits and works.\n\n"
        f"- **Partial refund:** our model suggests about {suggested}%, which is {usd(partial)}. "
        "You keep the case. No parcel to send.\n"
        "- **Full refund:** you return the case. Since it arrived damaged, the store should pay "
        f"the postage. You get up to {usd(returned.suggested)} back, but only after the seller "
        "has the parcel.\n\n"
        f"The {suggested}% comes from our own table. No public source publishes such figures.\n"
    )


def name_the_amount(policy: Policy) -> str:
    price = "15.00"
    suggested = policy.percent_range("wrong_variant", None).suggested
    refund = one_item("shirt", price, "wrong_variant").refund.suggested
    return (
        f"**Example:** you paid {usd(Decimal(price))} for a shirt that came in the wrong color. "
        f"Our suggested figure is {suggested}%. {price} {TIMES} {Decimal(suggested) / 100} = "
        f"{format_amount(refund, CURRENCY)}, so you ask for {usd(refund)}.\n"
    )


def message_example(policy: Policy) -> str:
    refund = one_item("phone case", "12.00", "damaged", "minor").refund.suggested
    return (
        "> The phone case arrived with a 2 cm scratch on the back. See photos 1 to 3 and the "
        f"unboxing video. I will keep the case. I ask for a partial refund of {usd(refund)}.\n"
    )


def negotiation(policy: Policy) -> str:
    """The shirt dispute: the seller's two offers, each checked the way the estimator checks."""
    price = "15.00"
    asked = one_item("shirt", price, "wrong_variant").refund
    low_offer = asked.low - Decimal("1.00")
    close_offer = asked.suggested - Decimal("0.25")
    verdicts = {}
    for offer in (low_offer, close_offer):
        result = run([{"name": "shirt", "unit_price": price, "quantity": 1, "keep": True,
                       "problem": {"kind": "wrong_variant"}}], seller_offer=str(offer))  # fmt: skip
        assert result.offer is not None
        verdicts[offer] = result.offer.verdict
    suggested = policy.percent_range("wrong_variant", None).suggested
    lines = [
        f"You paid {usd(Decimal(price))} for a shirt that came in red instead of blue. You ask "
        f"for {usd(asked.suggested)} ({suggested}%). Our own range for this problem (our "
        f"judgment, not an AliExpress rule) is {usd(asked.low)} to {usd(asked.high)}.",
        f"> **Seller:** Sorry for the problem. We can refund {usd(low_offer)}.",
        verdict_line(verdicts[low_offer], low_offer, asked.low, asked.suggested, price),
        f"> **You:** Thank you. I ordered blue (see the order page, photo 2) and got red "
        f"(photo 1). I will keep the shirt if I get {usd(asked.suggested)} back. If we cannot "
        "agree, I will wait for AliExpress to decide.",
        f"> **Seller:** OK, we can do {usd(close_offer)}.",
        verdict_line(verdicts[close_offer], close_offer, asked.low, asked.suggested, price),
    ]
    return "\n\n".join(lines) + "\n"


def verdict_line(verdict: str, offer: Decimal, low: Decimal, suggested: Decimal, price: str) -> str:
    """What the estimator's verdict on an offer means, in the example's words."""
    share = f"{usd(offer)} is {percent_of_price(offer, price)}% of the price"
    if verdict == "accept":
        return f"{share}, at or above our suggested figure. Accepting is fair."
    if verdict == "counter":
        return (
            f"{share}: inside our range, but below our suggested figure of {usd(suggested)}. "
            f"The estimator says: counter. Ask once more for {usd(suggested)}, politely. If the "
            "seller will not move, taking the offer is still a fair choice: a quick agreement "
            "has value, and AliExpress could decide on less."
        )
    return (
        f"{share}, below our low figure of {usd(low)}. Do not accept yet. Answer with facts. "
        "Keep in mind that if it goes to AliExpress, it can award less than the offer, or "
        "nothing."
    )


def estimator_walkthrough(policy: Policy) -> str:
    """The numbered steps of how-the-estimator-works.md, for the estimator's own example order."""
    order = read_order(EXAMPLE_ORDER)
    result = estimate(order)
    cables, case = order.items
    cable_cash, case_cash = item_cash(order)
    cable_item, case_item = result.items
    damage = policy.percent_range("damaged", "minor")
    subtotal = cables.unit_price * cables.quantity + case.unit_price
    discount, shipping, tax = order.discount, order.shipping, order.tax
    cable_discount = cables.unit_price * cables.quantity - from_cents(cable_cash.paid)
    case_discount = case.unit_price - from_cents(case_cash.paid)
    cable_paid = from_cents(cable_cash.paid)
    one_cable = from_cents(affected_cash(cables, cable_cash).paid)
    refund = result.refund
    steps = [
        f"Item prices: {cables.quantity} {TIMES} {amount(cables.unit_price)} + "
        f"{amount(case.unit_price)} = {usd(subtotal)}.",
        f"Cash paid: {amount(subtotal)} {MINUS} {amount(discount)} + {amount(shipping)} + "
        f"{amount(tax)} = **{usd(result.paid)}**.",
        f"The cables are {amount(cables.unit_price * cables.quantity)} of {amount(subtotal)}. "
        f"They get {usd(cable_discount)} of the discount and "
        f"{usd(from_cents(cable_cash.shipping_share))} of the shipping. The case gets "
        f"{usd(case_discount)} of the discount and {usd(case_item.shipping_share)} of the "
        "shipping.",
        f"**Missing cable:** the cables cost {amount(cables.unit_price * cables.quantity)} {MINUS} "
        f"{amount(cable_discount)} = {usd(cable_paid)}, so one cable is {usd(one_cable)}. Add "
        f"its share of shipping, {usd(cable_item.refund.suggested - one_cable)}. That gives "
        f"{usd(cable_item.refund.suggested)}, in full.",
        f"**Scratched case:** it cost {amount(case.unit_price)} {MINUS} {amount(case_discount)} = "
        f"{usd(case_item.paid)}. Minor damage is {damage.low}% to {damage.high}%, with "
        f"{damage.suggested}% suggested. That gives {usd(case_item.refund.low)} to "
        f"{usd(case_item.refund.high)}, with {usd(case_item.refund.suggested)} suggested.",
        f"**Total:** {usd(refund.low)} to {usd(refund.high)}, with "
        f"**{usd(refund.suggested)} suggested**.",
    ]
    intro = (
        f"Take the [example order](estimator.md#input): {cables.quantity} cables at "
        f"{usd(cables.unit_price)}, one of them missing, and a {usd(case.unit_price)} phone case "
        f"with minor damage. There is a {usd(discount)} discount and {usd(shipping)} shipping.\n\n"
    )
    return intro + "".join(f"{n}. {step}\n" for n, step in enumerate(steps, start=1))


def cli_dates(policy: Policy) -> str:
    """estimator.md: what the example order's protection date means on its `as_of` day."""
    order = read_order(EXAMPLE_ORDER)
    ends, as_of = order.dates.protection_ends, order.as_of
    assert ends is not None, "the example order needs a protection date"
    if ends < as_of:
        return (
            f"In this example, the protection end date ({long_date(ends)}) is before the `as_of` "
            f"date ({long_date(as_of)}). In real life that means the AliExpress window has "
            "closed. If that is your case, read [other routes](other-routes.md).\n"
        )
    return (
        f"In this example, the protection end date ({long_date(ends)}) is after the `as_of` "
        f"date ({long_date(as_of)}), so there is still time to open a dispute. Once that date "
        "has passed, read [other routes](other-routes.md).\n"
    )


def cli_result(policy: Policy) -> str:
    """estimator.md: the example order's estimate in one sentence."""
    order = read_order(EXAMPLE_ORDER)
    refund = estimate(order).refund
    ends = order.dates.protection_ends
    passed = (
        " It also warns that the protection date has passed." if ends and ends < order.as_of else ""
    )
    return (
        f"For the example order, the estimator suggests asking for {usd(refund.suggested)}, in "
        f"a range of {usd(refund.low)} to {usd(refund.high)}.{passed} The page "
        "[how the estimator works](how-the-estimator-works.md#example) shows the sum step by "
        "step.\n"
    )


def amount(value: Decimal) -> str:
    return format_amount(value, CURRENCY)


def from_cents(minor: int) -> Decimal:
    return Decimal(minor) / 100


def deadline_example(policy: Policy) -> str:
    result = run([{"name": "item", "unit_price": "10.00", "quantity": 1, "keep": True,
                   "problem": {"kind": "quality", "severity": "minor"}}],
                 dates={"delivered": "2026-03-02", "confirmed": "2026-03-04"})  # fmt: skip
    last = event_date(result, "dispute_deadline")
    return (
        "**Example:** your parcel arrives on 2 March and you confirm receipt on 4 March. The "
        f"order is complete on 4 March. Your last day to open a dispute is {long_date(last)}.\n"
    )


def return_example(policy: Policy) -> str:
    result = run([{"name": "item", "unit_price": "10.00", "quantity": 1, "keep": False,
                   "problem": {"kind": "wrong_item"}}],
                 dates={"delivered": "2026-02-20", "dispute_opened": "2026-02-25",
                        "return_agreed": "2026-03-03"})  # fmt: skip
    last = event_date(result, "return_ship_by")
    return (
        f"**Example:** you agree to the return on 3 March. Your last day to ship is "
        f"{long_date(last)}. Do not wait for the last day: post offices close on some days, "
        "and you need time to pack.\n"
    )


def arrival_example(policy: Policy) -> str:
    """A card refund issued on a Friday, counted in business days; the end is no bank holiday
    in the countries most readers live in (checked by hand when the dates are changed)."""
    issued = dt.date(2026, 10, 16)
    card = policy.arrival["card"]
    result = run([{"name": "item", "unit_price": "10.00", "quantity": 1, "keep": True,
                   "problem": {"kind": "quality", "severity": "minor"}}],
                 dates={"delivered": "2026-10-01", "dispute_opened": "2026-10-05",
                        "refund_issued": issued.isoformat()})  # fmt: skip
    first = event_date(result, "refund_arrival_earliest")
    last = event_date(result, "refund_arrival_latest")
    unit = "business days" if card.business_days else "days"
    return (
        f"**Example:** AliExpress marks your card refund as done on "
        f"{long_date(issued, weekday=True)}. {card.min_days} {unit} later is "
        f"{long_date(first, weekday=True)}. {card.max_days} {unit} later is "
        f"{long_date(last, weekday=True)}. So the money should arrive between those two dates. "
        "A public holiday in between can add a day.\n"
    )


def event_date(result: Estimate, event: str) -> dt.date:
    for item in result.timeline:
        if item.event == event and item.date is not None:
            return item.date
    raise ValueError(f"the example has no {event} date")


EXAMPLES: dict[str, Callable[[Policy], str]] = {
    "example-wrong-variant.md": wrong_variant,
    "example-wrong-item.md": wrong_item,
    "example-missing-parts.md": missing_parts,
    "example-missing.md": missing,
    "example-counterfeit.md": counterfeit,
    "example-full-or-partial.md": full_or_partial,
    "example-name-the-amount.md": name_the_amount,
    "example-message.md": message_example,
    "example-negotiation.md": negotiation,
    "example-estimator-walkthrough.md": estimator_walkthrough,
    "example-cli-dates.md": cli_dates,
    "example-cli-result.md": cli_result,
    "example-deadline.md": deadline_example,
    "example-return.md": return_example,
    "example-arrival.md": arrival_example,
}


def worked_examples(policy: Policy) -> dict[str, str]:
    """File name -> text of every example snippet."""
    graded = {
        name: range_example(policy, kind, severity, story, price)
        for name, (kind, severity, story, price) in GRADED_STORIES.items()
    }
    return graded | {name: make(policy) for name, make in EXAMPLES.items()}
