// Fixes for markup that Material's JavaScript creates, which no template override can reach.
// Both were found by axe-core (tests/browser/test_pages.py):
// - a table wider than the screen scrolls inside its wrapper, and a scrolling region must be
//   reachable with the keyboard (axe rule scrollable-region-focusable, WCAG 2.1.1);
// - every code block's copy button sits in its own unnamed <nav>, so a page with two code
//   blocks has landmarks nobody can tell apart (landmark-unique); they are not navigation.
(function () {
  // A region needs a name that sets it apart: the heading the table is under.
  /** @param {Element} element */
  function headingAbove(element) {
    for (var node = element.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node.textContent.replace(/¶$/, "").trim();
    }
    return document.title;
  }

  function labelScrollingTables() {
    /** @type {Record<string, number>} */
    var names = {};
    for (var wrapper of document.querySelectorAll(".md-typeset__scrollwrap")) {
      if (wrapper.scrollWidth > wrapper.clientWidth) {
        var name = "Table: " + headingAbove(wrapper);
        names[name] = (names[name] || 0) + 1;
        if (names[name] > 1) name += " (" + names[name] + ")";
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label", name + ", scrolls sideways");
      } else {
        wrapper.removeAttribute("tabindex");
        wrapper.removeAttribute("role");
        wrapper.removeAttribute("aria-label");
      }
    }
  }

  function unlandmarkCodeButtons() {
    for (var nav of document.querySelectorAll(".md-code__nav")) nav.setAttribute("role", "none");
  }

  function fixPage() {
    labelScrollingTables();
    unlandmarkCodeButtons();
  }

  // Material's document$ emits once Material has built the table wrappers and code buttons.
  // On the estimator page Material starts later (theme-after-estimator.js), and says so.
  // Called once Material's bundle has run, so document$ is there.
  function afterMaterial() {
    /** @type {MaterialDocumentSubject} */ (window.document$).subscribe(fixPage);
  }
  if (window.document$) afterMaterial();
  else {
    fixPage();
    document.addEventListener("prg:material-started", afterMaterial, { once: true });
  }
  // Turning a phone or resizing the window changes which tables scroll.
  window.addEventListener("resize", labelScrollingTables);
})();
