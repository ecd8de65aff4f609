// How the estimator's worker gets the runtime's files (worker-boot.mjs): from the runtime cache
// when it holds them (read here directly: quicker than through the service worker), else from
// the network; a download is cached only once its bytes match the sha256 that runtime.json
// gives for it, so nothing damaged is ever kept.
//
// The cache is the service worker's runtime cache (docs/sw.js): one per runtime directory,
// named NAMES.runtimeCachePrefix + the directory, deleted by the service worker once a new
// build replaces the runtime. The worker fills it as it downloads, so the service worker does
// not download the same 20 MB a second time.

import { NAMES } from "./names.mjs";

/** What was thrown or rejected, as text. `any`: anything can be thrown, an Error or not. */
export const messageOf = (/** @type {any} */ error) =>
  String(error && error.message ? error.message : error);

export const runtimeCacheName = (/** @type {RuntimeManifest} */ manifest) =>
  NAMES.runtimeCachePrefix + manifest.id;

/** Where the runtime cache keeps the unpacked snapshot (browsers without a private file
 * system): snapshot.bin.gz's URL without ".gz". */
export const unpackedUrl = (/** @type {string} */ url) => url.replace(/\.gz$/, "");

/**
 * The runtime directory's cache, or null (no Cache Storage, or storage blocked).
 * @param {RuntimeManifest} manifest
 * @returns {Promise<Cache | null>}
 */
export function openRuntimeCache(manifest) {
  if (!self.caches) return Promise.resolve(null);
  return self.caches.open(runtimeCacheName(manifest)).catch(() => null);
}

// The browser's own fetch, taken before worker-boot.mjs routes Pyodide's requests through
// RuntimeFiles for the length of a boot.
const browserFetch = self.fetch.bind(self);

/**
 * `fetch` that fails on any answer but 2xx, naming the file and the status.
 * @param {string} url @param {RequestInit} [init]
 */
export async function fetchOk(url, init) {
  const response = await browserFetch(url, init);
  if (!response.ok) {
    const message = `${new URL(url).pathname} answered ${response.status}`;
    throw Object.assign(new Error(message), { status: response.status });
  }
  return response;
}

/** Lower-case hex SHA-256 of `bytes` (SubtleCrypto: off this thread). */
export async function sha256Of(/** @type {BufferSource} */ bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * The runtime directory's files for one boot: `base` is the directory's URL, `hashes` maps each
 * file's path below it to its sha256 (runtime.json's `files`); `storeDownloads` is false when
 * the service worker controls the worker (it stores what passes through it).
 */
export class RuntimeFiles {
  /**
   * @param {{base: string, hashes?: Record<string, string>, cache: Cache | null,
   *          storeDownloads: boolean}} files
   */
  constructor({ base, hashes, cache, storeDownloads }) {
    this.base = base;
    this.hashes = hashes || {};
    this.cache = cache;
    this.storeDownloads = Boolean(cache && storeDownloads);
    /** @type {Promise<unknown>[]} this boot's cache writes: settled() waits for them */
    this.writes = [];
    /** @type {Map<string, Promise<boolean>>} by URL: the download matched its sha256 */
    this.checks = new Map();
    this.lastActivity = performance.now(); // when a download last received bytes
  }

  /** The sha256 runtime.json gives for `url` (a file of the runtime directory), or null. */
  expectedHash(/** @type {string} */ url) {
    return url.startsWith(this.base) ? this.hashes[url.slice(this.base.length)] || null : null;
  }

  /** Counts `promise` among this boot's cache writes. */
  track(/** @type {Promise<unknown>} */ promise) {
    this.writes.push(promise.catch(() => {}));
  }

  /** Resolves once every cache write (including ones added meanwhile) has settled. */
  async settled() {
    for (let seen = 0; seen < this.writes.length; ) {
      const batch = this.writes.slice(seen);
      seen = this.writes.length;
      await Promise.allSettled(batch);
    }
  }

  /**
   * `url` as a Response: the cached copy, or else a download. The download's body is handed
   * on as it arrives (the WebAssembly compiler streams it) while a copy is checked, then
   * cached if intact; `intact(url)` tells the result. `fresh` bypasses the browser's HTTP
   * cache (a retry after a damaged file).
   * @param {string} url
   * @returns {Promise<Response>}
   */
  async download(url, { fresh = false } = {}) {
    const kept = this.cache && !fresh ? await this.cache.match(url).catch(() => null) : null;
    if (kept) return kept; // checked before it was cached
    const response = await fetchOk(url, fresh ? { cache: "reload" } : undefined);
    const expected = this.expectedHash(url);
    if (!expected || !response.body) return response;
    const [handedOn, copy] = response.body.tee();
    const checked = this.checkAndKeep(url, new Response(copy, response), expected);
    this.checks.set(url, checked);
    this.track(checked);
    return new Response(handedOn, response);
  }

  /** False if `url`'s last download did not match runtime.json's sha256 (it was not kept). */
  intact(/** @type {string} */ url) {
    return this.checks.get(url) || Promise.resolve(true);
  }

  /**
   * `url`'s bytes, checked against runtime.json's sha256: a damaged cached copy is evicted and
   * the file downloaded again, bypassing the HTTP cache; still damaged, it throws.
   */
  async verifiedBytes(/** @type {string} */ url) {
    const expected = this.expectedHash(url);
    for (const fresh of [false, true]) {
      const response = await this.download(url, { fresh });
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (!expected || (await sha256Of(bytes)) === expected) return bytes;
      await this.evict(url);
      this.checks.delete(url);
    }
    throw new Error(`${new URL(url).pathname} is damaged (its sha256 is not runtime.json's)`);
  }

  /** Checks `url`'s cached copy (if any) against runtime.json; evicts it if damaged. */
  async checkCached(/** @type {string} */ url) {
    const expected = this.expectedHash(url);
    const kept = this.cache && expected ? await this.cache.match(url).catch(() => null) : null;
    if (!kept) return true;
    const intact = (await sha256Of(await kept.arrayBuffer())) === expected;
    if (!intact) await this.evict(url);
    return intact;
  }

  async evict(/** @type {string} */ url) {
    if (this.cache) await this.cache.delete(url).catch(() => false);
  }

  /** Notes that the boot is still moving (worker.mjs gives up on one that stalls). */
  touch() {
    this.lastActivity = performance.now();
  }

  /** The whole body, read chunk by chunk: each chunk shows the download is still moving.
   * @param {Response} response  one with a body (a tee of a download's) */
  async readAll(response) {
    const chunks = [];
    let length = 0;
    for await (const chunk of /** @type {ReadableStream<Uint8Array>} */ (response.body)) {
      chunks.push(chunk);
      length += chunk.length;
      this.touch();
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  }

  /** @param {string} url @param {Response} response @param {string} expected */
  async checkAndKeep(url, response, expected) {
    const bytes = await this.readAll(response);
    if ((await sha256Of(bytes)) !== expected) {
      console.warn(`[estimator] ${new URL(url).pathname} arrived damaged: not kept`);
      await this.evict(url);
      return false;
    }
    if (this.storeDownloads && this.cache) {
      const headers = { "Content-Type": response.headers.get("Content-Type") || "" };
      await this.cache.put(url, new Response(bytes, { headers }));
    }
    return true;
  }
}
