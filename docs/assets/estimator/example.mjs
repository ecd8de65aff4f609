// "Try an example": the worked order from the estimator issue (estimator/examples.py,
// EXAMPLE_ORDER) without `as_of`, so it is estimated as of the reader's today like any order.
// tests/browser/test_estimator_widget.py checks that both stay the same order.
export const EXAMPLE_ORDER = {
  currency: "USD",
  payment_method: "card",
  items: [
    {
      name: "USB-C cable",
      unit_price: "4.50",
      quantity: 3,
      keep: true,
      problem: { kind: "missing", units: 1 },
    },
    {
      name: "Phone case",
      unit_price: "12.00",
      quantity: 1,
      keep: true,
      problem: { kind: "damaged", severity: "minor" },
    },
  ],
  shipping: "2.99",
  discount: "3.00",
  tax: "0.00",
  dates: {
    ordered: "2026-10-01",
    shipped: "2026-10-03",
    promised_delivery: "2026-10-30",
    delivered: "2026-10-28",
    confirmed: null,
    protection_ends: "2026-12-11",
    dispute_opened: null,
  },
  seller_offer: null,
};
