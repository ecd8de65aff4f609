// The estimator's module Web Worker: boots the site's own Pyodide and answers the page's JSON
// messages. Every file comes from this site's origin; nothing the shopper types leaves the device.
//
// The page creates this worker only when the estimator should start, so it begins at once,
// with assets/runtime/runtime.json (written by scripts/build_runtime.py). All runtime files sit
// in one directory named by a hash of its contents (manifest.base), so the core, the lock, the
// wheel and the snapshot always belong together.
//
// Fast way: Pyodide's memory snapshot (manifest.snapshot, gzip), made at build time with the
// estimator imported and bridge.py run; read from the file kept on the device by an earlier
// visit (snapshot-file.mjs), or else fetched and decompressed (DecompressionStream) while
// pyodide.asm.mjs is parsed and the WebAssembly compiles, and handed to loadPyodide as
// `_loadSnapshot`. That is a private Pyodide API tied to the exact build: it is used only if
// runtime.json's Pyodide version equals the loaded pyodide.mjs's (Pyodide itself also checks
// the build id), and any failure (missing, damaged, other build) falls back to the normal way:
// boot, load the estimator wheel by name from the lock (Pyodide checks its sha256), run
// bridge.py.
//
// How to start:           the worker's name (runtime.mjs), words separated by spaces:
//                          "no-snapshot" when the connection asks to save data, "controlled"
//                          when the site's service worker controls the page. A name is read
//                          at once; a message would wait until this module has run.
// Messages from the page:  {id, type: "estimate" | "calendar", order: <JSON text>, today}
// Messages to the page:    {type: "progress", step}         while booting
//                          {type: "ready", mode, seconds}    once: mode "snapshot" or "full"
//                          {type: "failed", message}         once, if booting failed
//                          {type: "stored"}                  once, after "ready": this worker has
//                                                            finished writing the runtime to the
//                                                            cache (the page then asks the service
//                                                            worker to keep the rest)
//                          {type: "answer", id, answer}      one per request, in any order
//                          {type: "error", id, message}      a request that raised (a bug)

import { keepSnapshot, openKeptSnapshot } from "./snapshot-file.mjs";
// Imported here too, though snapshot-file.mjs imports it: the browser then fetches both at once
// instead of one after the other, and the worker starts sooner.
import { placeSnapshot } from "./snapshot-pages.mjs";

const RUNTIME = new URL("../runtime/", import.meta.url);

function send(message) {
  self.postMessage(message);
}

const messageOf = (error) => String(error && error.message ? error.message : error);

// The browser's own fetch: Pyodide's calls go through runtimeFetch's, below.
const plainFetch = self.fetch.bind(self);

async function fetchOk(url) {
  const response = await plainFetch(url);
  if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  return response;
}

// First of all: runtime.json says where everything else is; meanwhile, the snapshot file kept
// on the device by an earlier visit, if any, is opened (snapshot-file.mjs).
const manifestReady = fetchOk(new URL("runtime.json", RUNTIME)).then((response) => response.json());
manifestReady.catch(() => {}); // reported by boot()
const keptFileOpened = openKeptSnapshot();

/** The kept file's snapshot if it belongs to this runtime, else null; the file is closed. */
function readKeptFile(file, manifest) {
  if (!file) return null;
  if (!manifest.snapshot || file.runtimeId !== manifest.id) {
    file.close(); // another deployment's: the new snapshot will replace it
    return null;
  }
  const bytes = file.read();
  return bytes && bytes.length === manifest.snapshot_size ? bytes : null;
}

// --- Keeping the runtime for later visits and offline use --------------------------------
//
// The files are stored in the service worker's runtime cache as this worker downloads them
// (the name is docs/sw.js's convention: one cache per runtime directory, deleted by the
// service worker when a new build replaces the runtime), so the service worker does not have
// to download them a second time. The snapshot is also kept unpacked (16 MB), as a file on the
// device (snapshot-file.mjs) or else in this cache: later visits read it as it is instead of
// unpacking it again.

const cacheNameOf = (manifest) => `prg-runtime-${manifest.id}`;

function openCache(manifest) {
  if (!self.caches) return Promise.resolve(null);
  return self.caches.open(cacheNameOf(manifest)).catch(() => null); // e.g. storage blocked
}

const storing = []; // this visit's writes: "stored" is sent once all have settled

function store(cache, url, response) {
  storing.push(cache.put(url, response).catch(() => {}));
}

// Work that must not delay the first estimate (writing the 16 MB unpacked snapshot file takes
// the worker tens of milliseconds): done after the first answer, or a while after booting if
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
 * network, and then, with `storeDownloads`, a copy goes into `cache`.
 */
