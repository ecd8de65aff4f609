// The order form: built from the estimator's option lists (runtime.json, generated at build time), read into the
// estimator's input JSON, filled from an order (example, share link, device copy), and marked
// with the estimator's own `path: message` errors. It knows no refund rule: every check and
// every figure is the estimator's. Amounts and dates go to Python as the trimmed strings typed.

import { currencyLabel } from "./format.mjs";
import { h, uid } from "./dom.mjs";

// Where each date is on AliExpress (order details page, tracking page, dispute page).
const DATES = [
  ["ordered", "Ordered", "Order details: the order date (\u201cOrder time\u201d)."],
  ["shipped", "Shipped", "Tracking page: the day the seller shipped the parcel."],
  [
    "promised_delivery",
    "Promised delivery",
    "Order details: the latest promised or estimated delivery date.",
  ],
  ["delivered", "Delivered", "Tracking page: the day the parcel was marked delivered."],
  [
    "confirmed",
    "You confirmed receipt",
    "Order details: the day you pressed \u201cConfirm received\u201d. Empty if you have not.",
  ],
  [
    "protection_ends",
    "Protection ends",
    "Order details: the \u201cprotection ends\u201d date or countdown.",
  ],
  [
    "dispute_opened",
    "Dispute opened",
    "Dispute page: the day you opened the dispute. Empty if you have not.",
  ],
  [
    "return_agreed",
    "Return agreed (optional)",
    "Dispute page: the day you and the seller agreed on a return.",
  ],
  [
    "refund_issued",
    "Refund issued (optional)",
    "Order or dispute page: the day the refund was marked as done.",
  ],
];
const AMOUNT_HINT = "Numbers only, with a dot for decimals, like 12.50.";
const DATE_HINT =
  "Write dates as YYYY-MM-DD, like 2026-11-26. Leave a date empty if it has not happened or you do not know it.";

// Per control: its wrapper, hint and error ids, and label (for the error summary).
const fieldInfo = new WeakMap();

/**
 * One labelled control with its hint and error message, wired for assistive technology:
 * the control is described by its hint, and by its error while there is one.
 */
function field({ path = "", label, hint, control, wide = false }) {
  const id = uid("re-field");
  control.id = id;
  control.dataset.path = path;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = `${id}-error`;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  const wrapper = h(
    "div",
    { class: wide ? "re-field re-field--wide" : "re-field" },
    h("label", { for: id, class: "re-label", text: label }),
    control,
    // Error and hint below the control, so controls side by side line up under their labels.
    h("p", { class: "re-error", id: errorId, hidden: true }),
    hint ? h("p", { class: "re-hint", id: hintId, text: hint }) : null,
  );
  fieldInfo.set(control, { wrapper, hintId, errorId, label });
  return wrapper;
}

function textInput({ inputmode, placeholder, autocomplete = "off", value = "" }) {
  const input = h("input", {
    type: "text",
    class: "re-input",
    inputmode,
    placeholder,
    autocomplete,
    spellcheck: "false",
  });
  input.value = value;
  return input;
}

function select(choices, value) {
  const element = h(
    "select",
    { class: "re-input" },
    choices.map(([optionValue, label]) => h("option", { value: optionValue, text: label })),
  );
  element.value = value;
  return element;
}

const dateInput = () => textInput({ placeholder: "YYYY-MM-DD" });
const amountInput = (value = "") => textInput({ inputmode: "decimal", value });
const capitalize = (word) => word.charAt(0).toUpperCase() + word.slice(1);

/** Text of an optional JSON value as the form shows it. */
function shown(value) {
  return value === null || value === undefined ? "" : String(value);
}

// Where each item control's value sits in the estimator's item JSON (error paths use these).
const ITEM_PATHS = {
  name: "name",
  unit_price: "unit_price",
  quantity: "quantity",
  kind: "problem.kind",
  severity: "problem.severity",
  units: "problem.units",
  share: "problem.share",
  keep: "keep",
};

