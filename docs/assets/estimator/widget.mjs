// The refund estimator widget's entry point, loaded on every page by mkdocs.yml's
// extra_javascript as a module (so it runs once per page load). Kept tiny: on guide pages it
// only looks for the widget and finds none.
//
// Material's instant navigation swaps page content without reloading: this module subscribes
// to `document$` and acts whenever a page with #estimator-widget is shown. There, at once and
// in parallel: it starts the estimator's runtime (the worker boots Pyodide from its memory
// snapshot; on a full page load start.mjs has started it already, from the page's head),
// fetches runtime.json (which holds the form's option lists) and loads the user interface
// (app.mjs and its modules, preloaded together). The worker is started once and kept for the
// rest of the visit.
//
// On a connection that asks to save data (navigator.connection.saveData), the runtime is not
// started until the shopper uses the form, and then without the snapshot (a smaller download).

import { openEstimator } from "./runtime.mjs";

// Not "refund-estimator": that is the id of the page's own title (h1).
const MOUNT_ID = "estimator-widget";
// app.mjs and every module it imports, fetched in parallel rather than level by level
// (tests/browser/test_speed_offline.py checks the list against the imports).
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

let app = null; // the promise of app.mjs, once an estimator page has been shown

function preloadModules() {
  for (const name of APP_MODULES) {
    const link = document.createElement("link");
    link.rel = "modulepreload";
    link.href = new URL(name, import.meta.url).href;
    document.head.append(link);
  }
}

function onPage() {
  const mount = document.getElementById(MOUNT_ID);
  if (!mount) {
    if (app)
      app.then(
        (ui) => ui.leave(),
        () => {},
      ); // another page: the worker stays, idle
    return;
  }
  if (mount.dataset.mounted) return;
  mount.dataset.mounted = "true";
  mount.classList.add("re");
  const { missing, saveData } = openEstimator(); // done already if start.mjs ran
  if (!app) {
    preloadModules();
    app = import("./app.mjs");
  }
  app.then(
    (ui) => ui.mountWidget(mount, { missing, saveData }),
    () => {
      mount.textContent = "The estimator could not load. Reload the page to try again.";
    },
  );
}

// Material's document$ emits for the first page and after each instant navigation.
function subscribe() {
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
}
// The estimator page also loads this module early (an async module script right after the
// widget in docs/estimator.md), while the rest of the page still loads: start at once, and
// follow Material's navigation once its bundle has run.
if (document.readyState === "loading") {
  onPage();
  // Once: theme-after-estimator.js announces DOMContentLoaded again for Material's late bundle.
  document.addEventListener("DOMContentLoaded", subscribe, { once: true });
} else {
  subscribe();
}
