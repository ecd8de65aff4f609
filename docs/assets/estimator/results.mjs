// The estimate, drawn with DOM methods from the estimator's JSON. Every amount and date is the
// estimator's exact string, kept in data-amount / data-date (with data-field naming where it
// sits in the JSON) and formatted for the reader's locale only for display.

import { copyButton } from "./copy.mjs";
import { h, uid } from "./dom.mjs";
import { formatAmount, formatDate } from "./format.mjs";

// The guide's page on the rules, relative to this file (site/assets/estimator/results.mjs).
const HOW_IT_WORKS = new URL("../../how-the-estimator-works/", import.meta.url);

/** @param {string} amount @param {string} currency @param {string} fieldPath */
function money(amount, currency, fieldPath, className = "re-amount") {
  return h("span", {
    class: className,
    "data-amount": amount,
    "data-field": fieldPath,
    text: formatAmount(amount, currency),
  });
}

/** @param {string} title @param {import("./dom.mjs").Child[]} children */
function section(title, ...children) {
  return h(
    "section",
    { class: "re-section" },
    h("h4", { class: "re-section-title", text: title }),
    ...children,
  );
}

/** @param {Estimate} estimate @param {FormFacts} options */
function headline(estimate, options) {
  const { currency, refund } = estimate;
  return h(
    "div",
    { class: `re-headline re-headline--${estimate.recommendation}` },
    h("p", {
      class: "re-recommendation",
      "data-recommendation": estimate.recommendation,
      text: options.recommendations[estimate.recommendation] || estimate.recommendation,
    }),
    h("p", { class: "re-ask-label", text: "Amount to ask for" }),
    h(
      "p",
      { class: "re-ask" },
      money(refund.suggested, currency, "refund.suggested", "re-amount re-amount--big"),
    ),
    h(
      "p",
      { class: "re-range" },
      "Fair range: ",
      money(refund.low, currency, "refund.low"),
      " to ",
      money(refund.high, currency, "refund.high"),
    ),
    h(
      "p",
      { class: "re-paid" },
      "You paid ",
      money(estimate.paid, currency, "paid"),
      " in all: items less discounts, plus shipping and tax. A refund never exceeds it.",
    ),
    h(
      "p",
      { class: "re-model-note" },
      "The percentages behind these amounts are our own model, not an AliExpress figure. ",
      h("a", { href: new URL("#ranges", HOW_IT_WORKS).href, text: "How the estimator works" }),
    ),
  );
}

function warnings(/** @type {string[]} */ list) {
  if (!list.length) return null;
  return h(
    "div",
    { class: "re-warnings" },
    h("h4", { class: "re-section-title", text: "Check these first" }),
    h(
      "ul",
      {},
      list.map((text) => h("li", { text })),
    ),
  );
}

function items(/** @type {Estimate} */ estimate) {
  const { currency } = estimate;
  return section(
    "Item by item",
    h(
      "ul",
      { class: "re-items-out" },
      estimate.items.map((item, i) =>
        h(
          "li",
          { class: "re-item-out" },
          h("p", { class: "re-item-name", text: item.name }),
          h(
            "p",
            { class: "re-item-ask" },
            "Ask for ",
            money(
              item.refund.suggested,
              currency,
              `items[${i}].refund.suggested`,
              "re-amount re-amount--strong",
            ),
            " (range ",
            money(item.refund.low, currency, `items[${i}].refund.low`),
            " to ",
            money(item.refund.high, currency, `items[${i}].refund.high`),
            ")",
          ),
          h(
            "p",
            { class: "re-item-paid" },
            "You paid ",
            money(item.paid, currency, `items[${i}].paid`),
            " for it, plus ",
            money(item.shipping_share, currency, `items[${i}].shipping_share`),
            " of the shipping.",
          ),
          h("p", { class: "re-why", text: item.why }),
        ),
      ),
    ),
  );
}

