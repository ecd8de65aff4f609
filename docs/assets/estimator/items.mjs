// One item row of the order form: a fieldset whose control paths follow its position
// (items[i].field, the paths of the estimator's error messages). Which problem kinds take a
// severity or a share is the estimator's knowledge (form facts in runtime.json).

import { h } from "./dom.mjs";
import { amountInput, field, record, select, setChoice, shown, textInput } from "./fields.mjs";

const AMOUNT_HINT = "Numbers only, with a dot for decimals, like 12.50.";
const capitalize = (/** @type {string} */ word) => word.charAt(0).toUpperCase() + word.slice(1);

// Where each item control's value sits in the estimator's item JSON (error paths use these).
const ITEM_PATHS = {
  name: "name",
  unit_price: "unit_price",
  quantity: "quantity",
  kind: "problem.kind",
  severity: "problem.severity",
  units: "problem.units",
  share: "problem.share",
  usable: "usable",
  keep: "keep",
};

/**
 * What every row shares, made once per form (not once per row: a link may bring many).
 * @param {FormFacts} facts  the form facts (estimator/form_facts.py)
 */
export function itemKinds(facts) {
  return {
    facts,
    graded: new Set(facts.kinds.filter((k) => k.graded).map((k) => k.value)),
    withShare: new Set(facts.kinds.filter((k) => k.takes_share).map((k) => k.value)),
    asksUsable: facts.item_fields.includes("usable"),
  };
}

/**
 * @param {ReturnType<typeof itemKinds>} kinds
 * @param {(row: ItemRow) => void} onRemove
 */
export function itemRow(kinds, onRemove) {
  const { facts } = kinds;
  const c = {
    name: textInput(),
    unit_price: amountInput(),
    quantity: textInput({ inputmode: "numeric", value: "1" }),
    kind: select([
      ["", "No problem"],
      ...facts.kinds.map((k) => /** @type {[string, string]} */ ([k.value, k.label])),
    ]),
    severity: select([
      ["", "Choose\u2026"],
      ...facts.severities.map((s) => /** @type {[string, string]} */ ([s, capitalize(s)])),
    ]),
    units: textInput({ inputmode: "numeric" }),
    share: textInput({ inputmode: "decimal", placeholder: "0.25" }),
    usable: select([
      ["", "Not sure"],
      ["yes", "Yes"],
      ["no", "No"],
    ]),
    keep: select([
      ["keep", "I keep it"],
      ["return", "I send it back"],
    ]),
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
    unit_price: field({ label: "Price per unit", hint: AMOUNT_HINT, control: c.unit_price }),
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
    usable: field({
      label: "Can you still use it as intended?",
      hint: "No: it is worth nothing to you, even if you keep it.",
      control: c.usable,
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

  /** @type {string | null} every item's problem when the situation decides it ("missing") */
  let fixedProblem = null;

  // Hidden fields are neither shown nor sent.
  function sync() {
    const kind = c.kind.value;
    const asked = fixedProblem === null;
    fields.kind.hidden = !asked;
    fields.severity.hidden = !asked || !kinds.graded.has(kind);
    fields.units.hidden = !asked || kind === "";
    fields.share.hidden = !asked || !kinds.withShare.has(kind);
    fields.usable.hidden = !asked || kind === "" || !kinds.asksUsable;
    fields.keep.hidden = !asked;
  }
  c.kind.addEventListener("change", sync);

  const row = {
    element,
    controls: c,
    /** The situation's problem for every item, or null: the shopper says. */
    fixProblem(/** @type {string | null} */ kind) {
      fixedProblem = kind;
      sync();
    },
    /** @param {number} index @param {number} count */
    setIndex(index, count) {
      const number = index + 1;
      legend.textContent = `Item ${number}`;
      remove.textContent = `Remove item ${number}`;
      remove.hidden = count === 1; // an order has at least one item
      for (const [name, control] of Object.entries(c)) {
        control.dataset.path = `items[${index}].${ITEM_PATHS[/** @type {keyof typeof ITEM_PATHS} */ (name)]}`;
      }
    },
    read() {
      const kind = fixedProblem ?? c.kind.value;
      /** @type {Record<string, unknown>} */
      const item = {
        name: c.name.value,
        unit_price: c.unit_price.value.trim(),
        quantity: c.quantity.value.trim(),
        keep: fixedProblem !== null || c.keep.value === "keep",
        problem: kind
          ? {
              kind,
              severity: !fields.severity.hidden ? c.severity.value || null : null,
              units: !fields.units.hidden ? c.units.value.trim() || null : null,
              share: !fields.share.hidden ? c.share.value.trim() || null : null,
            }
          : null,
      };
      if (!fields.usable.hidden && c.usable.value) item.usable = c.usable.value === "yes";
      return item;
    },
    /** @param {unknown} item */
    fill(item) {
      const data = record(item);
      const problem = record(data.problem);
      c.name.value = shown(data.name);
      c.unit_price.value = shown(data.unit_price);
      c.quantity.value = data.quantity === undefined ? "1" : shown(data.quantity);
      c.keep.value = data.keep === false ? "return" : "keep";
      c.usable.value = data.usable === true ? "yes" : data.usable === false ? "no" : "";
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

/** @typedef {ReturnType<typeof itemRow>} ItemRow */
