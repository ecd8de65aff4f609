// The service worker (docs/sw.js) and the estimator's workers run in worker scopes that
// lib.webworker types only in part: `self` is a WorkerGlobalScope there, without the service
// worker's events and members. Declarations only, for the JavaScript type check.

interface WorkerGlobalScopeEventMap {
  install: ExtendableEvent;
  activate: ExtendableEvent;
  fetch: FetchEvent;
  message: ExtendableMessageEvent;
}

interface FileSystemFileHandle {
  createSyncAccessHandle(options?: { mode?: string }): Promise<FileSystemSyncAccessHandle>;
}

interface WorkerGlobalScope {
  readonly name: string;
  readonly registration: ServiceWorkerRegistration;
  readonly clients: Clients;
  skipWaiting(): Promise<void>;
  postMessage(message: unknown, transfer?: Transferable[]): void;
  /** Material's search worker: set once its index is built (search-on-demand.js). */
  searchIndex?: unknown;
}
