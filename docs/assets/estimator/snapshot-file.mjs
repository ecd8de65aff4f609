// The estimator's memory snapshot, kept on this device as a file after a first visit has
// downloaded and unpacked it: in the site's own private file system (the browser's "origin
// private file system"), in snapshot-pages.mjs's format, as
//
//   estimator-snapshot/<runtime id>     the one kept file, named by its runtime directory
//
// Why a file and not Cache Storage: a worker can read such a file synchronously, at any offset,
// so each run of pages goes straight into place: 16 MB in about 20 ms on an idle machine,
// 60-100 ms while the page loads beside it on 2 cores. Reading the same file from Cache Storage
// (a Response's arrayBuffer, then a copy into place) took 200-400 ms of a second visit, most of
// it waiting for chunks while the worker's thread set Pyodide up.
//
// worker.mjs opens it first thing (openKeptSnapshot), while runtime.json is still on its way,
// and reads it once the file's name matches the runtime's id in runtime.json. Only a dedicated
// worker may open files for synchronous access. Where the browser cannot, both functions answer
// null / false and worker.mjs keeps the unpacked file in Cache Storage instead. The service
// worker (docs/sw.js) deletes the files of other runtimes when a new deployment takes over, as
// it does their caches (both read the folder's name from names.mjs).

import { NAMES } from "./names.mjs";
import { readPagesAt } from "./snapshot-pages.mjs";

const DIRECTORY = NAMES.snapshotDirectory;

/**
 * The kept snapshot file, opened: see openKeptSnapshot.
 * @typedef {{runtimeId: string, read(): Uint8Array | null, close(): void}} KeptSnapshot
 */

/** The folder of kept snapshots; null where this browser cannot read files synchronously. */
async function folder(/** @type {boolean} */ create) {
  const syncAccess =
    typeof FileSystemFileHandle === "function" &&
    "createSyncAccessHandle" in FileSystemFileHandle.prototype;
  if (!syncAccess || !navigator.storage || !navigator.storage.getDirectory) return null;
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(DIRECTORY, { create });
}

/**
 * The kept snapshot, opened but not read yet: `{runtimeId, read(), close()}`, or null when
 * there is none or another tab holds it (browsers without the "read-only" mode lock a file
 * while one tab reads it). Opening is quick and leaves the thread free; `read()` then reads the
 * whole file at once, synchronously, into a new buffer (null when it is damaged or cut short),
 * and closes it. The caller reads it only once it knows the runtime's id matches, and closes
 * it unread otherwise.
 * @returns {Promise<KeptSnapshot | null>}
 */
export async function openKeptSnapshot() {
  try {
    const kept = await folder(false);
    if (!kept) return null;
    for await (const [runtimeId, handle] of kept.entries()) {
      if (handle.kind !== "file") continue;
      const access = await handle.createSyncAccessHandle({ mode: "read-only" });
      const readAt = (/** @type {Uint8Array} */ view, /** @type {number} */ at) => {
        if (access.read(view, { at }) !== view.length) throw new Error("the file is cut short");
      };
      return {
        runtimeId,
        read() {
          try {
            return readPagesAt(readAt, access.getSize());
          } catch {
            return null;
          } finally {
            access.close();
          }
        },
        close: () => access.close(),
      };
    }
    return null;
  } catch {
    return null;
  }
}

/** Keeps the unpacked snapshot file, given as its `chunks`, for `runtimeId`, in place of any
 * other; false where this browser cannot (the caller keeps it another way).
 * @param {string} runtimeId @param {Uint8Array[]} chunks */
export async function keepSnapshot(runtimeId, chunks) {
  const kept = await folder(true).catch(() => null);
  if (!kept) return false;
  /** @type {FileSystemSyncAccessHandle | null} */
  let access = null;
  try {
    const handle = await kept.getFileHandle(runtimeId, { create: true });
    access = await handle.createSyncAccessHandle();
    access.truncate(0);
    // Written in order: a write cut short leaves a file too short, which readPagesAt refuses.
    let at = 0;
    for (const chunk of chunks) {
      access.write(chunk, { at });
      at += chunk.length;
    }
    access.flush();
  } catch {
    access?.close();
    access = null;
    await kept.removeEntry(runtimeId).catch(() => {}); // e.g. the device is full: no half file
    return false;
  } finally {
    access?.close();
  }
  const others = [];
  for await (const name of kept.keys()) if (name !== runtimeId) others.push(name);
  for (const name of others) await kept.removeEntry(name).catch(() => {}); // another tab reads it
  return true;
}
