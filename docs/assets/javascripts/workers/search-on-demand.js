// Material's search worker, building the search index only when the reader first searches.
//
// Material sends the whole index to its search worker as every page loads, and the worker
// builds it at once: 150-300 ms of CPU on each full page load. On the estimator page that CPU
// is taken from the estimator's own start (on a phone with 2 cores, the page and Pyodide's
// worker already use both), and most readers never search. This worker runs Material's own
// worker unchanged (its file name comes after the "?": overrides/main.html points Material's
// configuration here) and only holds the index back: it tells the page at once that search is
// ready, and lets Material build the index when the first query arrives (that query waits for
// the build). Every later query goes straight through.
//
// Material's messages (its worker's protocol, Material 9): {type: 0, data} sets up the index,
// answered {type: 1} (ready); {type: 2, data} is a query, answered {type: 3, data} (results;
// {items: []} for a blank query).
// tests/browser/test_pages.py searches through this worker and checks it held the index back.

"use strict";

const MATERIAL = new URL(self.location.search.slice(1), self.location.href).href;
const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULTS = 3;

let setup = null; // the index Material sent, not built yet
let built = null; // resolves once Material's worker has built it
let onBuilt = null;
const forwarded = new WeakSet(); // messages handed on to Material's own listener
const send = self.postMessage.bind(self);

/** For the tests (and anyone curious): "none", "held", "building" or "built". */
self.searchIndex = "none";

// Material's worker answers the set-up with READY once its index is built: the page was told
// already, so that answer stops here.
self.postMessage = (message, ...rest) => {
  if (message && message.type === READY && onBuilt) {
    onBuilt();
    onBuilt = null;
    return;
  }
  send(message, ...rest);
};

function forward(data) {
  const event = new MessageEvent("message", { data });
  forwarded.add(event);
  self.dispatchEvent(event);
}

function build() {
  self.searchIndex = "building";
  built = new Promise(
    /** @param {(value?: unknown) => void} resolve */ (resolve) => {
      onBuilt = () => {
        self.searchIndex = "built";
        resolve();
      };
    },
  );
  forward(setup);
  return built;
}

// Registered before Material's listener (importScripts below), so it sees each message first.
self.addEventListener("message", (event) => {
  const message = event.data;
  if (forwarded.has(event) || !message) return;
  if (message.type === SETUP) {
    event.stopImmediatePropagation();
    setup = message;
    built = null;
    self.searchIndex = "held";
    send({ type: READY });
  } else if (message.type === QUERY && setup) {
    event.stopImmediatePropagation();
    // Material queries the empty search box as soon as search is ready; its worker answers a
    // blank query with no results, so that needs no index.
    if (!built && typeof message.data === "string" && !message.data.trim()) {
      send({ type: RESULTS, data: { items: [] } });
    } else {
      (built || build()).then(() => forward(message));
    }
  }
});

importScripts(MATERIAL);
