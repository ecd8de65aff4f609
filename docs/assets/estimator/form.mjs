// The order form, drawn from the estimator's form facts (estimator/form_facts.py, carried by
// runtime.json): read into the estimator's input JSON, filled from an order (the example, a
// share link, the device copy), and marked with the estimator's own `path: message` errors.
// It knows no refund rule: every check and every figure is the estimator's. Amounts and dates
// go to Python as the trimmed strings typed.
//
// Progressive disclosure: the form first asks what happened; each answer (a "situation" in
// the facts) shows only the fields it needs. Hidden fields are neither shown nor sent, except
// that a filled-in order shows every field it has a value for, so nothing in it is lost.

import { h, uid } from "./dom.mjs";
import { errorSummary } from "./errors.mjs";
import {
  amountInput,
  dateInput,
  dateValue,
  field,
  fieldInfo,
  record,
  select,
  setChoice,
  shown,
  textInput,
} from "./fields.mjs";
import { currencyLabel } from "./format.mjs";
import { itemKinds, itemRow } from "./items.mjs";

const AMOUNT_HINT = "Numbers only, with a dot for decimals, like 12.50.";
const DATE_HINT =
  "Write dates as YYYY-MM-DD, like 2026-11-26. Leave a date empty if it has not happened or you do not know it.";

/** @typedef {import("./items.mjs").ItemRow} ItemRow */
/**
 * A top-level input: its control, its wrapper, and how it reads and fills.
 * @typedef {{control: HTMLInputElement | HTMLSelectElement, wrapper: HTMLElement,
 *   read: () => unknown, fill: (order: Record<string, unknown>) => void}} TopField
 */

/** `[value, label]` pairs of a facts list. */
const pairs = (/** @type {{value: string, label: string}[]} */ list) =>
  list.map((entry) => /** @type {[string, string]} */ ([entry.value, entry.label]));

/**
 * The example order with its dates moved by the days from its `as_of` to `today`, so it is
 * always a live case.
 * @param {FormFacts} facts @param {string} today  YYYY-MM-DD
 */
export function liveExample(facts, today) {
  const day = (/** @type {string} */ iso) => Date.parse(`${iso}T00:00:00Z`);
  const shift = day(today) - day(facts.example.as_of);
  const order = structuredClone(facts.example.order);
  for (const [name, value] of Object.entries(record(order.dates))) {
    // The example's dates are ISO strings (form_facts.py).
    if (value)
      order.dates[name] = new Date(day(/** @type {string} */ (value)) + shift)
        .toISOString()
        .slice(0, 10);
  }
  return order;
}

/**
 * Build the form.
 * @param {FormFacts} facts  the form facts
 * @param {{onChange: (kind: "input" | "change") => void, onExample: () => void, onReset: () => void,
 *          onRemember: (on: boolean) => void}} handlers
 */
