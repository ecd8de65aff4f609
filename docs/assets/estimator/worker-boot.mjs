// Boots the site's own Pyodide in the estimator's worker (worker.mjs), every file from this
// site's origin.
//
// runtime.json (scripts/build_runtime.py) names one directory that holds every runtime file,
// named by a hash of the runtime's inputs, so the core, the lock, the wheel and the snapshot
// always belong together, and gives each file's sha256 (runtime-files.mjs checks them).
//
// Fast way: Pyodide's memory snapshot (manifest.snapshot_br, Brotli, where the host sends it as
// such; else manifest.snapshot, gzip), made at build time with the estimator imported; read from the file kept on the device by an earlier visit, or else
// fetched and unpacked while pyodide.asm.mjs is parsed and the WebAssembly compiles
// (worker-snapshot.mjs), and handed to loadPyodide as `_loadSnapshot`. That is a private
// Pyodide API tied to the exact build: it is used only if runtime.json's Pyodide version equals
// the loaded pyodide.mjs's (Pyodide itself also checks the build id), and any failure
// (missing, damaged, other build) falls back to the normal way: boot, then load the estimator
// wheel by name from the lock (Pyodide checks its sha256).

import { NAMES } from "./names.mjs";
import { fetchOk, messageOf, openRuntimeCache, RuntimeFiles } from "./runtime-files.mjs";
import { loadSnapshot, readKeptFile, startLoader } from "./worker-snapshot.mjs";

/** @typedef {typeof import("pyodide")} PyodideModule  pyodide.mjs, from the runtime directory */
/** @typedef {import("pyodide").PyodideAPI} Pyodide */
/** @typedef {import("./snapshot-file.mjs").KeptSnapshot} KeptSnapshot */
/**
 * A booted runtime: the bridge's functions, how it booted, its files, and work to do once the
 * first answer is out.
 * @typedef {{call: Bridge, mode: "snapshot" | "full", files: RuntimeFiles,
 *            afterFirstAnswer: () => void}} Booted
 */
/**
 * This boot's memory snapshot: see startSnapshot.
 * @typedef {{buffer: Uint8Array | null, done: Promise<unknown> | null, failure: () => unknown,
 *            release: () => void, afterFirstAnswer: () => void}} Snapshot
 */

const RUNTIME = new URL("../runtime/", import.meta.url);
export const MANIFEST_URL = new URL(NAMES.manifest, RUNTIME).href;

/**
 * runtime.json, from the network whenever it answers (never a copy the HTTP cache kept from an
 * older deployment: "no-cache" revalidates it), else the service worker's copy. `fresh` also
 * bypasses the service worker's copy and, with a query of its own, any cache between the
 * browser and the host that ignores "no-cache" (after a 404 in the runtime directory).
 * @returns {Promise<RuntimeManifest>}
 */
export async function readManifest({ fresh = false } = {}) {
  if (!fresh) return (await fetchOk(MANIFEST_URL, { cache: "no-cache" })).json();
  const url = `${MANIFEST_URL}?reload=${Date.now()}`;
  return (await fetchOk(url, { cache: "reload" })).json();
}

/**
 * The bridge's functions (estimator/bridge.py), by their shared names.
 * @param {Pyodide} pyodide
 * @returns {Bridge}  each checked to be a function (Pyodide proxies of Python's)
 */
function bridgeOf(pyodide) {
  const module = pyodide.pyimport(NAMES.bridgeModule);
  /** @type {Record<string, unknown>} */
  const call = {};
  for (const [key, name] of Object.entries(NAMES.bridge)) {
    call[key] = module[name];
    if (typeof call[key] !== "function") throw new Error(`bridge function ${name} is missing`);
  }
  return /** @type {Bridge} */ (call);
}

/**
 * Pyodide fetches its WebAssembly and standard library with the global `fetch`, and compiles
 * the WebAssembly with `WebAssembly.instantiateStreaming`; it has no option to be handed either.
 * So, while it boots and only then (`restore()`), both go through `files`: a file started early
 * is handed over the first time Pyodide asks for it, and the WebAssembly compiled early (below)
 * is handed over instead of compiled again.
 * @param {RuntimeFiles} files @param {string} wasmUrl
 */
