// Partial Refund Guide's service worker: repeat visits start from a local copy, and the site,
// the estimator included, works offline once the estimator has been used.
//
// This file is a template. `make site` runs scripts/finish_site.py after the MkDocs build,
// which fills in BUILD below in site/sw.js from the finished site/: the build version (a hash
// of every file of the site, runtime and snapshot included), the runtime's directory, three
// lists of paths, each runtime file's sha256 (from runtime.json), and the names this worker
// shares with the estimator's worker (scripts/runtime_common.py, SHARED_NAMES). Unfilled (as
// `mkdocs serve` serves it), it caches nothing and answers nothing; offline.mjs does not even
// register it there.
//
// Caches, each named by what it holds, so a new deployment never mixes old and new files:
//   <siteCachePrefix><version>     the shell (precached at install: what every page loads,
//                                  the home page, 404.html, the search index), then pages and
//                                  assets as they are fetched, and all of them once the
//                                  estimator has started
//   <runtimeCachePrefix><runtime>  the Pyodide runtime, snapshot and wheel of one runtime
//                                  directory, cached as the estimator page fetches them (never on
//                                  guide pages: 20 MB); the estimator's worker
//                                  (assets/estimator/runtime-files.mjs) also writes here
// and, outside Cache Storage, the estimator's unpacked snapshot as a file in the site's private
// file system, <snapshotDirectory>/<runtime> (assets/estimator/snapshot-file.mjs).
// A new build gives a new sw.js: the browser installs it, it takes over at once, and deletes
// every cache that is not its own. The runtime directory is named by a hash of the runtime's
// inputs, so a deploy that does not touch the estimator keeps its cache and its files.
//
// Strategies: pages and runtime.json network first (fresh whenever the network answers, even
// past a host's HTTP caching; the cached copy after a few seconds without an answer, or
// offline): the page and the estimator it names are then both new, or both old until reload.
// Runtime files and every other asset cache first. A runtime file is cached only if its bytes
// match runtime.json's sha256: nothing damaged is kept.

/**
 * `names`: {} until filled in, then names.mjs's NAMES.
 * @type {{version: string | null, runtime: string | null, shell: string[], site: string[],
 *          runtimeFiles: string[], sha256: Record<string, string>,
 *          names: typeof import("./assets/estimator/names.mjs").NAMES | Record<string, never>}}
 */
const BUILD = {
  version: null,
  runtime: null,
  shell: [],
  site: [],
  runtimeFiles: [],
  sha256: {},
  names: {},
};

const SITE_CACHE = `${BUILD.names.siteCachePrefix}${BUILD.version}`;
const RUNTIME_CACHE = `${BUILD.names.runtimeCachePrefix}${BUILD.runtime}`;
const OWN_CACHES = [BUILD.names.siteCachePrefix, BUILD.names.runtimeCachePrefix];
const RUNTIME_PATH = new URL(`assets/runtime/${BUILD.runtime}/`, self.registration.scope).pathname;
const MANIFEST_PATH = new URL(`assets/runtime/${BUILD.names.manifest}`, self.registration.scope)
  .pathname;
const NETWORK_TIMEOUT_MS = 4000;
const PARALLEL_DOWNLOADS = 4;

const at = (/** @type {string} */ path) => new URL(path, self.registration.scope).href;
const pathOf = (/** @type {string} */ url) =>
  new URL(url).pathname.slice(new URL(self.registration.scope).pathname.length);

async function sha256Of(/** @type {ArrayBuffer} */ bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Puts `response` for `key` into `cache` if it may be kept: a whole, same-origin answer, and
 * for a runtime file, bytes that match runtime.json's sha256. Returns what to answer with
 * (the response itself, or a copy of its checked bytes).
 * @param {Cache} cache @param {string} key @param {Response} response
 */
async function keep(cache, key, response) {
  if (!response.ok || response.type !== "basic" || response.redirected) return response;
  const expected = BUILD.sha256[pathOf(key)];
  if (!expected) {
    await cache.put(key, response.clone());
    return response;
  }
  const bytes = await response.arrayBuffer();
  const answer = new Response(bytes, response);
  if ((await sha256Of(bytes)) === expected) await cache.put(key, answer.clone());
  else console.warn(`${pathOf(key)} arrived damaged: not kept`);
  return answer;
}

/** Fetch `paths` that `cache` does not hold yet, a few at a time.
 * @param {Cache} cache @param {string[]} paths @param {RequestInit} requestInit */
async function addMissing(cache, paths, requestInit) {
  const queue = [...paths];
  async function next() {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const key = at(path);
      if (await cache.match(key)) continue;
      const response = await fetch(new Request(key, requestInit));
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      await keep(cache, key, response);
    }
  }
  await Promise.all(Array.from({ length: PARALLEL_DOWNLOADS }, next));
}

