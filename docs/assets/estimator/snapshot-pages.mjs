// The file format of the estimator's memory snapshot (snapshot.bin.gz, gzip of this format):
// Pyodide's memory snapshot without its all-zero pages. About half of the 31 MB are zeros; they
// cost nothing to download once compressed, but unpacking and copying them costs the worker
// CPU time on every start. Written at build time by scripts/snapshot.mjs (encodePages), read
// by the worker (PageReader), chunk by chunk as the download is unpacked.
//
//   "PRGP"                   4 bytes, the format's magic
//   version                  u32, little-endian: 1
//   page size                u32: 4096
//   snapshot size            u32: the size of Pyodide's snapshot, in bytes
//   bitmap                   ceil(pages / 8) bytes: bit i (byte i >> 3, bit i & 7) set when
//                            page i is stored; pages = ceil(snapshot size / page size)
//   the stored pages         in order; the snapshot's last page may be shorter than a page
//
// Pages not stored are zeros: the reader's buffer starts zeroed.
//
// The one place that writes the snapshot's first bytes (Pyodide's magic number, which Pyodide
// checks before reading anything else) last: PageReader, which fills the buffer chunk by chunk
// as the download arrives. The worker hands that buffer to Pyodide before it is full, so that
// Pyodide can set itself up meanwhile; a snapshot read too early is refused by Pyodide's own
// check ("invalid magic number"), never half-read. Whole copies (placeSnapshot, readPagesAt)
// are synchronous on the thread that runs Pyodide, so nothing can read them half-done.

const MAGIC = [0x50, 0x52, 0x47, 0x50]; // "PRGP"
const VERSION = 1;
const HEADER = 16;
export const PAGE_SIZE = 4096;

/** Does `bytes` (a file's first chunk) start like this format? (A Brotli copy that the host
 * did not label `Content-Encoding: br` arrives still compressed, and does not.) */
export const isPagesFile = (/** @type {Uint8Array} */ bytes) =>
  bytes.length >= MAGIC.length && MAGIC.every((byte, i) => bytes[i] === byte);
const HELD = 4; // the snapshot's first bytes: Pyodide's magic number

/** @typedef {[start: number, length: number]} Run  consecutive stored pages */

/** Pyodide's snapshot `bytes` in this format (build time). @param {Uint8Array} bytes */
export function encodePages(bytes, pageSize = PAGE_SIZE) {
  const pages = Math.ceil(bytes.length / pageSize);
  const bitmap = new Uint8Array(Math.ceil(pages / 8));
  const kept = [];
  for (let page = 0; page < pages; page++) {
    const content = bytes.subarray(page * pageSize, (page + 1) * pageSize);
    if (content.some((byte) => byte !== 0)) {
      bitmap[page >> 3] |= 1 << (page & 7);
      kept.push(content);
    }
  }
  const size = HEADER + bitmap.length + kept.reduce((sum, page) => sum + page.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, pageSize, true);
  view.setUint32(12, bytes.length, true);
  out.set(bitmap, HEADER);
  let offset = HEADER + bitmap.length;
  for (const page of kept) {
    out.set(page, offset);
    offset += page.length;
  }
  return out;
}

/** Copies a whole snapshot into `target`, a buffer Pyodide may already hold (synchronously:
 * Pyodide runs on this thread, so it never sees it half-copied).
 * @param {Uint8Array} target @param {Uint8Array} bytes */
export function placeSnapshot(target, bytes) {
  target.set(bytes);
}

/**
 * The header's checks, and where the stored pages go: [start, length] of each run of
 * consecutive stored pages (one copy per run, not one per page). `head` holds at least the
 * header and the bitmap (headSize() tells how much that is).
 * @param {Uint8Array} head @param {number} expectedSize
 */
function readHead(head, expectedSize) {
  const { pageSize, size, end } = headSize(head, expectedSize);
  const count = Math.ceil(size / pageSize);
  /** @type {Run[]} */
  const runs = [];
  for (let page = 0; page < count; page++) {
    if (!(head[HEADER + (page >> 3)] & (1 << (page & 7)))) continue;
    const start = page * pageSize;
    const length = Math.min(pageSize, size - start);
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === start) last[1] += length;
    else runs.push([start, length]);
  }
  return { runs, end };
}

/** The header's fields, checked (against `expectedSize` unless null); `end` is where the bitmap
 * ends. `head`: at least HEADER bytes.
 * @param {Uint8Array} head @param {number | null} expectedSize */
