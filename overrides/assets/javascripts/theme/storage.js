// Material's inline <head> script (partials/javascripts/base.html), moved into a file so the
// Content-Security-Policy can forbid inline scripts. It defines the globals Material's bundle
// uses to keep preferences (palette, linked tabs) in localStorage under the site's scope.
// Same behaviour as Material 9.8 and Zensical; the scope comes from the template through
// `data-md-scope` because a file cannot know the page's base URL.
(function () {
  var scope = new URL(document.currentScript.dataset.mdScope, location);
  if (!scope.pathname.endsWith("/")) scope = new URL(scope.pathname + "/", location);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, char) {
      return (hash << 5) - hash + char.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try {
      storage.setItem(base.pathname + "." + key, JSON.stringify(value));
    } catch (error) {
      // Storage full or blocked (private mode): the preference is simply not kept.
    }
  };
  document.documentElement.setAttribute("data-platform", navigator.platform);
})();
