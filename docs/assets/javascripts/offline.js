// Registers the site's service worker (sw.js at the site root, filled in by
// scripts/finish_site.py at build time): repeat visits start from a local copy, and the guide
// and the estimator work offline. Loaded on every page by mkdocs.yml's extra_javascript; a
// file, not an inline script, so the Content-Security-Policy needs no exception.
(function () {
  if (!("serviceWorker" in navigator)) return;
  // This file is assets/javascripts/offline.js: the site root is two levels up.
  var root = new URL("../../", /** @type {HTMLScriptElement} */ (document.currentScript).src);

  // Set on <html> when the service worker has stored everything for offline use (the browser
  // tests wait for it).
  navigator.serviceWorker.addEventListener("message", function (event) {
    if (event.data && event.data.type === "offline-ready") {
      document.documentElement.dataset.offlineReady = event.data.version;
    }
  });

  window.addEventListener("load", function () {
    // `mkdocs serve` (the live preview) adds an inline livereload script. There, never cache:
    // remove a service worker left by a built copy once served at the same address, so the
    // preview can never show stale files.
    var preview = Array.prototype.some.call(document.scripts, function (script) {
      return !script.src && script.textContent.indexOf("livereload(") !== -1;
    });
    if (preview) {
      navigator.serviceWorker.getRegistrations().then(function (registrations) {
        registrations.forEach(function (registration) {
          registration.unregister();
        });
      });
      return;
    }
    // On the estimator page, the estimator's own download and start come first: installing
    // the service worker (it fetches and compiles the site's shell) would take bandwidth and
    // CPU from them. assets/estimator/runtime.mjs marks <html> while its runtime starts and
    // sends an event once it has settled (stored its files, or failed).
    if (document.documentElement.dataset.estimatorRuntime === "starting") {
      document.addEventListener("prg:estimator-settled", register, { once: true });
    } else {
      register();
    }
  });

  var registered = false;
  function register() {
    if (registered) return;
    registered = true;
    navigator.serviceWorker
      .register(new URL("sw.js", root).href, { scope: root.pathname })
      .catch(function (error) {
        console.info("The offline copy is not available: " + error.message);
      });
  }
})();
