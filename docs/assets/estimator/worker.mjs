// The estimator's module Web Worker: boots the site's own Pyodide and answers the page's JSON
// messages. Every file comes from this site's origin; nothing the shopper types leaves the device.
//
// The page creates this worker only when the estimator should start, so it begins at once:
// it fetches assets/runtime/runtime.json (written by scripts/build_runtime.py) while the page's
// {type: "start", useSnapshot, controlled} message arrives. All runtime files sit in one
// directory named by a hash of its contents (manifest.base), so the core, the lock, the wheel
// and the snapshot always belong together.
//
// Fast way: Pyodide's memory snapshot (manifest.snapshot, gzip), made at build time with the
// estimator imported and bridge.py run; fetched and decompressed (DecompressionStream) while
// pyodide.asm.mjs is parsed and the WebAssembly compiles, and handed to loadPyodide as
// `_loadSnapshot`. That is a private Pyodide API tied to the exact build: it is used only if
// runtime.json's Pyodide version equals the loaded pyodide.mjs's (Pyodide itself also checks
// the build id), and any failure (missing, damaged, other build) falls back to the normal way:
// boot, load the estimator wheel by name from the lock (Pyodide checks its sha256), run
// bridge.py.
//
// Messages from the page:  {type: "start", useSnapshot, controlled}   once, first
//                          {id, type: "estimate" | "calendar", order: <JSON text>, today}
// Messages to the page:    {type: "progress", step}         while booting
//                          {type: "ready", mode, seconds}    once: mode "snapshot" or "full"
//                          {type: "failed", message}         once, if booting failed
//                          {type: "stored"}                  once, after "ready": this worker has
//                                                            finished writing the runtime to the
//                                                            cache (the page then asks the service
//                                                            worker to keep the rest)
//                          {type: "answer", id, answer}      one per request, in any order
//                          {type: "error", id, message}      a request that raised (a bug)

const RUNTIME = new URL("../runtime/", import.meta.url);

function send(message) {
  self.postMessage(message);
}

const messageOf = (error) => String(error && error.message ? error.message : error);

// The browser's own fetch: Pyodide's calls go through the one below (see `fetchFor`).
const plainFetch = self.fetch.bind(self);

async function fetchOk(url) {
  const response = await plainFetch(url);
  if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  return response;
}

// First of all: runtime.json says where everything else is.
const manifestReady = fetchOk(new URL("runtime.json", RUNTIME)).then((response) => response.json());
manifestReady.catch(() => {}); // reported by boot()

// gzip's first two bytes. A host that sends the .gz file with `Content-Encoding: gzip` has the
// browser unpack it already: then the bytes are the file's content itself.
const GZIP_MAGIC = [0x1f, 0x8b];

// The snapshot file's format and its reader: loaded only when a snapshot is used.
const snapshotPages = () => import("./snapshot-pages.mjs");

/**
 * The snapshot file (snapshot-pages.mjs's format), unpacked while it downloads: `{bytes}`,
 * Pyodide's snapshot of the known size, and `file`, the unpacked file (to keep in the cache).
 */
async function unpackSnapshot(response, size) {
  const { PageReader } = await snapshotPages();
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done) throw new Error("the snapshot is empty");
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const gzipped = first.value[0] === GZIP_MAGIC[0] && first.value[1] === GZIP_MAGIC[1];
  if (gzipped && typeof DecompressionStream !== "function") {
    throw new Error("this browser cannot unpack gzip (no DecompressionStream)");
  }
  const stream = gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  const pages = new PageReader(size);
  const file = [];
  for await (const chunk of stream) {
    pages.push(chunk);
    file.push(chunk);
  }
  return { bytes: pages.finish(), file };
}

// --- Keeping the runtime for later visits and offline use --------------------------------
//
// The files are stored in the service worker's runtime cache as this worker downloads them
// (the name is docs/sw.js's convention: one cache per runtime directory, deleted by the
// service worker when a new build replaces the runtime), so the service worker does not have
// to download them a second time. The snapshot is also stored unpacked (about 30 MB): later
// visits read it as it is instead of unpacking it again.

const cacheNameOf = (manifest) => `prg-runtime-${manifest.id}`;

function openCache(manifest) {
  if (!self.caches) return Promise.resolve(null);
  return self.caches.open(cacheNameOf(manifest)).catch(() => null); // e.g. storage blocked
}

const storing = []; // this visit's cache writes: "stored" is sent once all have settled