function headSize(head, expectedSize) {
  if (MAGIC.some((byte, i) => head[i] !== byte)) {
    throw new Error("this is not an estimator snapshot file");
  }
  const view = new DataView(head.buffer, head.byteOffset, head.length);
  const version = view.getUint32(4, true);
  if (version !== VERSION) throw new Error(`snapshot file version ${version} is unknown`);
  const pageSize = view.getUint32(8, true);
  const size = view.getUint32(12, true);
  if ((expectedSize !== null && size !== expectedSize) || pageSize === 0) {
    throw new Error(`the snapshot is ${size} bytes, ${expectedSize} were expected`);
  }
  return { pageSize, size, end: HEADER + Math.ceil(Math.ceil(size / pageSize) / 8) };
}

/**
 * Rebuilds Pyodide's snapshot from this format, fed in chunks of any size (`push`), into
 * `target` (a zeroed buffer of the size the runtime's manifest announces; by default a new
 * one). `finish()` writes the first bytes and returns the buffer, or throws if the data was
 * not exactly one whole snapshot of that size.
 */
export class PageReader {
  /** @param {number} expectedSize @param {Uint8Array} [target] */
  constructor(expectedSize, target = new Uint8Array(expectedSize)) {
    if (target.length !== expectedSize) throw new Error("the buffer has the wrong size");
    this.expectedSize = expectedSize;
    this.target = target;
    this.held = new Uint8Array(HELD);
    /** @type {Uint8Array | null} header and bitmap, until complete (while `runs` is null) */
    this.head = new Uint8Array(0);
    /** @type {Run[] | null} */
    this.runs = null;
    this.run = 0; // the run being filled, and how much of it is filled
    this.filled = 0;
  }

  push(/** @type {Uint8Array} */ chunk) {
    if (this.runs === null) {
      const before = /** @type {Uint8Array} */ (this.head); // there while `runs` is null
      const head = new Uint8Array(before.length + chunk.length);
      head.set(before);
      head.set(chunk, before.length);
      this.head = head;
      if (head.length < HEADER || head.length < headSize(head, this.expectedSize).end) return;
      const { runs, end } = readHead(head, this.expectedSize);
      this.runs = runs;
      this.head = null;
      chunk = head.subarray(end);
    }
    const { runs, target } = this;
    let offset = 0;
    while (offset < chunk.length) {
      if (this.run >= runs.length) throw new Error("the snapshot is larger than expected");
      const [start, length] = runs[this.run];
      const count = Math.min(length - this.filled, chunk.length - offset);
      const at = start + this.filled;
      const part = chunk.subarray(offset, offset + count);
      if (at < HELD) {
        const held = Math.min(HELD - at, count);
        this.held.set(part.subarray(0, held), at);
        target.set(part.subarray(held), at + held);
      } else {
        target.set(part, at);
      }
      offset += count;
      this.filled += count;
      if (this.filled === length) {
        this.run += 1;
        this.filled = 0;
      }
    }
  }

  finish() {
    if (this.runs === null || this.run !== this.runs.length) {
      throw new Error("the snapshot is smaller than expected");
    }
    this.target.set(this.held, 0);
    return this.target;
  }
}

/**
 * Rebuilds Pyodide's snapshot from a whole file of this format that can be read at any offset:
 * `readAt(view, offset)` fills `view` with the file's bytes from `offset` (a file on the
 * device, read synchronously). Each run of pages is read straight into its place in `target`
 * (zeroed, of the expected size; by default a new buffer of the size the file announces), with
 * no copy in between. Throws if the file is not exactly one whole snapshot (`fileSize` bytes).
 * @param {(view: Uint8Array, offset: number) => void} readAt
 * @param {number} fileSize
 * @param {Uint8Array | null} [target]
 */
export function readPagesAt(readAt, fileSize, target = null) {
  const fixed = new Uint8Array(HEADER);
  readAt(fixed, 0);
  const expectedSize = target ? target.length : headSize(fixed, null).size;
  target ??= new Uint8Array(expectedSize);
  const head = new Uint8Array(headSize(fixed, expectedSize).end);
  readAt(head, 0);
  const { runs, end } = readHead(head, expectedSize);
  const stored = runs.reduce((sum, [, length]) => sum + length, 0);
  // A file cut short (say, the device filled up while it was written) is refused here.
  if (fileSize !== end + stored) throw new Error("the snapshot file has the wrong size");
  let offset = end;
  for (const [start, length] of runs) {
    readAt(target.subarray(start, start + length), offset);
    offset += length;
  }
  return target;
}
