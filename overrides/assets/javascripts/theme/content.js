// Material's inline content script (partials/javascripts/content.html), moved into a file so
// the Content-Security-Policy can forbid inline scripts. It runs after each page's content
// and selects content tabs before they are shown:
// the tab the reader picked on another page (feature content.tabs.link), and the tab that the
// URL fragment points to.
// The casts below are for the type check (tsconfig.json): Material's markup has these elements.
(function () {
  var script = /** @type {HTMLScriptElement} */ (document.currentScript); // a classic script
  if (script.dataset.mdLinkedTabs === "true") {
    var tabs = __md_get("__tabs");
    if (Array.isArray(tabs)) {
      sets: for (var set of document.querySelectorAll(".tabbed-set")) {
        var labels = /** @type {Element} */ (set.querySelector(".tabbed-labels"));
        for (var tab of tabs) {
          for (var label of labels.getElementsByTagName("label")) {
            if (label.innerText.trim() === tab) {
              var input = /** @type {HTMLInputElement} */ (document.getElementById(label.htmlFor));
              input.checked = true;
              continue sets;
            }
          }
        }
      }
    }
  }
  var target = /** @type {HTMLInputElement | null} */ (
    document.getElementById(location.hash.slice(1))
  );
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