function interceptPyodideLoads(files, wasmUrl) {
  const plainFetch = self.fetch;
  const plainInstantiate = WebAssembly.instantiateStreaming;
  /** @type {Map<string, Promise<Response>>} */
  const early = new Map();
  /** @type {WeakSet<Response>} */
  const placeholders = new WeakSet();
  // Pyodide swallows a failed instantiation (a console warning) and never settles: the boot
  // races this instead.
  /** @type {(error: unknown) => void} */
  let wasmFailed;
  /** @type {unknown} */
  let wasmError = null;
  /** @type {Promise<never>} */
  const failed = new Promise((_resolve, reject) => (wasmFailed = reject));
  failed.catch(() => {});
  const wasmFile = files.download(wasmUrl);
  const compiled = WebAssembly.compileStreaming(wasmFile);
  compiled.catch(() => {}); // reported where it is used
  self.fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (url === wasmUrl) {
      const placeholder = new Response(null, { headers: { "Content-Type": "application/wasm" } });
      placeholders.add(placeholder);
      return Promise.resolve(placeholder);
    }
    const started = early.get(url);
    if (started) {
      early.delete(url);
      return started;
    }
    if (url.startsWith(files.base) && !url.includes("?")) return files.download(url);
    return plainFetch(input, init);
  };
  /** @type {typeof WebAssembly.instantiateStreaming} the same call, answered from the early
   * compilation when it is ours */
  const instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!placeholders.has(response)) return plainInstantiate(source, imports);
    try {
      const module = await wasmModule(compiled, files, wasmUrl);
      return { module, instance: await WebAssembly.instantiate(module, imports) };
    } catch (error) {
      wasmError = error;
      wasmFailed(error);
      throw error;
    }
  };
  WebAssembly.instantiateStreaming = instantiateStreaming;
  return {
    /** Rejects if the WebAssembly cannot be had (missing, damaged): Pyodide then never
     * settles. */
    failed,
    wasmError: () => wasmError,
    /** Settles once the compiler has the WebAssembly's file (or it failed). */
    wasmHandedOver: wasmFile.then(
      () => {},
      () => {},
    ),
    /** Starts downloading `url` now; hands it to Pyodide once it is there and `after` (if
     * given) has settled.
     * @param {string} url @param {Promise<unknown> | null} [after] */
    start(url, after = null) {
      const response = files.download(url);
      const handedOver = after ? after.then(() => response) : response;
      // Whoever asks for it gets the error (a failed boot may never ask).
      response.catch(() => {});
      handedOver.catch(() => {});
      early.set(url, handedOver);
    },
    restore() {
      self.fetch = plainFetch;
      WebAssembly.instantiateStreaming = plainInstantiate;
    },
  };
}

/** The early compilation's module if its file was intact; else the file fetched again,
 * checked, and compiled.
 * @param {Promise<WebAssembly.Module>} compiled @param {RuntimeFiles} files @param {string} wasmUrl */
async function wasmModule(compiled, files, wasmUrl) {
  try {
    const module = await compiled;
    if (await files.intact(wasmUrl)) return module;
  } catch {
    // a download that failed or did not compile: fetched again below
  }
  return WebAssembly.compile(await files.verifiedBytes(wasmUrl));
}

/**
 * Boots Pyodide with the estimator for `manifest`: {call, mode, afterFirstAnswer, files}.
 * `useSnapshot` false: no snapshot download (a kept one costs no data and is used);
 * `controlled`: the service worker stores what passes through it; `keptFile`: the snapshot
 * file kept on the device, opened (snapshot-file.mjs) or null; `loader`: a snapshot loader
 * already started, or null; `progress(step)` reports a step to the page; `attempt.files` is set
 * to this boot's RuntimeFiles at once (worker.mjs watches its downloads).
 * @param {{manifest: RuntimeManifest, useSnapshot: boolean, controlled: boolean,
 *          keptFile: KeptSnapshot | null, loader: Worker | null, progress: (step: string) => void,
 *          attempt: {files: RuntimeFiles | null}}} options
 * @returns {Promise<Booted>}
 */
