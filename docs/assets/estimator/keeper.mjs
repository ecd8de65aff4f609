// Whose order the form shows, and keeping the shopper's own: a share link, the copy
// remembered on this device ("remember" ticked), the example, or a cleared form.
//
// Nothing the shopper typed or remembered is lost without a word: an order that replaces the
// form (a link opened, the example, "Start over") says so in the note, with a button to go
// back. An order from a link is not saved over the remembered one unless the shopper asks.
// A link larger than the estimator takes is refused before it reaches the form.

import { h } from "./dom.mjs";
import * as keep from "./share.mjs";

/**
 * @param {{form: ReturnType<typeof import("./form.mjs").createForm>, note: HTMLElement,
 *          facts: FormFacts, onReplaced: (order: unknown) => void}} parts
 *   onReplaced: the form now shows another order (estimate it)
 */
export function keeper({ form, note, facts, onReplaced }) {
  const remembered = keep.rememberedOrder(facts);
  let remembering = remembered !== null;
  // The form shows a link's order, not the shopper's own: it is not saved on this device.
  let fromLink = false;

  /** @param {string} text @param {HTMLElement[]} buttons */
  const say = (text, ...buttons) => note.replaceChildren(text, ...buttons.flatMap((b) => [" ", b]));
  const button = (/** @type {string} */ text, /** @type {() => void} */ action) => {
    const element = h("button", { type: "button", class: "re-button re-button--quiet", text });
    element.addEventListener("click", action);
    return element;
  };

  /** A button that puts `order` back in the form. */
  function goBack(/** @type {unknown} */ order, /** @type {string} */ label) {
    return button(label, () => {
      fromLink = false;
      form.fill(order, { asTyped: Boolean(order) });
      say("Your previous entries are back.");
      onReplaced(order);
      form.focusFirst();
    });
  }

  /** While a link's order is shown with "remember" on: keep it instead of the remembered one. */
  const rememberThis = () =>
    button("Remember this one instead", () => {
      fromLink = false;
      keep.remember(form.read());
      say("This order is now the one remembered on this device.");
    });

  /**
   * Show the order in the address's link, if any. `own`: what the form would show otherwise
   * (the shopper's typed or remembered order), offered back.
   * @returns {boolean} whether the form now shows an order (the link's or none)
   */
  function openLink(/** @type {unknown} */ own) {
    const shared = keep.sharedOrder(facts);
    if (!shared) return false;
    if ("refused" in shared) {
      say(
        `This link\u2019s order was not opened. ${shared.refused} ${own ? "Your own entries are unchanged." : ""}`.trim(),
      );
      return false;
    }
    // Set before the form changes, so nothing it does meanwhile keeps the link's order.
    fromLink = Boolean(own);
    form.fill(shared.order);
    if (!own) {
      say("The form shows the order from the link you opened.");
      return true;
    }
    const kept = remembering ? " Your remembered order is still kept on this device." : "";
    say(
      `The form shows the order from the link you opened.${kept}`,
      goBack(own, "Go back to your order"),
      ...(remembering ? [rememberThis()] : []),
    );
    return true;
  }

  return {
    remembering: () => remembering,
    /** The first fill: a link, else `previous` (if any), else the remembered copy, else a
     * blank form. */
    start(/** @type {unknown} */ previous) {
      const own = previous ?? (remembered && "order" in remembered ? remembered.order : null);
      if (remembered && "refused" in remembered) {
        say(`The order remembered on this device was not opened. ${remembered.refused}`);
      }
      if (openLink(own)) {
        onReplaced(form.read());
        return;
      }
      form.fill(own, { asTyped: Boolean(own) });
      onReplaced(own);
    },
    /** The address changed while the page was open (a link opened in this tab). */
    onHash() {
      if (!keep.hasSharedOrder()) return;
      if (openLink(form.read())) onReplaced(form.read());
    },
    /** The example or a cleared form replaces the form's order, with an undo. */
    replace(/** @type {unknown} */ order, /** @type {string} */ message) {
      const before = form.read();
      fromLink = false;
      form.fill(order, { asTyped: Boolean(order) });
      say(message, goBack(before, "Undo"));
      onReplaced(order);
    },
    setRemembering(/** @type {boolean} */ on) {
      remembering = on;
      fromLink = false; // ticking the box is asking to keep what the form shows
      form.setRemembered(on);
      if (on) keep.remember(form.read());
      else keep.forget();
      say(
        on
          ? "This order will be remembered on this device."
          : "Nothing is remembered on this device now.",
      );
    },
    /** Keep the order as typed, if the shopper asked and it is their own. */
    typed(/** @type {unknown} */ order) {
      if (remembering && !fromLink && order) keep.remember(order);
    },
  };
}
