// Registers the site's service worker (sw.js at the site root, filled in by
// scripts/finish_site.py at build time): repeat visits start from a local copy, and the guide
// and the estimator work offline. Loaded on every page by mkdocs.yml's extra_javascript; a
// file, not an inline script, so the Content-Security-Policy needs no exception.
//
// Registered early, on every page: a first visit works offline as soon as the service worker
// is active, which then keeps the page it was installed from and what that page loaded (it
// loaded before the service worker controlled it). On the estimator page the runtime's start
// comes first: registering waits until the runtime is ready or has failed, REGISTER_WITHIN_MS
// at most, since installing fetches and compiles the site's shell.

import { NAMES } from "../estimator/names.mjs";

const REGISTER_WITHIN_MS = 5000;
// This file is assets/javascripts/offline.mjs: the site root is two levels up.
const ROOT = new URL("../../", import.meta.url);

/** The live preview (`mkdocs serve`) adds an inline livereload script. */
function isLivePreview() {
  return Array.from(document.scripts).some(
    (script) => !script.src && script.textContent.includes("livereload("),
  );
}

/** Marks <html> with what the service worker says it has kept (the browser tests wait for
 * it): data-offline-ready (the whole site), data-page-kept (this page). */
function listenToServiceWorker() {
  navigator.serviceWorker.addEventListener("message", ({ data }) => {
    if (!data) return;
    if (data.type === NAMES.offlineReady)
      document.documentElement.dataset.offlineReady = data.version;
    if (data.type === NAMES.pageKept) document.documentElement.dataset.pageKept = data.version;
  });
}

/** Asks the active service worker to keep this page and the files it loaded, if it did not
 * serve them itself (a first visit). The estimator page also needs its worker's modules and
 * runtime.json, which the service worker adds (`estimator`). */
async function keepThisPage() {
  const controlledFromStart = Boolean(navigator.serviceWorker.controller);
  const registration = await navigator.serviceWorker.ready;
  if (controlledFromStart || !registration.active) return;
  const urls = [location.href, ...performance.getEntriesByType("resource").map((e) => e.name)];
  const estimator = Boolean(document.querySelector(`meta[name="${NAMES.pageRuntimeMeta}"]`));
  registration.active.postMessage({ type: NAMES.keepPage, urls, estimator });
}

function register() {
  navigator.serviceWorker
    .register(new URL("sw.js", ROOT).href, { scope: ROOT.pathname })
    .then(keepThisPage)
    .catch((error) => {
      console.info(`The offline copy is not available: ${error.message}`);
    });
}

/** Registers once the estimator's runtime is ready or has failed (runtime.mjs marks <html>
 * while it starts), or REGISTER_WITHIN_MS after the page loaded at the latest. */
function registerSoon() {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    register();
  };
  if (document.documentElement.dataset.estimatorRuntime === "starting") {
    document.addEventListener("prg:estimator-settled", once, { once: true });
    setTimeout(once, REGISTER_WITHIN_MS);
  } else {
    once();
  }
}

function main() {
  if (!("serviceWorker" in navigator)) return;
  // `mkdocs serve` (the live preview): never cache there. Remove a service worker left by a
  // built copy once served at the same address, so the preview can never show stale files.
  if (isLivePreview()) {
    navigator.serviceWorker.getRegistrations().then((registrations) => {
      for (const registration of registrations) registration.unregister();
    });
    return;
  }
  listenToServiceWorker();
  if (document.readyState === "complete") registerSoon();
  else window.addEventListener("load", registerSoon, { once: true });
}

main();
