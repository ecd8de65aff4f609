// The refund estimator widget's user interface, loaded by widget.mjs on the estimator page only
// (guide pages never download it). widget.mjs has already started the runtime (unless the
// connection asks to save data) by the time this module runs.
//
// The form is drawn at once from the form facts in runtime.json (generated from the estimator
// at build time), so the shopper can type while Python boots; the first estimate request waits
// in the worker until it is ready. The widget never computes a refund figure: it sends the
// form to the estimator (Python, in the worker) and shows the answer.
//
// Parts: form.mjs (the order form), panel.mjs (the results side), status.mjs (the runtime's
// progress), keeper.mjs (share links, the remembered copy, undo), errors.mjs (every error
// mark and link to a field). This module wires them and runs the estimate loop.
//
// Recomputing: every change is sent at once (no debounce); while one request is in flight, the
// newest form is sent as soon as it returns, so at most one stale request runs. Results update
// on every keystroke; error marks wait until typing pauses (a half-typed date is not an error
// yet).

import { h, uid } from "./dom.mjs";
import { ownFieldLinks } from "./errors.mjs";
import { createForm, liveExample } from "./form.mjs";
import { prepareFormats, todayIso } from "./format.mjs";
import { keeper } from "./keeper.mjs";
import { createPanel, messageBox } from "./panel.mjs";
import { loadManifest } from "./runtime.mjs";
import { shareUrl } from "./share.mjs";
import { runtimeStatus } from "./status.mjs";

const ERROR_DELAY_MS = 600; // after the last keystroke, before a field is marked wrong

/** @type {{onHash: () => void} | null} the widget on the page shown now */
let current = null;

// The page's own section on the command-line estimator (docs/estimator.md, {#command-line}).
const cliLine = () => [
  "You can still run the same estimator on your computer: see ",
  h("a", { href: "#command-line", text: "use it from the command line" }),
  ".",
];

/**
 * Why the runtime could not start, and a button that tries again (`retry`), or, when the page
 * is older than the site (a new version was published since it loaded), one that reloads it.
 * @param {{message: string, outdated?: boolean}} failure
 * @param {() => void} retry
 */
function startFailure(failure, retry) {
  const button = h("button", {
    type: "button",
    class: "re-button",
    text: failure.outdated ? "Reload the page" : "Try again",
  });
  button.addEventListener("click", () => (failure.outdated ? location.reload() : retry()));
  const why = failure.outdated
    ? "A newer version of this site was published since this page loaded."
    : `If it keeps failing, your browser may be too old or blocking WebAssembly. (${failure.message})`;
  return [why, [button], cliLine()];
}