/** @param {Estimate} estimate @param {FormFacts} options */
function timeline(estimate, options) {
  return section(
    "Your dates",
    h(
      "ol",
      { class: "re-timeline" },
      estimate.timeline.map((event, i) =>
        h(
          "li",
          { class: `re-event re-event--${event.status}`, "data-status": event.status },
          h(
            "p",
            { class: "re-event-when" },
            event.date
              ? h("time", {
                  datetime: event.date,
                  "data-date": event.date,
                  "data-field": `timeline[${i}].date`,
                  text: formatDate(event.date),
                })
              : null,
            event.date ? " " : null,
            // Without a date the status's words stand in its place ("unknown" says so).
            h("span", {
              class: event.date ? "re-badge" : "re-event-nodate",
              text: options.statuses[event.status] ?? event.status,
            }),
          ),
          h("p", {
            class: "re-event-title",
            text: event.title,
          }),
          h("p", { class: "re-event-text", text: event.text }),
          h("p", { class: "re-rule", text: `Rule: ${options.rules[event.rule] || event.rule}` }),
        ),
      ),
    ),
    h(
      "p",
      { class: "re-hint" },
      "Dates are calendar days unless a rule says business days. ",
      h("a", {
        href: new URL("#timeline", HOW_IT_WORKS).href,
        text: "How the dates are worked out",
      }),
    ),
  );
}

/** @param {Estimate} estimate @param {FormFacts} options */
function offer(estimate, options) {
  const { offer: check, currency } = estimate;
  if (!check) return null;
  return section(
    "The seller\u2019s offer",
    h("p", {
      class: `re-verdict re-verdict--${check.verdict}`,
      "data-verdict": check.verdict,
      text: options.verdicts[check.verdict] ?? check.verdict,
    }),
    check.amount ? h("p", {}, "Offer: ", money(check.amount, currency, "offer.amount")) : null,
    check.counter
      ? h(
          "p",
          {},
          "Ask for: ",
          money(check.counter, currency, "offer.counter", "re-amount re-amount--strong"),
        )
      : null,
    h("p", { text: check.text }),
  );
}

function evidence(/** @type {string[]} */ list) {
  if (!list.length) return null;
  return section(
    "Evidence to attach",
    h(
      "ul",
      { class: "re-checklist" },
      list.map((text) => h("li", { text })),
    ),
  );
}

/** @param {Estimate} estimate @param {FormFacts} options */
function message(estimate, options) {
  if (estimate.message_to === "none" || !estimate.message) return null; // nothing to send
  const id = uid("re-message");
  const area = /** @type {HTMLTextAreaElement} */ (
    h("textarea", {
      id,
      class: "re-message",
      readonly: true,
      rows: Math.min(16, estimate.message.split("\n").length + 1),
      spellcheck: "false",
    })
  );
  area.value = estimate.message;
  const where = options.message_to[estimate.message_to] ?? estimate.message_to;
  return section(
    "Your message",
    h("label", {
      for: id,
      class: "re-hint",
      text: `${where}. A draft: check it before you send it.`,
    }),
    area,
    copyButton("Copy the message", () => area.value, area),
  );
}

/**
 * Draw the estimate into `container` (its previous content is replaced).
 * @param {HTMLElement} container
 * @param {Estimate} estimate
 * @param {FormFacts} options  the form facts: the words for the estimate's codes
 * @param {{shareLink: HTMLElement, calendar: HTMLElement}} actions  built by the widget
 */
export function renderResults(container, estimate, options, actions) {
  const datedEvents = estimate.timeline.filter((event) => event.date).length;
  const parts = [
    headline(estimate, options),
    warnings(estimate.warnings),
    items(estimate),
    timeline(estimate, options),
    offer(estimate, options),
    evidence(estimate.evidence),
    message(estimate, options),
    section(
      "Keep or share this estimate",
      datedEvents
        ? actions.calendar
        : h("p", {
            class: "re-hint",
            text: "Enter your dates to get a calendar file of the deadlines.",
          }),
      actions.shareLink,
    ),
    h("p", {
      class: "re-policy",
      text: `Policy data version ${estimate.policy.version}, last checked ${formatDate(estimate.policy.checked)}.`,
    }),
  ];
  container.replaceChildren(...parts.filter((part) => part !== null));
}

/**
 * One line for the screen-reader announcement (`short`: for the sticky bar).
 * @param {Estimate} estimate
 */
export function summaryText(estimate, { short = false } = {}) {
  const { currency, refund } = estimate;
  if (estimate.recommendation === "no_claim") return "Nothing to claim.";
  const ask = `Ask for ${formatAmount(refund.suggested, currency)}`;
  if (short) return ask;
  return `${ask} (fair range ${formatAmount(refund.low, currency)} to ${formatAmount(refund.high, currency)}).`;
}
