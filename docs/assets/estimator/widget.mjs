// The refund estimator widget's entry point, loaded on every page by mkdocs.yml's
// extra_javascript as a module. Kept tiny: on guide pages it only looks for the widget and
// finds none.
//
// On the page with #estimator-widget, at once and in parallel: it starts the estimator's
// runtime (the worker boots Pyodide from its memory snapshot; start.mjs has usually started it
// already, from the page's head), fetches runtime.json (which holds the form's option lists)
// and loads the user interface (app.mjs and its modules, preloaded together).
//
// On a connection that asks to save data (navigator.connection.saveData), the runtime is not
// started until the shopper uses the form, and then without the snapshot (a smaller download).

import { openEstimator } from "./runtime.mjs";

// Not "refund-estimator": that is the id of the page's own title (h1).
const MOUNT_ID = "estimator-widget";
// app.mjs and every module it imports, fetched in parallel rather than level by level
// (tests/browser/test_speed_offline.py checks that the page asks for them all at once).
const APP_MODULES = [
  "app.mjs",
  "copy.mjs",
  "dom.mjs",
  "errors.mjs",
  "fields.mjs",
  "form.mjs",
  "format.mjs",
  "items.mjs",
  "keeper.mjs",
  "panel.mjs",
  "results.mjs",
  "share.mjs",
  "status.mjs",
];

function preloadModules() {
  for (const name of APP_MODULES) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = new URL(name, import.meta.url).href;
    document.head.append(link);
  }
}

function mount() {
  const element = document.getElementById(MOUNT_ID);
  if (!element || element.dataset.mounted) return;
  element.dataset.mounted = "true";
  element.classList.add("re");
  const { missing, saveData } = openEstimator(); // done already if start.mjs ran
  preloadModules();
  import("./app.mjs").then(
    (ui) => ui.mountWidget(element, { missing, saveData }),
    () => {
      element.textContent = "The estimator could not load. Reload the page to try again.";
    },
  );
}

// The estimator page also loads this module early (an async module script right after the
// widget in docs/estimator.md), so it may run while the rest of the page still loads; the
// widget's element is there by then. Elsewhere it runs once the page is parsed.
mount();
