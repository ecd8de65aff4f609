// The shapes that cross a boundary between the estimator's parts: runtime.json (written by
// scripts/build_runtime.py), the estimator's answers (estimator/api.py, estimator/bridge.py,
// estimator/form_facts.py) and the messages between the page, the estimator's worker, its
// snapshot loader and the service worker. In one place, for the JavaScript type check (every
// tsconfig*.json includes it); the Python side owns the data, and make lint checks these
// declarations against the estimator's own answers (scripts/contract_samples.py). Declarations
// only.

// --- runtime.json ---

/** assets/runtime/runtime.json: where the runtime's files are, and the form facts. */
interface RuntimeManifest {
  pyodide: string;
  python: string;
  build_id: string;
  /** The runtime directory's name (a hash of the runtime's inputs). */
  id: string;
  /** The runtime directory, relative to assets/runtime/, ending in "/". */
  base: string;
  lock: string;
  wheel: string;
  snapshot: string;
  snapshot_br: string;
  snapshot_size: number;
  stdlib: string;
  snapshot_stdlib: string;
  core: string[];
  /** Each file's path below `base`, with its sha256. */
  files: Record<string, string>;
  /** Bytes a first start downloads, with and without the memory snapshot. */
  download: { snapshot: number; full: number };
  options: FormFacts;
}

// --- the form facts (estimator/form_facts.py) ---

interface Choice {
  value: string;
  label: string;
}

interface Situation extends Choice {
  hint: string;
  fields: string[];
  dates: string[];
  marks: string[];
  problem: string | null;
}

interface FormFacts {
  currencies: { code: string; decimals: number }[];
  methods: Choice[];
  kinds: (Choice & { graded: boolean; takes_share: boolean })[];
  severities: string[];
  defaults: { currency: string; payment_method: string };
  max_items: number;
  max_input_bytes: number;
  order_fields: string[];
  item_fields: string[];
  dates: { name: string; label: string; hint: string }[];
  situations: Situation[];
  default_situation: string;
  delivery_statuses: Choice[];
  dispute_statuses: Choice[];
  offer_kinds: (Choice & { amount: boolean })[];
  example: { as_of: string; order: EstimatorOrder & { dates: Record<string, string | null> } };
  recommendations: Record<string, string>;
  message_to: Record<string, string>;
  verdicts: Record<string, string>;
  statuses: Record<string, string>;
  rules: Record<string, string>;
}

/** The estimator's input JSON as the widget holds it: checked only by the estimator (the form
 * reads it through fields.mjs's record() and shown()). */
type EstimatorOrder = Record<string, unknown>;

// --- the estimator's answers (estimator/api.py) ---

/** Amounts are exact decimal strings with the currency's decimals ("9.63", "1250"). */
interface RefundRange {
  low: string;
  suggested: string;
  high: string;
}

interface Estimate {
  currency: string;
  paid: string;
  recommendation: string;
  refund: RefundRange;
  items: { name: string; paid: string; shipping_share: string; refund: RefundRange; why: string }[];
  timeline: {
    event: string;
    title: string;
    /** ISO date, or null when the order does not give one. */
    date: string | null;
    status: string;
    rule: string;
    text: string;
  }[];
  offer: {
    kind: string;
    amount: string | null;
    verdict: string;
    counter: string | null;
    text: string;
  } | null;
  evidence: string[];
  message: string;
  message_to: string;
  warnings: string[];
  policy: { version: string; checked: string };
}

/** One `path: message` problem with the input. */
interface EstimatorError {
  path: string;
  message: string;
}

type Refused = { ok: false; errors: EstimatorError[] };
/** widget_estimate's answer. */
type EstimateAnswer = { ok: true; estimate: Estimate } | Refused;
/** widget_calendar's answer. */
type CalendarAnswer = { ok: true; ics: string } | Refused;

/** The bridge's functions (estimator/bridge.py) as the worker calls them: JSON text in and out. */
type Bridge = {
  options(): string;
  estimate(order: string, today: string): string;
  calendar(order: string, today: string): string;
};

// --- the page and the estimator's worker (runtime.mjs, worker.mjs) ---

/** A question from the page; `order` is the order's JSON text, `today` the reader's date. */
interface WorkerRequest {
  id: number;
  type: "estimate" | "calendar";
  order: string;
  today: string;
}

/** How far the runtime is: from the worker, or ("unsupported") from runtime.mjs itself. */
type RuntimeStatus =
  | { type: "progress"; step: string }
  | { type: "ready"; mode: "snapshot" | "full"; seconds: number; runtime: string }
  | { type: "failed"; message: string; outdated?: boolean }
  | { type: "unsupported"; feature: string; detail?: string };

/** The estimator's answer to a request of type `T`. */
type AnswerTo<T extends WorkerRequest["type"]> = T extends "estimate" ? EstimateAnswer : CalendarAnswer;

/** The worker's answer to one request: the estimator's answer, or the error it raised. */
type WorkerReply<A = EstimateAnswer | CalendarAnswer> =
  | { type: "answer"; id: number; answer: A }
  | { type: "error"; id: number; message: string };

/** Every message the estimator's worker sends the page. */
type WorkerMessage =
  | Exclude<RuntimeStatus, { type: "unsupported" }>
  | { type: "stored" }
  | WorkerReply;

// --- the estimator's worker and its snapshot loader (snapshot-loader.mjs) ---

interface SnapshotLoaderRequest {
  url: string;
  size: number;
  sha256: string | null;
  cacheName: string;
  storeDownload: boolean;
  brotli: { url: string; sha256: string | null } | null;
}

/** What the snapshot loader sends back: `{bytes, file}` (the snapshot, and the unpacked file's
 * chunks if it was downloaded), `{error}`, `{moving}` now and then, `{done}` last. */
interface SnapshotLoaderMessage {
  bytes?: Uint8Array;
  file?: Uint8Array<ArrayBuffer>[] | null;
  error?: string;
  moving?: true;
  done?: true;
}

// --- the page and the service worker (offline.mjs, sw.js); `type` values are NAMES' ---

/** A page's request to the service worker: keep everything (keepOffline), or this page and
 * the files it loaded (keepPage: `urls`, and `estimator` on the estimator page). */
interface ServiceWorkerRequest {
  type: string;
  urls?: unknown;
  estimator?: boolean;
}

/** The service worker's word that it has kept the site (offlineReady) or this page (pageKept). */
interface ServiceWorkerNote {
  type: string;
  version: string;
}
