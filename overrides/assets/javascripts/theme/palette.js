// Material's inline palette script (partials/javascripts/palette.html), moved into a file so
// the Content-Security-Policy can forbid inline scripts. It runs right after the palette
// toggle in the header, before the page is painted, so a saved dark/light choice applies
// without a flash of the other palette.
(function () {
  var palette = __md_get("__palette");
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    // Material's palette toggle has an input for each scheme (a cast for the type check).
    var input = /** @type {Element} */ (
      document.querySelector(
        light
          ? "[data-md-color-media='(prefers-color-scheme: light)']"
          : "[data-md-color-media='(prefers-color-scheme: dark)']",
      )
    );
    palette.color.media = input.getAttribute("data-md-color-media");
    palette.color.scheme = input.getAttribute("data-md-color-scheme");
    palette.color.primary = input.getAttribute("data-md-color-primary");
    palette.color.accent = input.getAttribute("data-md-color-accent");
  }
  for (var [key, value] of Object.entries(palette.color)) {
    document.body.setAttribute("data-md-color-" + key, value);
  }
})();
