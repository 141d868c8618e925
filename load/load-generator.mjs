// A bounded load generator for `POST /api/submissions`, for this machine's own servers only.
// Plain ESM with JSDoc so Playwright specs, Vitest and bare `node` load it without a build; types in
// load-generator.d.mts.
import { randomUUID } from 'node:crypto';

export const MAX_COUNT = 20_000;
export const MAX_CONCURRENCY = 256;
/** However the caller sets it, a run never lasts longer than this. */
export const MAX_WALL_MS = 30 * 60_000;
export const DEFAULT_WALL_MS = 10 * 60_000;
export const SUBMISSIONS_PATH = '/api/submissions';

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
 * @param {import('./load-generator.d.mts').LoadAnswer[]} answers
 * @param {{ count: number, concurrency: number, targets: string[], wallMs: number, stoppedBy: import('./load-generator.d.mts').LoadSummary['stoppedBy'] }} run
 * @returns {import('./load-generator.d.mts').LoadSummary}
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
 * @param {import('./load-generator.d.mts').LoadOptions} options
 * @returns {Promise<import('./load-generator.d.mts').LoadResult>}
 */
export async function runLoad(options) {
  const { targets: rawTargets, body = undefined, onAnswer = undefined, signal = undefined } = options;
  if (!Array.isArray(rawTargets) || rawTargets.length === 0) throw new Error('give at least one target');
  const targets = rawTargets.map(loopbackOrigin);
  const count = boundedInt('count', options.count, MAX_COUNT);
  const concurrency = boundedInt('concurrency', options.concurrency, MAX_CONCURRENCY);
  const timeoutMs = boundedInt('timeoutMs', options.timeoutMs, MAX_WALL_MS);
  const maxWallMs = boundedInt('maxWallMs', options.maxWallMs ?? DEFAULT_WALL_MS, MAX_WALL_MS);
  const runId = options.runId ?? randomUUID().slice(0, 8);
  const makeBody = body ?? ((i) => defaultBody(i, runId));

  // The time limit cuts requests in flight too, so the run always ends.
  const deadline = AbortSignal.timeout(maxWallMs);
  /** @type {import('./load-generator.d.mts').LoadAnswer[]} */
  const answers = [];
  /** @type {import('./load-generator.d.mts').LoadSummary['stoppedBy']} */
  let stoppedBy = null;
  let next = 0;
  const started = performance.now();

  /** @param {number} i @returns {Promise<import('./load-generator.d.mts').LoadAnswer>} */
  async function send(i) {
    const target = targets[i % targets.length] ?? targets[0];
    const began = performance.now();
    try {
      const response = await fetch(`${target}${SUBMISSIONS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKeyOf(runId, i) },
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
 * @param {import('./load-generator.d.mts').LoadSummary} s
 */
export function formatSummary(s) {
  const statuses = Object.entries(s.statusCounts)
    .map(([status, n]) => `${status}: ${n}`)
    .join(', ');
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
