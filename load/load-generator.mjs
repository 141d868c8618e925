// A bounded load generator for `POST /api/submissions`, for this machine's own servers only.
// Plain ESM so bare `node` runs it (scripts/load.mjs); its JSDoc types are what TypeScript callers see,
// and `tsc` checks this file against them (checkJs), so the two cannot drift apart.
import { randomUUID } from 'node:crypto';

export const MAX_COUNT = 20_000;
export const MAX_CONCURRENCY = 256;
/** However the caller sets it, a run never lasts longer than this. */
export const MAX_WALL_MS = 30 * 60_000;
/** `maxWallMs` when none is given: 10 minutes. */
export const DEFAULT_WALL_MS = 10 * 60_000;
export const SUBMISSIONS_PATH = /** @type {const} */ ('/api/submissions');

/**
 * @typedef {object} LoadOptions
 * @property {string[]} targets App base URLs (127.0.0.1, localhost or [::1] only); request i goes to targets[i % targets.length].
 * @property {number} count Submissions to send, 1..20,000.
 * @property {number} concurrency Requests in flight at once, 1..256.
 * @property {number} timeoutMs Per request, from sending to the whole answer read.
 * @property {number} [maxWallMs] The whole run: no request starts after it, and those in flight are cut. Default 10 min, at most 30.
 * @property {(i: number) => object} [body] The JSON body of request i; default a valid body with a distinct prompt and no external_task_id.
 * @property {(answer: LoadAnswer) => void} [onAnswer] Called as each answer (or transport error) arrives, in arrival order.
 * @property {AbortSignal} [signal] Once aborted, no further request starts; those in flight still finish.
 * @property {string} [runId] Part of every Idempotency-Key (`load-<runId>-<i>`) and default prompt; default random.
 * @property {string} [token] An API token of the app (`POST /api/tokens`): the submissions act as its user.
 */

/**
 * @typedef {object} LoadAnswer
 * @property {number} i The request's index, 0..count-1.
 * @property {string} target The origin the request went to.
 * @property {number | null} status HTTP status, or null when no answer came (refused, reset, timeout).
 * @property {number} latencyMs
 * @property {any} body Parsed JSON, the raw text when it is not JSON, or null; callers read the app's JSON in whatever shape they expect.
 * @property {string} [error] Why no answer came: an error code such as ECONNREFUSED, or 'timeout'.
 */

/**
 * @typedef {object} LoadSummary
 * @property {string[]} targets
 * @property {number} requested
 * @property {number} concurrency
 * @property {number} sent Requests started (fewer than requested when stopped early).
 * @property {number} answered Requests that got an HTTP answer.
 * @property {number} transportErrors
 * @property {number} serverErrors Answers with status 500..599.
 * @property {Record<string, number>} statusCounts HTTP status -> answers.
 * @property {{ min: number, mean: number, p50: number, p95: number, p99: number, max: number }} latencyMs Over every request sent, answered or not.
 * @property {number} requestsPerSecond Requests sent per second of wall time.
 * @property {number} wallMs
 * @property {'signal' | 'time limit' | null} stoppedBy Why the run ended before sending every request; null when it did not.
 */

/**
 * @typedef {object} LoadResult
 * @property {LoadAnswer[]} answers Every request sent, ordered by index.
 * @property {LoadSummary} summary
 */

/** Load goes to this machine's loopback interface and nowhere else. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origin of an app base URL, or an error naming why it is refused.
 * @param {string} target
 * @returns {string}
 */
export function loopbackOrigin(target) {
  let url;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`target "${target}" is not a URL; give an app base URL such as http://127.0.0.1:3000`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`target "${target}" must be http: or https:`);
  if (!LOOPBACK_HOSTS.has(url.hostname))
    throw new Error(`target "${target}" is refused: only 127.0.0.1, localhost and [::1] may be loaded`);
  if (url.username || url.password) throw new Error(`target "${target}" must not carry credentials`);
  return url.origin;
}

/** @param {string} name @param {unknown} value @param {number} max */
function boundedInt(name, value, max) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`${name} must be an integer from 1 to ${max}, got ${String(value)}`);
  return value;
}

/**
 * Nearest-rank percentile of sorted numbers; 0 for none.
 * @param {number[]} sorted @param {number} p
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? 0;
}

/** @param {number} ms */
const round = (ms) => Math.round(ms * 10) / 10;

/**
 * @param {LoadAnswer[]} answers
 * @param {{ count: number, concurrency: number, targets: string[], wallMs: number, stoppedBy: LoadSummary['stoppedBy'] }} run
 * @returns {LoadSummary}
 */
export function summarize(answers, run) {
  /** @type {Record<string, number>} */
  const statusCounts = {};
  const latencies = [];
  let transportErrors = 0;
  for (const answer of answers) {
    if (answer.status === null) transportErrors++;
    else statusCounts[answer.status] = (statusCounts[answer.status] ?? 0) + 1;
    latencies.push(answer.latencyMs);
  }
  latencies.sort((a, b) => a - b);
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  return {
    targets: run.targets,
    requested: run.count,
    concurrency: run.concurrency,
    sent: answers.length,
    answered: answers.length - transportErrors,
    transportErrors,
    serverErrors: answers.filter((a) => a.status !== null && a.status >= 500).length,
    statusCounts,
    latencyMs: {
      min: round(latencies[0] ?? 0),
      mean: round(latencies.length ? total / latencies.length : 0),
      p50: round(percentile(latencies, 50)),
      p95: round(percentile(latencies, 95)),
      p99: round(percentile(latencies, 99)),
      max: round(latencies.at(-1) ?? 0),
    },
    requestsPerSecond: round(run.wallMs > 0 ? (answers.length * 1000) / run.wallMs : 0),
    wallMs: Math.round(run.wallMs),
    stoppedBy: run.stoppedBy,
  };
}

