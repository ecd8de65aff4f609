// Keeping an order outside the page: the share link and the optional copy on this device.
//
// The share link holds the order in the URL fragment (#order=<base64url of its JSON>).
// Browsers never send the fragment to a server, so a shared link reveals the order only to
// whoever opens it. The device copy is off unless the shopper ticks "remember".

const PREFIX = "#order=";
const STORAGE_KEY = "partial-refund-guide.estimator.order";

function toBase64Url(/** @type {Uint8Array} */ bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(/** @type {string} */ text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The page's address with the order in its fragment. */
export function shareUrl(/** @type {unknown} */ order) {
  const url = new URL(location.href);
  url.hash = PREFIX.slice(1) + toBase64Url(new TextEncoder().encode(JSON.stringify(order)));
  return url.href;
}

/** Does the current address carry an order? */
export function hasSharedOrder(hash = location.hash) {
  return hash.startsWith(PREFIX);
}

/**
 * @typedef {{order: Record<string, unknown>} | {refused: string} | null} Kept
 *   an order, a refusal that says why, or null (none there)
 * @typedef {{max_items: number, max_input_bytes: number}} Limits  from the form facts
 */

/**
 * The order in the current address. A damaged link, or one larger than the estimator takes
 * (a link can carry thousands of items), is refused before any of it reaches the form.
 * @param {Limits} limits
 * @returns {Kept}
 */
export function sharedOrder(limits, hash = location.hash) {
  if (!hasSharedOrder(hash)) return null;
  const encoded = hash.slice(PREFIX.length);
  // Base64 takes 4 characters for 3 bytes: a longer link holds more than the estimator reads.
  if (encoded.length > Math.ceil((limits.max_input_bytes * 4) / 3))
    return { refused: tooLarge(limits) };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(encoded));
    return checked(JSON.parse(text), limits, "The link\u2019s order could not be read.");
  } catch {
    return {
      refused: "The link\u2019s order could not be read: the link may be cut short or damaged.",
    };
  }
}

/** @param {Limits} limits */
const tooLarge = (limits) =>
  `It lists more than the estimator takes: at most ${limits.max_items} items and ${Math.floor(limits.max_input_bytes / 1024)} kB.`;

/**
 * @param {unknown} order @param {Limits} limits @param {string} unreadable
 * @returns {Kept}
 */
function checked(order, limits, unreadable) {
  if (!order || typeof order !== "object" || Array.isArray(order)) return { refused: unreadable };
  const items = /** @type {Record<string, unknown>} */ (order).items;
  if (Array.isArray(items) && items.length > limits.max_items) return { refused: tooLarge(limits) };
  return { order: /** @type {Record<string, unknown>} */ (order) };
}

/**
 * The order remembered on this device (storage may be blocked: then none).
 * @param {Limits} limits
 * @returns {Kept}
 */
export function rememberedOrder(limits) {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    if (!text) return null;
    if (text.length > limits.max_input_bytes) return { refused: tooLarge(limits) };
    return checked(
      JSON.parse(text),
      limits,
      "The order remembered on this device could not be read.",
    );
  } catch {
    return null;
  }
}

/** Save the order on this device; false if the browser refuses (private mode, full). */
export function remember(/** @type {unknown} */ order) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(order));
    return true;
  } catch {
    return false;
  }
}

export function forget() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing stored, or storage blocked: nothing to forget either way.
  }
}
