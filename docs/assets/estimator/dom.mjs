// The one way this widget creates DOM: `h(tag, attributes, ...children)`.
// Children that are strings become text nodes, so nothing the shopper types (or the estimator
// echoes back, like an item's name) is ever parsed as HTML. Attributes are set one by one with
// setAttribute, never through markup, so the Content-Security-Policy needs no exception.

/** @typedef {Node | string | null | undefined | false} Leaf */
/** @typedef {Leaf | Child[]} Child */

/**
 * @param {string} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes]
 *   `true` sets an empty attribute, `false`/null/undefined leaves it out; `text` sets textContent.
 * @param {...Child} children  arrays (of children) are flattened
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "text") element.textContent = String(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  // Flattened to any depth: leaves only (a cast: Child[]'s flat(Infinity) is too deep a type).
  for (const child of /** @type {Leaf[]} */ (/** @type {unknown[]} */ (children).flat(Infinity))) {
    if (child === null || child === undefined || child === false || Array.isArray(child)) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

/** Ids unique per page load: several widgets never happen, but a re-mount must not clash. */
let counter = 0;
export function uid(/** @type {string} */ prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
