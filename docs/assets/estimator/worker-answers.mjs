// The estimator worker's answers to the page (worker.mjs): one per request, from the bridge's
// functions (estimator/bridge.py), and a warm-up while the shopper reads.

import { messageOf } from "./runtime-files.mjs";

// WebAssembly starts as quickly compiled, slower code; V8 recompiles the functions that run a
// lot (Python's interpreter) into fast code only once they have run for a while. Left alone,
// that happens during the shopper's first changes, which then take 10-20 ms instead of 2 in
// this worker. So, once the first complete order is estimated, the worker answers the same
// question again a couple of hundred times while the shopper reads (about half a second of
// this thread's time, once per page load) and throws the answers away: one at a time, each in
// a task of its own, and none while the shopper is typing (real requests warm it up too), so
// that a real request seldom waits for one.
const WARM_UP_ROUNDS = 200;
const TYPING_MS = 300; // no warm-up round this soon after a real request

/** @typedef {{warmedUp: boolean, lastRequestAt: number}} WarmUpState */

/**
 * Answers the page's requests ({id, type: "estimate" | "calendar", order, today}) once `booted`
 * resolves to {call}; a failed boot was reported already, its requests get no answer.
 * `afterEach()` runs after every answer.
 * @param {{booted: Promise<{call: Bridge}>, send: (message: WorkerMessage) => void,
 *          afterEach: () => void}} parts
 */
export function answerRequests({ booted, send, afterEach }) {
  const state = { warmedUp: false, lastRequestAt: -Infinity };
  self.addEventListener("message", async (event) => {
    /** @type {Partial<WorkerRequest>} the page's request (runtime.mjs), or another message */
    const { id, type, order, today } = event.data || {};
    if (type !== "estimate" && type !== "calendar") return;
    state.lastRequestAt = performance.now();
    let call;
    try {
      ({ call } = await booted);
    } catch {
      return; // "failed" was already sent; the page shows it
    }
    // runtime.mjs numbers every request: `id` is there.
    const request = {
      id: /** @type {number} */ (id),
      type,
      order: String(order),
      today: String(today),
    };
    answerOne({ call, send, state }, request);
    afterEach();
  });
}

/**
 * @param {{call: Bridge, send: (message: WorkerMessage) => void, state: WarmUpState}} parts
 * @param {WorkerRequest} request
 */
function answerOne({ call, send, state }, { id, type, order, today }) {
  try {
    /** @type {EstimateAnswer | CalendarAnswer} */
    const answer = JSON.parse(call[type](order, today));
    send({ type: "answer", id, answer });
    if (type === "estimate" && answer.ok && !state.warmedUp) {
      state.warmedUp = true;
      warmUp(call, state, order, today);
    }
  } catch (error) {
    // The bridge never raises for bad input, so this is a bug worth seeing in the console.
    console.error(error);
    send({ type: "error", id, message: messageOf(error) });
  }
}

/** @param {Bridge} call @param {WarmUpState} state @param {string} order @param {string} today */
function warmUp(call, state, order, today) {
  let left = WARM_UP_ROUNDS;
  const round = () => {
    const sinceRequest = performance.now() - state.lastRequestAt;
    if (sinceRequest < TYPING_MS) {
      setTimeout(round, TYPING_MS - sinceRequest);
      return;
    }
    if (left-- <= 0) return;
    try {
      call.estimate(order, today);
    } catch {
      return; // the real request reported it
    }
    setTimeout(round, 0);
  };
  setTimeout(round, 0);
}