self.addEventListener("install", (event) => {
  if (!BUILD.version) return;
  event.waitUntil(
    (async () => {
      // "no-cache": revalidated with the server, never an older deployment's copy from the
      // HTTP cache (mostly 304s: the page that registered this worker just loaded them).
      await addMissing(await caches.open(SITE_CACHE), BUILD.shell, { cache: "no-cache" });
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const ours = OWN_CACHES.some((prefix) => name.startsWith(prefix));
        if (ours && name !== SITE_CACHE && name !== RUNTIME_CACHE) await caches.delete(name);
      }
      await deleteOtherSnapshotFiles();
      // Pages are fetched with "no-cache" (below), so navigation preload, which would take the
      // HTTP cache's copy, stays off.
      if (self.registration.navigationPreload) await self.registration.navigationPreload.disable();
      await self.clients.claim();
    })(),
  );
});

// The estimator's worker keeps its snapshot as a file on the device, named by its runtime
// directory (assets/estimator/snapshot-file.mjs): the files of other runtimes go with their
// caches. A file that another tab is still reading stays until the next new version.
async function deleteOtherSnapshotFiles() {
  if (!BUILD.runtime || !self.navigator.storage || !self.navigator.storage.getDirectory) return;
  try {
    const root = await self.navigator.storage.getDirectory();
    const kept = await root.getDirectoryHandle(BUILD.names.snapshotDirectory);
    const others = [];
    for await (const name of kept.keys()) if (name !== BUILD.runtime) others.push(name);
    for (const name of others) await kept.removeEntry(name).catch(() => {});
  } catch {
    // Nothing kept (or no private file system here).
  }
}

/** @typedef {ExtendableMessageEvent["source"]} Source  the page that asked */

self.addEventListener("message", (event) => {
  /** @type {ServiceWorkerRequest | null} from offline.mjs and runtime.mjs */
  const request = event.data;
  if (!BUILD.version || !request) return;
  if (request.type === BUILD.names.keepOffline) event.waitUntil(keepEverything(event.source));
  else if (request.type === BUILD.names.keepPage) {
    event.waitUntil(keepPage(event.source, request));
  }
});

// The estimator page says so once its runtime is running: keep everything for offline use.
async function keepEverything(/** @type {Source} */ source) {
  await addMissing(await caches.open(SITE_CACHE), BUILD.site, { cache: "no-cache" });
  await keepRuntime();
  if (source) source.postMessage({ type: BUILD.names.offlineReady, version: BUILD.version });
}

// The runtime's files, named by a hash of the runtime's inputs and checked against
// runtime.json's sha256: whatever the HTTP cache holds is right if it matches ("force-cache");
// the estimator's worker has just fetched them.
async function keepRuntime() {
  await addMissing(await caches.open(RUNTIME_CACHE), BUILD.runtimeFiles, { cache: "force-cache" });
}

