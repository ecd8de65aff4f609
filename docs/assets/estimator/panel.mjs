// The results side of the widget: the estimate (drawn by results.mjs), marked out of date
// while the form has errors, the "still needed" list, the sticky one-line summary for phones,
// the share link, the calendar file and the screen-reader announcement.

import { copyButton } from "./copy.mjs";
import { h, uid } from "./dom.mjs";
import { fieldLinks } from "./errors.mjs";
import { renderResults, summaryText } from "./results.mjs";

const ANNOUNCE_DELAY_MS = 1000; // after the last change, before screen readers hear the result

/** A titled message; each line is a string or an array of strings and nodes. */
export function messageBox(
  /** @type {string} */ className,
  /** @type {string} */ title,
  /** @type {import("./dom.mjs").Child[]} */ ...lines
) {
  return h(
    "div",
    { class: `re-message-box ${className}` },
    h("p", { class: "re-message-title", text: title }),
    ...lines.map((line) => h("p", {}, line)),
  );
}

/**
 * @param {{facts: FormFacts, runtimeStatus: HTMLElement, shareUrl: (order: unknown) => string,
 *          onCalendar: () => Promise<string>}} parts
 *   onCalendar: makes the .ics file and says what happened, for the status next to the button
 */
export function createPanel({ facts, runtimeStatus, shareUrl, onCalendar }) {
  const heading = h("h3", {
    class: "re-results-title",
    id: uid("re-results"),
    tabindex: "-1",
    text: "Your estimate",
  });
  const staleBox = h("div", { class: "re-stale", hidden: true });
  const body = h("div", { class: "re-results-body" });
  const results = h(
    "section",
    { class: "re-results re-results--empty", "aria-labelledby": heading.id },
    heading,
    runtimeStatus,
    staleBox,
    body,
  );
  const announcer = h("p", { class: "re-visually-hidden", "aria-live": "polite" });
  const stickyText = h("span", { class: "re-sticky-text" });
  const stickyLink = h("a", {
    href: `#${heading.id}`,
    class: "re-sticky-link",
    text: "See the estimate",
  });
  const sticky = h("div", { class: "re-sticky" }, stickyText, stickyLink);
  stickyLink.addEventListener("click", (event) => {
    event.preventDefault();
    event.stopPropagation();
    heading.focus();
    heading.scrollIntoView({ block: "start" });
  });

  const shareInput = /** @type {HTMLInputElement} */ (
    h("input", {
      type: "text",
      class: "re-input re-share-input",
      readonly: true,
      id: uid("re-share"),
    })
  );
  const shareLink = h(
    "div",
    { class: "re-share" },
    h("label", { for: shareInput.id, class: "re-label", text: "Link to this estimate" }),
    h("p", {
      class: "re-hint",
      text: "The whole order is in the part of the link after #, which browsers never send to a server. Anyone you give the link to can see the order.",
    }),
    shareInput,
    copyButton("Copy the link", () => shareInput.value, shareInput),
  );
  const calendarStatus = h("span", { class: "re-copied", role: "status" });
  const calendarButton = h("button", {
    type: "button",
    class: "re-button",
    text: "Download the dates (.ics)",
  });
  calendarButton.addEventListener("click", async () => {
    calendarStatus.textContent = "Preparing\u2026";
    calendarStatus.textContent = await onCalendar();
  });
  const calendar = h(
    "div",
    { class: "re-calendar" },
    h("p", {
      class: "re-hint",
      text: "A calendar file with your deadlines and a reminder the day before each. Open it to add them to your phone\u2019s or computer\u2019s calendar.",
    }),
    h("div", { class: "re-copy" }, calendarButton, calendarStatus),
  );

  let hasResults = false;
  let drawn = ""; // what showErrors drew last
  let announceTimer = 0;
  let announced = "";
  // One announcement once the results settle, not one per keystroke.
  function announceSoon(/** @type {string} */ text) {
    clearTimeout(announceTimer);
    announceTimer = window.setTimeout(() => {
      if (text === announced || !results.isConnected) return;
      announced = text;
      announcer.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  }

  return {
    results,
    sticky,
    announcer,
    /** Current results for `order`. */
    show(/** @type {Estimate} */ estimate, /** @type {unknown} */ order) {
      hasResults = true;
      drawn = "";
      staleBox.hidden = true;
      results.classList.remove("re-results--stale", "re-results--empty");
      shareInput.value = shareUrl(order);
      calendarStatus.textContent = "";
      renderResults(body, estimate, facts, { calendar, shareLink });
      stickyText.replaceChildren(summaryText(estimate, { short: true }));
      stickyLink.hidden = false;
      announceSoon(`Estimate updated. ${summaryText(estimate)}`);
    },
    /** The form was cleared: no results to keep. */
    forget() {
      hasResults = false;
    },
    /**
     * Errors keep the last results visible but marked out of date, so a half-typed value
     * never blanks the page; with no results yet, list what is missing.
     * @param {{shown: number, waiting: import("./errors.mjs").Entry[]}} marked
     * @param {string} [placeholder]
     */
    showErrors(
      { shown, waiting },
      placeholder = "Your estimate appears here as you fill in the form. Try the example to see what you get.",
    ) {
      const fix = shown
        ? `Fix the ${shown === 1 ? "field" : `${shown} fields`} marked in the form. `
        : "";
      const todo = () => [
        ...(fix ? [h("p", { text: fix })] : []),
        ...(waiting.length ? [h("p", { text: "Still needed:" }), fieldLinks(waiting)] : []),
      ];
      // Redrawn only when it changes (a link replaced mid-click would swallow the click).
      const signature = JSON.stringify([hasResults, fix, waiting, placeholder]);
      const same = signature === drawn;
      drawn = signature;
      if (hasResults) {
        results.classList.add("re-results--stale");
        staleBox.hidden = false;
        if (same) return;
        staleBox.replaceChildren(
          h("p", {
            class: "re-stale-title",
            text: "Out of date: these results are for your earlier entries.",
          }),
          ...todo(),
        );
        stickyText.replaceChildren(`Out of date. ${fix || "Fill in the rest of the form."}`);
      } else {
        results.classList.add("re-results--empty");
        staleBox.hidden = true;
        if (same) return;
        body.replaceChildren(h("p", { class: "re-placeholder", text: placeholder }), ...todo());
        stickyText.replaceChildren(fix || "Fill in the form to see your estimate.");
      }
      stickyLink.hidden = !hasResults;
      if (shown)
        announceSoon(`${shown === 1 ? "One field needs" : `${shown} fields need`} checking.`);
    },
    /** A message in place of the results. @param {string} title @param {import("./dom.mjs").Child[]} lines */
    showProblem(title, ...lines) {
      drawn = "";
      results.classList.add("re-results--empty");
      body.replaceChildren(messageBox("re-message-box--error", title, ...lines));
    },
  };
}