export async function bootPyodide(options) {
  const { manifest, useSnapshot, controlled, keptFile, loader, progress, attempt } = options;
  const base = new URL(manifest.base, RUNTIME).href;
  const inBase = (/** @type {string} */ name) => new URL(name, base).href;
  const inRuntime = (/** @type {string} */ path) => new URL(path, RUNTIME).href;
  // The scripts first: pyodide.asm.mjs (1.2 MB of JavaScript) is parsed while the big files
  // download. Pyodide imports the same URL later, and gets this very module.
  /** @type {Promise<PyodideModule>} */
  const pyodideModuleReady = import(inBase("pyodide.mjs"));
  import(inBase("pyodide.asm.mjs")).catch(() => {}); // Pyodide's own import reports a failure
  const cache = await openRuntimeCache(manifest);
  const files = new RuntimeFiles({
    base,
    hashes: manifest.files,
    cache,
    storeDownloads: !controlled,
  });
  attempt.files = files;
  const wasmUrl = inBase("pyodide.asm.wasm");
  const pyodideLoads = interceptPyodideLoads(files, wasmUrl);
  try {
    // The WebAssembly first: the compiler starts only once this thread has handed it the file,
    // and reading the kept snapshot file then holds this thread for 60-100 ms.
    if (keptFile) await pyodideLoads.wasmHandedOver;
    const snapshot = startSnapshot({ manifest, useSnapshot, keptFile, loader, files, inRuntime });
    const settings = {
      indexURL: base,
      // Pyodide's lock, checked; the wheel paths in it are resolved against the runtime
      // directory, never Pyodide's CDN.
      lockFileContents: checkedLock(files, inRuntime(manifest.lock)),
      packageBaseUrl: base,
      stdout: () => {},
      stderr: (/** @type {string} */ line) => console.warn(`[estimator] ${line}`),
    };
    // Pyodide sets itself up (instantiating and linking the WebAssembly: a few hundred ms)
    // before it reads the snapshot, and reads it once the standard library is in its file
    // system. So it gets the snapshot's buffer at once, while it is still being filled, and the
    // standard library only once the snapshot is complete (or has failed): the setup and the
    // snapshot's download or cache read overlap (snapshot-pages.mjs writes the magic number
    // last, so a buffer read early is refused, and the normal boot below takes over).
    // After a restore Python reads no file of its standard library (scripts/snapshot.mjs checks
    // it at build time): the snapshot path gets an empty zip, the normal boot a cut-down one.
    const stdlib = inRuntime(manifest.stdlib);
    const snapshotStdlib = inRuntime(manifest.snapshot_stdlib);
    pyodideLoads.start(snapshot.buffer ? snapshotStdlib : stdlib, snapshot.done);
    const pyodideModule = await pyodideModuleReady;
    if (snapshot.buffer) {
      const fromSnapshot = { ...settings, stdLibURL: snapshotStdlib };
      const booted = await bootFromSnapshot(
        pyodideModule,
        fromSnapshot,
        manifest,
        /** @type {Snapshot & {buffer: Uint8Array}} */ (snapshot), // it has a buffer
        pyodideLoads,
      );
      if (booted) return { ...booted, files, afterFirstAnswer: snapshot.afterFirstAnswer };
    }
    const normally = { ...settings, stdLibURL: stdlib };
    const pyodide = await Promise.race([pyodideModule.loadPyodide(normally), pyodideLoads.failed]);
    progress("package");
    await loadEstimatorWheel(pyodide);
    return { call: bridgeOf(pyodide), mode: "full", files, afterFirstAnswer: () => {} };
  } finally {
    pyodideLoads.restore();
  }
}

/** The lock, checked and parsed; a failure is reported by Pyodide's boot, or by the boot
 * failing before Pyodide reads it.
 * @param {RuntimeFiles} files @param {string} url */
function checkedLock(files, url) {
  const lock = files
    .verifiedBytes(url)
    .then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  lock.catch(() => {});
  return lock;
}

async function loadEstimatorWheel(/** @type {Pyodide} */ pyodide) {
  /** @type {string[]} */
  const problems = [];
  await pyodide.loadPackage("estimator", {
    messageCallback: () => {},
    errorCallback: (message) => problems.push(message),
  });
  if (problems.length) throw new Error(problems.join("; "));
}

