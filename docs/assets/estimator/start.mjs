// Starts the refund estimator's runtime from the estimator page's <head> (overrides/main.html
// adds this script to that page only), while the rest of the page is still loading: the worker
// then downloads and boots Pyodide in parallel with the page's own work, instead of after it.
// widget.mjs draws the form later and finds the runtime already on its way.
import { openEstimator } from "./runtime.mjs";

openEstimator();
