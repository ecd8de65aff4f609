// The estimator's `path: message` errors on the page: marked at their fields, listed in the
// form's error summary and in the results ("still needed"). This module owns every link to a
// field: one click handler on the widget focuses the field (instead of following the link).

import { h, uid } from "./dom.mjs";
import { fieldInfo } from "./fields.mjs";

/** @typedef {{path: string, message: string}} EstimatorError */
/** @typedef {{label: string, message: string, id: string | null}} Entry */

/** A list of links to fields (entries without a field are plain text). */
export function fieldLinks(/** @type {Entry[]} */ entries, className = "re-problems") {
  return h(
    "ul",
    { class: className },
    entries.map((entry) =>
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
    ),
  );
}

/** Every link made by fieldLinks inside `root` focuses its field. */
export function ownFieldLinks(/** @type {HTMLElement} */ root) {
  root.addEventListener("click", (event) => {
    const link = /** @type {HTMLElement} */ (event.target).closest("a[data-target]");
    if (!(link instanceof HTMLElement) || !link.dataset.target) return;
    event.preventDefault();
    event.stopPropagation();
    focusField(link.dataset.target);
  });
}

export function focusField(/** @type {string} */ id) {
  const control = document.getElementById(id);
  if (!control) return;
  control.focus();
  control.scrollIntoView({ block: "center" });
}

/**
 * The box at the top of the form listing the marked fields, and the marking itself.
 * @param {{controls: () => HTMLElement[], controlFor: (path: string) => HTMLElement | null,
 *          describe: (control: HTMLElement) => string, touched: WeakSet<EventTarget>}} form
 */
export function errorSummary(form) {
  const heading = h("h3", {
    class: "re-summary-title",
    id: uid("re-summary"),
    text: "Check these fields",
  });
  const list = h("div");
  const element = h(
    "div",
    { class: "re-summary", role: "group", "aria-labelledby": heading.id, hidden: true },
    heading,
    list,
  );
  let signature = "";
  let marked = true; // some field may carry an error mark

  /**
   * Mark the errors at their fields and list them in the box.
   * @param {EstimatorError[]} errors
   * @returns {{shown: number, waiting: Entry[]}}  `waiting`: problems in fields not touched
   *   yet (not marked: the results list them as still needed)
   */
  function show(errors) {
    // The common case while typing valid values: nothing to mark, nothing marked.
    if (errors.length === 0 && !marked) return { shown: 0, waiting: [] };
    marked = errors.length > 0;
    /** @type {Map<HTMLElement, string[]>} */
    const byControl = new Map();
    /** @type {EstimatorError[]} */
    const unplaced = [];
    for (const error of errors) {
      const control = form.controlFor(error.path);
      if (!control || control.closest("[hidden]")) unplaced.push(error);
      else byControl.set(control, [...(byControl.get(control) || []), error.message]);
    }
    /** @type {Entry[]} */
    const listed = [];
    /** @type {Entry[]} */
    const waiting = [];
    for (const control of form.controls()) {
      const info = fieldInfo.get(control);
      if (!info) continue;
      const messages = byControl.get(control);
      const visible = Boolean(messages) && form.touched.has(control);
      mark(control, info, visible ? (messages || []).join(" ") : "");
      if (messages) {
        const entry = {
          label: form.describe(control),
          message: messages.join(" "),
          id: control.id,
        };
        (visible ? listed : waiting).push(entry);
      }
    }
    for (const error of unplaced)
      listed.push({ label: error.path, message: error.message, id: null });

    // Rebuilt only when it changes: a list replaced between a press and a release on one of
    // its links would swallow the click.
    const next = JSON.stringify(listed);
    if (next !== signature) {
      signature = next;
      list.replaceChildren(fieldLinks(listed, "re-summary-list"));
    }
    element.hidden = listed.length === 0;
    return { shown: listed.length, waiting };
  }

  return { element, show };
}

/** Show (or clear, with "") a field's error, and describe the control by it. */
function mark(
  /** @type {HTMLElement} */ control,
  /** @type {import("./fields.mjs").FieldInfo} */ info,
  /** @type {string} */ message,
) {
  const errorElement = /** @type {HTMLElement} */ (info.wrapper.querySelector(".re-error"));
  errorElement.hidden = !message;
  errorElement.textContent = message;
  info.wrapper.classList.toggle("re-field--invalid", Boolean(message));
  if (message) control.setAttribute("aria-invalid", "true");
  else control.removeAttribute("aria-invalid");
  const describedBy = [info.hintId, message ? info.errorId : null].filter(Boolean).join(" ");
  if (describedBy) control.setAttribute("aria-describedby", describedBy);
  else control.removeAttribute("aria-describedby");
}
