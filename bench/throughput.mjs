// Sustained submissions per second at concurrency 32: one app on the embedded database, and two
// app instances sharing one PostgreSQL database. Afterwards every 2xx answer is looked up in the
// database (with the apps stopped) to prove it was stored. For reference, the same load goes to the
// bare Next.js app's route that only forwards the body to the fake: what the framework alone allows.
import { BARE_DIR, BARE_FORWARD_PATH, ensureBareApp } from './bundle.mjs';
import { signInWithToken } from './support/accounts.mjs';
import {
  countStored,
  createThrowawayDatabase,
  NO_POSTGRES_REASON,
  postgresBaseUrl,
  withPglite,
  withPostgres,
} from './support/databases.mjs';
import { runLoad } from './support/http-load.mjs';
import { startFakeUpstreamProcess, startNext, upstreamEnv } from './support/processes.mjs';
import { formatValue, ratio } from './support/report.mjs';
import { typicalRequest } from './support/request-bodies.mjs';
import { summarize } from './support/stats.mjs';

const CONCURRENCY = 32;

/**
 * Warm-up, then the timed run of `POST <path>`; returns the rate of 201 answers, their parsed bodies
 * and, for `/api/submissions`, the IDs of the stored submissions.
 */
async function load(targets, durationMs, path = '/api/submissions', headers = {}) {
  const post = () => ({ path, method: 'POST', headers, body: typicalRequest });
  await runLoad({ targets, concurrency: 8, durationMs: 20_000, maxRequests: 64, request: post });
  const { results, elapsedMs } = await runLoad({
    targets,
    concurrency: CONCURRENCY,
    durationMs,
    maxRequests: 200_000,
    request: post,
  });
  const ok = results.filter((r) => r.status === 201);
  const failures = results.length - ok.length;
  const statuses = [...new Set(results.filter((r) => r.status !== 201).map((r) => r.status))];
  const answers = ok.map((r) => JSON.parse(r.text));
  return {
    perSecond: ok.length / (elapsedMs / 1000),
    latency: summarize(results.map((r) => r.ms)),
    answers,
    ids: answers.map((answer) => answer.id),
    failures,
    statuses,
    elapsedMs,
  };
}

/**
 * The host's speed drifts from minute to minute here, so each database setting is measured `times`
 * times, each time on a fresh app and database; the run with the median rate stands for it, and
 * "not stored" counts the answers missing over all runs.
 */
async function medianOf(times, measure) {
  const all = [];
  for (let i = 0; i < times; i++) all.push(await measure());
  const sorted = [...all].sort((a, b) => a.run.perSecond - b.run.perSecond);
  const median = sorted[Math.floor(sorted.length / 2)];
  const lost = all.reduce((sum, m) => sum + (m.run.ids.length - m.stored), 0);
  const answered = all.reduce((sum, m) => sum + m.run.ids.length, 0);
  return { ...median, all, lost, answered };
}

const describeRuns = (all) =>
  all.map((m) => `${m.run.perSecond.toFixed(0)}/s (p99 ${m.run.latency.p99.toFixed(0)} ms)`).join(', ');

/** Rows for one database setting: `measured` is what `medianOf` returns. */
function rowsFor(key, label, { run, lost, answered }) {
  return [
    {
      id: `throughput.${key}.rate`,
      label: `${label}: submissions/s`,
      value: run.perSecond,
      unit: '/s',
    },
    {
      id: `throughput.${key}.p99`,
      label: `${label}: p99`,
      value: run.latency.p99,
      unit: 'ms',
    },
    { id: `throughput.${key}.p50`, label: `${label}: p50`, value: run.latency.p50, unit: 'ms' },
    {
      id: `throughput.${key}.lost`,
      label: `${label}: 201 answers not stored (of ${answered.toLocaleString('en-US')}, all runs)`,
      value: lost,
      unit: '',
      budget: { max: 0, text: '0' },
    },
    {
      id: `throughput.${key}.errors`,
      label: `${label}: answers other than 201`,
      value: run.failures,
      unit: '',
    },
  ];
}

