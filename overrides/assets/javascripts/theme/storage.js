// Material's inline <head> script (partials/javascripts/base.html), moved into a file so the
// Content-Security-Policy can forbid inline scripts. It defines the globals Material's bundle
// uses to keep preferences (palette, linked tabs) in localStorage under the site's scope.
// Same behaviour as Material 9.8 and Zensical; the scope comes from the template through
// `data-md-scope` because a file cannot know the page's base URL.
// The casts below are for the type check (tsconfig.json); `location.href` is what a URL base
// of `location` reads anyway.
(function () {
  var script = /** @type {HTMLScriptElement} */ (document.currentScript); // a classic script
  var scope = new URL(/** @type {string} */ (script.dataset.mdScope), location.href);
  if (!scope.pathname.endsWith("/")) scope = new URL(scope.pathname + "/", location.href);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  // window.__md_scope is set above; JSON.parse(null) is null, as for a key never set.
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || /** @type {URL} */ (window.__md_scope);
    return JSON.parse(/** @type {string} */ (storage.getItem(base.pathname + "." + key)));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || /** @type {URL} */ (window.__md_scope);
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or blocked (private mode): the preference is simply not kept.
    }
  };
  document.documentElement.setAttribute("data-platform", navigator.platform);
})();