// A page that loaded before this worker controlled it (the first visit) sends its own address
// and the files it loaded, so that it works offline right away: from the HTTP cache, which has
// them ("force-cache"), so no byte is downloaded again. The estimator page (`estimator`) also
// needs what its worker loaded, which the page cannot list: the estimator's modules,
// runtime.json and the runtime's files. The worker stores those itself as they download, but
// its writes may still be running when the first estimate shows: added here from the HTTP cache
// (where the worker's downloads are), so that "kept" means this page works offline now.
/** @param {Source} source @param {ServiceWorkerRequest} request */
async function keepPage(source, { urls, estimator }) {
  const known = new Set([...BUILD.shell, ...BUILD.site].map(at));
  const ours = (Array.isArray(urls) ? urls : [])
    .map((url) => keyOf(url))
    .filter((url) => known.has(url));
  const paths = ours.map(pathOf);
  if (estimator) {
    const manifest = `assets/runtime/${BUILD.names.manifest}`;
    paths.push(...BUILD.site.filter((p) => p.startsWith("assets/estimator/") || p === manifest));
  }
  await addMissing(await caches.open(SITE_CACHE), paths, { cache: "force-cache" });
  if (estimator) await keepRuntime();
  if (source) source.postMessage({ type: BUILD.names.pageKept, version: BUILD.version });
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!BUILD.version || request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.headers.has("range")) return;
  const isPage = url.pathname.endsWith("/") || url.pathname.endsWith(".html");
  if (request.mode === "navigate" || isPage) event.respondWith(page(request));
  else if (url.pathname === MANIFEST_PATH) event.respondWith(networkFirst(request));
  else if (url.pathname.startsWith(RUNTIME_PATH))
    event.respondWith(cacheFirst(request, RUNTIME_CACHE));
  else event.respondWith(cacheFirst(request, SITE_CACHE));
});

// Pages are kept without their query (a page is the same page whatever follows its "?");
// other files with theirs, which can name something: a worker served from the cache sees the
// address it was stored under.
function keyOf(/** @type {Request | string} */ requestOrUrl, keepQuery = false) {
  const url = new URL(typeof requestOrUrl === "string" ? requestOrUrl : requestOrUrl.url);
  const isPage = url.pathname.endsWith("/") || url.pathname.endsWith(".html");
  if (isPage && !keepQuery) url.search = "";
  url.hash = "";
  return url.href;
}

// Each cache opened once per run of this worker, not once per request.
/** @type {Map<string, Promise<Cache>>} */
const opened = new Map();
function open(/** @type {string} */ cacheName) {
  if (!opened.has(cacheName)) opened.set(cacheName, caches.open(cacheName));
  return /** @type {Promise<Cache>} */ (opened.get(cacheName)); // set just above
}

/** @param {Request} request @param {string} cacheName */
async function cacheFirst(request, cacheName) {
  const cache = await open(cacheName);
  const key = keyOf(request, true);
  const cached = await cache.match(key);
  if (cached) return cached;
  return keep(cache, key, await fetch(request));
}

/**
 * The network's answer, revalidated past the HTTP cache ("no-cache": a host's 10 minutes of
 * caching never serve an older deployment's copy) and kept; the cached copy when the network
 * does not answer within NETWORK_TIMEOUT_MS or at all; null when neither has it.
 * @param {Request} request @param {string} key
 * @returns {Promise<Response | null | undefined>}
 */
async function fresh(request, key) {
  const cache = await open(SITE_CACHE);
  const fromNetwork = async () =>
    keep(cache, key, await fetch(request.url, { cache: "no-cache", credentials: "same-origin" }));
  const network = fromNetwork().catch(() => null);
  /** @type {Promise<null>} */
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
  const first = await Promise.race([network, timeout]);
  if (first) return first;
  return (await caches.match(key)) || (await network);
}

async function networkFirst(/** @type {Request} */ request) {
  // Asked to bypass every cache (the estimator's worker, after a 404 in the runtime
  // directory): the network's answer, or the failure.
  if (request.cache === "reload") return fetch(request);
  const answer = await fresh(request, keyOf(request));
  return answer || Response.error();
}

async function page(/** @type {Request} */ request) {
  const answer = await fresh(request, keyOf(request));
  if (answer) return answer;
  // Offline, not kept. An address the site has: say it is not saved yet; any other: the
  // site's own 404 page, as the host would answer.
  const known = [...BUILD.shell, ...BUILD.site].map(at).includes(keyOf(request));
  const notFound = known ? null : await caches.match(at("404.html"));
  if (notFound) return new Response(notFound.body, { status: 404, headers: notFound.headers });
  return offline();
}

function offline() {
  const home = at("");
  return new Response(
    `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Offline - Partial Refund Guide</title></head><body>
<h1>You are offline</h1>
<p>This page is not saved on this device yet. Pages you opened before work without a
connection, and the whole guide does once you have used the refund estimator.</p>
<p><a href="${home}">Go to the home page</a></p></body></html>`,
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } },
  );
}