/**
 * The Idempotency-Key of request i of a run, so a client can retry it after a lost answer.
 * @param {string} runId @param {number} i
 * @returns {string}
 */
export const idempotencyKeyOf = (runId, i) => `load-${runId}-${i}`;

/** @param {number} i @param {string} runId */
function defaultBody(i, runId) {
  return { model: 'kling-v1', prompt: `Load run ${runId} #${i}: a paper boat drifting down a rain gutter` };
}

/** @param {unknown} error */
function describeError(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = /** @type {{ code?: string, message?: string } | undefined} */ (error.cause);
  if (error.name === 'TimeoutError') return 'timeout';
  if (error.name === 'AbortError') return 'aborted';
  return cause?.code ?? cause?.message ?? error.message;
}

/**
 * Sends `count` submissions, at most `concurrency` at once, spread round-robin over `targets`.
 * @param {LoadOptions} options
 * @returns {Promise<LoadResult>}
 */
export async function runLoad(options) {
  const { targets: rawTargets, body = undefined, onAnswer = undefined, signal = undefined } = options;
  if (!Array.isArray(rawTargets)) throw new Error('give at least one target');
  const targets = rawTargets.map(loopbackOrigin);
  const [firstTarget] = targets;
  if (firstTarget === undefined) throw new Error('give at least one target');
  /** @param {number} i */
  const targetOf = (i) => targets[i % targets.length] ?? firstTarget;
  const count = boundedInt('count', options.count, MAX_COUNT);
  const concurrency = boundedInt('concurrency', options.concurrency, MAX_CONCURRENCY);
  const timeoutMs = boundedInt('timeoutMs', options.timeoutMs, MAX_WALL_MS);
  const maxWallMs = boundedInt('maxWallMs', options.maxWallMs ?? DEFAULT_WALL_MS, MAX_WALL_MS);
  const runId = options.runId ?? randomUUID().slice(0, 8);
  const makeBody = body ?? ((i) => defaultBody(i, runId));

  // The time limit cuts requests in flight too, so the run always ends.
  const deadline = AbortSignal.timeout(maxWallMs);
  /** @type {LoadAnswer[]} */
  const answers = [];
  /** @type {LoadSummary['stoppedBy']} */
  let stoppedBy = null;
  let next = 0;
  const started = performance.now();

  /** @param {number} i @returns {Promise<LoadAnswer>} */
  async function send(i) {
    const target = targetOf(i);
    const began = performance.now();
    try {
      const response = await fetch(`${target}${SUBMISSIONS_PATH}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKeyOf(runId, i),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
        body: JSON.stringify(makeBody(i)),
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), deadline]),
      });
      const text = await response.text();
      let parsed = null;
      try {
        parsed = text === '' ? null : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { i, target, status: response.status, latencyMs: performance.now() - began, body: parsed };
    } catch (error) {
      return {
        i,
        target,
        status: null,
        latencyMs: performance.now() - began,
        body: null,
        error: deadline.aborted ? 'time limit' : describeError(error),
      };
    }
  }

  async function worker() {
    while (next < count) {
      if (deadline.aborted) {
        stoppedBy ??= 'time limit';
        return;
      }
      if (signal?.aborted) {
        stoppedBy ??= 'signal';
        return;
      }
      const i = next++;
      const answer = await send(i);
      if (deadline.aborted && answer.status === null) stoppedBy ??= 'time limit';
      answers.push(answer);
      onAnswer?.(answer);
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const wallMs = performance.now() - started;
  answers.sort((a, b) => a.i - b.i);
  return { answers, summary: summarize(answers, { count, concurrency, targets, wallMs, stoppedBy }) };
}

/**
 * The summary as a small text table.
 * @param {LoadSummary} s
 */
export function formatSummary(s) {
  const statuses = Object.entries(s.statusCounts)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
  /** @type {[label: string, value: string][]} */
  const rows = [
    ['targets', s.targets.join(' ')],
    ['requests', `${s.sent} sent of ${s.requested}, concurrency ${s.concurrency}`],
    ['statuses', statuses || 'none'],
    ['5xx', String(s.serverErrors)],
    ['transport errors', String(s.transportErrors)],
    ['throughput', `${s.requestsPerSecond} requests/s`],
    [
      'latency (ms)',
      `p50 ${s.latencyMs.p50}  p95 ${s.latencyMs.p95}  p99 ${s.latencyMs.p99}  max ${s.latencyMs.max}`,
    ],
    ['wall time', `${(s.wallMs / 1000).toFixed(2)} s${s.stoppedBy ? ` (stopped by ${s.stoppedBy})` : ''}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}
