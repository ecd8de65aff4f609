// The estimator's Pyodide memory snapshot and standard library, made and checked in Node by
// scripts/build_runtime.py, from the very files the site ships.
//
//   node scripts/snapshot.mjs MODE DIR REQUESTS.json
//
// DIR is a runtime directory (Pyodide's core files, pyodide-lock.json naming the estimator
// wheel); REQUESTS.json lists bridge calls (scripts/restore_orders.py). Each mode prints one
// JSON line.
//
// - `stdlib`: boots the normal way (the fallback path: core, then the wheel by name from the
//   lock) with DIR's python_stdlib.zip, answers the requests, and lists the files of the zip
//   that Python's modules came from: build_runtime.py ships a zip of only those.
// - `fallback`: the same boot with the zip as shipped; its answers must equal CPython's.
// - `make` (with Pyodide's whole standard library, before it is cut down): boots with
//   `_makeSnapshot` and a fixed hash seed (the same inputs then give the same snapshot),
//   installs the wheel the lock names (unpacked: `loadPackage` leaves a JS object behind that a
//   snapshot cannot hold), imports every estimator module (the bridge among them), runs every
//   request once (so nothing is imported lazily later), zeroes the free memory (the snapshot
//   then compresses far better), and writes Pyodide's whole memory without its all-zero pages
//   (the format: docs/assets/estimator/snapshot-pages.mjs) as gzip -9 and as Brotli 11.
// - `check`: reads both files (they must hold the same bytes) back as the worker does (in
//   chunks of several sizes, which must all give the same bytes), restores the snapshot in a
//   fresh Pyodide with no estimator file and the empty standard library the site ships on that
//   path, and answers the requests while recording every file Pyodide's file system opens or
//   looks up below /lib/python and every module Python imports: any of them fails the check
//   (the snapshot path would break, or would need the real zip).
// `make` and `check` print {pyodide, build_id, snapshot_size, answers}; build_runtime.py
// compares the answers with CPython's and the build id with the one in pyodide.mjs.
//
// `_makeSnapshot`, `makeMemorySnapshot` and `_loadSnapshot` are Pyodide's private API: a
// snapshot fits only the exact Pyodide build (BUILD_ID) that made it, which is why it is made
// from the very files the site ships, and rebuilt whenever they change.
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  brotliCompressSync,
  brotliDecompressSync,
  constants,
  gunzipSync,
  gzipSync,
} from "node:zlib";

import { NAMES } from "../docs/assets/estimator/names.mjs";
import { encodePages, PageReader, readPagesAt } from "../docs/assets/estimator/snapshot-pages.mjs";

const [mode, dir, requestsFile] = process.argv.slice(2);
if (!["stdlib", "fallback", "make", "check"].includes(mode) || !dir || !requestsFile) {
  console.error("usage: node scripts/snapshot.mjs stdlib|fallback|make|check DIR REQUESTS.json");
  process.exit(2);
}
// Never the network: a missing file must fail here, not be fetched from Pyodide's CDN.
globalThis.fetch = async (url) => {
  throw new Error(`network access is not allowed here (tried to fetch ${url})`);
};

const indexURL = path.resolve(dir) + path.sep;
const lockPath = path.join(indexURL, "pyodide-lock.json");
// The snapshot as shipped: gzip (any host) and Brotli (hosts that send it as such).
const snapshotPath = {
  gzip: path.join(indexURL, NAMES.snapshotFile),
  brotli: path.join(indexURL, NAMES.snapshotBrotli),
};
/** @type {{call: keyof Bridge, order: string, today: string}[]} scripts/restore_orders.py */
const requests = JSON.parse(readFileSync(requestsFile, "utf8"));
/** @type {typeof import("pyodide")} */
const { loadPyodide, version } = await import(
  pathToFileURL(path.join(indexURL, "pyodide.mjs")).href
);
/** @typedef {import("pyodide").PyodideAPI} Pyodide */
const common = { indexURL, lockFileURL: lockPath, packageBaseUrl: indexURL, stdout: () => {} };
const withStdlib = (/** @type {string} */ name) => ({
  ...common,
  stdLibURL: path.join(indexURL, name),
});

/** Snapshot header: magic, offsets, then the 256-bit build id as 8 little-endian words. */
function buildIdOf(/** @type {Uint8Array} */ snapshot) {
  const words = new Uint32Array(snapshot.buffer, snapshot.byteOffset + 16, 8);
  return Array.from(words, (word) => word.toString(16).padStart(8, "0")).join("");
}

/** Each request's answer from the bridge module, called as the worker calls it. */
function answer(/** @type {Pyodide} */ pyodide) {
  const module = pyodide.pyimport(NAMES.bridgeModule);
  return requests.map(({ call, order, today }) => {
    const fn = module[NAMES.bridge[call]];
    return call === "options" ? fn() : fn(order, today);
  });
}

