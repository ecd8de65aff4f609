// The page's side of the estimator worker: started once per page load, and only on the
// estimator page. Every request carries an id; the answer resolves that request's promise.
//
// Small on purpose: widget.mjs imports it on every page, and it does nothing until called. The
// estimator page's head also loads it (start.mjs), so the runtime starts before the page has
// finished loading.

import { NAMES } from "./names.mjs";

// A worker that has not said a word this long after it was created never started (its module
// did not load); worker.mjs itself gives up on a boot that stalls later on.
const FIRST_WORD_MS = 20_000;

/** Why this browser cannot run the estimator, or "" when it can (checked before any download). */
export function missingFeature() {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    return "WebAssembly";
  }
  if (typeof Worker !== "function") return "Web Workers";
  if (typeof Intl !== "object" || typeof Intl.NumberFormat !== "function") return "Intl";
  if (typeof TextEncoder !== "function" || typeof Blob !== "function") return "TextEncoder";
  return "";
}

/** The shopper's connection asks to save data (Data Saver, Lite mode): download nothing big
 * until they use the form. */
export function saveDataRequested() {
  return Boolean(navigator.connection && navigator.connection.saveData === true);
}

const RUNTIME = new URL("../runtime/", import.meta.url);
/** @type {Promise<RuntimeManifest> | null} */
let manifest = null;

/**
 * assets/runtime/runtime.json (scripts/build_runtime.py): where the runtime's files are, their
 * sizes, and the form's option lists, generated from the estimator at build time so the form
 * can be shown before Python runs. Revalidated ("no-cache"): never an older deployment's copy
 * from the HTTP cache while the network answers.
 */
export function loadManifest() {
  const url = new URL(NAMES.manifest, RUNTIME);
  manifest ??= fetch(url, { cache: "no-cache" }).then((response) => {
    if (!response.ok) throw new Error(`runtime.json answered ${response.status}`);
    return response.json();
  });
  return manifest;
}

/**
 * Megabytes a first start downloads (one decimal), for the loading message.
 * @param {RuntimeManifest} runtimeManifest @param {boolean} useSnapshot
 */
export function downloadMegabytes(runtimeManifest, useSnapshot) {
  const bytes = runtimeManifest.download[useSnapshot ? "snapshot" : "full"];
  return Math.round(bytes / 100_000) / 10;
}

/**
 * What the estimator page does as soon as it opens (start.mjs, from the page's head; widget.mjs
 * again, which adds nothing): fetch runtime.json for the
 * form, and start the runtime unless this browser cannot run it or the connection asks to save
 * data. Returns both answers for the widget.
 */
export function openEstimator() {
  const missing = missingFeature();
  const saveData = saveDataRequested();
  if (!missing) {
    loadManifest().catch(() => {}); // the widget reports a failure
    if (!saveData) getRuntime();
  }
  if (!runtime) announceQuiet(); // nothing starts until the shopper acts
  return { missing, saveData };
}

/**
 * Tells the page, once per page load, that the estimator has nothing to do for now: its runtime
 * is ready or has failed and no question is waiting, or it does not start by itself.
 * assets/javascripts/theme-after-estimator.js holds Material's bundle back until then.
 */
function announceQuiet() {
  const root = document.documentElement;
  if (root.dataset.estimatorQuiet) return;
  root.dataset.estimatorQuiet = "true";
  document.dispatchEvent(new Event("prg:estimator-quiet"));
}

/**
 * Once the estimator's worker has stored its runtime files, ask the site's service worker
 * (assets/javascripts/offline.mjs registers it) to keep the whole site and the rest of the
 * runtime for offline use. Not earlier: the runtime's own download comes first (and the
 * service worker would download again any file the worker has not finished storing), and
 * guide pages never ask.
 */
function keepForOffline() {
  if (!navigator.serviceWorker) return;
  navigator.serviceWorker.ready.then((registration) => {
    if (registration.active) registration.active.postMessage({ type: NAMES.keepOffline });
  });
}

/** @typedef {ReturnType<typeof startWorker>} Runtime */
/** @type {Runtime | null} */
let runtime = null;

/** The runtime is ready or has failed: see offline.mjs. */
function settled() {
  if (document.documentElement.dataset.estimatorRuntime !== "starting") return;
  document.documentElement.dataset.estimatorRuntime = "settled";
  document.dispatchEvent(new Event("prg:estimator-settled"));
}

/**
 * The single worker, created on first use. `runtime.listen(onStatus)` then receives progress,
 * ready and failed messages; the latest one is replayed at once, so a widget that listens
 * late catches up with a worker that is already running.
 * `useSnapshot: false` boots without the memory snapshot (a smaller download, slower start).
 */
export function getRuntime({ useSnapshot = true } = {}) {
  if (!runtime) runtime = startWorker(useSnapshot);
  return runtime;
}

/** Has the runtime been started on this page load? */
export const runtimeStarted = () => runtime !== null;

/** The runtime directory this page was built with (scripts/finish_site.py), or null. */
function pageRuntime() {
  const meta = /** @type {HTMLMetaElement | null} */ (
    document.querySelector(`meta[name="${NAMES.pageRuntimeMeta}"]`)
  );
  return meta ? meta.content : null;
}

/** "estimator", then "no-snapshot", "controlled" and "runtime=<id>" when they apply:
 * worker.mjs reads its name as soon as it starts, before any message could reach it. */