function runtimeFetch(base, cache, storeDownloads) {
  const early = new Map();
  const fixed = new Map();
  const download = async (url) => {
    const kept = cache ? await cache.match(url).catch(() => null) : null;
    if (kept) return kept;
    const response = await fetchOk(url);
    if (cache && storeDownloads) store(cache, url, response.clone()); // before the body is read
    return response;
  };
  return {
    download,
    /** Start downloading `url` now; hand it to Pyodide once it is there and `after` has
     * settled. */
    start(url, after = null) {
      const response = download(url);
      response.catch(() => {}); // whoever asks for it gets the error
      const settled = () => response;
      early.set(url, after ? after.then(settled, settled) : response);
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

// --- The snapshot, loaded beside Pyodide's setup ----------------------------------------
//
// On a later visit it is a file on this device, read as this worker starts (above). Otherwise
// snapshot-loader.mjs reads it in a worker of its own: downloaded and unpacked on a first visit
// (a few hundred ms, beside Pyodide's own setup here), or unpacked from the runtime cache in
// browsers that cannot keep such a file. The unpacked file is then kept for next time, after
// the first answer.

/** The snapshot loader's worker; null without nested workers. */
function startLoader() {
  if (typeof Worker !== "function") return null;
  return new Worker(new URL("./snapshot-loader.mjs", import.meta.url), {
    type: "module",
    name: "snapshot-loader",
  });
}

/** Fills `target` with the snapshot, from the runtime cache or downloaded, by `loader` (null:
 * here); a download is kept on the device for next time. */
async function loadedSnapshot(request) {
  const { loader, runtimeId, url, size, cache, cacheName, storeDownload, target } = request;
  let loaded;
  if (loader) {
    loaded = await loadInItsOwnWorker(loader, { url, size, cacheName, storeDownload });
    placeSnapshot(target, loaded.bytes);
  } else {
    // No nested workers in this browser: the same work, here.
    const { loadSnapshot } = await import("./snapshot-loader.mjs");
    loaded = await loadSnapshot({ url, size, cache, storeDownload, target });
    if (loaded.stored) storing.push(loaded.stored);
  }
  if (loaded.file) {
    const keep = async () => {
      if (await keepSnapshot(runtimeId, loaded.file)) return;
      if (!cache) return;
      const headers = { "Content-Type": "application/octet-stream" };
      await cache.put(url.replace(/\.gz$/, ""), new Response(new Blob(loaded.file), { headers }));
    };
    later.push(() => storing.push(keep().catch(() => {})));
  }
}

function loadInItsOwnWorker(loader, request) {
  let done;
  storing.push(new Promise((resolve) => (done = resolve))); // its copy of snapshot.bin.gz
  return new Promise((resolve, reject) => {
    loader.addEventListener("message", ({ data }) => {
      if (data.done) done();
      else if (data.error) reject(new Error(data.error));
      else resolve(data);
    });
    loader.addEventListener("error", (event) => {
      event.preventDefault();
      done();
      reject(new Error(event.message || "the snapshot loader could not start"));
    });
    loader.postMessage(request);
  });
}

// --- Compiling the WebAssembly early ------------------------------------------------------
//
// Pyodide compiles pyodide.asm.wasm only once the snapshot is unpacked; compiling it while the
// snapshot downloads and unpacks saves a few hundred milliseconds. Pyodide's own request for
// the file gets a placeholder, and its WebAssembly.instantiateStreaming call gets the module
// compiled here; anything going wrong falls back to compiling the file the plain way.

function compileEarly(wasmUrl, downloads) {
  const plainInstantiateStreaming = WebAssembly.instantiateStreaming;
  const file = downloads.download(wasmUrl);
  const compiled = WebAssembly.compileStreaming(file);
  compiled.catch(() => {}); // handled where it is used
  const placeholders = new WeakSet();
  downloads.answer(wasmUrl, () => {
    const placeholder = new Response(null, { headers: { "Content-Type": "application/wasm" } });
    placeholders.add(placeholder);
    return placeholder;
  });
  /** @type {any} the same call, answered from the compiled module when it is ours */
  const instantiateStreaming = async (source, imports) => {
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
  WebAssembly.instantiateStreaming = instantiateStreaming;
  return file.then(
    () => {},
    () => {},
  ); // settles once the compiler has the file (or it failed)
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
  const keptFile = await keptFileOpened;
  // Without a snapshot file kept on the device (a first visit), the loader's worker starts at
  // once: it loads while runtime.json arrives.
  let loader = useSnapshot && !keptFile ? startLoader() : null;
  const manifest = await manifestReady.catch((error) => {
    keptFile?.close(); // or it stays locked against the next visit's write
    throw error;
  });
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
  // The WebAssembly first: the compiler starts only once this thread has handed it the file,
  // and reading the kept snapshot file then holds this thread for 60-100 ms.
  const wasmHandedOver = compileEarly(inBase("pyodide.asm.wasm"), downloads);
  if (keptFile) await wasmHandedOver;
  // Everything starts downloading at once, the snapshot first; Pyodide asks for the standard
  // library and the lock only once pyodide.mjs has run.
  //
  // Pyodide sets itself up (instantiating and linking the WebAssembly: a few hundred ms) before
  // it reads the snapshot, and reads it once the standard library is in its file system. So it
  // gets the snapshot's buffer at once, while it is still being filled, and the standard
  // library only once the snapshot is complete (or has failed): the setup and the snapshot's
  // download or cache read overlap. The buffer's first bytes (Pyodide's magic number) are
  // written last (snapshot-pages.mjs): should Pyodide ever read it earlier, it refuses it, and
  // the normal boot below takes over.
  const kept = readKeptFile(keptFile, manifest);
  // Without `useSnapshot` (the connection asks to save data) the snapshot is not downloaded,
  // but one already on this device costs no data.
  const useIt = Boolean(manifest.snapshot) && (useSnapshot || kept !== null);
  const snapshotBuffer = useIt ? kept || new Uint8Array(manifest.snapshot_size) : null;
  let snapshotFailure = null;
  let snapshot = null;
  if (useIt && kept) {
    snapshot = Promise.resolve();
  } else if (useIt) {
    // (A kept file of another runtime, from before a new deployment, started no loader.)
    loader ??= startLoader();
    snapshot = loadedSnapshot({
      loader,
      runtimeId: manifest.id,
      url: inRuntime(manifest.snapshot),
      size: manifest.snapshot_size,
      cache,
      cacheName: cacheNameOf(manifest),
      storeDownload: !controlled,
      target: snapshotBuffer,
    }).catch((error) => {
      snapshotFailure = error;
    });
  } else {
    loader?.terminate();
  }
  let release; // lets the standard library go without the snapshot (the normal boot)
  const released = new Promise((resolve) => {
    release = resolve;
  });
  downloads.start(inBase("python_stdlib.zip"), snapshot && Promise.race([snapshot, released]));
  downloads.start(settings.lockFileURL);
  const pyodideModule = await pyodideModuleReady;

  if (snapshot) {
    try {
      if (pyodideModule.version !== manifest.pyodide) {
        throw new Error(
          `it was made for Pyodide ${manifest.pyodide}, this is ${pyodideModule.version}`,
        );
      }
      if (snapshotFailure) throw snapshotFailure;
      const pyodide = await pyodideModule.loadPyodide({
        ...settings,
        _loadSnapshot: snapshotBuffer,
      });
      const seconds = (performance.now() - started) / 1000;
      return { call: bridgeOf(pyodide), mode: "snapshot", seconds };
    } catch (error) {
      // Expected on an unusual host or after a botched deploy, and handled: a warning, not an
      // error. The normal boot below takes a few seconds longer. The snapshot's own failure,
      // if it failed, says more than Pyodide's refusal of an unfinished buffer.
      release();
      const cause = snapshotFailure || error;
      console.warn(
        `[estimator] the memory snapshot could not be used (${messageOf(cause)}); starting the normal way`,
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

// Boots once, at once: the page creates this worker when the estimator should start.
const startWords = new Set(String(self.name).split(" "));
const booted = boot(!startWords.has("no-snapshot"), startWords.has("controlled"));
booted.then(
  ({ mode, seconds }) => {
    send({ type: "ready", mode, seconds });
    setTimeout(runLater, LATER_MS);
  },
  (error) => send({ type: "failed", message: messageOf(error) }),
);

self.addEventListener("message", async (event) => {
  const { id, type, order, today } = event.data || {};
  if (type !== "estimate" && type !== "calendar") return;
  lastRequestAt = performance.now();
  let call;
  try {
    ({ call } = await booted);
  } catch {
    return; // "failed" was already sent; the page shows it
  }
  try {
    const answer = JSON.parse(call[type](String(order), String(today)));
    send({ type: "answer", id, answer });
    if (type === "estimate" && answer.ok && !warmedUp) {
      warmedUp = true;
      warmUp(call, String(order), String(today));
    }
  } catch (error) {
    // respond() never raises for bad input, so this is a bug worth seeing in the console.
    console.error(error);
    send({ type: "error", id, message: messageOf(error) });
  }
  if (!laterDone) setTimeout(runLater, 0);
});

// WebAssembly starts as quickly compiled, slower code; V8 recompiles the functions that run a
// lot (Python's interpreter) into fast code only once they have run for a while. Left alone,
// that happens during the shopper's first changes, which then take 10-20 ms instead of 2 in
// this worker. So, once the first complete order is estimated, the worker answers the same
// question again a couple of hundred times while the shopper reads (about half a second of
// this thread's time, once per page load) and throws the answers away: one at a time, each in
// a task of its own, and none while the shopper is typing (real requests warm it up too), so
// that a real request seldom waits for one.
const WARM_UP_ROUNDS = 200;
const TYPING_MS = 300; // no warm-up round this soon after a real request
let warmedUp = false;
let lastRequestAt = -Infinity;

function warmUp(call, order, today) {
  let left = WARM_UP_ROUNDS;
  const round = () => {
    const sinceRequest = performance.now() - lastRequestAt;
    if (sinceRequest < TYPING_MS) {
      setTimeout(round, TYPING_MS - sinceRequest);
      return;
    }
    if (left-- <= 0) return;
    try {
      call.estimate(order, today);
    } catch {
      return; // the real request reported it
    }
    setTimeout(round, 0);
  };
  setTimeout(round, 0);
}
