// Starts the refund estimator's runtime from the estimator page's <head> (overrides/main.html
// adds this script to that page only), while the rest of the page is still loading: the worker
// then downloads and boots Pyodide in parallel with the page's own work, instead of after it.
// widget.mjs draws the form later and finds the runtime already on its way. The browser's
// locale data is loaded now too, while the page's main thread mostly waits for styles.
import { prepareFormats } from "./format.mjs";
import { openEstimator } from "./runtime.mjs";

openEstimator();
prepareFormats();