function store(cache, url, response) {
  storing.push(cache.put(url, response).catch(() => {}));
}

// Work that must not delay the first estimate (copying the 30 MB snapshot into the cache takes
// the worker a tenth of a second): done after the first answer, or a while after booting if
// no question comes.
const later = [];
const LATER_MS = 3000;
let laterDone = false;

function runLater() {
  if (laterDone) return;
  laterDone = true;
  for (const job of later.splice(0)) job();
  Promise.allSettled(storing).then(() => send({ type: "stored" }));
}

/**
 * The fetch that Pyodide uses in this worker. A file started early (`start`) is handed over
 * the first time Pyodide asks for it; `answer` gives a URL a fixed answer every time; any other
 * file of the runtime directory (`base`) is fetched now. Runtime files come from `cache` when
 * it has them (read here directly: quicker than through the service worker), else from the
 * network, and then, with `storing`, a copy goes into `cache`.
 */
function runtimeFetch(base, cache, storing) {
  const early = new Map();
  const fixed = new Map();
  const download = async (url) => {
    const kept = cache ? await cache.match(url).catch(() => null) : null;
    if (kept) return kept;
    const response = await fetchOk(url);
    if (cache && storing) store(cache, url, response.clone()); // before anyone reads the body
    return response;
  };
  return {
    download,
    start(url) {
      const response = download(url);
      response.catch(() => {}); // whoever asks for it gets the error
      early.set(url, response);
      return response;
    },
    answer(url, respond) {
      fixed.set(url, respond);
    },
    fetch(input, init) {
      const url = typeof input === "string" ? input : input.url || String(input);
      if (fixed.has(url)) return Promise.resolve(fixed.get(url)());
      const started = early.get(url);
      if (started) {
        early.delete(url);
        return started;
      }
      if (url.startsWith(base) && !url.includes("?")) return download(url);
      return plainFetch(input, init);
    },
  };
}

/** The snapshot, from its unpacked file in the cache, or else downloaded, unpacked and (later)
 * stored there: half the size of the snapshot, since zero pages are left out. */
async function keptSnapshot(cache, url, size, downloads) {
  const unpackedUrl = url.replace(/\.gz$/, "");
  const stored = cache ? await cache.match(unpackedUrl).catch(() => null) : null;
  if (stored) {
    try {
      const { PageReader } = await snapshotPages();
      const pages = new PageReader(size);
      pages.push(new Uint8Array(await stored.arrayBuffer()));
      return pages.finish();
    } catch {
      // A damaged copy: download the snapshot again.
    }
  }
  const { bytes, file } = await unpackSnapshot(await downloads.download(url), size);
  if (cache) {
    later.push(() => {
      const headers = { "Content-Type": "application/octet-stream" };
      store(cache, unpackedUrl, new Response(new Blob(file), { headers }));
    });
  }
  return bytes;
}

// --- Compiling the WebAssembly early ------------------------------------------------------
//
// Pyodide compiles pyodide.asm.wasm only once the snapshot is unpacked; compiling it while the
// snapshot downloads and unpacks saves a few hundred milliseconds. Pyodide's own request for
// the file gets a placeholder, and its WebAssembly.instantiateStreaming call gets the module
// compiled here; anything going wrong falls back to compiling the file the plain way.

function compileEarly(wasmUrl, downloads) {
  const plainInstantiateStreaming = WebAssembly.instantiateStreaming;
  const compiled = WebAssembly.compileStreaming(downloads.download(wasmUrl));
  compiled.catch(() => {}); // handled where it is used
  const placeholders = new WeakSet();
  downloads.answer(wasmUrl, () => {
    const placeholder = new Response(null, { headers: { "Content-Type": "application/wasm" } });
    placeholders.add(placeholder);
    return placeholder;
  });
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!placeholders.has(response)) return plainInstantiateStreaming(source, imports);
    let module;
    try {
      module = await compiled;
    } catch {
      const bytes = await (await fetchOk(wasmUrl)).arrayBuffer();
      module = await WebAssembly.compile(bytes);
    }
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
}

function bridgeOf(pyodide) {
  const call = {
    options: pyodide.globals.get("widget_options"),
    estimate: pyodide.globals.get("widget_estimate"),
    calendar: pyodide.globals.get("widget_calendar"),
  };
  for (const [name, fn] of Object.entries(call)) {
    if (typeof fn !== "function") throw new Error(`bridge function ${name} is missing`);
  }
  return call;
}

