// Runs the estimator's own tests (tests/estimator) inside real Pyodide in Node, offline.
//
//   node tests/pyodide/run_in_pyodide.mjs [PYTEST ARGS]   e.g. -vv -k properties
//   (`make test` runs it with no arguments, after `make wheel`)
//
// The estimator is loaded BY NAME from the site's docs/assets/runtime/pyodide-lock.json (the
// wheel the widget loads, not the source tree), with Pyodide's whole standard library (the site
// ships one cut down to what the estimator imports); pytest, Hypothesis and their dependencies are
// unpacked from wheels at the .venv's exact versions (scripts/pyodide_test_wheels.py). The
// test files, every file under tests/estimator (the real-story JSON cases in stories/ too) and
// pyproject.toml (for the same strict pytest settings) are copied into Pyodide's in-memory file
// system. Exits with pytest's exit code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { bootRuntime, fail, ROOT, VENV_PYTHON } from "../../scripts/pyodide_node.mjs";

const PROJECT = "/home/pyodide/project"; // cwd inside Pyodide: holds tests/ but no estimator/
const PYTEST_ARGS = ["-q", "-p", "no:cacheprovider", "-m", "not cpython_only", "tests/estimator"];
const EXTRA_ARGS = process.argv.slice(2); // for a developer narrowing down a failure
const NO_TESTS_COLLECTED = 5;

function testWheels() {
  if (!existsSync(VENV_PYTHON)) fail(".venv is missing: run `make setup`");
  // Prints a JSON list of wheel paths; downloads only on the first run.
  const script = path.join(ROOT, "scripts", "pyodide_test_wheels.py");
  /** @type {import("node:child_process").StdioOptions} */
  const stdio = ["ignore", "pipe", "inherit"];
  return JSON.parse(execFileSync(VENV_PYTHON, [script], { encoding: "utf8", stdio }));
}

// What the Pyodide run needs from the repository, relative to ROOT: all of tests/estimator,
// data files included, since tests there read them relative to themselves. The other test
// folders (tests/cpython, tests/site, tests/browser) need CPython, subprocesses or a browser
// and stay out.
function testFiles() {
  const files = ["pyproject.toml"];
  for (const name of ["__init__.py", "conftest.py", "strategies.py"]) {
    if (existsSync(path.join(ROOT, "tests", name))) files.push(path.join("tests", name));
  }
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(path.join(ROOT, dir))) {
      const relative = path.join(dir, entry);
      if (entry === "__pycache__") continue;
      if (statSync(path.join(ROOT, relative)).isDirectory()) walk(relative);
      else files.push(relative);
    }
  };
  walk(path.join("tests", "estimator"));
  return files;
}

// Pyodide hands output over as bytes in a buffer it reuses: copy before Node writes them.
const streamTo = (/** @type {NodeJS.WritableStream} */ stream) => ({
  write: (/** @type {Uint8Array} */ bytes) => {
    stream.write(Buffer.from(bytes));
    return bytes.length;
  },
});

// pytest.main() inside Pyodide; a small plugin reports each test's id to JavaScript so that
// if Pyodide itself dies (a fatal error, e.g. the JS stack overflowing), we can name the test.
const RUN_PYTEST = `
import pytest

class ReportCurrentTest:
    def pytest_runtest_logstart(self, nodeid, location):
        report_current_test(nodeid)

int(pytest.main(list(pytest_args), plugins=[ReportCurrentTest()]))
`;

async function main() {
  const wheels = testWheels();
  const { pyodide, runtime, python, bootSeconds, loadSeconds } = await bootRuntime({
    wholeStdlib: true,
  });
  console.log(
    `Running tests/estimator inside Pyodide ${pyodide.version}, Python ${python} ` +
      `(Node ${process.version}; booted in ${bootSeconds.toFixed(1)} s, estimator loaded ` +
      `by name from ${runtime.wheel} in ${loadSeconds.toFixed(2)} s)`,
  );

  const started = performance.now();
  // unpackArchive extracts into the working directory unless told otherwise.
  const extractDir = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const wheel of wheels) {
    // A Uint8Array, not a Buffer: Pyodide rejects Buffers ("Unknown typed array").
    pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir });
  }
  for (const file of testFiles()) {
    const target = path.posix.join(PROJECT, file.split(path.sep).join("/"));
    pyodide.FS.mkdirTree(path.posix.dirname(target));
    pyodide.FS.writeFile(target, readFileSync(path.join(ROOT, file)));
  }
  pyodide.FS.chdir(PROJECT);
  pyodide.setStdout(streamTo(process.stdout));
  pyodide.setStderr(streamTo(process.stderr));

  let currentTest = "collection";
  pyodide.globals.set("report_current_test", (/** @type {string} */ nodeid) => {
    currentTest = nodeid;
  });
  pyodide.globals.set("pytest_args", pyodide.toPy([...PYTEST_ARGS, ...EXTRA_ARGS]));
  /** @type {number} */
  let code;
  try {
    code = pyodide.runPython(RUN_PYTEST);
  } catch (/** @type {any} */ error) {
    // `any`: anything can be thrown (a PythonError, or Pyodide's own fatal error).
    const what = error.pyodide_fatal_error ? "Pyodide crashed" : "pytest raised";
    fail(`${what} during ${currentTest}: ${error.message}`);
  }
  const seconds = (performance.now() - started) / 1000;
  if (code === NO_TESTS_COLLECTED) {
    fail("pytest collected no tests inside Pyodide: that is a failure, not a pass");
  }
  console.log(`pytest inside Pyodide exited with ${code} after ${seconds.toFixed(1)} s`);
  process.exit(code);
}

try {
  await main();
} catch (/** @type {any} */ error) {
  // `any`: anything can be thrown, an Error or not.
  // One message, not Node's dump of the minified line the error came from.
  fail(error.message ?? String(error));
}