/** The file's bytes read as the worker reads them: the same snapshot whatever the chunks. */
function readSnapshot(/** @type {Uint8Array} */ file) {
  const size = new DataView(file.buffer, file.byteOffset).getUint32(12, true);
  /** @type {Uint8Array | null} */
  let whole = null;
  for (const chunkSize of [file.length, 65536, 4095, 1000]) {
    const reader = new PageReader(size);
    for (let offset = 0; offset < file.length; offset += chunkSize) {
      reader.push(file.subarray(offset, offset + chunkSize));
    }
    // The worker hands Pyodide the buffer while it fills: Pyodide's magic number must appear
    // only at the end, so that an early read is refused instead of half-read.
    if (reader.target.subarray(0, 4).some((byte) => byte !== 0)) {
      throw new Error("the snapshot's first bytes were written before the end");
    }
    const bytes = reader.finish();
    if (whole && Buffer.compare(bytes, whole) !== 0) {
      throw new Error(`reading the snapshot in chunks of ${chunkSize} bytes gave other bytes`);
    }
    whole ??= bytes;
  }
  // A later visit reads the file kept on the device at offsets, page runs straight into place.
  // Set by the loop's first round.
  const read = /** @type {Uint8Array} */ (whole);
  const readAt = (/** @type {Uint8Array} */ view, /** @type {number} */ offset) =>
    view.set(file.subarray(offset, offset + view.length));
  const atOffsets = readPagesAt(readAt, file.length, new Uint8Array(size));
  if (Buffer.compare(atOffsets, read) !== 0) {
    throw new Error("reading the snapshot file at offsets gave other bytes");
  }
  for (const cut of [1, 4096, file.length - 1]) {
    let refused = false;
    try {
      readPagesAt(readAt, file.length - cut, new Uint8Array(size));
    } catch {
      refused = true;
    }
    if (!refused) throw new Error(`a snapshot file ${cut} bytes short was not refused`);
  }
  return read;
}

/** Zeroes the memory nobody uses: malloc's free chunks (taken, zeroed, given back) and what
 * lies above the heap's top. Never grows the memory: a request that could is not made.
 * @param {Pyodide} pyodide */
function zeroFreeMemory(pyodide) {
  /** @typedef {{HEAPU8: Uint8Array, HEAPU32: Uint32Array, _malloc(size: number): number,
   *   _free(pointer: number): void, _emscripten_get_sbrk_ptr(): number}} EmscriptenModule */
  // Pyodide's Emscripten module: private, not in its types.
  const module = /** @type {Pyodide & {_module: EmscriptenModule}} */ (pyodide)._module;
  const size = module.HEAPU8.length;
  const heapTop = () => module.HEAPU32[module._emscripten_get_sbrk_ptr() >>> 2];
  const SLACK = 1 << 20; // malloc extends its top by more than it was asked for
  const taken = [];
  for (let block = 1 << 20; block >= 64; block >>= 1) {
    while (heapTop() + block + SLACK < size) {
      const pointer = module._malloc(block);
      if (!pointer) break;
      taken.push(pointer);
      module.HEAPU8.fill(0, pointer, pointer + block);
    }
  }
  if (module.HEAPU8.length !== size) throw new Error("zeroing the free memory grew the memory");
  for (const pointer of taken) module._free(pointer);
  module.HEAPU8.fill(0, heapTop(), size);
}

/** What Pyodide's file system opens or looks up below `prefix` from now on, and the modules
 * Python imports: what a restored snapshot must never need.
 * @param {Pyodide} pyodide @param {string} prefix */
function recordReads(pyodide, prefix) {
  /** @type {string[]} */
  const seen = [];
  for (const name of ["open", "stat", "lstat", "lookupPath"]) {
    const original = pyodide.FS[name];
    // Emscripten's FS: untyped in Pyodide's types (any), wrapped here call for call.
    pyodide.FS[name] = function (/** @type {unknown} */ where, /** @type {unknown[]} */ ...rest) {
      if (String(where).startsWith(prefix)) seen.push(`${name} ${where}`);
      return original.call(this, where, ...rest);
    };
  }
  pyodide.globals.set("_report_import", (/** @type {string} */ what) =>
    seen.push(`import ${what}`),
  );
  pyodide.runPython(`
import sys
def _on_audit(event, args):
    if event == "import":
        _report_import(args[0])
sys.addaudithook(_on_audit)
del _on_audit
`);
  return seen;
}