function skippedRows(key, label, reason) {
  const nothing = { run: { perSecond: null, latency: { p99: null, p50: null } }, lost: null, answered: 0 };
  return rowsFor(key, label, nothing).map((row) => ({
    ...row,
    label: row.label.replace(/ \(of 0, all runs\)/, ''),
    value: null,
    skipped: reason,
  }));
}

async function embedded(fake, durationMs, log) {
  const app = await startNext({ env: upstreamEnv(fake) });
  let run;
  try {
    const { headers } = await signInWithToken(app);
    run = await load([app.url], durationMs, '/api/submissions', headers);
  } finally {
    await app.stop();
  }
  const stored = await withPglite(app.dataDir, (db) => countStored(db, run.ids));
  log(
    `embedded: ${run.perSecond.toFixed(0)}/s, p99 ${run.latency.p99.toFixed(0)} ms, ${stored}/${run.ids.length} stored, ${run.failures} failures ${run.statuses.join(',')}`,
  );
  return { run, stored };
}

async function postgres(fake, durationMs, log, baseUrl) {
  const database = await createThrowawayDatabase(baseUrl);
  const apps = [];
  try {
    const env = { ...upstreamEnv(fake), DATABASE_URL: database.url };
    // One after the other: the first migrates, the second finds the schema ready.
    apps.push(await startNext({ env }));
    apps.push(await startNext({ env }));
    let run;
    try {
      // One token for both: they share the database, as instances behind one load balancer do.
      const { headers } = await signInWithToken(apps[0]);
      run = await load(
        apps.map((a) => a.url),
        durationMs,
        '/api/submissions',
        headers,
      );
    } finally {
      await Promise.all(apps.map((a) => a.stop()));
    }
    const stored = await withPostgres(database.url, (db) => countStored(db, run.ids));
    log(
      `postgres x2: ${run.perSecond.toFixed(0)}/s, p99 ${run.latency.p99.toFixed(0)} ms, ${stored}/${run.ids.length} stored, ${run.failures} failures ${run.statuses.join(',')}`,
    );
    return { run, stored };
  } finally {
    await database.drop();
  }
}

/** The bare app's forward route, on one instance and then on two: the reference for each budget. */
async function bare(fake, durationMs, log) {
  await ensureBareApp(log);
  const apps = [];
  try {
    // Both started before the first run, so the one-instance run does not differ by a start in between.
    apps.push(await startNext({ cwd: BARE_DIR, env: upstreamEnv(fake) }));
    apps.push(await startNext({ cwd: BARE_DIR, env: upstreamEnv(fake) }));
    const runs = [];
    for (const count of [1, 2]) {
      const run = await load(
        apps.slice(0, count).map((a) => a.url),
        durationMs,
        BARE_FORWARD_PATH,
      );
      // The route answers 201 whatever the fake said; the fake's own answer names the task it created.
      run.rejected = run.answers.filter((answer) => typeof answer.task_id !== 'string').length;
      log(
        `bare x${count}: ${run.perSecond.toFixed(0)}/s, p99 ${run.latency.p99.toFixed(0)} ms, ${run.failures} failures ${run.statuses.join(',')}, ${run.rejected} without a task from the fake`,
      );
      runs.push(run);
    }
    return runs;
  } finally {
    await Promise.all(apps.map((a) => a.stop()));
  }
}

function bareRows(key, label, run) {
  return [
    {
      id: `throughput.${key}.rate`,
      label: `${label}: requests/s`,
      value: run.perSecond,
      unit: '/s',
    },
    { id: `throughput.${key}.p99`, label: `${label}: p99`, value: run.latency.p99, unit: 'ms' },
    { id: `throughput.${key}.p50`, label: `${label}: p50`, value: run.latency.p50, unit: 'ms' },
  ];
}

