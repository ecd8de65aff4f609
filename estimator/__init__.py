"""Partial Refund Guide's refund estimator for AliExpress orders.

One order in, one estimate out: a fair refund to ask for (a range per item and in total), a
recommendation, a dated timeline, a verdict on a seller's offer, an evidence checklist and a
message to paste. Standard library only, so the same package runs in CPython and in Pyodide.

    >>> from estimator import estimate, read_order
    >>> result = estimate(read_order(order_dict))
"""

from .estimate import estimate
from .model import Estimate, Order
from .validation import ValidationError, read_order

__all__ = ["Estimate", "Order", "ValidationError", "estimate", "read_order"]
