// Globals the site's page scripts share with Material for MkDocs and with the tests, for the
// JavaScript type check (tsconfig.json, `make lint`). Declarations only: nothing is emitted.

/** Material's page subject (RxJS, replays the last page), defined by Material's bundle. */
interface MaterialDocumentSubject {
  subscribe(onPage: (document: Document) => void): unknown;
  next(document: Document): void;
  pipe?: unknown;
}

interface Window {
  /** Material's page subject: filled on DOMContentLoaded, or by theme-after-estimator.js on the
   * estimator page, where Material starts later; undefined until Material's bundle has run. */
  document$?: MaterialDocumentSubject;
  /** How many estimator workers this page started (runtime.mjs; read by the browser tests). */
  __estimatorWorkerStarts?: number;
  __md_scope?: URL;
  __md_hash?: (value: string) => number;
  __md_get?: (key: string, storage?: Storage, base?: URL) => unknown;
  __md_set?: (key: string, value: unknown, storage?: Storage, base?: URL) => void;
}

/** Material's stored preference: `any`, it is whatever JSON Material's bundle stored. */
declare function __md_get(key: string, storage?: Storage, base?: URL): any;

interface Navigator {
  /** The Network Information API (Chromium): `saveData` is the shopper's data saver. */
  connection?: { saveData?: boolean };
}

interface FileSystemFileHandle {
  /** Origin-private file system, workers only (lib.dom lacks it). */
  createSyncAccessHandle(options?: { mode?: string }): Promise<FileSystemSyncAccessHandle>;
}
