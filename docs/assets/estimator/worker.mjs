// The estimator's module Web Worker: boots the site's own Pyodide (worker-boot.mjs) and answers
// the page's JSON messages (worker-answers.mjs). Every file comes from this site's origin;
// nothing the shopper types leaves the device.
//
// How to start:           the worker's name (runtime.mjs), words separated by spaces:
//                          "no-snapshot" when the connection asks to save data, "controlled"
//                          when the site's service worker controls the page, "runtime=<id>"
//                          the runtime directory the page was built with. A name is read at
//                          once; a message would wait until this module has run.
// Messages from the page:  {id, type: "estimate" | "calendar", order: <JSON text>, today}
// Messages to the page:    {type: "progress", step}         while booting
//                          {type: "ready", mode, seconds, runtime}  once: mode "snapshot" or
//                                                            "full"; runtime: its directory's URL
//                          {type: "failed", message, outdated}  once, if booting failed;
//                                                            `outdated`: the page is older
//                                                            than the site (reload it)
//                          {type: "stored"}                  once, after "ready": this worker has
//                                                            finished writing the runtime to the
//                                                            cache (the page then asks the service
//                                                            worker to keep the rest)
//                          {type: "answer", id, answer}      one per request, in any order
//                          {type: "error", id, message}      a request that raised (a bug)

// Every module of the worker is imported here, though the others import them too: the browser
// then fetches them all at once instead of one level after the other, and the worker starts
// sooner.
import "./names.mjs";
import "./runtime-files.mjs";
import "./snapshot-pages.mjs";
import "./worker-snapshot.mjs";
import { openKeptSnapshot } from "./snapshot-file.mjs";
import { answerRequests } from "./worker-answers.mjs";
import { bootPyodide, MANIFEST_URL, readManifest } from "./worker-boot.mjs";
import { messageOf } from "./runtime-files.mjs";
import { startLoader } from "./worker-snapshot.mjs";

// A boot whose downloads receive no byte, and which reports no step, for this long has
// stalled (a host that never finishes a file): the page then offers to try again.
const STALL_MS = 20_000;
// Work that must not delay the first estimate (keeping the unpacked snapshot file takes the
// worker tens of milliseconds): done after the first answer, or this long after booting if no
// question comes.
const LATER_MS = 3000;

const send = (/** @type {WorkerMessage} */ message) => self.postMessage(message);

/** @typedef {import("./snapshot-file.mjs").KeptSnapshot} KeptSnapshot */
/** @typedef {import("./worker-boot.mjs").Booted} Booted */
/** @typedef {ReturnType<typeof startSettings>} Settings */
/**
 * Boots with this runtime.json, snapshot file and snapshot loader.
 * @typedef {(manifest: RuntimeManifest, keptFile: KeptSnapshot | null, loader: Worker | null)
 *   => Promise<Booted>} BootWith
 */

/** The start words of this worker's name (see above). */
function startSettings(/** @type {string} */ name) {
  const words = String(name).split(" ");
  const runtimeWord = words.find((word) => word.startsWith("runtime="));
  return {
    useSnapshot: !words.includes("no-snapshot"),
    controlled: words.includes("controlled"),
    pageRuntime: runtimeWord ? runtimeWord.slice("runtime=".length) : null,
  };
}

class OutdatedPage extends Error {}

/**
 * The runtime.json to boot with, so that the page and its estimator are of one deployment:
 * the network's (`fetched`) when it names the runtime the page was built with (or the page does
 * not say); else runtime.json read again past every cache (`fetched` was a stale copy); else
 * the copy the service worker kept of the page's own (an old page offline or from the HTTP
 * cache: both old until reload); else the page is older than the site: it must be reloaded.
 * @param {RuntimeManifest} fetched @param {string | null} pageRuntime
 * @returns {Promise<RuntimeManifest>}
 */
async function manifestForPage(fetched, pageRuntime) {
  if (!pageRuntime || fetched.id === pageRuntime) return fetched;
  const fresh = await readManifest({ fresh: true }).catch(() => null);
  if (fresh && fresh.id === pageRuntime) return fresh;
  const kept = self.caches ? await self.caches.match(MANIFEST_URL).catch(() => null) : null;
  /** @type {RuntimeManifest | null} */
  const keptManifest = kept ? await kept.json().catch(() => null) : null;
  if (keptManifest && keptManifest.id === pageRuntime) return keptManifest;
  throw new OutdatedPage(
    `this page was built with runtime ${pageRuntime}; the site now has ${(fresh || fetched).id}`,
  );
}

