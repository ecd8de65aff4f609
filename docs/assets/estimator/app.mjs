// The refund estimator widget's user interface, loaded by widget.mjs on the estimator page only
// (guide pages never download it). widget.mjs has already started the runtime (unless the
// connection asks to save data) by the time this module runs.
//
// The form is drawn at once from the option lists in runtime.json (generated from the estimator
// at build time), so the shopper can type while Python boots; the first estimate request waits
// in the worker until it is ready. The widget never computes a refund figure: it sends the
// form to the estimator (Python, in the worker) and shows the answer.
//
// Recomputing: every change is sent at once (no debounce); while one request is in flight, the
// newest form is sent as soon as it returns, so at most one stale request runs. Results update
// on every keystroke; error marks wait until typing pauses (a half-typed date is not an error
// yet), and the screen-reader announcement waits a little longer.

import { copyButton } from "./copy.mjs";
import { h, uid } from "./dom.mjs";
import { EXAMPLE_ORDER } from "./example.mjs";
import { createForm } from "./form.mjs";
import { prepareFormats, todayIso } from "./format.mjs";
import { downloadMegabytes, getRuntime, loadManifest, runtimeStarted } from "./runtime.mjs";
import { renderResults, summaryText } from "./results.mjs";
import * as keep from "./share.mjs";

const ERROR_DELAY_MS = 600; // after the last keystroke, before a field is marked wrong
const ANNOUNCE_DELAY_MS = 1000; // after the last change, before screen readers hear the result
const SLOW_LOAD_MS = 20000;
// The moving bar appears only once starting takes longer than this. A return visit is ready in
// about a second, and a bar that flashes by costs a repaint every frame: on a 2-core machine,
// a quarter of a second of CPU in that second, taken from Pyodide's own start.
const PROGRESS_BAR_MS = 1500;

let current = null; // the widget on the page shown now, or null

/** A titled message; each line is a string or an array of strings and nodes. */
function messageBox(className, title, ...lines) {
  return h(
    "div",
    { class: `re-message-box ${className}` },
    h("p", { class: "re-message-title", text: title }),
    ...lines.map((line) => h("p", {}, line)),
  );
}

// The page's own section on the command-line estimator (docs/estimator.md, {#command-line}).
const cliLine = () => [
  "You can still run the same estimator on your computer: see ",
  h("a", { href: "#command-line", text: "use it from the command line" }),
  ".",
];

/**
 * What the shopper sees when the runtime could not start: why, and a button that tries again
 * (`retry`), or, when the page is older than the site (a new version was published since it
 * loaded), one that reloads it.
 */
function startFailure(status, retry) {
  const button = h("button", {
    type: "button",
    class: "re-button",
    text: status.outdated ? "Reload the page" : "Try again",
  });
  button.addEventListener("click", () => (status.outdated ? location.reload() : retry()));
  const why = status.outdated
    ? "A newer version of this site was published since this page loaded."
    : `If it keeps failing, your browser may be too old or blocking WebAssembly. (${status.message})`;
  return messageBox("re-message-box--error", "The estimator could not start", why, [button], cliLine());
}

function unsupported(feature) {
  return messageBox(
    "re-message-box--error",
    "Your browser cannot run the estimator",
    `It needs ${feature}, which this browser does not offer or has turned off. A current version of Chrome, Edge, Firefox or Safari can run it.`,
    cliLine(),
  );
}

/**
 * Draw the widget into `mount`. `missing`: a browser feature the estimator needs and this
 * browser lacks (then only a message); `saveData`: the runtime was not started, and starts only
 * when the shopper uses the form.
 */