/** The files of the standard-library zip that Python's modules came from. */
function stdlibFilesUsed(/** @type {Pyodide} */ pyodide) {
  return pyodide
    .runPython(`
import sys
_zip = next(p for p in sys.path if p.endswith(".zip")) + "/"
sorted({
    m.__spec__.origin[len(_zip):]
    for m in list(sys.modules.values())
    if getattr(m, "__spec__", None) and (m.__spec__.origin or "").startswith(_zip)
})
`)
    .toJs();
}

/** @type {Uint8Array | undefined} */
let snapshot;
/** @type {string[]} */
let answers;
/**
 * Makes this process give the same snapshot for the same inputs: Python's randomness (its
 * `random` state, libc's ChaCha state) is seeded from Node's `crypto.randomFillSync` (Pyodide's
 * /dev/urandom in Node), and file times and clocks come from `Date.now`, both written into the
 * memory the snapshot saves, and so does `performance.now` (the monotonic clock). Every
 * shopper gets the same snapshot anyway, so a fixed seed gives away nothing that a random one,
 * baked into the published file, would not; the estimator uses no randomness.
 */
function makeReproducible() {
  let state = 0x2545f491;
  const next = () => {
    // xorshift32: any fixed sequence will do.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state & 0xff;
  };
  /** @template {NodeJS.ArrayBufferView} T @param {T} array @returns {T} */
  const fill = (array) => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    for (let i = 0; i < bytes.length; i++) bytes[i] = next();
    return array;
  };
  nodeCrypto.randomFillSync = fill;
  Object.defineProperty(globalThis.crypto, "getRandomValues", { configurable: true, value: fill });
  const epoch = Number(process.env.SOURCE_DATE_EPOCH || 315532800) * 1000;
  Date.now = () => epoch;
  // The monotonic clock: a tick per reading (allocators seed themselves from it too).
  let ticks = 0;
  performance.now = () => (ticks += 1);
}

if (mode === "stdlib" || mode === "fallback") {
  // The normal boot, as the worker's fallback does it: the wheel by name from the lock.
  const pyodide = await loadPyodide(withStdlib(NAMES.stdlib));
  await pyodide.loadPackage("estimator", { messageCallback: () => {} });
  answers = answer(pyodide);
  const used = mode === "stdlib" ? stdlibFilesUsed(pyodide) : undefined;
  console.log(JSON.stringify({ pyodide: version, answers, used }));
} else if (mode === "make") {
  makeReproducible();
  // A fixed hash seed: with a random one, every build's snapshot differs (set and dict layouts).
  const pyodide = await loadPyodide({
    ...withStdlib(NAMES.stdlib),
    _makeSnapshot: true,
    env: { PYTHONHASHSEED: "0" },
  });
  const lock = JSON.parse(readFileSync(lockPath, "utf8"));
  const wheel = readFileSync(path.join(indexURL, lock.packages.estimator.file_name));
  pyodide.unpackArchive(new Uint8Array(wheel), "wheel");
  pyodide.runPython(`
import importlib, pkgutil
import estimator
for module in pkgutil.walk_packages(estimator.__path__, "estimator."):
    if module.name != "estimator.__main__":
        importlib.import_module(module.name)
`);
  answers = answer(pyodide);
  pyodide.runPython("import gc; gc.collect()");
  zeroFreeMemory(pyodide);
  snapshot = pyodide.makeMemorySnapshot();
  const file = encodePages(snapshot);
  writeFileSync(snapshotPath.gzip, gzipSync(file, { level: 9 }));
  const brotli = {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: file.length,
  };
  writeFileSync(snapshotPath.brotli, brotliCompressSync(file, { params: brotli }));
} else {
  const file = gunzipSync(readFileSync(snapshotPath.gzip));
  if (Buffer.compare(file, brotliDecompressSync(readFileSync(snapshotPath.brotli))) !== 0) {
    throw new Error(`${NAMES.snapshotBrotli} and ${NAMES.snapshotFile} differ`);
  }
  snapshot = readSnapshot(new Uint8Array(file));
  const settings = withStdlib(NAMES.snapshotStdlib);
  const pyodide = await loadPyodide({ ...settings, _loadSnapshot: snapshot });
  // The estimator must answer from the snapshot's memory alone: its wheel was never installed.
  const installed = pyodide.runPython("import os, estimator; os.path.exists(estimator.__file__)");
  if (installed) throw new Error("the estimator's files are on the file system: not a snapshot");
  if (pyodide.version !== version) throw new Error(`${pyodide.version} != ${version}`);
  const reads = recordReads(pyodide, "/lib/python");
  answers = answer(pyodide);
  if (reads.length) {
    throw new Error(`after a restore, answering read the standard library: ${reads.join(", ")}`);
  }
}
if (snapshot) {
  console.log(
    JSON.stringify({
      pyodide: version,
      build_id: buildIdOf(snapshot),
      snapshot_size: snapshot.length,
      answers,
    }),
  );
}
