// The estimator's module Web Worker: boots the site's own Pyodide and answers the page's JSON
// messages. Every file comes from this site's origin; nothing the shopper types leaves the device.
//
// The page sends {type: "start", manifest, useSnapshot, controlled} first (manifest: assets/runtime/
// runtime.json, written by scripts/build_runtime.py). All runtime files sit in one directory
// named by a hash of its contents (manifest.base), so the core, the lock, the wheel and the
// snapshot always belong together.
//
// Fast way: Pyodide's memory snapshot (manifest.snapshot, gzip), made at build time with the
// estimator imported and bridge.py run; fetched and decompressed (DecompressionStream) while
// pyodide.mjs and the WebAssembly load, and handed to loadPyodide as `_loadSnapshot`. That is a
// private Pyodide API tied to the exact build: it is used only if runtime.json's Pyodide version
// equals the loaded pyodide.mjs's (Pyodide itself also checks the build id), and any failure
// (missing, damaged, other build) falls back to the normal way: boot, load the estimator wheel
// by name from the lock (Pyodide checks its sha256), run bridge.py.
//
// Messages from the page:  {type: "start", manifest, useSnapshot, controlled}   once
//                          {id, type: "estimate" | "calendar", order: <JSON text>, today}
// Messages to the page:    {type: "progress", step}         while booting
//                          {type: "ready", mode, seconds}    once: mode "snapshot" or "full"
//                          {type: "failed", message}         once, if booting failed
//                          {type: "answer", id, answer}      one per request, in any order
//                          {type: "error", id, message}      a request that raised (a bug)

const RUNTIME = new URL("../runtime/", import.meta.url);

function send(message) {
  self.postMessage(message);
}

const messageOf = (error) => String(error && error.message ? error.message : error);

async function fetchText(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return response.text();
}

// gzip's first two bytes. A host that sends the .gz file with `Content-Encoding: gzip` has the
// browser unpack it already: then the bytes are the snapshot itself.
const GZIP_MAGIC = [0x1f, 0x8b];

/** The snapshot's bytes, unpacked while they download, into one buffer of the known size. */
async function fetchSnapshot(url, size) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
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
  const bytes = new Uint8Array(size);
  let offset = 0;
  for await (const chunk of stream) {
    if (offset + chunk.length > size) throw new Error("the snapshot is larger than expected");
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== size) throw new Error("the snapshot is smaller than expected");
  return bytes;
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

/** `fetch` that also puts the runtime's files (URLs below `prefix`) into `cache`. */
function keepingFetch(cache, prefix) {
  const plainFetch = self.fetch.bind(self);
  return async (input, init) => {
    const response = await plainFetch(input, init);
    const url = typeof input === "string" ? input : input.url || String(input);
    if (response.ok && url.startsWith(prefix) && !url.includes("?")) {
      const copy = response.clone(); // before the caller reads the body
      cache.put(url, copy).catch(() => {});
    }
    return response;
  };
}

/** The unpacked snapshot from the cache, or else downloaded, unpacked and stored there. */
async function keptSnapshot(cache, url, size) {
  const unpackedUrl = url.href.replace(/\.gz$/, "");
  const stored = cache ? await cache.match(unpackedUrl).catch(() => null) : null;
  if (stored) {
    const bytes = new Uint8Array(await stored.arrayBuffer());
    if (bytes.length === size) return bytes;
  }
  const bytes = await fetchSnapshot(url, size);
  if (cache) {
    // Stored once Python runs: copying 30 MB must not delay the first estimate.
    afterBoot.push(() => {
      const headers = { "Content-Type": "application/octet-stream" };
      cache.put(unpackedUrl, new Response(bytes, { headers })).catch(() => {});
    });
  }
  return bytes;
}

const afterBoot = [];

// --- Compiling the WebAssembly early ------------------------------------------------------
//
// Pyodide compiles pyodide.asm.wasm only once the snapshot is unpacked; compiling it while the
// snapshot downloads and unpacks saves a few hundred milliseconds. Pyodide's own request for
// the file gets a placeholder, and its WebAssembly.instantiateStreaming call gets the module
// compiled here; anything going wrong falls back to compiling the file the plain way.

function compileEarly(wasmUrl) {
  const plainFetch = self.fetch.bind(self);
  const plainInstantiateStreaming = WebAssembly.instantiateStreaming;
  const compiled = WebAssembly.compileStreaming(plainFetch(wasmUrl));
  compiled.catch(() => {}); // handled where it is used
  const placeholders = new WeakSet();
  self.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input.url || String(input);
    if (url !== wasmUrl) return plainFetch(input, init);
    const placeholder = new Response(null, { headers: { "Content-Type": "application/wasm" } });
    placeholders.add(placeholder);
    return Promise.resolve(placeholder);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!placeholders.has(response)) return plainInstantiateStreaming(source, imports);
    let module;
    try {
      module = await compiled;
    } catch {
      const bytes = await (await plainFetch(wasmUrl)).arrayBuffer();
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

async function boot(manifest, useSnapshot, controlled) {
  const started = performance.now();
  send({ type: "progress", step: "download" });
  const base = new URL(manifest.base, RUNTIME);
  const settings = {
    indexURL: base.href,
    lockFileURL: new URL(manifest.lock, RUNTIME).href,
    // Where the lock's wheel paths are resolved; never Pyodide's CDN.
    packageBaseUrl: base.href,
    stdout: () => {},
    stderr: (line) => console.warn(`[estimator] ${line}`),
  };
  const cache = await openCache(manifest);
  // A page the service worker controls has it store what passes through it.
  if (cache && !controlled) self.fetch = keepingFetch(cache, base.href);
  compileEarly(new URL("pyodide.asm.wasm", base).href);
  // Everything starts downloading at once: the snapshot here, the rest inside loadPyodide.
  const snapshot =
    useSnapshot && manifest.snapshot
      ? keptSnapshot(cache, new URL(manifest.snapshot, RUNTIME), manifest.snapshot_size)
      : null;
  snapshot?.catch(() => {}); // handled below; never an "unhandled rejection"
  const pyodideModule = await import(new URL("pyodide.mjs", base).href);

  if (snapshot) {
    try {
      if (pyodideModule.version !== manifest.pyodide) {
        throw new Error(
          `it was made for Pyodide ${manifest.pyodide}, this is ${pyodideModule.version}`,
        );
      }
      const pyodide = await pyodideModule.loadPyodide({ ...settings, _loadSnapshot: snapshot });
      const call = bridgeOf(pyodide);
      afterBoot.splice(0).forEach((job) => setTimeout(job, 0));
      return { call, mode: "snapshot", seconds: (performance.now() - started) / 1000 };
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
  pyodide.runPython(await fetchText(new URL(manifest.bridge, RUNTIME)), {
    filename: "bridge.py",
  });
  return { call: bridgeOf(pyodide), mode: "full", seconds: (performance.now() - started) / 1000 };
}

// Boots once, when the page says "start" (it may wait for the shopper, e.g. under Data Saver).
let start;
const booted = new Promise((resolve) => {
  start = resolve;
}).then(({ manifest, useSnapshot, controlled }) =>
  boot(manifest, useSnapshot !== false, Boolean(controlled)),
);
booted.then(
  ({ mode, seconds }) => send({ type: "ready", mode, seconds }),
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
});
