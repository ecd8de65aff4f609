// The estimator worker's memory snapshot, loaded beside Pyodide's own setup (worker-boot.mjs).
//
// On a later visit it is a file on this device (snapshot-file.mjs), opened as the worker starts
// and read once runtime.json says it belongs to this runtime. Otherwise snapshot-loader.mjs
// reads it in a worker of its own: downloaded and unpacked on a first visit (a few hundred ms,
// beside Pyodide's setup here), or unpacked from the runtime cache in browsers that cannot keep
// such a file. The unpacked file is then kept for next time, after the first answer.

import { NAMES } from "./names.mjs";
import { runtimeCacheName, unpackedUrl } from "./runtime-files.mjs";
import { keepSnapshot } from "./snapshot-file.mjs";
import { placeSnapshot } from "./snapshot-pages.mjs";

/** @typedef {import("./runtime-files.mjs").RuntimeFiles} RuntimeFiles */
/** @typedef {{bytes: Uint8Array, file: Uint8Array<ArrayBuffer>[] | null}} LoadedSnapshot */

/**
 * The kept file's snapshot if it belongs to this runtime, else null; the file is closed.
 * @param {import("./snapshot-file.mjs").KeptSnapshot | null} file
 * @param {RuntimeManifest} manifest
 */
export function readKeptFile(file, manifest) {
  if (!file) return null;
  if (!manifest.snapshot || file.runtimeId !== manifest.id) {
    file.close(); // another deployment's: the new snapshot will replace it
    return null;
  }
  const bytes = file.read();
  return bytes && bytes.length === manifest.snapshot_size ? bytes : null;
}

/** The snapshot loader's worker; null without nested workers. */
export function startLoader() {
  if (typeof Worker !== "function") return null;
  return new Worker(new URL("./snapshot-loader.mjs", import.meta.url), {
    type: "module",
    name: NAMES.snapshotLoader,
  });
}

/**
 * Fills `target` with the snapshot, by `loader` (null: here), from the runtime cache or
 * downloaded. Resolves to a job that keeps a download on the device for next time (run after
 * the first answer: writing 16 MB takes the worker tens of milliseconds), or null.
 * @param {{loader: Worker | null, manifest: RuntimeManifest, url: string, sha256: string | null,
 *          brotli: SnapshotLoaderRequest["brotli"], files: RuntimeFiles, target: Uint8Array}} job
 * @returns {Promise<(() => void) | null>}
 */
export async function loadSnapshot({ loader, manifest, url, sha256, brotli, files, target }) {
  const request = {
    url,
    size: manifest.snapshot_size,
    sha256,
    brotli,
    storeDownload: files.storeDownloads,
  };
  /** @type {LoadedSnapshot & {stored?: Promise<unknown> | null}} */
  let loaded;
  if (loader) {
    loaded = await loadInItsOwnWorker(loader, files, {
      ...request,
      cacheName: runtimeCacheName(manifest),
    });
    placeSnapshot(target, loaded.bytes);
  } else {
    // No nested workers in this browser: the same work, here.
    const { loadSnapshot: loadHere } = await import("./snapshot-loader.mjs");
    loaded = await loadHere({
      ...request,
      cache: files.cache,
      target,
      moving: () => files.touch(),
    });
    if (loaded.stored) files.track(loaded.stored);
  }
  const { file } = loaded;
  if (!file) return null;
  return () => files.track(keepUnpacked(manifest.id, url, file, files.cache));
}

/**
 * In the site's private file system, or else in the runtime cache.
 * @param {string} runtimeId @param {string} url
 * @param {Uint8Array<ArrayBuffer>[]} file @param {Cache | null} cache
 */
async function keepUnpacked(runtimeId, url, file, cache) {
  if (await keepSnapshot(runtimeId, file)) return;
  if (!cache) return;
  const headers = { "Content-Type": "application/octet-stream" };
  await cache.put(unpackedUrl(url), new Response(new Blob(file), { headers }));
}

/**
 * @param {Worker} loader @param {RuntimeFiles} files @param {SnapshotLoaderRequest} request
 * @returns {Promise<LoadedSnapshot>}
 */
function loadInItsOwnWorker(loader, files, request) {
  /** @type {(value?: unknown) => void} */
  let done;
  files.track(new Promise((resolve) => (done = resolve))); // its copy of snapshot.bin.gz
  return new Promise((resolve, reject) => {
    loader.addEventListener(
      "message",
      (/** @type {MessageEvent<SnapshotLoaderMessage>} */ { data }) => {
        if (data.moving) files.touch();
        else if (data.done) done();
        else if (data.error) reject(new Error(data.error));
        else resolve(/** @type {LoadedSnapshot} */ (data));
      },
    );
    loader.addEventListener("error", (event) => {
      event.preventDefault();
      done();
      reject(new Error(event.message || "the snapshot loader could not start"));
    });
    loader.postMessage(request);
  });
}
