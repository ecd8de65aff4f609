"""Hypothesis strategies for valid orders, shared by the property tests.

Orders are built as the JSON-ready dicts the API reads, so every property also exercises
validation. Currencies cover 0, 2 and 3 decimals.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from estimator.model import DELIVERY_STATUSES, DISPUTE_STATUSES, OFFER_KINDS
from estimator.money import MINOR_UNITS
from estimator.policy import GRADED_KINDS, PROBLEM_KINDS, SEVERITIES, load_policy

CURRENCY_SAMPLE = ("JPY", "USD", "EUR", "KWD", "BHD", "CLP", "KRW", "BRL")
AS_OF = dt.date(2026, 11, 26)


def amount_text(minor: int, currency: str) -> str:
    return str(Decimal(minor).scaleb(-MINOR_UNITS[currency]))


@st.composite
def problems(draw: st.DrawFn, quantity: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(PROBLEM_KINDS))
    problem: dict[str, Any] = {"kind": kind}
    if kind in GRADED_KINDS:
        problem["severity"] = draw(st.sampled_from(SEVERITIES))
    if draw(st.booleans()):
        problem["units"] = draw(st.integers(1, quantity))
    if kind == "missing_parts" and draw(st.booleans()):
        problem["share"] = str(draw(st.integers(1, 100)) / Decimal(100))
    return problem


@st.composite
def items(draw: st.DrawFn, currency: str, with_problem: bool | None = None) -> dict[str, Any]:
    quantity = draw(st.integers(1, 5))
    price_minor = draw(st.integers(1, 10 ** (MINOR_UNITS[currency] + 4)))
    has_problem = draw(st.booleans()) if with_problem is None else with_problem
    return {
        "name": draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        "unit_price": amount_text(price_minor, currency),
        "quantity": quantity,
        "keep": draw(st.booleans()),
        "problem": draw(problems(quantity)) if has_problem else None,
        **({"usable": draw(st.none() | st.booleans())} if draw(st.booleans()) else {}),
    }


@st.composite
def dates(draw: st.DrawFn) -> dict[str, Any]:
    """Consistent dates: ordered <= shipped <= delivered <= confirmed <= as_of."""
    ordered = AS_OF - dt.timedelta(days=draw(st.integers(0, 120)))

    def after(start: dt.date, most: int) -> dt.date:
        return start + dt.timedelta(days=draw(st.integers(0, most)))

    shipped = min(after(ordered, 10), AS_OF)
    delivered = min(after(shipped, 40), AS_OF)
    confirmed = min(after(delivered, 20), AS_OF)
    values = {
        "ordered": ordered,
        "shipped": shipped,
        "promised_delivery": after(ordered, 60),
        "delivered": delivered,
        "confirmed": confirmed,
        "protection_ends": after(ordered, 90),
        "dispute_opened": min(after(ordered, 100), AS_OF),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(values)), unique=True))
    return {name: values[name].isoformat() if name in chosen else None for name in values}


# Delivery statuses that fit a parcel with a delivery date.
STATUSES_WITH_DELIVERY = ("received", "tracking_delivered_not_received")


@st.composite
def v2_fields(draw: st.DrawFn, currency: str, dates: dict[str, Any]) -> dict[str, Any]:
    """Some of version 2's optional order fields, consistent with the order's dates."""
    fields: dict[str, Any] = {}
    if draw(st.booleans()):
        fields["order_number"] = draw(st.from_regex(r"\A[0-9]{6,24}\Z"))
    statuses: tuple[str, ...] = DELIVERY_STATUSES
    if dates["delivered"]:
        statuses = STATUSES_WITH_DELIVERY
    elif dates["shipped"]:
        statuses = tuple(s for s in DELIVERY_STATUSES if s != "not_shipped")
    if draw(st.booleans()):
        fields["delivery_status"] = draw(st.sampled_from(statuses))
    disputes = DISPUTE_STATUSES[1:] if dates["dispute_opened"] else DISPUTE_STATUSES
    if draw(st.booleans()):
        fields["dispute_status"] = draw(st.sampled_from(disputes))
    small = st.integers(0, 10 ** (MINOR_UNITS[currency] + 2))
    if draw(st.booleans()):
        fields["return_postage"] = amount_text(draw(small), currency)
    if draw(st.booleans()):
        kind = draw(st.sampled_from(OFFER_KINDS))
        offer: dict[str, Any] = {"kind": kind}
        if kind != "resend":
            offer["amount"] = amount_text(draw(small), currency)
        fields["seller_offer"] = offer
    return fields


@st.composite
def orders(draw: st.DrawFn, max_items: int = 6, v2: bool = True) -> dict[str, Any]:
    currency = draw(st.sampled_from(CURRENCY_SAMPLE))
    order_items = draw(st.lists(items(currency), min_size=1, max_size=max_items))
    subtotal_minor = sum(
        int(Decimal(item["unit_price"]).scaleb(MINOR_UNITS[currency])) * item["quantity"]
        for item in order_items
    )
    small = st.integers(0, 10 ** (MINOR_UNITS[currency] + 2))
    shipping, tax = draw(small), draw(small)
    discount = draw(st.integers(0, subtotal_minor))
    order_dates = draw(dates())
    data = {
        "currency": currency,
        "as_of": AS_OF.isoformat(),
        "payment_method": draw(st.sampled_from(sorted(load_policy().arrival))),
        "items": order_items,
        "shipping": amount_text(shipping, currency),
        "discount": amount_text(discount, currency),
        "tax": amount_text(tax, currency),
        "dates": order_dates,
        "seller_offer": None,
    }
    if v2 and draw(st.booleans()):
        data.update(draw(v2_fields(currency, order_dates)))
        offer = data["seller_offer"]
        paid = subtotal_minor - discount + shipping + tax
        if offer and offer["kind"] in ("cash", "cash_after_return"):
            # Cash offered never exceeds the cash paid (the validator refuses more).
            minor = int(Decimal(offer["amount"]).scaleb(MINOR_UNITS[currency]))
            offer["amount"] = amount_text(min(minor, paid), currency)
    return data
