// A "Copy" button that says "Copied" where a screen reader hears it (a status next to it).
import { h } from "./dom.mjs";

/**
 * @param {string} text
 * @param {HTMLInputElement | HTMLTextAreaElement} [fallbackField]
 */
async function writeClipboard(text, fallbackField) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (plain http, older browsers, permission denied): select the text so
    // the shopper can copy it by hand, and say so.
    if (fallbackField) {
      fallbackField.focus();
      fallbackField.select();
    }
    return false;
  }
}

/**
 * @param {string} label          visible button text, e.g. "Copy the message"
 * @param {() => string} getText  what to copy, read at click time
 * @param {HTMLInputElement | HTMLTextAreaElement} [field]  selected if copying fails
 */
export function copyButton(label, getText, field) {
  const status = h("span", { class: "re-copied", role: "status" });
  const button = h("button", { type: "button", class: "re-button", text: label });
  let timer = 0;
  button.addEventListener("click", async () => {
    const copied = await writeClipboard(getText(), field);
    status.textContent = copied ? "Copied" : "Selected: press Ctrl+C or \u2318+C to copy";
    clearTimeout(timer);
    timer = setTimeout(() => {
      status.textContent = "";
    }, 5000);
  });
  return h("div", { class: "re-copy" }, button, status);
}
