// Time per parse of the shared request schema on the largest bodies a creator can build.
// The TypeScript schema is bundled with esbuild (already installed with drizzle-kit and vite) into
// one plain module, so the very code the form and the route run is timed, without a test runner.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './support/processes.mjs';
import { everythingAtOnceRequest, largestValidRequest } from './support/request-bodies.mjs';
import { msSince, summarize } from './support/stats.mjs';

/** The schema and zod's `config`, bundled from the TypeScript sources into one plain module. */
async function loadSchema() {
  const { build } = await import('esbuild');
  const outfile = path.join(ROOT, '.bench-work', 'submission-request.mjs');
  mkdirSync(path.dirname(outfile), { recursive: true });
  await build({
    stdin: {
      contents:
        "export { submissionRequestSchema } from './lib/contract/submission-request.ts';\n" +
        "export { config } from 'zod';\n",
      resolveDir: ROOT,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

/** Each parse timed on its own (the timer costs well under a microsecond), after a warm-up. */
function timeParses(schema, body, { warmUp, runs }) {
  for (let i = 0; i < warmUp; i++) schema.safeParse(body);
  const samples = new Array(runs);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    schema.safeParse(body);
    samples[i] = msSince(start);
  }
  return summarize(samples);
}

export default {
  name: 'schema',
  title: 'Schema validation per parse',
  async run({ quick, log }) {
    const { submissionRequestSchema: schema, config } = await loadSchema();
    const valid = schema.safeParse(largestValidRequest);
    const refused = schema.safeParse(everythingAtOnceRequest);
    if (!valid.success) throw new Error(`the largest valid request is refused: ${valid.error.message}`);
    if (refused.success)
      throw new Error('the everything-at-once request is accepted: the count rule is gone?');
    const counts = quick ? { warmUp: 1_000, runs: 5_000 } : { warmUp: 5_000, runs: 50_000 };
    const bodies = [
      ['everything', '7 images + 1 video + 2 elements (refused: over the count)', everythingAtOnceRequest],
      ['valid', 'largest valid: 5 images + 2 elements', largestValidRequest],
    ];
    // Zod compiles object parsers with `new Function` where it may; the page's CSP forbids eval,
    // so in the browser the same schema runs "jitless". Both are timed.
    const modes = [
      ['jit', 'Node (compiled parsers)', false],
      ['jitless', 'jitless, as in the browser under the CSP', true],
    ];
    const rows = [];
    for (const [modeKey, modeLabel, jitless] of modes) {
      config({ jitless });
      for (const [key, label, body] of bodies) {
        const s = timeParses(schema, body, counts);
        log(`${modeKey} ${key}: p50 ${(s.p50 * 1000).toFixed(1)} µs, p99 ${(s.p99 * 1000).toFixed(1)} µs`);
        const id = modeKey === 'jit' ? key : `${key}.jitless`;
        rows.push(
          {
            id: `schema.${id}.p50`,
            label: `${label}, ${modeLabel}: p50`,
            value: s.p50,
            unit: 'ms',
            budget: { max: 0.1, text: '≤ 0.1 ms' },
          },
          { id: `schema.${id}.p99`, label: `${label}, ${modeLabel}: p99`, value: s.p99, unit: 'ms' },
        );
      }
    }
    config({ jitless: false });
    return {
      rows,
      method:
        '`lib/contract/submission-request.ts` is bundled with esbuild into `.bench-work/` and imported in ' +
        `Node; \`submissionRequestSchema.safeParse(body)\` is timed one call at a time with hrtime ` +
        `(${counts.warmUp.toLocaleString('en-US')} warm-up calls, then ${counts.runs.toLocaleString('en-US')} timed). ` +
        'Bodies: every field, 2,500-character prompt, 600-character negative prompt. Timed twice: as Node runs it ' +
        '(zod compiles object parsers with `new Function`) and with `config({ jitless: true })`, which is how the ' +
        "composer's schema runs in the browser, where the page's Content-Security-Policy forbids eval.",
      notes: [],
    };
  },
};
