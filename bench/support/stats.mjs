// Order statistics for latency samples: nearest-rank percentiles, so p99 of 200 samples is a real sample.

/** @param {number[]} sorted ascending @param {number} p 0..100 */
function nearestRank(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50, p99 and friends of a list of durations (any unit). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, x) => total + x, 0);
  return {
    count: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: nearestRank(sorted, 50),
    p90: nearestRank(sorted, 90),
    p99: nearestRank(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

export function median(values) {
  return nearestRank(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Milliseconds since `start` (a process.hrtime.bigint() reading), with sub-microsecond precision. */
export function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}