async function boot(useSnapshot, controlled) {
  const started = performance.now();
  send({ type: "progress", step: "download" });
  if (useSnapshot) snapshotPages().catch(() => {}); // used below; a failure is reported there
  const manifest = await manifestReady;
  const base = new URL(manifest.base, RUNTIME).href;
  const inBase = (name) => new URL(name, base).href;
  const inRuntime = (path) => new URL(path, RUNTIME).href;
  // The scripts first: pyodide.asm.mjs (1.2 MB of JavaScript) is parsed while the big files
  // download. Pyodide imports the same URL later, and gets this very module.
  const pyodideModuleReady = import(inBase("pyodide.mjs"));
  import(inBase("pyodide.asm.mjs")).catch(() => {}); // Pyodide's own import reports a failure
  const cache = await openCache(manifest);
  // A page the service worker controls has it store what passes through it.
  const downloads = runtimeFetch(base, cache, !controlled);
  self.fetch = downloads.fetch;
  const settings = {
    indexURL: base,
    lockFileURL: inRuntime(manifest.lock),
    // Where the lock's wheel paths are resolved; never Pyodide's CDN.
    packageBaseUrl: base,
    stdout: () => {},
    stderr: (line) => console.warn(`[estimator] ${line}`),
  };
  // Everything starts downloading at once, the snapshot first; Pyodide asks for the standard
  // library and the lock only once pyodide.mjs has run.
  const snapshot =
    useSnapshot && manifest.snapshot
      ? keptSnapshot(cache, inRuntime(manifest.snapshot), manifest.snapshot_size, downloads)
      : null;
  snapshot?.catch(() => {}); // handled below; never an "unhandled rejection"
  compileEarly(inBase("pyodide.asm.wasm"), downloads);
  downloads.start(inBase("python_stdlib.zip"));
  downloads.start(settings.lockFileURL);
  const pyodideModule = await pyodideModuleReady;

  if (snapshot) {
    try {
      if (pyodideModule.version !== manifest.pyodide) {
        throw new Error(
          `it was made for Pyodide ${manifest.pyodide}, this is ${pyodideModule.version}`,
        );
      }
      const pyodide = await pyodideModule.loadPyodide({ ...settings, _loadSnapshot: snapshot });
      const seconds = (performance.now() - started) / 1000;
      return { call: bridgeOf(pyodide), mode: "snapshot", seconds };
    } catch (error) {
      // Expected on an unusual host or after a botched deploy, and handled: a warning, not an
      // error. The normal boot below takes a few seconds longer.
      console.warn(
        `[estimator] the memory snapshot could not be used (${messageOf(error)}); starting the normal way`,
      );
    }
  }

  const pyodide = await pyodideModule.loadPyodide(settings);
  send({ type: "progress", step: "package" });
  const problems = [];
  await pyodide.loadPackage("estimator", {
    messageCallback: () => {},
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join("; "));
  const bridge = await (await fetchOk(inRuntime(manifest.bridge))).text();
  pyodide.runPython(bridge, { filename: "bridge.py" });
  return { call: bridgeOf(pyodide), mode: "full", seconds: (performance.now() - started) / 1000 };
}

// Boots once, when the page says "start" (it may wait for the shopper, e.g. under Data Saver).
let start;
const booted = new Promise((resolve) => {
  start = resolve;
}).then(({ useSnapshot, controlled }) => boot(useSnapshot !== false, Boolean(controlled)));
booted.then(
  ({ mode, seconds }) => {
    send({ type: "ready", mode, seconds });
    setTimeout(runLater, LATER_MS);
  },
  (error) => send({ type: "failed", message: messageOf(error) }),
);

self.addEventListener("message", async (event) => {
  const { id, type, order, today } = event.data || {};
  if (type === "start") {
    start(event.data); // only the first call counts
    return;
  }
  if (type !== "estimate" && type !== "calendar") return;
  let call;
  try {
    ({ call } = await booted);
  } catch {
    return; // "failed" was already sent; the page shows it
  }
  try {
    const answer = JSON.parse(call[type](String(order), String(today)));
    send({ type: "answer", id, answer });
  } catch (error) {
    // respond() never raises for bad input, so this is a bug worth seeing in the console.
    console.error(error);
    send({ type: "error", id, message: messageOf(error) });
  }
  if (!laterDone) setTimeout(runLater, 0);
});