/** One item row: a fieldset whose control paths follow its position (items[i].field). */
function itemRow(options, onRemove) {
  const gradedKinds = new Set(options.kinds.filter((k) => k.graded).map((k) => k.value));
  const c = {
    name: textInput({ autocomplete: "off" }),
    unit_price: amountInput(),
    quantity: textInput({ inputmode: "numeric", value: "1" }),
    kind: select([["", "No problem"], ...options.kinds.map((k) => [k.value, k.label])], ""),
    severity: select(
      [["", "Choose\u2026"], ...options.severities.map((s) => [s, capitalize(s)])],
      "",
    ),
    units: textInput({ inputmode: "numeric" }),
    share: textInput({ inputmode: "decimal", placeholder: "0.25" }),
    keep: select(
      [
        ["keep", "I keep it"],
        ["return", "I send it back"],
      ],
      "keep",
    ),
  };
  const legend = h("legend", { class: "re-legend" });
  const remove = h("button", { type: "button", class: "re-button re-button--quiet re-remove" });
  remove.addEventListener("click", () => onRemove(row));
  const fields = {
    name: field({
      label: "Item name",
      hint: "As the order page shows it.",
      control: c.name,
      wide: true,
    }),
    unit_price: field({
      label: "Price per unit",
      hint: AMOUNT_HINT,
      control: c.unit_price,
    }),
    quantity: field({ label: "Quantity", control: c.quantity }),
    kind: field({ label: "Problem", control: c.kind, wide: true }),
    severity: field({
      label: "Severity",
      hint: "Minor: a scratch or a small flaw. Severe: it barely works or is unusable.",
      control: c.severity,
    }),
    units: field({
      label: "Units affected",
      hint: "How many have the problem. Empty means all.",
      control: c.units,
    }),
    share: field({
      label: "Share of the value missing (optional)",
      hint: "From 0 to 1: 0.25 means a quarter of the item\u2019s value is missing.",
      control: c.share,
    }),
    keep: field({ label: "Keep or return", control: c.keep, wide: true }),
  };
  const element = h(
    "fieldset",
    { class: "re-item" },
    legend,
    h("div", { class: "re-grid" }, Object.values(fields)),
    h("div", { class: "re-item-actions" }, remove),
  );

  // Severity only for graded kinds, units for any problem, share only for missing parts:
  // hidden fields are neither shown nor sent.
  function sync() {
    const kind = c.kind.value;
    fields.severity.hidden = !gradedKinds.has(kind);
    fields.units.hidden = kind === "";
    fields.share.hidden = kind !== "missing_parts";
  }
  c.kind.addEventListener("change", sync);

  const row = {
    element,
    controls: c,
    setIndex(index, count) {
      const number = index + 1;
      legend.textContent = `Item ${number}`;
      remove.textContent = `Remove item ${number}`;
      remove.hidden = count === 1; // an order has at least one item
      for (const [name, control] of Object.entries(c)) {
        control.dataset.path = `items[${index}].${ITEM_PATHS[name]}`;
      }
    },
    read() {
      const kind = c.kind.value;
      return {
        name: c.name.value,
        unit_price: c.unit_price.value.trim(),
        quantity: c.quantity.value.trim(),
        keep: c.keep.value === "keep",
        problem: kind
          ? {
              kind,
              severity: gradedKinds.has(kind) ? c.severity.value || null : null,
              units: c.units.value.trim() || null,
              share: kind === "missing_parts" ? c.share.value.trim() || null : null,
            }
          : null,
      };
    },
    fill(item) {
      const data = item && typeof item === "object" ? item : {};
      const problem = data.problem && typeof data.problem === "object" ? data.problem : {};
      c.name.value = shown(data.name);
      c.unit_price.value = shown(data.unit_price);
      c.quantity.value = data.quantity === undefined ? "1" : shown(data.quantity);
      c.keep.value = data.keep === false ? "return" : "keep";
      setChoice(c.kind, problem.kind);
      setChoice(c.severity, problem.severity);
      c.units.value = shown(problem.units);
      c.share.value = shown(problem.share);
      sync();
    },
  };
  sync();
  return row;
}

/** Select `value` if it is one of the options, otherwise the first option. */
function setChoice(control, value) {
  const known = [...control.options].some((option) => option.value === value);
  control.value = known ? value : control.options[0].value;
}

/**
 * Build the form.
 * @param {object} options  the lists from runtime.json (bridge.py widget_options, at build time)
 * @param {{onChange: (kind: "input" | "change") => void, onExample: () => void, onReset: () => void,
 *          onRemember: (on: boolean) => void}} handlers
 */