/** Calls `fail` if `lastActivity()` (a performance.now() time) falls STALL_MS behind; the
 * returned function stops watching.
 * @param {() => number} lastActivity @param {(error: Error) => void} fail */
function watchForStall(lastActivity, fail) {
  const timer = setInterval(() => {
    if (performance.now() - lastActivity() > STALL_MS) {
      fail(new Error(`the download stalled (nothing arrived for ${STALL_MS / 1000} s)`));
    }
  }, 1000);
  return () => clearInterval(timer);
}

/**
 * @param {Settings} settings @param {Promise<RuntimeManifest>} manifestReady
 * @param {Promise<KeptSnapshot | null>} keptFileOpened
 */
async function boot(settings, manifestReady, keptFileOpened) {
  const started = performance.now();
  send({ type: "progress", step: "download" });
  const keptFile = await keptFileOpened;
  // Without a snapshot file kept on the device (a first visit), the loader's worker starts at
  // once: it loads while runtime.json arrives.
  const loader = settings.useSnapshot && !keptFile ? startLoader() : null;
  let manifest;
  try {
    manifest = await manifestForPage(await manifestReady, settings.pageRuntime);
  } catch (error) {
    keptFile?.close(); // or it stays locked against the next visit's write
    loader?.terminate();
    throw error;
  }
  // The current attempt's files (bootPyodide sets them): their downloads show it moving.
  /** @type {{files: import("./runtime-files.mjs").RuntimeFiles | null}} */
  const attempt = { files: null };
  const progress = (/** @type {string} */ step) => {
    attempt.files?.touch();
    send({ type: "progress", step });
  };
  /** @type {BootWith} */
  const bootWith = (manifest, keptFile, loader) =>
    bootPyodide({ ...settings, manifest, keptFile, loader, progress, attempt });
  let stopWatching = () => {};
  /** @type {Promise<never>} */
  const stalled = new Promise((_resolve, reject) => {
    stopWatching = watchForStall(() => attempt.files?.lastActivity ?? started, reject);
  });
  try {
    const booted = await Promise.race([
      bootWith(manifest, keptFile, loader).catch((error) =>
        bootAfterNewDeploy(error, manifest, settings, bootWith),
      ),
      stalled,
    ]);
    return {
      ...booted,
      // Set as soon as bootPyodide starts, so there once it has booted.
      runtime: /** @type {import("./runtime-files.mjs").RuntimeFiles} */ (attempt.files).base,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    stopWatching();
  }
}

/**
 * After a failed boot: a deploy may have replaced the runtime directory since runtime.json was
 * read (its files answer 404), so runtime.json is read again, bypassing every cache. A new one
 * that still fits the page is booted; anything else rethrows `error`.
 * @param {unknown} error @param {RuntimeManifest} manifest @param {Settings} settings
 * @param {BootWith} bootWith
 */
async function bootAfterNewDeploy(error, manifest, settings, bootWith) {
  const fresh = await readManifest({ fresh: true }).catch(() => null);
  if (!fresh || fresh.id === manifest.id) throw error;
  if (settings.pageRuntime && fresh.id !== settings.pageRuntime) {
    throw new OutdatedPage(`the site has a new version (${fresh.id})`);
  }
  return bootWith(fresh, null, null);
}

function main() {
  const settings = startSettings(self.name);
  // First of all: runtime.json says where everything else is; meanwhile, the snapshot file kept
  // on the device by an earlier visit, if any, is opened (snapshot-file.mjs).
  const manifestReady = readManifest();
  manifestReady.catch(() => {}); // reported by boot()
  const keptFileOpened = openKeptSnapshot();
  const booted = boot(settings, manifestReady, keptFileOpened);
  let laterDone = false;
  const runLater = async () => {
    if (laterDone) return;
    laterDone = true;
    const { afterFirstAnswer, files } = await booted;
    afterFirstAnswer();
    await files.settled();
    send({ type: "stored" });
  };
  booted.then(
    ({ mode, seconds, runtime }) => {
      send({ type: "ready", mode, seconds, runtime });
      setTimeout(runLater, LATER_MS);
    },
    (error) =>
      send({ type: "failed", message: messageOf(error), outdated: error instanceof OutdatedPage }),
  );
  answerRequests({ booted, send, afterEach: () => laterDone || setTimeout(runLater, 0) });
}

main();
