// On the estimator page, Material's own JavaScript (its bundle: search, instant navigation, the
// palette switch, the contents' highlight) runs once the estimator has given its first figures,
// or after 3 s at most. Both need the same processor cores while the page opens: on a 2-core
// machine, the bundle (about 200 ms of work) made a return visit's first figures about 90 ms
// later (make bench; MAINTAINERS.md has the figures). Everything else on the page works at
// once; links load pages the ordinary way until then, and search answers once it has run.
//
// overrides/main.html makes the bundle's <script> inert on that page only (type
// text/x-held-for-estimator) and puts this file just before it. It runs as the bundle did,
// while the page is parsed, so that `document$` exists as early as before (widget.mjs may run
// as soon as parsing ends). assets/estimator/runtime.mjs says when the estimator is quiet: its
// runtime ready (or failed) and no question waiting.
//
// Until then, `document$` here stands in for Material's: the site's scripts subscribe to it to
// act on each page shown, and get this page at once. Once Material's bundle has run, they
// follow Material's own, which gives them this page again (so they must not mind seeing a page
// twice) and then the pages that instant navigation shows.
(function () {
  if (window.document$) return; // Material's bundle has run after all
  var HELD = 'script[type="text/x-held-for-estimator"]';
  var AT_MOST_MS = 3000; // from the start of the page's navigation
  var subscribers = [];

  window.document$ = {
    subscribe: function (onPage) {
      subscribers.push(onPage);
      onPage(document);
    },
  };

  // The palette switch works without the bundle's help only halfway: a click checks the other
  // palette's radio button, but Material starts from the palette it stored, leaving that button
  // checked and the switch unable to change it again. A switch used meanwhile is replayed.
  var paletteSwitched = false;
  function notePaletteSwitch(event) {
    if (event.target && event.target.name === "__palette") paletteSwitched = true;
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
    var held = document.querySelector(HELD);
    if (!held) return;
    var bundle = document.createElement("script");
    bundle.src = /** @type {HTMLScriptElement} */ (held).src;
    bundle.addEventListener("load", function () {
      // Material starts on DOMContentLoaded, which has passed by now: announce it again.
      document.dispatchEvent(new Event("DOMContentLoaded"));
      document.removeEventListener("change", notePaletteSwitch, true);
      var palette = document.querySelector('input[name="__palette"]:checked');
      if (paletteSwitched && palette) palette.dispatchEvent(new Event("change"));
      // Each subscriber then has this page again, now with Material's additions (code-copy
      // buttons, table wrappers), and the pages that follow.
      subscribers.forEach(function (onPage) {
        window.document$.subscribe(onPage);
      });
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
