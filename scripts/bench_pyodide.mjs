// The Pyodide half of `make bench`, run by scripts/bench_estimator.py: boots the site's runtime
// in Node, loads the estimator by name from its lock (as the widget does) and runs
// scripts/bench_core.py's measure() there: the same orders, timed the same way as in CPython.
// Prints one JSON object on stdout.
import { readFileSync } from "node:fs";
import path from "node:path";
import { bootRuntime, fail, ROOT } from "./pyodide_node.mjs";

try {
  // Pyodide's whole standard library: bench_core.py uses timeit, which the site's cut-down one
  // leaves out (the estimator's own imports, and so its speed, are the same in both).
  const { pyodide, runtime, python, bootSeconds, loadSeconds } = await bootRuntime({
    wholeStdlib: true,
  });
  pyodide.FS.writeFile("bench_core.py", readFileSync(path.join(ROOT, "scripts", "bench_core.py")));
  const results = pyodide.runPython("import bench_core, json; json.dumps(bench_core.measure())");
  const report = {
    pyodide: pyodide.version,
    python,
    node: process.version,
    wheel: runtime.wheel,
    boot_seconds: bootSeconds,
    load_estimator_seconds: loadSeconds,
    results: JSON.parse(results),
  };
  console.log(JSON.stringify(report));
} catch (/** @type {any} */ error) {
  // `any`: anything can be thrown, an Error or not.
  fail(error.message ?? String(error));
}
