// Written by scripts/build_runtime.py from scripts/runtime_common.py (SHARED_NAMES):
// edit the names there, never here. Shared by the worker, the service worker, the build
// and the tests.
export const NAMES = Object.freeze({
  manifest: "runtime.json",
  siteCachePrefix: "prg-site-",
  runtimeCachePrefix: "prg-runtime-",
  snapshotDirectory: "estimator-snapshot",
  snapshotFile: "snapshot.bin.gz",
  snapshotUnpacked: "snapshot.bin",
  snapshotBrotli: "snapshot.bin.br",
  stdlib: "python_stdlib.zip",
  snapshotStdlib: "python_stdlib-snapshot.zip",
  bridgeModule: "estimator.bridge",
  bridge: {
    options: "widget_options",
    estimate: "widget_estimate",
    calendar: "widget_calendar",
  },
  snapshotLoader: "snapshot-loader",
  keepOffline: "cache-offline",
  offlineReady: "offline-ready",
  keepPage: "keep-page",
  pageKept: "page-kept",
  pageRuntimeMeta: "prg-runtime",
});
