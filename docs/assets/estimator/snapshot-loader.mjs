// Loads the estimator's memory snapshot when it is not kept on the device as a file
// (snapshot-file.mjs): from its unpacked copy in the runtime cache (browsers that cannot keep
// such a file), or else downloaded (snapshot.bin.gz) and unpacked as it arrives.
//
// worker.mjs runs this in a worker of its own (a nested worker), so that the download and the
// unpacking happen beside Pyodide's own setup instead of before it; where nested workers are
// missing, worker.mjs calls loadSnapshot itself.
//
// As a worker (created with the name "snapshot-loader"):
//   in:  {url, size, cacheName, storeDownload}   once
//   out: {bytes, file}    the snapshot (size bytes) and, if it was downloaded, the unpacked
//                         file's chunks (for worker.mjs to keep for later visits); both
//                         transferred
//        {error}          it could not be loaded
//        {done}           last: any copy of snapshot.bin.gz it stored is written

import { PageReader } from "./snapshot-pages.mjs";

// gzip's first two bytes. A host that sends the .gz file with `Content-Encoding: gzip` has the
// browser unpack it already: then the bytes are the file's content itself.
const GZIP_MAGIC = [0x1f, 0x8b];

/** The file (snapshot-pages.mjs's format) unpacked into `pages` as it downloads; its chunks. */
async function unpack(response, pages) {
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
 */
async function readUnpacked({ url, size, cache, target }) {
  const kept = cache ? await cache.match(url.replace(/\.gz$/, "")).catch(() => null) : null;
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
 * (with `storeDownload`; else null).
 * @param {{url: string, size: number, cache: Cache | null, storeDownload: boolean,
 *          target?: Uint8Array}} options
 */
export async function loadSnapshot({ url, size, cache, storeDownload, target }) {
  const bytes = await readUnpacked({ url, size, cache, target });
  if (bytes) return { bytes, file: null, stored: null };
  const inCache = cache ? await cache.match(url).catch(() => null) : null;
  const response = inCache || (await fetch(url));
  if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status}`);
  // Stored as it downloads (before anyone reads the body), so nobody downloads it again.
  const stored =
    !inCache && cache && storeDownload ? cache.put(url, response.clone()).catch(() => {}) : null;
  const pages = new PageReader(size, target);
  const file = await unpack(response, pages);
  return { bytes: pages.finish(), file, stored };
}

const messageOf = (error) => String(error && error.message ? error.message : error);

if (typeof WorkerGlobalScope === "function" && self.name === "snapshot-loader") {
  self.addEventListener("message", async ({ data: { url, size, cacheName, storeDownload } }) => {
    let stored = null;
    try {
      const cache = self.caches ? await self.caches.open(cacheName).catch(() => null) : null;
      const loaded = await loadSnapshot({ url, size, cache, storeDownload });
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
