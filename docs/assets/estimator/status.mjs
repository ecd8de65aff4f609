// How far the estimator's runtime is, shown above the results: started by widget.mjs already,
// or (a connection that asks to save data) on the first use. Sets the mount's data-runtime
// ("waiting", "starting", "ready", "failed"), which the tests wait on.

import { h } from "./dom.mjs";
import { downloadMegabytes, getRuntime, runtimeStarted } from "./runtime.mjs";

const SLOW_LOAD_MS = 20000;
// The moving bar appears only once starting takes longer than this. A return visit is ready in
// about a second, and a bar that flashes by costs a repaint every frame: on a 2-core machine,
// a quarter of a second of CPU in that second, taken from Pyodide's own start.
const PROGRESS_BAR_MS = 1500;

/**
 * @param {{mount: HTMLElement, manifest: RuntimeManifest, saveData: boolean, isShown: () => boolean,
 *          onUnsupported: (feature: string) => void,
 *          onFailed: (failure: {message: string, outdated?: boolean}) => void}} options
 */
export function runtimeStatus({ mount, manifest, saveData, isShown, onUnsupported, onFailed }) {
  const text = h("p", { class: "re-runtime-text" });
  const progress = h("progress", {
    class: "re-progress",
    "aria-label": "Starting the estimator",
    hidden: true,
  });
  const element = h("div", { class: "re-runtime", role: "status" }, progress, text);
  /** @type {import("./runtime.mjs").Runtime | null} */
  let runtime = null;
  let barDue = false; // PROGRESS_BAR_MS have passed since the runtime started
  let slow = 0;

  const showProgress = () => {
    progress.hidden = !barDue || mount.dataset.runtime !== "starting";
  };
  const say = (/** @type {string} */ words) => {
    text.textContent = words;
    element.hidden = !words;
    showProgress();
  };
  const megabytes = (/** @type {boolean} */ useSnapshot) =>
    downloadMegabytes(manifest, useSnapshot);

  /** The runtime, started now if it was not yet. */
  function ensure() {
    if (runtime) return runtime;
    runtime = getRuntime({ useSnapshot: !saveData });
    mount.dataset.runtime = "starting";
    say(
      `Starting the estimator\u2026 The first time, this downloads about ${megabytes(runtime.useSnapshot)} MB: the Python runtime the estimator runs in. Your browser keeps a copy, so later visits start sooner.`,
    );
    setTimeout(() => {
      barDue = true;
      showProgress();
    }, PROGRESS_BAR_MS);
    slow = window.setTimeout(() => {
      say(`${text.textContent} Still loading: on a slow connection this can take a minute or two.`);
    }, SLOW_LOAD_MS);
    runtime.listen(onStatus);
    return runtime;
  }

  function onStatus(/** @type {RuntimeStatus} */ status) {
    if (!isShown()) return;
    if (status.type === "ready") {
      clearTimeout(slow);
      say("");
      mount.dataset.runtime = "ready";
      mount.dataset.boot = status.mode;
    } else if (status.type === "unsupported") {
      clearTimeout(slow);
      mount.dataset.runtime = "failed";
      onUnsupported(status.feature);
    } else if (status.type === "failed") {
      clearTimeout(slow);
      say("");
      mount.dataset.runtime = "failed";
      onFailed(status);
    }
  }

  /** After a failure: a new worker boots, and answers what is waiting (runtime.mjs). */
  function retry() {
    mount.dataset.runtime = "starting";
    say("Starting the estimator again\u2026");
    // Only ever offered after a failure, which the started runtime reported.
    /** @type {import("./runtime.mjs").Runtime} */ (runtime).restart();
  }

  if (runtimeStarted()) ensure();
  else {
    mount.dataset.runtime = "waiting";
    say(
      `Your connection asks to save data, so the estimator has not been downloaded yet (about ${megabytes(false)} MB). It starts when you fill in the form or try the example.`,
    );
  }
  return { element, ensure, retry, started: () => runtime !== null };
}
