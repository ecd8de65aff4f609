// On the estimator page only, Material's own JavaScript (its bundle: search, the palette switch,
// the contents' highlight) runs once the estimator is quiet (its runtime ready or failed, no
// question waiting), or 3 s after the navigation started at most. Both need the same cores while
// the page opens: the bundle's evaluation (150-220 ms) and its start on DOMContentLoaded
// (130-140 ms) ran on the main thread while the worker restored Python, and drew the form later.
// Measured with `make bench` on the 2-core VM, 2026-11-29, the two builds in turns (first
// estimate over a bare Pyodide boot, each run's own median): without this file, cold 0.40-0.44
// and warm 0.24-0.36; with it, cold 0.34-0.38 and warm 0.24 (targets 0.35 and 0.25).
//
// overrides/main.html gives the bundle's <script> an inert type on that page and puts this file
// just before it. Until the bundle runs, everything else works: the form, links (as ordinary
// page loads), the palette switch halfway (see below); search answers once it has run.
(function () {
  var HELD = 'script[type="text/x-held-for-estimator"]';
  var AT_MOST_MS = 3000; // from the start of the page's navigation

  // A palette switch used meanwhile checks the other palette's radio button, but Material
  // starts from the palette it stored: it is told of the switch once it runs.
  var paletteSwitched = false;
  /** @param {Event} event */
  function notePaletteSwitch(event) {
    var target = /** @type {HTMLInputElement | null} */ (event.target);
    if (target && target.name === "__palette") paletteSwitched = true;
  }
  document.addEventListener("change", notePaletteSwitch, true);

  var released = false;
  function release() {
    if (released) return;
    if (document.readyState === "loading") {
      // The held script comes after this one: wait until the page is parsed.
      document.addEventListener("DOMContentLoaded", release, { once: true });
      return;
    }
    released = true;
    var held = /** @type {HTMLScriptElement | null} */ (document.querySelector(HELD));
    if (!held) return;
    var bundle = document.createElement("script");
    bundle.src = held.src;
    bundle.addEventListener("load", function () {
      // Material starts when its `document$` (a replaying subject it fills on DOMContentLoaded,
      // which has passed by now) gives it the page: given here, once.
      /** @type {MaterialDocumentSubject} */ (window.document$).next(document);
      document.dispatchEvent(new Event("prg:material-started")); // accessibility-fixes.js
      document.removeEventListener("change", notePaletteSwitch, true);
      var palette = document.querySelector('input[name="__palette"]:checked');
      if (paletteSwitched && palette) palette.dispatchEvent(new Event("change"));
    });
    held.replaceWith(bundle);
  }

  if (document.documentElement.dataset.estimatorQuiet) {
    release();
  } else {
    document.addEventListener("prg:estimator-quiet", release, { once: true });
    setTimeout(release, Math.max(0, AT_MOST_MS - performance.now()));
  }
})();
