// Loads the estimator's memory snapshot when it is not kept on the device as a file
// (snapshot-file.mjs): from its unpacked copy in the runtime cache (browsers that cannot keep
// such a file), or else downloaded and unpacked as it arrives: the Brotli copy
// (snapshot.bin.br) where the host sends it as such, else the gzip one (snapshot.bin.gz).
//
// worker.mjs runs this in a worker of its own (a nested worker), so that the download and the
// unpacking happen beside Pyodide's own setup instead of before it; where nested workers are
// missing, worker.mjs calls loadSnapshot itself.
//
// A download is checked against runtime.json's sha256 (`sha256`) as it is unpacked: a damaged
// one is neither used nor kept (the worker then boots the normal way).
//
// As a worker (created with the name NAMES.snapshotLoader):
//   in:  {url, size, sha256, cacheName, storeDownload, brotli: {url, sha256} | null}   once
//   out: {bytes, file}    the snapshot (size bytes) and, if it was downloaded, the unpacked
//                         file's chunks (for worker.mjs to keep for later visits); both
//                         transferred
//        {error}          it could not be loaded
//        {done}           last: any copy of snapshot.bin.gz it stored is written
//        {moving}         now and then while the download arrives (the worker gives up on a
//                         boot that stalls)

import { NAMES } from "./names.mjs";
import { fetchOk, messageOf, RuntimeFiles, sha256Of, unpackedUrl } from "./runtime-files.mjs";
import { isPagesFile, PageReader } from "./snapshot-pages.mjs";

// gzip's first two bytes. A host that sends the .gz file with `Content-Encoding: gzip` has the
// browser unpack it already: then the bytes are the file's content itself.
const GZIP_MAGIC = [0x1f, 0x8b];

/** The file (snapshot-pages.mjs's format) unpacked into `pages` as it downloads; its chunks.
 * `moving()` is called as chunks arrive.
 * @param {Response} response @param {PageReader} pages @param {() => void} moving */
async function unpack(response, pages, moving) {
  if (!response.body) throw new Error("the snapshot is empty");
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done) throw new Error("the snapshot is empty");
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(first.value);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      moving();
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
  const file = [];
  for await (const chunk of stream) {
    pages.push(chunk);
    file.push(chunk);
  }
  return file;
}

/**
 * The snapshot from its unpacked copy in `cache`, into `target` (or a new buffer); null if the
 * cache does not hold it or holds a damaged copy.
 * @param {{url: string, size: number, cache: Cache | null, target?: Uint8Array}} where
 */
async function readUnpacked({ url, size, cache, target }) {
  const kept = cache ? await cache.match(unpackedUrl(url)).catch(() => null) : null;
  if (!kept) return null;
  try {
    const pages = new PageReader(size, target);
    pages.push(new Uint8Array(await kept.arrayBuffer()));
    return pages.finish();
  } catch {
    target?.fill(0); // a damaged copy: the caller downloads the snapshot again
    return null;
  }
}

/**
 * `{bytes, file, stored}`: the snapshot into `target` (or a new buffer), the unpacked file's
 * chunks if it was downloaded (else null), and the promise of storing the download in `cache`
 * (with `storeDownload`, once checked; else null). `moving()` is called as the download arrives.
 * `brotli` ({url, sha256}, or null): the Brotli copy, tried first (see fromBrotli).
 * @param {{url: string, size: number, sha256: string | null, cache: Cache | null,
 *          storeDownload: boolean, target?: Uint8Array, moving?: () => void,
 *          brotli?: {url: string, sha256: string | null} | null}} request
 */
