// Keeping an order outside the page: the share link and the optional copy on this device.
//
// The share link holds the order in the URL fragment (#order=<base64url of its JSON>).
// Browsers never send the fragment to a server, so a shared link reveals the order only to
// whoever opens it. The device copy is off unless the shopper ticks "remember".

const PREFIX = "#order=";
const STORAGE_KEY = "partial-refund-guide.estimator.order";

function toBase64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** The page's address with the order in its fragment. */
export function shareUrl(order) {
  const url = new URL(location.href);
  url.hash = PREFIX.slice(1) + toBase64Url(new TextEncoder().encode(JSON.stringify(order)));
  return url.href;
}

/** Does the current address carry an order? */
export function hasSharedOrder(hash = location.hash) {
  return hash.startsWith(PREFIX);
}

/** The order in the current address: an object, or null if there is none or it is damaged. */
export function sharedOrder(hash = location.hash) {
  if (!hasSharedOrder(hash)) return null;
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(
      fromBase64Url(hash.slice(PREFIX.length)),
    );
    const order = JSON.parse(text);
    return order && typeof order === "object" && !Array.isArray(order) ? order : null;
  } catch {
    return null;
  }
}

/** The order remembered on this device, or null. Storage may be blocked: then nothing. */
export function rememberedOrder() {
  try {
    const text = localStorage.getItem(STORAGE_KEY);
    const order = text ? JSON.parse(text) : null;
    return order && typeof order === "object" && !Array.isArray(order) ? order : null;
  } catch {
    return null;
  }
}

/** Save the order on this device; false if the browser refuses (private mode, full). */
export function remember(order) {
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