function workerName(/** @type {boolean} */ useSnapshot) {
  const words = ["estimator"];
  if (!useSnapshot) words.push("no-snapshot");
  // The site's service worker then stores what passes through it; the worker need not.
  if (navigator.serviceWorker && navigator.serviceWorker.controller) words.push("controlled");
  const runtimeId = pageRuntime();
  if (runtimeId) words.push(`runtime=${runtimeId}`);
  return words.join(" ");
}

/**
 * A new module worker for worker.mjs, or {unsupported} when this browser has none: a browser
 * without module workers ignores `type` and would run worker.mjs as a classic script, which
 * fails on its first `import`. Reading `type` through a getter tells.
 * @param {boolean} useSnapshot
 * @returns {{worker: Worker} | {unsupported: string, detail?: string}}
 */
function newWorker(useSnapshot) {
  let readsType = false;
  /** @type {WorkerOptions} */
  const options = {
    get type() {
      readsType = true;
      return /** @type {const} */ ("module");
    },
    name: workerName(useSnapshot),
  };
  try {
    const worker = new Worker(new URL("./worker.mjs", import.meta.url), options);
    if (readsType) return { worker };
    worker.terminate();
    return { unsupported: "module Web Workers" };
  } catch (error) {
    return { unsupported: "module Web Workers", detail: String(error) };
  }
}

/**
 * A question waiting for its answer: sent again to a restarted worker.
 * @typedef {{message: WorkerRequest, resolve(reply: WorkerReply): void}} Pending
 */

/** @param {boolean} useSnapshot */
function startWorker(useSnapshot) {
  const state = {
    status: /** @type {RuntimeStatus | null} */ (null),
    listener: /** @type {((status: RuntimeStatus) => void) | null} */ (null),
    pending: /** @type {Map<number, Pending>} */ (new Map()), // by request id
    nextId: 1,
    useSnapshot,
    worker: /** @type {Worker | null} */ (null),
    ask,
    listen,
    restart,
  };
  function listen(/** @type {(status: RuntimeStatus) => void} */ onStatus) {
    state.listener = onStatus;
    if (state.status) onStatus(state.status);
  }
  // Checked a task later: whoever got an answer may ask again at once (the form's newer
  // version, queued while the runtime started).
  const quietNow = () =>
    setTimeout(() => {
      if (state.status && state.status.type !== "progress" && state.pending.size === 0) {
        announceQuiet();
      }
    }, 0);
  const setStatus = (/** @type {RuntimeStatus} */ status) => {
    state.status = status;
    if (state.listener) state.listener(status);
    quietNow();
  };
  const fail = (/** @type {string} */ message) => {
    settled();
    setStatus({ type: "failed", message });
  };

  function onMessage(/** @type {WorkerMessage} */ message) {
    if (message.type === "answer" || message.type === "error") {
      const waiting = state.pending.get(message.id);
      state.pending.delete(message.id);
      if (waiting) waiting.resolve(message);
      quietNow();
    } else if (message.type === "stored") {
      keepForOffline();
    } else {
      if (message.type === "ready") {
        // Which runtime directory answers (the browser tests compare it with the page's).
        document.documentElement.dataset.estimatorRuntimeUrl = message.runtime;
      }
      if (message.type === "failed" || message.type === "ready") settled();
      setStatus(message);
    }
  }

  /** Creates the worker (again, after a failure: `restart`) and sends it what is waiting. */
  function start() {
    // Exposed for the browser tests: the worker starts once per page load unless the shopper
    // asks to try again.
    window.__estimatorWorkerStarts = (window.__estimatorWorkerStarts || 0) + 1;
    const created = newWorker(state.useSnapshot);
    if ("unsupported" in created) {
      setStatus({ type: "unsupported", feature: created.unsupported, detail: created.detail });
      return;
    }
    const { worker } = created;
    state.worker = worker;
    const silence = setTimeout(() => {
      worker.terminate();
      fail("the estimator's worker did not start");
    }, FIRST_WORD_MS);
    worker.addEventListener("message", (event) => {
      clearTimeout(silence);
      if (state.worker === worker) onMessage(event.data);
    });
    worker.addEventListener("error", (event) => {
      // The worker script itself failed to load or to parse (an old browser, a missing file).
      event.preventDefault();
      clearTimeout(silence);
      if (state.worker === worker) fail(event.message || "the estimator could not start");
    });
    // assets/javascripts/offline.mjs waits for the end of this before installing the service
    // worker (5 s at most).
    document.documentElement.dataset.estimatorRuntime = "starting";
    for (const { message } of state.pending.values()) worker.postMessage(message);
  }

  /** After a failure: a new worker, which boots again and answers what is waiting. */
  function restart() {
    state.worker?.terminate();
    state.worker = null;
    setStatus({ type: "progress", step: "download" });
    start();
  }

  /**
   * Send a request; resolves with {type: "answer", answer} or {type: "error", message}.
   * @template {WorkerRequest["type"]} T
   * @param {T} type @param {string} order  the order's JSON text @param {string} today
   * @returns {Promise<WorkerReply<AnswerTo<T>>>}
   */
  function ask(type, order, today) {
    const id = state.nextId;
    state.nextId += 1;
    const message = { id, type, order, today };
    return new Promise((resolve) => {
      // Each reply answers its own request's type (the worker answers in kind).
      state.pending.set(id, { message, resolve: /** @type {Pending["resolve"]} */ (resolve) });
      if (state.worker) state.worker.postMessage(message);
      else if (state.status?.type === "unsupported") {
        state.pending.delete(id);
        resolve({ type: "error", id, message: "no worker" });
      }
    });
  }

  start();
  return state;
}