function unsupported(/** @type {string} */ feature) {
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
 * @param {HTMLElement} mount
 */
export function mountWidget(mount, { missing = "", saveData = false } = {}) {
  const self = { onHash: () => {} };
  current = self;
  if (missing) {
    mount.append(unsupported(missing));
    return self;
  }
  const loadingBox = h(
    "div",
    { class: "re-loading", role: "status" },
    h("p", { class: "re-loading-text", text: "Loading the form\u2026" }),
  );
  mount.append(loadingBox);
  // Locale data, then the form, in tasks of their own (setTimeout): each stays short, so the
  // page never stops answering while the widget loads.
  prepareFormats();
  loadManifest().then(
    (manifest) =>
      setTimeout(() => {
        if (current === self) build({ mount, loadingBox, manifest, saveData, self });
      }),
    (/** @type {Error} */ error) => {
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
  return self;
}

/**
 * @param {{mount: HTMLElement, loadingBox: HTMLElement, manifest: RuntimeManifest, saveData: boolean,
 *          self: {onHash: () => void}}} parts
 */
function build({ mount, loadingBox, manifest, saveData, self }) {
  const facts = manifest.options;
  const isShown = () => current === self;
  const note = h("p", { class: "re-note", role: "status" });
  /** @type {{message: string, outdated?: boolean} | null} why the runtime could not start: it
   * stays in place of the results (with its "Reload the page" or "Try again") until the
   * shopper tries again, whatever the form does meanwhile */
  let runtimeFailure = null;
  const showFailure = () => {
    if (!runtimeFailure) return;
    const retry = () => {
      runtimeFailure = null;
      status.retry();
    };
    panel.showProblem("The estimator could not start", ...startFailure(runtimeFailure, retry));
  };
  const status = runtimeStatus({
    mount,
    manifest,
    saveData,
    isShown,
    onUnsupported(feature) {
      // Like a failure, reported while runtimeStatus() runs when the worker could not even be
      // created (before this module loaded): shown once the form and the panel exist.
      queueMicrotask(() => {
        formArea.replaceWith(unsupported(feature));
        panel.results.remove();
      });
    },
    onFailed(failure) {
      runtimeFailure = failure;
      // A runtime that failed before the form was drawn reports it while runtimeStatus() runs,
      // before the panel exists: shown once this task's code has run.
      queueMicrotask(showFailure);
    },
  });
  /** @type {{order: EstimatorOrder} | null} the last order the estimator answered without errors */
  let lastGood = null;
  const panel = createPanel({
    facts,
    runtimeStatus: status.element,
    shareUrl,
    async onCalendar() {
      if (!lastGood) return "";
      const reply = await status
        .ensure()
        .ask("calendar", JSON.stringify(lastGood.order), todayIso());
      if (reply.type !== "answer" || !reply.answer.ok)
        return "The calendar file could not be made. Check the form for errors.";
      download("refund-deadlines.ics", reply.answer.ics, "text/calendar");
      return "Downloaded refund-deadlines.ics";
    },
  });

  let acted = false; // the shopper has changed the form (the first fill must not undo that)
  const form = createForm(facts, {
    onChange: (kind) => {
      acted = true;
      update({ typing: kind === "input" });
    },
    onExample: () => {
      acted = true;
      orders.replace(liveExample(facts, todayIso()), "The example order is filled in.");
    },
    onReset: () => {
      acted = true;
      orders.replace(null, "The form is cleared.");
    },
    onRemember: (on) => orders.setRemembering(on),
  });
  const orders = keeper({
    form,
    note,
    facts,
    onReplaced(order) {
      if (!order) {
        lastGood = null;
        panel.forget();
      }
      // An empty form under Data Saver waits for the shopper; anything else asks at once.
      update({ start: Boolean(order) || !saveData });
    },
  });
  form.setRemembered(orders.remembering());
  const formHeading = h("h3", { class: "re-form-title", id: uid("re-order"), text: "Your order" });
  form.element.setAttribute("aria-labelledby", formHeading.id);
  form.element.removeAttribute("aria-label");

  const formArea = h(
    "div",
    { class: "re-form-area" },
    formHeading,
    note,
    form.element,
    panel.sticky,
  );
  loadingBox.replaceWith(formArea, panel.results, panel.announcer);
  mount.classList.add("re--ready");
  ownFieldLinks(mount);

  // --- the estimate loop ---
  let busy = false; // an estimate request is in flight
  /** @type {{typing: boolean} | null} the form changed while it was: run again when it returns */
  let rerun = null;
  let errorTimer = 0;

  /**
   * Estimate the form as it is now. `typing`: the change came from a keystroke (error marks
   * wait for a pause). `start: false`: do not start a runtime that is not running yet.
   */
  async function update({ typing = false, start = true } = {}) {
    clearTimeout(errorTimer);
    const order = form.read();
    if (!order) {
      if (runtimeFailure) return; // it stays shown (a complete order waits for a new runtime)
      panel.showErrors(
        form.showErrors([]),
        "Answer \u201cWhat happened?\u201d above to see the questions for your case.",
      );
      return;
    }
    if (!status.started() && !start) {
      panel.showErrors(form.showErrors([])); // the placeholder: "your estimate appears here"
      return;
    }
    status.ensure();
    if (busy) {
      rerun = { typing };
      return;
    }
    busy = true;
    // Screen readers (and the browser tests) learn that the results are being redone for a
    // newer form: until this clears, what is shown may be for the shopper's earlier entries.
    panel.results.setAttribute("aria-busy", "true");
    try {
      for (let next = /** @type {{typing: boolean} | null} */ ({ typing }); next; next = rerun) {
        rerun = null;
        await estimateNow(next.typing);
      }
    } finally {
      busy = false;
      panel.results.removeAttribute("aria-busy");
    }
  }

  async function estimateNow(/** @type {boolean} */ typing) {
    const order = form.read();
    if (!order) return;
    orders.typed(order);
    const reply = await status.ensure().ask("estimate", JSON.stringify(order), todayIso());
    if (!isShown() || rerun) return; // the page changed, or a newer form is waiting
    if (reply.type === "error") {
      panel.showProblem(
        "The estimator failed on this input. Please report it, with the share link if you can.",
        reply.message,
      );
    } else if (reply.answer.ok) {
      form.showErrors([]);
      lastGood = { order };
      panel.show(reply.answer.estimate, order);
    } else if (typing) {
      const { errors } = reply.answer;
      errorTimer = window.setTimeout(
        () => panel.showErrors(form.showErrors(errors)),
        ERROR_DELAY_MS,
      );
    } else {
      panel.showErrors(form.showErrors(reply.answer.errors));
    }
  }

  self.onHash = () => orders.onHash();
  // Filled in and estimated in a task of its own: drawing the form and filling it in one
  // task made a long one (50-60 ms) while the runtime started beside it on a 2-core machine.
  setTimeout(() => {
    if (isShown() && !acted) orders.start(null);
  });
}

/** Save text as a file (the link is never attached to the page). */
function download(
  /** @type {string} */ filename,
  /** @type {string} */ text,
  /** @type {string} */ type,
) {
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
