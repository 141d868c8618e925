// Reading `node --cpu-prof` profiles of a benchmarked server: where its CPU time went, by function
// (self time) and by the package the code came from.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Node flags that write a CPU profile into `dir` when the process exits. */
export const cpuProfileArgs = (dir) => ['--cpu-prof', `--cpu-prof-dir=${dir}`];

/** Where a script comes from: an npm package, Node itself, the app's build, or a V8 pseudo-frame. */
export function origin(url) {
  if (!url) return 'V8 / native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    // Next bundles its own copies of React and other packages under next/dist/compiled.
    const compiled = /next\/dist\/compiled\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    return compiled ? `next (compiled ${compiled[1]})` : pkg[1];
  }
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/.next/')) return 'app build (.next)';
  return path.basename(url);
}

/** Now on the clock of V8's profiles (monotonic microseconds, as `process.hrtime`), to pass as `fromUs`. */
export const profileClockUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time per function and per origin of one profile (`.cpuprofile` JSON), in ms, largest first.
 * Each sample's time is the delta before it, as Chrome's profiler reads it. Only samples taken at or
 * after `fromUs` count (start-up left out).
 */
export function selfTimes(profile, { fromUs = -Infinity } = {}) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map();
  const byOrigin = new Map();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const frame = nodes.get(id)?.callFrame;
    if (!frame) return;
    total += ms;
    const name = frame.functionName || '(anonymous)';
    const where = frame.url ? `${origin(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = where ? `${name} (${where})` : name;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    const from = frame.url ? origin(frame.url) : name;
    byOrigin.set(from, (byOrigin.get(from) ?? 0) + ms);
  });
  const sorted = (map) => [...map].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  return { total, functions: sorted(byFunction), origins: sorted(byOrigin) };
}

const share = (ms, total) => `${((100 * ms) / total).toFixed(1)}%`;

/**
 * Lines naming the top origins and functions by self time of the profiles in `dir` (idle excluded),
 * from `fromUs` on, each also as CPU milliseconds per request when the number of requests is given.
 */
export function summariseProfiles(dir, { top = 12, requests = 0, fromUs } = {}) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (files.length === 0) return [`no profile written in ${dir}`];
  const lines = [];
  for (const file of files) {
    const { total, functions, origins } = selfTimes(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), {
      fromUs,
    });
    const idle = origins.find((o) => o.name === '(idle)')?.ms ?? 0;
    const busy = total - idle;
    const perRequest = (ms) => (requests ? ` ${(ms / requests).toFixed(3)} ms/req` : '');
    lines.push(
      `${file}: ${(busy / 1000).toFixed(1)} s busy of ${(total / 1000).toFixed(1)} s${requests ? `, ${(busy / requests).toFixed(2)} ms CPU per request over ${requests}` : ''}`,
    );
    const busyOnly = (list) => list.filter((x) => x.name !== '(idle)').slice(0, top);
    lines.push(
      `by origin: ${busyOnly(origins)
        .map((o) => `${o.name} ${share(o.ms, busy)}${perRequest(o.ms)}`)
        .join(', ')}`,
    );
    lines.push(
      `by function: ${busyOnly(functions)
        .map((f) => `${f.name} ${share(f.ms, busy)}`)
        .join(', ')}`,
    );
  }
  return lines;
}
