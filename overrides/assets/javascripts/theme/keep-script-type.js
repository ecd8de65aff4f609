// Material 9.8's instant navigation re-creates every <script> of the new page's content so it
// runs, but for inline scripts it copies only the text, not the type. The FAQ's schema.org
// data (<script type="application/ld+json">) would then run as JavaScript, which the
// Content-Security-Policy blocks and reports. This keeps the type of a non-JavaScript script
// on its replacement, so data stays data. Zensical's bundle copies all attributes itself;
// remove this file when the site moves to Zensical.
(function () {
  var replaceWith = Element.prototype.replaceWith;
  Element.prototype.replaceWith = function () {
    if (this instanceof HTMLScriptElement && this.type && !this.src) {
      for (var node of arguments) {
        if (node instanceof HTMLScriptElement && !node.type) node.type = this.type;
      }
    }
    return replaceWith.apply(this, arguments);
  };
})();