/**
 * The snapshot for this boot: `{buffer, done, failure(), release(), afterFirstAnswer}`.
 * `buffer` is null when there is none to use; `done` settles once it is complete, has failed,
 * or is given up (`release()`: the normal boot need not wait for it); it never rejects.
 * `failure()` tells why it failed, or null.
 * @param {{manifest: RuntimeManifest, useSnapshot: boolean, keptFile: KeptSnapshot | null,
 *          loader: Worker | null, files: RuntimeFiles, inRuntime: (path: string) => string}} job
 */
function startSnapshot({ manifest, useSnapshot, keptFile, loader, files, inRuntime }) {
  const kept = readKeptFile(keptFile, manifest);
  // Without `useSnapshot` (the connection asks to save data) the snapshot is not downloaded,
  // but one already on this device costs no data.
  const useIt = Boolean(manifest.snapshot) && (useSnapshot || kept !== null);
  /** @type {Snapshot} */
  const none = {
    buffer: null,
    done: null,
    failure: () => null,
    release: () => {},
    afterFirstAnswer: () => {},
  };
  if (!useIt) {
    loader?.terminate();
    return none;
  }
  if (kept) return { ...none, buffer: kept, done: Promise.resolve() };
  const buffer = new Uint8Array(manifest.snapshot_size);
  const result = { ...none, buffer };
  const url = inRuntime(manifest.snapshot);
  /** @param {string} path */
  const hashOf = (path) => (manifest.files || {})[path.slice(manifest.base.length)] || null;
  const sha256 = hashOf(manifest.snapshot);
  // The Brotli copy first (its sha256 is the unpacked file's): used where the host sends it
  // with `Content-Encoding: br`, else the gzip copy is downloaded.
  const brotli = manifest.snapshot_br
    ? { url: inRuntime(manifest.snapshot_br), sha256: hashOf(manifest.snapshot_br) }
    : null;
  const released = new Promise((resolve) => {
    result.release = () => resolve(undefined);
  });
  // (A kept file of another runtime, from before a new deployment, started no loader.)
  const loaded = loadSnapshot({
    loader: loader ?? startLoader(),
    manifest,
    url,
    sha256,
    brotli,
    files,
    target: buffer,
  })
    .then((keep) => {
      if (keep) result.afterFirstAnswer = keep;
    })
    .catch((error) => {
      result.failure = () => error;
    });
  result.done = Promise.race([loaded, released]);
  return result;
}

/**
 * Pyodide booted from `snapshot` ({call, mode}), or null after a console warning; throws if
 * the WebAssembly failed (no boot can work without it).
 * @param {PyodideModule} pyodideModule
 * @param {import("pyodide").PyodideConfig} settings
 * @param {RuntimeManifest} manifest
 * @param {Snapshot & {buffer: Uint8Array}} snapshot
 * @param {ReturnType<typeof interceptPyodideLoads>} pyodideLoads
 * @returns {Promise<{call: Bridge, mode: "snapshot"} | null>}
 */
async function bootFromSnapshot(pyodideModule, settings, manifest, snapshot, pyodideLoads) {
  try {
    if (pyodideModule.version !== manifest.pyodide) {
      throw new Error(
        `it was made for Pyodide ${manifest.pyodide}, this is ${pyodideModule.version}`,
      );
    }
    if (snapshot.failure()) throw snapshot.failure();
    const pyodide = await Promise.race([
      pyodideModule.loadPyodide({ ...settings, _loadSnapshot: snapshot.buffer }),
      pyodideLoads.failed,
    ]);
    return { call: bridgeOf(pyodide), mode: "snapshot" };
  } catch (error) {
    if (pyodideLoads.wasmError()) throw pyodideLoads.wasmError();
    // Expected on an unusual host or after a botched deploy, and handled: a warning, not an
    // error. The normal boot takes a few seconds longer. The snapshot's own failure, if it
    // failed, says more than Pyodide's refusal of an unfinished buffer.
    snapshot.release();
    const cause = snapshot.failure() || error;
    console.warn(
      `[estimator] the memory snapshot could not be used (${messageOf(cause)}); starting the normal way`,
    );
    return null;
  }
}