export function createForm(options, handlers) {
  const status = h("p", { class: "re-visually-hidden", role: "status" });
  const summaryList = h("ul", { class: "re-summary-list" });
  const summaryHeading = h("h3", {
    class: "re-summary-title",
    id: uid("re-summary"),
    text: "Check these fields",
  });
  const summary = h(
    "div",
    { class: "re-summary", role: "group", "aria-labelledby": summaryHeading.id, hidden: true },
    summaryHeading,
    summaryList,
  );
  const top = {
    currency: select(
      options.currencies.map((c) => [c.code, currencyLabel(c.code)]),
      "USD",
    ),
    payment_method: select(
      options.methods.map((m) => [m.value, m.label]),
      "card",
    ),
    shipping: amountInput(),
    discount: amountInput(),
    tax: amountInput(),
    seller_offer: amountInput(),
  };
  const dates = Object.fromEntries(DATES.map(([name]) => [name, dateInput()]));
  const rows = [];
  const itemList = h("div", { class: "re-items" });
  const addButton = h("button", { type: "button", class: "re-button", text: "Add an item" });
  const exampleButton = h("button", { type: "button", class: "re-button", text: "Try an example" });
  const resetButton = h("button", {
    type: "button",
    class: "re-button re-button--quiet",
    text: "Start over",
  });
  const rememberBox = h("input", {
    type: "checkbox",
    class: "re-checkbox",
    id: uid("re-remember"),
  });
  const forgetButton = h("button", {
    type: "button",
    class: "re-button re-button--quiet",
    text: "Forget it now",
    hidden: true,
  });

  const form = h(
    "form",
    { class: "re-form", novalidate: true, "aria-label": "Your order" },
    h("div", { class: "re-toolbar" }, exampleButton, resetButton),
    summary,
    h(
      "fieldset",
      { class: "re-group" },
      h("legend", { class: "re-legend", text: "Order" }),
      h(
        "div",
        { class: "re-grid re-grid--wide-fields" },
        field({
          path: "currency",
          label: "Currency",
          hint: "The currency of the prices on your order page.",
          control: top.currency,
        }),
        field({
          path: "payment_method",
          label: "How you paid",
          hint: "Sets how long a refund takes to arrive.",
          control: top.payment_method,
        }),
      ),
    ),
    h(
      "fieldset",
      { class: "re-group" },
      h("legend", { class: "re-legend", text: "Items" }),
      h("p", { class: "re-hint", text: "One entry per product line on the order page." }),
      itemList,
      addButton,
    ),
    h(
      "fieldset",
      { class: "re-group" },
      h("legend", { class: "re-legend", text: "Shipping, discount and tax" }),
      h("p", {
        class: "re-hint",
        text:
          "For the whole order, as the order page shows them: discounts include store and platform coupons. Leave empty if none. " +
          AMOUNT_HINT,
      }),
      h(
        "div",
        { class: "re-grid" },
        field({ path: "shipping", label: "Shipping", control: top.shipping }),
        field({ path: "discount", label: "Discounts", control: top.discount }),
        field({ path: "tax", label: "Tax", control: top.tax }),
      ),
    ),
    h(
      "fieldset",
      { class: "re-group" },
      h("legend", { class: "re-legend", text: "Dates" }),
      h("p", { class: "re-hint", text: DATE_HINT }),
      h(
        "div",
        { class: "re-grid re-grid--dates" },
        DATES.map(([name, label, hint]) =>
          field({ path: `dates.${name}`, label, hint, control: dates[name] }),
        ),
      ),
    ),
    h(
      "fieldset",
      { class: "re-group" },
      h("legend", { class: "re-legend", text: "The seller\u2019s offer" }),
      h(
        "div",
        { class: "re-grid re-grid--wide-fields" },
        field({
          path: "seller_offer",
          label: "Amount the seller offered",
          hint: "If the seller offered a partial refund. Leave empty if not.",
          control: top.seller_offer,
        }),
      ),
    ),
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

  // Fields the shopper has not touched yet do not show errors (an empty new form is not
  // "wrong"); the results list what is still needed instead.
  const touched = new WeakSet();
  // "input": a keystroke (text fields); "change": a choice made or a field left.
  form.addEventListener("input", (event) => {
    touched.add(event.target);
    if (event.target !== rememberBox) handlers.onChange("input");
  });
  form.addEventListener("change", (event) => {
    touched.add(event.target);
    if (event.target !== rememberBox) handlers.onChange("change");
  });

  function renumber() {
    rows.forEach((row, index) => row.setIndex(index, rows.length));
  }

  function addRow(item) {
    const row = itemRow(options, removeRow);
    if (item) row.fill(item);
    rows.push(row);
    itemList.append(row.element);
    renumber();
    return row;
  }

  // Focus goes to the row that took the removed one's place (or the one before), never lost.
  function removeRow(row) {
    const index = rows.indexOf(row);
    const name = row.controls.name.value.trim();
    rows.splice(index, 1);
    row.element.remove();
    renumber();
    const next = rows[Math.min(index, rows.length - 1)];
    next.controls.name.focus();
    status.textContent = `Item ${index + 1}${name ? ` (${name})` : ""} removed.`;
    handlers.onChange("change");
  }

  addButton.addEventListener("click", () => {
    const row = addRow();
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

  // In page order, so the error summary lists problems top to bottom.
  const allControls = () => [...form.querySelectorAll("[data-path]")];

  /** The order as the estimator's input JSON (no as_of: the widget sends today). */
  function read() {
    const amount = (control, empty) => control.value.trim() || empty;
    return {
      currency: top.currency.value,
      payment_method: top.payment_method.value,
      items: rows.map((row) => row.read()),
      shipping: amount(top.shipping, "0"),
      discount: amount(top.discount, "0"),
      tax: amount(top.tax, "0"),
      dates: Object.fromEntries(DATES.map(([name]) => [name, dates[name].value.trim() || null])),
      seller_offer: amount(top.seller_offer, null),
    };
  }

  /**
   * Show an order in the form; anything unknown or malformed falls back to the default.
   * A filled-in order (the example, a share link) shows all its problems at once; a blank
   * form (`asTyped: false`) shows none until the shopper types.
   */
  function fill(order, { asTyped = true } = {}) {
    const data = order && typeof order === "object" ? order : {};
    setChoice(top.currency, data.currency ?? "USD");
    setChoice(top.payment_method, data.payment_method ?? "card");
    for (const name of ["shipping", "discount", "tax", "seller_offer"]) {
      top[name].value = shown(data[name]);
    }
    const orderDates = data.dates && typeof data.dates === "object" ? data.dates : {};
    for (const [name] of DATES) dates[name].value = shown(orderDates[name]);
    for (const row of rows.splice(0)) row.element.remove();
    const items = Array.isArray(data.items) && data.items.length ? data.items : [null];
    for (const item of items) addRow(item);
    for (const control of allControls()) {
      if (asTyped) touched.add(control);
      else touched.delete(control);
    }
  }

  function controlFor(path) {
    const controls = allControls();
    // "items[0].problem" names the problem as a whole: show it at its kind.
    return (
      controls.find((control) => control.dataset.path === path) ||
      controls.find((control) => control.dataset.path.startsWith(`${path}.`)) ||
      null
    );
  }

  function describe(control) {
    const row = rows.find((r) => Object.values(r.controls).includes(control));
    if (!row) return fieldInfo.get(control).label;
    const index = rows.indexOf(row) + 1;
    const name = row.controls.name.value.trim();
    return `Item ${index}${name ? ` (${name})` : ""}, ${fieldInfo.get(control).label.toLowerCase()}`;
  }

  /**
   * Mark the estimator's errors at their fields and list them at the top.
   * @returns {{shown: number, waiting: {label: string, message: string, id: string}[]}}
   *   `waiting`: problems in fields not touched yet (not marked, for the results to list).
   */
  let marked = true; // some field may carry an error mark
  function showErrors(errors) {
    // The common case while typing valid values: nothing to mark, nothing marked.
    if (errors.length === 0 && !marked) return { shown: 0, waiting: [] };
    marked = errors.length > 0;
    const byControl = new Map();
    const unplaced = [];
    for (const error of errors) {
      const control = controlFor(error.path);
      if (!control || control.closest("[hidden]")) unplaced.push(error);
      else byControl.set(control, [...(byControl.get(control) || []), error.message]);
    }
    const listed = [];
    const waiting = [];
    for (const control of allControls()) {
      const { wrapper, hintId, errorId } = fieldInfo.get(control);
      const messages = byControl.get(control);
      const visible = Boolean(messages) && touched.has(control);
      const errorElement = wrapper.querySelector(".re-error");
      errorElement.hidden = !visible;
      errorElement.textContent = visible ? messages.join(" ") : "";
      wrapper.classList.toggle("re-field--invalid", visible);
      if (visible) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
      const describedBy = [hintId, visible ? errorId : null].filter(Boolean).join(" ");
      if (describedBy) control.setAttribute("aria-describedby", describedBy);
      else control.removeAttribute("aria-describedby");
      if (messages) {
        const entry = { label: describe(control), message: messages.join(" "), id: control.id };
        (visible ? listed : waiting).push(entry);
      }
    }
    for (const error of unplaced)
      listed.push({ label: error.path, message: error.message, id: null });

    // Rebuilt only when it changes: results now update on every change, and a list replaced
    // between a press and a release on one of its links would swallow the click.
    const signature = JSON.stringify(listed);
    if (signature !== summarySignature) {
      summarySignature = signature;
      summaryList.replaceChildren(...summaryItems(listed));
    }
    summary.hidden = listed.length === 0;
    return { shown: listed.length, waiting };
  }

  let summarySignature = "";
  function summaryItems(listed) {
    return listed.map((entry) =>
        h(
          "li",
          {},
          entry.id
            ? h("a", {
                href: `#${entry.id}`,
                "data-target": entry.id,
                text: `${entry.label}: ${entry.message}`,
              })
            : `${entry.label}: ${entry.message}`,
        ),
    );
  }

  // Links in the error summary (and in the results' "still needed" list) focus their field.
  // Handled here: focus goes to the field itself, and the address stays as it is.
  function focusField(id) {
    const control = document.getElementById(id);
    if (!control) return;
    control.focus();
    control.scrollIntoView({ block: "center" });
  }
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-target]");
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    focusField(link.dataset.target);
  });

  return {
    element: form,
    read,
    fill,
    showErrors,
    focusField,
    focusFirst: () => top.currency.focus(),
    setRemembered(on) {
      rememberBox.checked = on;
      forgetButton.hidden = !on;
    },
  };
}