export default {
  name: 'throughput',
  title: 'Sustained submissions at concurrency 32',
  async run({ quick, log }) {
    const durationMs = quick ? 3_000 : 10_000;
    const times = quick ? 1 : 3;
    const fake = await startFakeUpstreamProcess();
    const rows = [];
    const notes = [];
    try {
      const report = (key, label, name, measured) => {
        rows.push(...rowsFor(key, label, measured));
        if (times > 1) notes.push(`${name}, every run: ${describeRuns(measured.all)}.`);
        if (measured.run.statuses.length)
          notes.push(`${name}: statuses other than 201: ${measured.run.statuses.join(', ')}.`);
      };
      const e = await medianOf(times, () => embedded(fake, durationMs, log));
      report('embedded', 'Embedded database, 1 instance', 'Embedded', e);
      const baseUrl = postgresBaseUrl();
      let p = null;
      if (baseUrl) {
        p = await medianOf(times, () => postgres(fake, durationMs, log, baseUrl));
        report('postgres', 'PostgreSQL, 2 instances', 'PostgreSQL', p);
      } else {
        rows.push(...skippedRows('postgres', 'PostgreSQL, 2 instances', NO_POSTGRES_REASON));
      }
      const [bareOne, bareTwo] = await bare(fake, durationMs, log);
      const figures = (app, bareRun, instances) =>
        `app ${formatValue(app, '/s')}, bare forwarding route ${formatValue(bareRun.perSecond, '/s')}, ${instances}`;
      rows.unshift(
        {
          id: 'throughput.embedded.ratio',
          label: 'Submissions/s at concurrency 32, embedded, 1 instance, vs the bare forwarding route',
          value: ratio(e.run.perSecond, bareOne.perSecond),
          unit: 'x',
          figures: figures(e.run.perSecond, bareOne, '1 instance each'),
          budget: { min: 0.75, text: '≥ 0.75x' },
        },
        {
          id: 'throughput.postgres.ratio',
          label: 'Submissions/s at concurrency 32, PostgreSQL, 2 instances, vs the bare forwarding route',
          value: p ? ratio(p.run.perSecond, bareTwo.perSecond) : null,
          unit: 'x',
          figures: p ? figures(p.run.perSecond, bareTwo, '2 instances each') : null,
          ...(p ? {} : { skipped: NO_POSTGRES_REASON }),
          budget: { min: 0.5, text: '≥ 0.5x' },
        },
      );
      rows.push(
        ...bareRows('bare', 'Bare Next.js route forwarding to the fake, 1 instance (reference)', bareOne),
        ...bareRows('bare2', 'Bare Next.js route forwarding to the fake, 2 instances (reference)', bareTwo),
      );
      for (const [name, run] of [
        ['1 instance', bareOne],
        ['2 instances', bareTwo],
      ]) {
        if (run.failures || run.rejected) {
          notes.push(
            `Bare Next.js route, ${name}: ${run.failures} answers other than 201 (${run.statuses.join(', ')}), ` +
              `${run.rejected} forwards the fake created no task for.`,
          );
        }
      }
    } finally {
      await fake.stop();
    }
    return {
      rows,
      method:
        `A bounded loopback loop (bench/support/http-load.mjs): ${CONCURRENCY} workers send \`POST /api/submissions\` ` +
        `back to back over keep-alive connections for ${durationMs / 1000} s (after 64 warm-up requests), against the ` +
        'fake upstream in its own process. Submissions/s counts 201 answers over the elapsed time; p50/p99 are over all ' +
        'answers. Embedded: one `next start` with a fresh data folder. PostgreSQL: a throwaway database and two ' +
        '`next start` instances, workers split evenly between them. The load loop, the apps, the fake and PostgreSQL ' +
        "share the same cores. Afterwards the apps are stopped and each 201 answer's ID is looked up in the database " +
        `(status \`submitted\`). Each database setting runs ${times} time(s), each on a fresh app and database; the run ` +
        'with the median rate is reported (every run is listed below), and "not stored" counts all runs. The app\'s ' +
        'requests carry an API token of its first admin (one token for both PostgreSQL instances). Reference: the same load and duration against `next start` of the bare Next.js app of ' +
        `the bundle measurement, whose only API route \`POST ${BARE_FORWARD_PATH}\` reads the JSON body, forwards ` +
        'it with `fetch` and the Bearer key to the fake and answers its JSON with 201 (no validation, no database): ' +
        'one instance, then two with the workers split evenly; requests/s counts 201 answers. The budgets are the ' +
        "app's rate over the bare route's, with as many instances each.",
      notes,
    };
  },
};
