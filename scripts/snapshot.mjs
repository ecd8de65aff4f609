// The estimator's Pyodide memory snapshot, made and checked in Node by scripts/build_runtime.py.
//
//   node scripts/snapshot.mjs make  DIR REQUESTS.json
//   node scripts/snapshot.mjs check DIR REQUESTS.json
//
// DIR is a finished runtime directory (Pyodide's core files, pyodide-lock.json naming the
// estimator wheel). `make` boots Pyodide from DIR with `_makeSnapshot` and a fixed hash seed
// (the same inputs then give the same snapshot), installs the wheel the lock names (unpacked:
// `loadPackage` leaves a JS object behind that a snapshot cannot hold), imports every estimator
// module (the bridge among them) and runs every request once (so nothing is imported lazily
// later), then writes DIR/snapshot.bin.gz: Pyodide's whole memory
// with the estimator ready to answer, without its all-zero pages (the format is in
// docs/assets/estimator/snapshot-pages.mjs, which the worker reads it with), gzip -9. `check`
// reads that file back as the worker does (in chunks of several sizes, which must all give the
// same bytes), boots a fresh Pyodide from DIR and that snapshot, with no estimator file on its
// file system, and answers the requests again. Both
// print one JSON line: {pyodide, build_id, snapshot_size, answers}; build_runtime.py compares
// the answers with CPython's and the build id with the one in pyodide.mjs.
//
// `_makeSnapshot`, `makeMemorySnapshot` and `_loadSnapshot` are Pyodide's private API: a
// snapshot fits only the exact Pyodide build (BUILD_ID) that made it, which is why it is made
// from the very files the site ships, and rebuilt whenever they change.
import nodeCrypto from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";

import { NAMES } from "../docs/assets/estimator/names.mjs";
import { encodePages, PageReader, readPagesAt } from "../docs/assets/estimator/snapshot-pages.mjs";

const [mode, dir, requestsFile] = process.argv.slice(2);
if (!["make", "check"].includes(mode) || !dir || !requestsFile) {
  console.error("usage: node scripts/snapshot.mjs make|check DIR REQUESTS.json");
  process.exit(2);
}
// Never the network: a missing file must fail here, not be fetched from Pyodide's CDN.
globalThis.fetch = async (url) => {
  throw new Error(`network access is not allowed here (tried to fetch ${url})`);
};

const indexURL = path.resolve(dir) + path.sep;
const lockPath = path.join(indexURL, "pyodide-lock.json");
const snapshotPath = path.join(indexURL, NAMES.snapshotFile);
const requests = JSON.parse(readFileSync(requestsFile, "utf8"));
const { loadPyodide, version } = await import(
  pathToFileURL(path.join(indexURL, "pyodide.mjs")).href
);
const common = { indexURL, lockFileURL: lockPath, packageBaseUrl: indexURL, stdout: () => {} };

/** Snapshot header: magic, offsets, then the 256-bit build id as 8 little-endian words. */
function buildIdOf(snapshot) {
  const words = new Uint32Array(snapshot.buffer, snapshot.byteOffset + 16, 8);
  return Array.from(words, (word) => word.toString(16).padStart(8, "0")).join("");
}

/** Each request's answer from the bridge module, called as the worker calls it. */
function answer(pyodide) {
  const module = pyodide.pyimport(NAMES.bridgeModule);
  return requests.map(({ call, order, today }) => {
    const fn = module[NAMES.bridge[call]];
    return call === "options" ? fn() : fn(order, today);
  });
}

/** The file's bytes read as the worker reads them: the same snapshot whatever the chunks. */
function readSnapshot(file) {
  const size = new DataView(file.buffer, file.byteOffset).getUint32(12, true);
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
  const readAt = (view, offset) => view.set(file.subarray(offset, offset + view.length));
  const atOffsets = readPagesAt(readAt, file.length, new Uint8Array(size));
  if (Buffer.compare(atOffsets, whole) !== 0) {
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
  return whole;
}

let snapshot;
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

if (mode === "make") {
  makeReproducible();
  // A fixed hash seed: with a random one, every build's snapshot differs (set and dict layouts).
  const pyodide = await loadPyodide({
    ...common,
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
  snapshot = pyodide.makeMemorySnapshot();
  writeFileSync(snapshotPath, gzipSync(encodePages(snapshot), { level: 9 }));
} else {
  snapshot = readSnapshot(new Uint8Array(gunzipSync(readFileSync(snapshotPath))));
  const pyodide = await loadPyodide({ ...common, _loadSnapshot: snapshot });
  // The estimator must answer from the snapshot's memory alone: its wheel was never installed.
  const installed = pyodide.runPython("import os, estimator; os.path.exists(estimator.__file__)");
  if (installed) throw new Error("the estimator's files are on the file system: not a snapshot");
  if (pyodide.version !== version) throw new Error(`${pyodide.version} != ${version}`);
  answers = answer(pyodide);
}
console.log(
  JSON.stringify({
    pyodide: version,
    build_id: buildIdOf(snapshot),
    snapshot_size: snapshot.length,
    answers,
  }),
);