export function mountWidget(mount, { missing = "", saveData = false } = {}) {
  const self = { onHash: () => {} };
  current = self;
  if (missing) {
    mount.append(unsupported(missing));
    return self;
  }
  const loading = h("p", { class: "re-loading-text", text: "Loading the form\u2026" });
  const loadingBox = h("div", { class: "re-loading", role: "status" }, loading);
  mount.append(loadingBox);
  // Locale data, then the form, in tasks of their own (setTimeout): each stays short, so the
  // page never stops answering while the widget loads.
  prepareFormats();
  loadManifest().then(
    (manifest) =>
      setTimeout(() => {
        if (current === self) build(manifest);
      }),
    (error) => {
      if (current !== self) return;
      loadingBox.replaceWith(
        messageBox(
          "re-message-box--error",
          "The estimator could not start",
          `Reload the page to try again. (${error.message || error})`,
          cliLine(),
        ),
      );
    },
  );

  function build(manifest) {
    const { options } = manifest;
    // --- parts of the page ---
    const note = h("p", { class: "re-note", role: "status" });
    // How far the runtime is; empty (hidden) once it answers.
    const runtimeText = h("p", { class: "re-runtime-text" });
    const progress = h("progress", {
      class: "re-progress",
      "aria-label": "Starting the estimator",
      hidden: true,
    });
    const runtimeStatus = h("div", { class: "re-runtime", role: "status" }, progress, runtimeText);
    const announcer = h("p", { class: "re-visually-hidden", "aria-live": "polite" });
    const resultsHeading = h("h3", {
      class: "re-results-title",
      id: uid("re-results"),
      tabindex: "-1",
      text: "Your estimate",
    });
    const staleBox = h("div", { class: "re-stale", hidden: true });
    const resultsBody = h("div", { class: "re-results-body" });
    const results = h(
      "section",
      { class: "re-results re-results--empty", "aria-labelledby": resultsHeading.id },
      resultsHeading,
      runtimeStatus,
      staleBox,
      resultsBody,
    );
    const stickyText = h("span", { class: "re-sticky-text" });
    const stickyLink = h("a", {
      href: `#${resultsHeading.id}`,
      class: "re-sticky-link",
      text: "See the estimate",
    });
    const sticky = h("div", { class: "re-sticky" }, stickyText, stickyLink);
    const formHeading = h("h3", {
      class: "re-form-title",
      id: uid("re-order"),
      text: "Your order",
    });

    const shareInput = h("input", {
      type: "text",
      class: "re-input re-share-input",
      readonly: true,
      id: uid("re-share"),
    });
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
    const calendar = h(
      "div",
      { class: "re-calendar" },
      h("p", {
        class: "re-hint",
        text: "A calendar file with your deadlines and a reminder the day before each. Open it to add them to your phone\u2019s or computer\u2019s calendar.",
      }),
      h("div", { class: "re-copy" }, calendarButton, calendarStatus),
    );

    let remembering = keep.rememberedOrder() !== null;
    let lastGood = null; // {estimate, order} of the last answer without errors
    let busy = false; // an estimate request is in flight
    let rerun = null; // the form changed while it was: how to run again when it returns
    let errorTimer = 0;
    let problemsShown = ""; // what showErrors drew last
    let announceTimer = 0;
    let undoOrder = null;
    let runtime = null;
    let acted = false; // the shopper has changed the form (restore() must not undo that)

    const form = createForm(options, {
      onChange: (kind) => {
        acted = true;
        update({ typing: kind === "input" });
      },
      onExample: () => replaceOrder(EXAMPLE_ORDER, "The example order is filled in."),
      onReset: () => replaceOrder(null, "The form is cleared."),
      onRemember(on) {
        remembering = on;
        form.setRemembered(on);
        if (on) keep.remember(form.read());
        else keep.forget();
        note.replaceChildren(
          on
            ? "This order will be remembered on this device."
            : "Nothing is remembered on this device now.",
        );
      },
    });
    form.setRemembered(remembering);
    form.element.setAttribute("aria-labelledby", formHeading.id);
    form.element.removeAttribute("aria-label");

    const formArea = h("div", { class: "re-form-area" }, formHeading, note, form.element, sticky);
    loadingBox.replaceWith(formArea, results, announcer);

    // --- the runtime: started by widget.mjs already, or (Data Saver) on the first use ---
    let barDue = false; // PROGRESS_BAR_MS have passed since the runtime started
    const showProgress = () => {
      progress.hidden = !barDue || mount.dataset.runtime !== "starting";
    };
    const setRuntimeText = (text) => {
      runtimeText.textContent = text;
      runtimeStatus.hidden = !text;
      showProgress();
    };
    const megabytes = (useSnapshot) => downloadMegabytes(manifest, useSnapshot);
    let slow = 0;
    function ensureRuntime() {
      if (runtime) return runtime;
      runtime = getRuntime({ useSnapshot: !saveData });
      mount.dataset.runtime = "starting";
      setRuntimeText(
        `Starting the estimator\u2026 The first time, this downloads about ${megabytes(runtime.useSnapshot)} MB: the Python runtime the estimator runs in. Your browser keeps a copy, so later visits start sooner.`,
      );
      setTimeout(() => {
        barDue = true;
        showProgress();
      }, PROGRESS_BAR_MS);
      slow = setTimeout(() => {
        setRuntimeText(
          `${runtimeText.textContent} Still loading: on a slow connection this can take a minute or two.`,
        );
      }, SLOW_LOAD_MS);
      runtime.listen(onStatus);
      return runtime;
    }
    function onStatus(status) {
      if (current !== self) return;
      if (status.type === "ready") {
        clearTimeout(slow);
        setRuntimeText("");
        mount.dataset.runtime = "ready";
        mount.dataset.boot = status.mode;
      } else if (status.type === "unsupported") {
        clearTimeout(slow);
        mount.dataset.runtime = "failed";
        formArea.replaceWith(unsupported(status.feature));
        results.remove();
      } else if (status.type === "failed") {
        clearTimeout(slow);
        setRuntimeText("");
        mount.dataset.runtime = "failed";
        results.classList.add("re-results--empty");
        resultsBody.replaceChildren(startFailure(status, () => retry()));
      } else if (status.type === "progress" && mount.dataset.runtime === "failed") {
        mount.dataset.runtime = "starting"; // trying again
      }
    }
    function retry() {
      problemsShown = ""; // whatever comes next is drawn anew
      resultsBody.replaceChildren();
      setRuntimeText("Starting the estimator again\u2026");
      runtime.restart();
    }
    if (runtimeStarted()) ensureRuntime();
    else {
      mount.dataset.runtime = "waiting";
      setRuntimeText(
        `Your connection asks to save data, so the estimator has not been downloaded yet (about ${megabytes(false)} MB). It starts when you fill in the form or try the example.`,
      );
    }

    // --- what the form starts with: a share link, the copy remembered on this device, or
    // a blank form ---
    function restore() {
      const shared = keep.sharedOrder();
      if (keep.hasSharedOrder() && !shared)
        note.textContent = "The link\u2019s order could not be read, so the form starts empty.";
      const start = shared || keep.rememberedOrder();
      form.fill(start, { asTyped: Boolean(start) });
      // An empty form under Data Saver waits for the shopper; anything else asks at once.
      update({ start: Boolean(start) || !saveData });
    }

    function replaceOrder(order, message) {
      acted = true;
      undoOrder = form.read();
      form.fill(order, { asTyped: Boolean(order) });
      if (!order) lastGood = null;
      const undo = h("button", {
        type: "button",
        class: "re-button re-button--quiet",
        text: "Undo",
      });
      undo.addEventListener("click", () => {
        form.fill(undoOrder);
        note.replaceChildren("Your previous entries are back.");
        update();
        form.focusFirst();
      });
      note.replaceChildren(`${message} `, undo);
      update();
    }

    /**
     * Estimate the form as it is now. `typing`: the change came from a keystroke (error marks
     * wait for a pause). `start: false`: do not start a runtime that is not running yet.
     */
    async function update({ typing = false, start = true } = {}) {
      clearTimeout(errorTimer);
      if (!runtime && !start) {
        showErrors([]); // the placeholder: "your estimate appears here"
        return;
      }
      ensureRuntime();
      if (busy) {
        rerun = { typing };
        return;
      }
      busy = true;
      try {
        for (let next = { typing }; next; next = rerun) {
          rerun = null;
          await estimateNow(next.typing);
        }
      } finally {
        busy = false;
      }
    }

    async function estimateNow(typing) {
      const order = form.read();
      if (remembering) keep.remember(order);
      const reply = await runtime.ask("estimate", JSON.stringify(order), todayIso());
      if (current !== self || rerun) return; // the page changed, or a newer form is waiting
      if (reply.type === "error") {
        showProblem(
          "The estimator failed on this input. Please report it, with the share link if you can.",
          reply.message,
        );
      } else if (reply.answer.ok) {
        form.showErrors([]);
        lastGood = { estimate: reply.answer.estimate, order };
        show(reply.answer.estimate, order);
      } else if (typing) {
        const { errors } = reply.answer;
        errorTimer = setTimeout(() => showErrors(errors), ERROR_DELAY_MS);
      } else {
        showErrors(reply.answer.errors);
      }
    }

    function show(estimate, order) {
      problemsShown = "";
      staleBox.hidden = true;
      results.classList.remove("re-results--stale", "re-results--empty");
      shareInput.value = keep.shareUrl(order);
      calendarStatus.textContent = "";
      renderResults(resultsBody, estimate, options, { calendar, shareLink });
      stickyText.replaceChildren(summaryText(estimate, { short: true }));
      stickyLink.hidden = false;
      announceSoon(`Estimate updated. ${summaryText(estimate)}`);
    }

    function problemList(entries) {
      return h(
        "ul",
        { class: "re-problems" },
        entries.map((entry) =>
          h(
            "li",
            {},
            h("a", {
              href: `#${entry.id}`,
              "data-target": entry.id,
              text: `${entry.label}: ${entry.message}`,
            }),
          ),
        ),
      );
    }

    // Errors keep the last good results visible but clearly marked as out of date, so a
    // half-typed value never blanks the page; with no results yet, list what is missing.
    function showErrors(errors) {
      const { shown, waiting } = form.showErrors(errors);
      const fix = shown
        ? `Fix the ${shown === 1 ? "field" : `${shown} fields`} marked in the form. `
        : "";
      // What to do, under either title below: fix the marked fields, fill in the missing ones.
      const todo = () => [
        ...(fix ? [h("p", { text: fix })] : []),
        ...(waiting.length ? [h("p", { text: "Still needed:" }), problemList(waiting)] : []),
      ];
      // Redrawn only when it changes (a link replaced mid-click would swallow the click).
      const signature = JSON.stringify([Boolean(lastGood), fix, waiting]);
      const same = signature === problemsShown;
      problemsShown = signature;
      if (lastGood) {
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
        resultsBody.replaceChildren(
          h("p", {
            class: "re-placeholder",
            text: "Your estimate appears here as you fill in the form. Try the example to see what you get.",
          }),
          ...todo(),
        );
        stickyText.replaceChildren(fix || "Fill in the form to see your estimate.");
      }
      stickyLink.hidden = !lastGood;
      if (shown) announceSoon(`${shown === 1 ? "One field needs" : `${shown} fields need`} checking.`);
    }

    function showProblem(title, detail) {
      problemsShown = "";
      results.classList.add("re-results--empty");
      resultsBody.replaceChildren(messageBox("re-message-box--error", title, detail));
    }

    // One announcement once the results settle, not one per keystroke.
    let announced = "";
    function announceSoon(text) {
      clearTimeout(announceTimer);
      announceTimer = setTimeout(() => {
        if (text === announced || current !== self) return;
        announced = text;
        announcer.textContent = text;
      }, ANNOUNCE_DELAY_MS);
    }

    // Links to fields (stale box, "still needed" list, sticky bar) focus their target.
    results.addEventListener("click", (event) => {
      const link = event.target.closest("a[data-target]");
      if (!link) return;
      event.preventDefault();
      event.stopPropagation();
      form.focusField(link.dataset.target);
    });
    stickyLink.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation();
      resultsHeading.focus();
      resultsHeading.scrollIntoView({ block: "start" });
    });

    calendarButton.addEventListener("click", async () => {
      if (!lastGood) return;
      calendarStatus.textContent = "Preparing\u2026";
      const reply = await ensureRuntime().ask("calendar", JSON.stringify(lastGood.order), todayIso());
      if (reply.type !== "answer" || !reply.answer.ok) {
        calendarStatus.textContent =
          "The calendar file could not be made. Check the form for errors.";
        return;
      }
      download("refund-deadlines.ics", reply.answer.ics, "text/calendar");
      calendarStatus.textContent = "Downloaded refund-deadlines.ics";
    });

    self.onHash = () => {
      if (keep.hasSharedOrder()) restore();
    };
    // Filled in and estimated in a task of its own: drawing the form and filling it in one
    // task made a long one (50-60 ms) while the runtime started beside it on a 2-core machine.
    setTimeout(() => {
      if (current === self && !acted) restore();
    });
  }

  return self;
}

/** Save text as a file (the link is never attached to the page). */
function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

window.addEventListener("hashchange", () => {
  if (current) current.onHash();
});
