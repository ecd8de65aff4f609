// Form controls, each labelled and wired for assistive technology: the control is described
// by its hint, and by its error while it has one (errors.mjs marks them).

import { h, uid } from "./dom.mjs";

/**
 * @typedef {{wrapper: HTMLElement, hintId: string | null, errorId: string, label: string}} FieldInfo
 * @typedef {HTMLInputElement | HTMLSelectElement} Control
 */

/** Per control: its wrapper, hint and error ids, and label (for the error summary). */
export const fieldInfo = /** @type {WeakMap<Element, FieldInfo>} */ (new WeakMap());

/**
 * One labelled control with its hint and error message.
 * @param {{path?: string, label: string, hint?: string, control: Control, wide?: boolean}} spec
 */
export function field({ path = "", label, hint, control, wide = false }) {
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

/** @param {{inputmode?: string, placeholder?: string, value?: string}} [options] */
export function textInput({ inputmode, placeholder, value = "" } = {}) {
  const input = /** @type {HTMLInputElement} */ (
    h("input", {
      type: "text",
      class: "re-input",
      inputmode,
      placeholder,
      autocomplete: "off",
      spellcheck: "false",
    })
  );
  input.value = value;
  return input;
}

/**
 * @param {[string, string][]} choices  value and label of each option
 * @param {string} [value]
 */
export function select(choices, value = "") {
  const element = /** @type {HTMLSelectElement} */ (
    h(
      "select",
      { class: "re-input" },
      choices.map(([optionValue, label]) => h("option", { value: optionValue, text: label })),
    )
  );
  setChoice(element, value);
  return element;
}

/** Select `value` if it is one of the options, otherwise the first option. */
export function setChoice(/** @type {HTMLSelectElement} */ control, /** @type {unknown} */ value) {
  const known = [...control.options].some((option) => option.value === value);
  control.value = known ? String(value) : control.options[0].value;
}

// Phones get the system's date picker. Elsewhere dates are typed as YYYY-MM-DD, so the
// estimator's own message reaches the shopper for a date that does not exist (a picker never
// lets one through, and a desktop date field hides what was typed).
const PICKER = globalThis.matchMedia?.("(pointer: coarse)").matches ?? false;

export function dateInput() {
  if (!PICKER) return textInput({ placeholder: "YYYY-MM-DD" });
  return /** @type {HTMLInputElement} */ (h("input", { type: "date", class: "re-input" }));
}

/**
 * A date as typed, for the estimator. A half-filled picker reports no value: it is sent as
 * the text the estimator answers with its own message for a date that is not a real one.
 * @param {HTMLInputElement} control
 */
export function dateValue(control) {
  if (control.type === "date" && control.validity.badInput) return "unfinished date";
  return control.value.trim() || null;
}

export const amountInput = (value = "") => textInput({ inputmode: "decimal", value });

/** Text of an optional JSON value as the form shows it. */
export function shown(/** @type {unknown} */ value) {
  return value === null || value === undefined ? "" : String(value);
}

/** The object in a JSON value, or an empty one (a malformed link or a damaged copy). */
export function record(/** @type {unknown} */ value) {
  return value && typeof value === "object" && !Array.isArray(value)
    ? /** @type {Record<string, unknown>} */ (value)
    : {};
}