export function createForm(facts, handlers) {
  const status = h("p", { class: "re-visually-hidden", role: "status" });
  const kinds = itemKinds(facts);
  const accepts = (/** @type {string} */ name) => facts.order_fields.includes(name);
  const offerKinds = facts.offer_kinds;

  // --- what happened ---
  const situationName = uid("re-situation");
  const situationRadios = facts.situations.map((situation) => {
    const id = uid("re-situation");
    const radio = /** @type {HTMLInputElement} */ (
      h("input", {
        type: "radio",
        class: "re-radio",
        name: situationName,
        value: situation.value,
        id,
        "aria-describedby": `${id}-hint`,
      })
    );
    return { situation, radio };
  });
  const situationGroup = h(
    "fieldset",
    { class: "re-group re-situations" },
    h("legend", { class: "re-legend", text: "What happened?" }),
    situationRadios.map(({ situation, radio }) =>
      h(
        "div",
        { class: "re-situation" },
        h(
          "div",
          { class: "re-check" },
          radio,
          h("label", { for: radio.id, text: situation.label }),
        ),
        h("p", { class: "re-hint re-choice-hint", id: `${radio.id}-hint`, text: situation.hint }),
      ),
    ),
  );
  const chosen = () => situationRadios.find(({ radio }) => radio.checked)?.situation ?? null;

  // --- the top-level fields ---
  /** @type {Record<string, TopField>} */
  const top = {};
  /**
   * @param {string} path @param {string} label @param {HTMLInputElement | HTMLSelectElement} control
   * @param {{hint?: string, read?: () => unknown, fill?: (order: Record<string, unknown>) => void, wide?: boolean}} [how]
   */
  function topField(path, label, control, how = {}) {
    const wrapper = field({ path, label, hint: how.hint, control, wide: how.wide });
    top[path] = {
      control,
      wrapper,
      read: how.read ?? (() => control.value.trim() || null),
      fill: how.fill ?? ((order) => (control.value = shown(order[path]))),
    };
    return wrapper;
  }
  const choiceFill =
    (/** @type {string} */ path, /** @type {string} */ fallback = "") =>
    /** @param {Record<string, unknown>} order */
    (order) =>
      setChoice(/** @type {HTMLSelectElement} */ (top[path].control), order[path] ?? fallback);

  const orderFields = [
    topField(
      "currency",
      "Currency",
      select(facts.currencies.map((c) => [c.code, currencyLabel(c.code)])),
      {
        hint: "The currency of the prices on your order page.",
        fill: choiceFill("currency", facts.defaults.currency),
      },
    ),
    topField("payment_method", "How you paid", select(pairs(facts.methods)), {
      hint: "Sets how long a refund takes to arrive.",
      fill: choiceFill("payment_method", facts.defaults.payment_method),
    }),
    accepts("order_number")
      ? topField("order_number", "Order number (optional)", textInput({ inputmode: "numeric" }), {
          hint: "Order details: the long number. It goes into your message so the seller finds the order.",
        })
      : null,
  ];
  const amountFields = ["shipping", "discount", "tax"].map((name) =>
    topField(
      name,
      { shipping: "Shipping", discount: "Discounts", tax: "Tax" }[name] ?? name,
      amountInput(),
      {
        read: () => top[name].control.value.trim() || "0",
      },
    ),
  );
  const statusFields = [
    accepts("delivery_status")
      ? topField(
          "delivery_status",
          "What the tracking says",
          select([["", "Not sure"], ...pairs(facts.delivery_statuses)]),
          {
            fill: choiceFill("delivery_status"),
          },
        )
      : null,
    accepts("dispute_status")
      ? topField("dispute_status", "Dispute", select(pairs(facts.dispute_statuses)), {
          hint: "Whether you have opened a dispute on AliExpress, and where it stands.",
          fill: choiceFill("dispute_status"),
        })
      : null,
  ];
  const dateFields = facts.dates.map((date) => {
    const control = dateInput();
    return topField(`dates.${date.name}`, date.label, control, {
      hint: date.hint,
      read: () => dateValue(control),
      fill: (order) => (control.value = shown(record(order.dates)[date.name])),
    });
  });
  const offerAmount = amountInput();
  const offerKind = select([["", "Choose\u2026"], ...pairs(offerKinds)]);
  const offerFields = [];
  if (offerKinds.length) {
    // The estimator's offer object: {kind, amount}; errors at "seller_offer" show at the amount.
    offerFields.push(
      topField("seller_offer.kind", "What the seller offered", offerKind, {
        read: () => null,
        fill: (order) =>
          setChoice(
            offerKind,
            typeof order.seller_offer === "object"
              ? record(order.seller_offer).kind
              : order.seller_offer == null
                ? ""
                : "cash",
          ),
      }),
      topField("seller_offer.amount", "Amount offered", offerAmount, {
        hint: "In the order\u2019s currency. Empty for a resend.",
        read: () => null,
        fill: (order) =>
          (offerAmount.value = shown(
            typeof order.seller_offer === "object"
              ? record(order.seller_offer).amount
              : order.seller_offer,
          )),
      }),
    );
    offerAmount.dataset.alias = "seller_offer";
  } else {
    offerFields.push(
      topField("seller_offer", "Amount the seller offered", offerAmount, {
        hint: "If the seller offered a partial refund. Leave empty if not.",
      }),
    );
  }
  if (accepts("return_postage")) {
    offerFields.push(
      topField("return_postage", "Postage to send it back (optional)", amountInput(), {
        hint: "What posting the item back would cost you, if you know it.",
      }),
    );
  }

  // --- items ---
  /** @type {ItemRow[]} */
  const rows = [];
  const itemList = h("div", { class: "re-items" });
  const addButton = /** @type {HTMLButtonElement} */ (
    h("button", { type: "button", class: "re-button", text: "Add an item" })
  );
  const limitNote = h("p", {
    class: "re-hint",
    text: `An order can list at most ${facts.max_items} items.`,
    hidden: true,
  });

  const exampleButton = h("button", { type: "button", class: "re-button", text: "Try an example" });
  const resetButton = h("button", {
    type: "button",
    class: "re-button re-button--quiet",
    text: "Start over",
  });
  const rememberBox = /** @type {HTMLInputElement} */ (
    h("input", { type: "checkbox", class: "re-checkbox", id: uid("re-remember") })
  );
  const forgetButton = h("button", {
    type: "button",
    class: "re-button re-button--quiet",
    text: "Forget it now",
    hidden: true,
  });

  const group = (
    /** @type {string} */ legend,
    /** @type {import("./dom.mjs").Child[]} */ ...children
  ) =>
    h(
      "fieldset",
      { class: "re-group" },
      h("legend", { class: "re-legend", text: legend }),
      ...children,
    );
  const groups = {
    order: group("Order", h("div", { class: "re-grid re-grid--wide-fields" }, orderFields)),
    items: group(
      "Items",
      h("p", { class: "re-hint", text: "One entry per product line on the order page." }),
      itemList,
      addButton,
      limitNote,
    ),
    amounts: group(
      "Shipping, discount and tax",
      h("p", {
        class: "re-hint",
        text: `For the whole order, as the order page shows them: discounts include store and platform coupons. Leave empty if none. ${AMOUNT_HINT}`,
      }),
      h("div", { class: "re-grid" }, amountFields),
    ),
    status: group(
      "Delivery and dispute",
      h("div", { class: "re-grid re-grid--wide-fields" }, statusFields),
    ),
    dates: group(
      "Dates",
      h("p", { class: "re-hint", text: DATE_HINT }),
      h("div", { class: "re-grid re-grid--dates" }, dateFields),
    ),
    offer: group(
      "The seller\u2019s offer",
      h("div", { class: "re-grid re-grid--wide-fields" }, offerFields),
    ),
  };
  const body = h("div", { class: "re-form-body", hidden: true }, Object.values(groups));

  // In page order, so the error summary lists problems top to bottom.
  const allControls = () =>
    /** @type {HTMLElement[]} */ ([...form.querySelectorAll("[data-path]")]);
  const touched = /** @type {WeakSet<EventTarget>} */ (new WeakSet());
  const summary = errorSummary({ controls: allControls, controlFor, describe, touched });
  const form = h(
    "form",
    { class: "re-form", novalidate: true, "aria-label": "Your order" },
    h("div", { class: "re-toolbar" }, exampleButton, resetButton),
    summary.element,
    situationGroup,
    body,
    h(
      "div",
      { class: "re-remember" },
      h(
        "div",
        { class: "re-check" },
        rememberBox,
        h("label", { for: rememberBox.id, text: "Remember this order on this device" }),
      ),
      forgetButton,
      h("p", {
        class: "re-hint",
        text: "Off by default. When on, the order is kept only in this browser\u2019s storage, never sent anywhere.",
      }),
    ),
    status,
  );
  form.addEventListener("submit", (event) => event.preventDefault());

  // Fields a filled-in order has values for, shown whatever the situation.
  const revealed = new Set();

  /** Show the fields the chosen situation needs (and those the order filled in). */
  function sync() {
    const situation = chosen();
    body.hidden = !situation;
    if (!situation) return;
    const wanted = new Set([
      "currency",
      "payment_method",
      "shipping",
      "discount",
      "tax",
      ...situation.fields,
      ...situation.dates.map((name) => `dates.${name}`),
      ...revealed,
    ]);
    // A return's postage matters whenever something goes back.
    if (rows.some((row) => row.controls.keep.value === "return")) wanted.add("return_postage");
    if (wanted.has("seller_offer")) wanted.add("seller_offer.kind").add("seller_offer.amount");
    for (const [path, { wrapper }] of Object.entries(top)) wrapper.hidden = !wanted.has(path);
    for (const fieldset of Object.values(groups)) {
      const fields = [...fieldset.querySelectorAll(":scope > .re-grid > .re-field")];
      if (fields.length)
        fieldset.hidden = fields.every((f) => /** @type {HTMLElement} */ (f).hidden);
    }
    for (const row of rows) row.fixProblem(situation.problem);
    const kind = offerKind.value;
    top["seller_offer.amount"]?.wrapper.toggleAttribute(
      "hidden",
      !wanted.has("seller_offer") || offerKinds.some((k) => k.value === kind && !k.amount),
    );
  }

  // Fields the shopper has not touched yet do not show errors (an empty new form is not
  // "wrong"); the results list what is still needed instead.
  // "input": a keystroke (text fields); "change": a choice made or a field left.
  // True while fill() rebuilds the form. Removing a focused row fires the browser's own
  // "change" (or "focusout") for a field typed in, mid-fill: that is not the shopper's change,
  // and estimating (or remembering) the half-built form saved an order with no items.
  let filling = false;
  for (const type of /** @type {const} */ (["input", "change"])) {
    form.addEventListener(type, (event) => {
      if (filling) return;
      const target = /** @type {HTMLElement} */ (event.target);
      touched.add(target);
      if (target === rememberBox) return;
      if (type === "change") sync();
      handlers.onChange(type);
    });
  }

  // A date picker left half filled keeps an empty value and sends no input event: leaving it
  // asks the estimator, whose message then says what to fix.
  form.addEventListener("focusout", (event) => {
    const target = event.target;
    if (filling) return;
    if (!(target instanceof HTMLInputElement) || !target.validity.badInput) return;
    touched.add(target);
    handlers.onChange("change");
  });

  function renumber() {
    for (const [index, row] of rows.entries()) row.setIndex(index, rows.length);
    const full = rows.length >= facts.max_items;
    addButton.disabled = full;
    limitNote.hidden = !full;
  }

  /** A new row at the end (the caller renumbers, once for any number of rows). */
  function appendRow(/** @type {unknown} */ item) {
    const row = itemRow(kinds, removeRow);
    row.fixProblem(chosen()?.problem ?? null);
    if (item) row.fill(item);
    rows.push(row);
    return row;
  }

  // Focus goes to the row that took the removed one's place (or the one before), never lost.
  function removeRow(/** @type {ItemRow} */ row) {
    const index = rows.indexOf(row);
    const name = row.controls.name.value.trim();
    rows.splice(index, 1);
    row.element.remove();
    renumber();
    rows[Math.min(index, rows.length - 1)].controls.name.focus();
    status.textContent = `Item ${index + 1}${name ? ` (${name})` : ""} removed.`;
    sync();
    handlers.onChange("change");
  }

  addButton.addEventListener("click", () => {
    if (rows.length >= facts.max_items) return;
    const row = appendRow(null);
    itemList.append(row.element);
    renumber();
    row.controls.name.focus();
    status.textContent = `Item ${rows.length} added.`;
    handlers.onChange("change");
  });
  exampleButton.addEventListener("click", () => handlers.onExample());
  resetButton.addEventListener("click", () => handlers.onReset());
  rememberBox.addEventListener("change", () => handlers.onRemember(rememberBox.checked));
  forgetButton.addEventListener("click", () => {
    rememberBox.checked = false;
    handlers.onRemember(false);
    rememberBox.focus();
  });

  const visible = (/** @type {string} */ path) => top[path] && !top[path].wrapper.hidden;

  /** The order as the estimator's input JSON (no as_of: the widget sends today), or null
   * while "What happened?" has no answer. */
  function read() {
    if (!chosen()) return null;
    /** @type {Record<string, unknown>} */
    const order = {};
    for (const path of [
      "currency",
      "payment_method",
      "order_number",
      "delivery_status",
      "dispute_status",
    ]) {
      const value = visible(path) ? top[path].read() : null;
      if (value !== null || path === "currency" || path === "payment_method") order[path] = value;
    }
    order.items = rows.map((row) => row.read());
    for (const path of ["shipping", "discount", "tax"]) order[path] = top[path].read();
    order.dates = Object.fromEntries(
      facts.dates.map((d) => [
        d.name,
        visible(`dates.${d.name}`) ? top[`dates.${d.name}`].read() : null,
      ]),
    );
    order.seller_offer = readOffer();
    if (visible("return_postage") && top.return_postage.read() !== null)
      order.return_postage = top.return_postage.read();
    return order;
  }

  function readOffer() {
    if (!offerKinds.length) return visible("seller_offer") ? top.seller_offer.read() : null;
    if (!visible("seller_offer.kind")) return null;
    const amount = visible("seller_offer.amount") ? offerAmount.value.trim() || null : null;
    if (!offerKind.value) return amount; // no kind chosen: an amount is a cash offer
    return { kind: offerKind.value, amount };
  }

  /** The situation an order opens on: the first whose marks it has values for. */
  function situationOf(/** @type {Record<string, unknown>} */ data) {
    const has = (/** @type {string} */ path) => {
      const [head, tail] = path.split(".");
      const value = tail ? record(data[head])[tail] : data[head];
      return value !== null && value !== undefined && value !== "";
    };
    return (
      facts.situations.find((s) => s.marks.some(has)) ??
      facts.situations.find((s) => s.value === facts.default_situation)
    );
  }

  /**
   * Show an order in the form; anything unknown or malformed falls back to the default.
   * A filled-in order (the example, a share link) shows all its problems at once; a blank
   * form (`asTyped: false`) shows none until the shopper types.
   * @param {unknown} order  null: a blank form
   */
  function fill(order, { asTyped = true } = {}) {
    filling = true;
    try {
      fillNow(order, asTyped);
    } finally {
      filling = false;
    }
  }

  function fillNow(/** @type {unknown} */ order, /** @type {boolean} */ asTyped) {
    const data = record(order);
    for (const { fill: fillField } of Object.values(top)) fillField(data);
    const situation = order ? situationOf(data) : null;
    for (const { situation: s, radio } of situationRadios) radio.checked = s === situation;
    revealed.clear();
    if (situation) {
      for (const [path, { control }] of Object.entries(top)) if (control.value) revealed.add(path);
      if (offerAmount.value || offerKind.value) revealed.add("seller_offer");
    }
    for (const row of rows.splice(0)) row.element.remove();
    const items =
      Array.isArray(data.items) && data.items.length
        ? data.items.slice(0, facts.max_items)
        : [null];
    for (const item of items) appendRow(item);
    itemList.replaceChildren(...rows.map((row) => row.element));
    renumber();
    sync();
    for (const control of allControls()) {
      if (asTyped) touched.add(control);
      else touched.delete(control);
    }
  }

  function controlFor(/** @type {string} */ path) {
    const controls = allControls();
    // "items[0].problem" names the problem as a whole: show it at its kind.
    return (
      controls.find((control) => control.dataset.path === path || control.dataset.alias === path) ||
      controls.find((control) => control.dataset.path?.startsWith(`${path}.`)) ||
      null
    );
  }

  function describe(/** @type {HTMLElement} */ control) {
    const label = fieldInfo.get(control)?.label ?? "";
    const row = rows.find((r) =>
      Object.values(r.controls).includes(/** @type {import("./fields.mjs").Control} */ (control)),
    );
    if (!row) return label;
    const name = row.controls.name.value.trim();
    return `Item ${rows.indexOf(row) + 1}${name ? ` (${name})` : ""}, ${label.toLowerCase()}`;
  }

  return {
    element: form,
    read,
    fill,
    showErrors: summary.show,
    focusFirst: () => situationRadios[0].radio.focus(),
    setRemembered(/** @type {boolean} */ on) {
      rememberBox.checked = on;
      forgetButton.hidden = !on;
    },
  };
}
