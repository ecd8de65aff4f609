// Partial Refund Guide's service worker: repeat visits start from a local copy, and the site,
// the estimator included, works offline once the estimator has been used.
//
// This file is a template. `make site` runs scripts/finish_site.py after the MkDocs build,
// which fills in BUILD below in site/sw.js from the finished site/: the build version (a hash
// of every file of the site, runtime and snapshot included), the runtime's versioned
// directory, and three lists of paths. Unfilled (as `mkdocs serve` serves it), it caches
// nothing and answers nothing; assets/javascripts/offline.js does not even register it there.
//
// Caches, each named by what it holds, so a new deployment never mixes old and new files:
//   prg-site-<version>     the shell (precached at install: what every page loads, the home
//                          page, 404.html, the search index), then pages and assets as they are
//                          fetched, and all of them once the estimator has started
//   prg-runtime-<runtime>  the Pyodide runtime, snapshot and wheel of one runtime directory,
//                          cached as the estimator page fetches them (never on guide pages:
//                          20 MB); the estimator's worker (assets/estimator/worker.mjs) also
//                          writes here, under the same name
// and, outside Cache Storage, the estimator's unpacked snapshot as a file in the site's private
// file system, estimator-snapshot/<runtime> (assets/estimator/snapshot-file.mjs; in browsers
// that cannot read such files, it is kept in prg-runtime-<runtime>)
// A new build gives a new sw.js: the browser installs it, it takes over at once, and deletes
// every cache that is not its own. Runtime URLs carry their directory's content hash and are
// only ever served from that directory's cache, so a snapshot can never meet another runtime.
//
// Strategies: pages network first (fresh when online; the cached copy after a few seconds
// without an answer, or offline); the runtime's files and every other asset cache first.

const BUILD = { version: null, runtime: null, shell: [], site: [], runtimeFiles: [] };

const SITE_CACHE = `prg-site-${BUILD.version}`;
const RUNTIME_CACHE = `prg-runtime-${BUILD.runtime}`;
const RUNTIME_PATH = new URL(`assets/runtime/${BUILD.runtime}/`, self.registration.scope).pathname;
const NETWORK_TIMEOUT_MS = 4000;
const PARALLEL_DOWNLOADS = 4;

const at = (path) => new URL(path, self.registration.scope).href;

/** Fetch `paths` that `cache` does not hold yet, a few at a time. */
async function addMissing(cache, paths, requestInit) {
  const queue = [...paths];
  async function next() {
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const key = at(path);
      if (await cache.match(key)) continue;
      const response = await fetch(new Request(key, requestInit));
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      await cache.put(key, response);
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
        if (name.startsWith("prg-") && name !== SITE_CACHE && name !== RUNTIME_CACHE) {
          await caches.delete(name);
        }
      }
      await deleteOtherSnapshotFiles();
      // Pages are network first: the browser starts the request while this worker starts up.
      if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
      await self.clients.claim();
    })(),
  );
});

// The estimator's worker keeps its snapshot as a file on the device, named by its runtime
// directory, in the folder estimator-snapshot (assets/estimator/snapshot-file.mjs, DIRECTORY):
// the files of other runtimes go with their caches. A file that another tab is still reading
// stays until the next new version.
async function deleteOtherSnapshotFiles() {
  if (!BUILD.runtime || !self.navigator.storage || !self.navigator.storage.getDirectory) return;
  try {
    const root = await self.navigator.storage.getDirectory();
    const kept = await root.getDirectoryHandle("estimator-snapshot");
    const others = [];
    for await (const name of kept.keys()) if (name !== BUILD.runtime) others.push(name);
    for (const name of others) await kept.removeEntry(name).catch(() => {});
  } catch {
    // Nothing kept (or no private file system here).
  }
}

// The estimator page says so once its runtime is running: keep everything for offline use.
self.addEventListener("message", (event) => {
  if (!BUILD.version || !event.data || event.data.type !== "cache-offline") return;
  event.waitUntil(
    (async () => {
      await addMissing(await caches.open(SITE_CACHE), BUILD.site, { cache: "no-cache" });
      // Named by their content's hash: whatever the HTTP cache holds is right, however old
      // ("force-cache"); the estimator's worker has just fetched the scripts it imported.
      await addMissing(await caches.open(RUNTIME_CACHE), BUILD.runtimeFiles, {
        cache: "force-cache",
      });
      if (event.source) event.source.postMessage({ type: "offline-ready", version: BUILD.version });
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (!BUILD.version || request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || request.headers.has("range")) return;
  // Pages: navigations, and Material's instant navigation, which fetches them as documents.
  const isPage = url.pathname.endsWith("/") || url.pathname.endsWith(".html");
  if (request.mode === "navigate" || isPage)
    event.respondWith(page(request, event.preloadResponse));
  else if (url.pathname.startsWith(RUNTIME_PATH))
    event.respondWith(cacheFirst(request, RUNTIME_CACHE));
  else event.respondWith(cacheFirst(request, SITE_CACHE));
});

// Pages are kept without their query (a page is the same page whatever follows its "?");
// other files with theirs, which can name something: the search worker's says which of
// Material's files it runs (assets/javascripts/workers/search-on-demand.js), and a worker
// served from the cache sees the address it was stored under.
const keyOf = (request, keepQuery = false) => {
  const url = new URL(request.url);
  if (!keepQuery) url.search = "";
  url.hash = "";
  return url.href;
};

// Each cache opened once per run of this worker, not once per request.
const opened = new Map();
function open(cacheName) {
  if (!opened.has(cacheName)) opened.set(cacheName, caches.open(cacheName));
  return opened.get(cacheName);
}

async function cacheFirst(request, cacheName) {
  const cache = await open(cacheName);
  const key = keyOf(request, true);
  const cached = await cache.match(key);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === "basic" && !response.redirected) {
    await cache.put(key, response.clone());
  }
  return response;
}

async function page(request, preloaded) {
  const cache = await open(SITE_CACHE);
  const fromNetwork = async () => {
    // The navigation preload's response if there is one (navigations only), else a fetch.
    const response = (await preloaded) || (await fetch(request));
    if (response.ok && response.type === "basic" && !response.redirected) {
      await cache.put(keyOf(request), response.clone());
    }
    return response;
  };
  const network = fromNetwork().catch(() => null);
  const timeout = new Promise((resolve) => setTimeout(resolve, NETWORK_TIMEOUT_MS, null));
  const first = await Promise.race([network, timeout]);
  if (first) return first;
  const cached = await cache.match(keyOf(request));
  if (cached) return cached;
  return (await network) || offline();
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
