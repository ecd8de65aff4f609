// Boots the site's own Pyodide runtime (docs/assets/runtime/, written by `make wheel`) in
// Node and loads the estimator BY NAME through its pyodide-lock.json, as the widget does.
// Shared by tests/pyodide/run_in_pyodide.mjs and scripts/bench_pyodide.mjs.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const RUNTIME_DIR = path.join(ROOT, "docs", "assets", "runtime");
export const VENV_PYTHON = path.join(ROOT, ".venv", "bin", "python");

/** @param {string} message @returns {never} */
export function fail(message) {
  console.error(`${path.basename(process.argv[1])}: ${message}`);
  process.exit(1);
}

// Tests and benchmarks must never reach the internet. Pyodide in Node reads local paths with
// fs and only uses fetch for URLs, e.g. its CDN fallback for a package missing on disk.
function forbidNetwork() {
  globalThis.fetch = async (url) => {
    throw new Error(`network access is not allowed here (tried to fetch ${url})`);
  };
}

// Pyodide checks the lock's sha256 only in browsers (fetch `integrity`); in Node it reads the
// file as is. Check it here so a stale or tampered wheel fails the Node runs too.
/** @param {import("pyodide").Lockfile} lock @param {string} baseDir */
function checkLockedFiles(lock, baseDir) {
  for (const [name, entry] of Object.entries(lock.packages)) {
    const file = path.join(baseDir, entry.file_name);
    if (!existsSync(file)) fail(`the lock lists ${name} as ${entry.file_name}, which is missing`);
    const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
    if (sha256 !== entry.sha256) fail(`${entry.file_name} does not match its sha256 in the lock`);
  }
}

/** Boot Pyodide from docs/assets/runtime (the versioned directory runtime.json names, without
 * its memory snapshot: a normal boot) and load `estimator` from its lock. */
/**
 * Pyodide from the site's runtime with the estimator loaded by name from its lock. The runtime
 * ships a standard library cut down to what the estimator imports; `wholeStdlib` (the test
 * harness: pytest, Hypothesis) takes Pyodide's whole one from node_modules instead.
 */
export async function bootRuntime({ wholeStdlib = false } = {}) {
  forbidNetwork();
  const manifestPath = path.join(RUNTIME_DIR, "runtime.json");
  if (!existsSync(manifestPath))
    fail("docs/assets/runtime/runtime.json is missing: run `make wheel`");
  /** @type {RuntimeManifest} */
  const runtime = JSON.parse(readFileSync(manifestPath, "utf8"));
  const baseDir = path.join(RUNTIME_DIR, runtime.base ?? "");
  const lockPath = path.join(RUNTIME_DIR, runtime.lock);
  checkLockedFiles(JSON.parse(readFileSync(lockPath, "utf8")), baseDir);

  const started = performance.now();
  // The copied pyodide.mjs, not node_modules': this also proves the copy is complete.
  /** @type {typeof import("pyodide")} */
  const { loadPyodide } = await import(pathToFileURL(path.join(baseDir, "pyodide.mjs")).href);
  const indexURL = baseDir.replace(/[\\/]*$/, path.sep);
  // packageBaseUrl is where lock entries are read from; set explicitly it also replaces the
  // CDN as Node's fallback, so nothing is fetched if a file is missing.
  const stdLibURL = wholeStdlib
    ? path.join(ROOT, "node_modules", "pyodide", "python_stdlib.zip")
    : undefined;
  const settings = { indexURL, lockFileURL: lockPath, packageBaseUrl: indexURL };
  const pyodide = await loadPyodide({ ...settings, ...(stdLibURL ? { stdLibURL } : {}) });
  const booted = performance.now();
  /** @type {string[]} */
  const errors = [];
  await pyodide.loadPackage("estimator", {
    messageCallback: () => {},
    errorCallback: (message) => errors.push(message),
  });
  if (errors.length) fail(`loading estimator from the lock failed: ${errors.join("; ")}`);
  const loaded = performance.now();

  // The estimator must come from the wheel installed by the lock, not from any source tree.
  const estimatorFile = pyodide.runPython("import estimator; estimator.__file__");
  if (!estimatorFile.includes("/site-packages/estimator/")) {
    fail(`estimator was imported from ${estimatorFile}, not from the wheel`);
  }
  return {
    pyodide,
    runtime,
    python: pyodide.runPython("import sys; '%d.%d.%d' % sys.version_info[:3]"),
    bootSeconds: (booted - started) / 1000,
    loadSeconds: (loaded - booted) / 1000,
  };
}