export async function loadSnapshot(request) {
  const { url, size, sha256, cache, storeDownload, target, moving, brotli } = request;
  const bytes = await readUnpacked({ url, size, cache, target });
  if (bytes) return { bytes, file: null, stored: null };
  // The Brotli copy is a quicker download, but the gzip copy kept by an earlier visit needs
  // none (and works offline).
  const gzipKept = async () => Boolean(cache && (await cache.match(url).catch(() => null)));
  if (brotli && !(await gzipKept())) {
    const unpacked = await fromBrotli({ ...request, ...brotli, moving: moving || (() => {}) });
    if (unpacked) return unpacked;
  }
  const files = new RuntimeFiles({
    base: "",
    hashes: sha256 ? { [url]: sha256 } : {},
    cache,
    storeDownloads: storeDownload,
  });
  const response = await files.download(url);
  try {
    const pages = new PageReader(size, target);
    const file = await unpack(response, pages, moving || (() => {}));
    if (!(await files.intact(url))) throw new Error(`${new URL(url).pathname} arrived damaged`);
    return { bytes: pages.finish(), file, stored: files.settled() };
  } catch (error) {
    await files.evict(url); // a cached copy that fails is damaged: the next visit downloads it
    throw error;
  }
}

/**
 * The snapshot's Brotli copy (`url`), where the host sends it with `Content-Encoding: br`: the
 * browser unpacks it as it arrives (in its network stack, faster than DecompressionStream, and
 * a third smaller than gzip). Null, after reading only its first chunk, where the host sends it
 * as it is: the caller then downloads the gzip copy. `sha256` is that of the unpacked file.
 */
/** @param {{url: string, sha256: string | null, size: number, cache: Cache | null,
 *          storeDownload: boolean, target?: Uint8Array, moving: () => void}} request */
async function fromBrotli({ url, sha256, size, cache, storeDownload, target, moving }) {
  const kept = cache ? await cache.match(url).catch(() => null) : null;
  // No answer at all (offline, with the gzip copy kept by an earlier visit): use that copy.
  // A server's error status still fails the boot, as for any runtime file.
  const response =
    kept || (await fetchOk(url).catch((error) => (error.status ? Promise.reject(error) : null)));
  if (!response) return null;
  if (!response.body) throw new Error(`${new URL(url).pathname} is empty`);
  const reader = response.body.getReader();
  const first = await reader.read();
  if (first.done || !isPagesFile(first.value)) {
    await reader.cancel().catch(() => {});
    return null;
  }
  const pages = new PageReader(size, target);
  const file = [];
  /** @typedef {ReadableStreamReadResult<Uint8Array<ArrayBuffer>>} Chunk */
  for (let chunk = /** @type {Chunk} */ (first); !chunk.done; chunk = await reader.read()) {
    pages.push(chunk.value);
    file.push(chunk.value);
    moving();
  }
  const bytes = pages.finish();
  if (kept) return { bytes, file, stored: null }; // checked before it was cached
  const whole = await new Blob(file).arrayBuffer();
  if (sha256 && (await sha256Of(whole)) !== sha256) {
    throw new Error(`${new URL(url).pathname} arrived damaged`);
  }
  const headers = { "Content-Type": "application/octet-stream" };
  const stored = storeDownload && cache ? cache.put(url, new Response(whole, { headers })) : null;
  return { bytes, file, stored: stored && stored.catch(() => {}) };
}

const MOVING_EVERY_MS = 1000;

/** A function that tells the estimator's worker, once a second at most, that the download is
 * moving. */
function reportMoving() {
  let last = 0;
  return () => {
    const now = performance.now();
    if (now - last < MOVING_EVERY_MS) return;
    last = now;
    self.postMessage({ moving: true });
  };
}

if (typeof WorkerGlobalScope === "function" && self.name === NAMES.snapshotLoader) {
  self.addEventListener("message", async ({ data }) => {
    /** @type {SnapshotLoaderRequest} from worker-snapshot.mjs */
    const { url, size, sha256, cacheName, storeDownload, brotli } = data;
    /** @type {Promise<unknown> | null} */
    let stored = null;
    try {
      const cache = self.caches ? await self.caches.open(cacheName).catch(() => null) : null;
      const moving = reportMoving();
      const request = { url, size, sha256, cache, storeDownload, moving, brotli };
      const loaded = await loadSnapshot(request);
      stored = loaded.stored;
      // Moved, not copied: 31 MB and 16 MB.
      const buffers = new Set([loaded.bytes, ...(loaded.file || [])].map((view) => view.buffer));
      self.postMessage({ bytes: loaded.bytes, file: loaded.file }, [...buffers]);
    } catch (error) {
      self.postMessage({ error: messageOf(error) });
    }
    await stored;
    self.postMessage({ done: true });
    self.close();
  });
}
