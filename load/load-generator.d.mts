export declare const MAX_COUNT: 20000;
export declare const MAX_CONCURRENCY: 256;
/** The longest run allowed, whatever `maxWallMs` says. */
export declare const MAX_WALL_MS: number;
/** `maxWallMs` when none is given: 10 minutes. */
export declare const DEFAULT_WALL_MS: number;
export declare const SUBMISSIONS_PATH: '/api/submissions';

export interface LoadOptions {
  /** App base URLs (127.0.0.1, localhost or [::1] only); request i goes to targets[i % targets.length]. */
  targets: string[];
  /** Submissions to send, 1..20,000. */
  count: number;
  /** Requests in flight at once, 1..256. */
  concurrency: number;
  /** Per request, from sending to the whole answer read. */
  timeoutMs: number;
  /** The whole run: no request starts after it, and those in flight are cut. Default 10 min, at most 30. */
  maxWallMs?: number;
  /** The JSON body of request i; default a valid body with a distinct prompt and no external_task_id. */
  body?: (i: number) => object;
  /** Called as each answer (or transport error) arrives, in arrival order. */
  onAnswer?: (answer: LoadAnswer) => void;
  /** Once aborted, no further request starts; those in flight still finish. */
  signal?: AbortSignal;
  /** Part of every Idempotency-Key (`load-<runId>-<i>`) and default prompt; default random. */
  runId?: string;
}

export interface LoadAnswer {
  /** The request's index, 0..count-1. */
  i: number;
  /** The origin the request went to. */
  target: string;
  /** HTTP status, or null when no answer came (refused, reset, timeout). */
  status: number | null;
  latencyMs: number;
  /** Parsed JSON, the raw text when it is not JSON, or null. */
  // biome-ignore lint/suspicious/noExplicitAny: callers read the app's JSON in whatever shape they expect.
  body: any;
  /** Why no answer came: an error code such as ECONNREFUSED, or 'timeout'. */
  error?: string;
}

export interface LoadSummary {
  targets: string[];
  requested: number;
  concurrency: number;
  /** Requests started (fewer than requested when stopped early). */
  sent: number;
  /** Requests that got an HTTP answer. */
  answered: number;
  transportErrors: number;
  /** Answers with status 500..599. */
  serverErrors: number;
  /** HTTP status -> answers. */
  statusCounts: Record<string, number>;
  /** Over every request sent, answered or not. */
  latencyMs: { min: number; mean: number; p50: number; p95: number; p99: number; max: number };
  /** Requests sent per second of wall time. */
  requestsPerSecond: number;
  wallMs: number;
  /** Why the run ended before sending every request; null when it did not. */
  stoppedBy: 'signal' | 'time limit' | null;
}

export interface LoadResult {
  /** Every request sent, ordered by index. */
  answers: LoadAnswer[];
  summary: LoadSummary;
}

/** The origin of `target`, or throws when it is not an http(s) URL on the loopback interface. */
export declare function loopbackOrigin(target: string): string;
export declare function percentile(sorted: number[], p: number): number;
/** The Idempotency-Key that request i of run `runId` carries. */
export declare function idempotencyKeyOf(runId: string, i: number): string;
export declare function runLoad(options: LoadOptions): Promise<LoadResult>;
/** The summary as a small aligned text table. */
export declare function formatSummary(summary: LoadSummary): string;
export declare function summarize(
  answers: LoadAnswer[],
  run: {
    count: number;
    concurrency: number;
    targets: string[];
    wallMs: number;
    stoppedBy: LoadSummary['stoppedBy'];
  },
): LoadSummary;
