// The history export (`GET /api/submissions/export`) of 10,000 and 100,000 stored submissions, as CSV
// and JSON, on the embedded database and on PostgreSQL: time to the last byte, and how far the app's
// resident memory rose above where it stood before the export (the export streams batches, so that
// rise must not grow with the number of rows).
import http from 'node:http';
import { signInWithToken } from './support/accounts.mjs';
import {
  createThrowawayDatabase,
  NO_POSTGRES_REASON,
  postgresBaseUrl,
  withPglite,
  withPostgres,
} from './support/databases.mjs';
import { seedSql } from './support/history-seed.mjs';
import { processTree, residentBytes, sampleResident } from './support/process-memory.mjs';
import { newDataDir, startNext } from './support/processes.mjs';

const SIZES = [10_000, 100_000];
const FORMATS = ['csv', 'json'];
const MIB = 2 ** 20;
/** The most the app's memory may rise while exporting, whatever the number of rows. */
const GROWTH_BUDGET_MIB = 64;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Downloads the export, keeping only counts; resolves with the time to the last byte and the rows read. */
function download(url, headers) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get(url, { headers }, (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${url} answered ${response.statusCode}`));
          response.resume();
          return;
        }
        let bytes = 0;
        let lines = 0;
        response.on('data', (chunk) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        });
        response.on('end', () => resolve({ ms: performance.now() - started, bytes, lines }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Rows in a downloaded file: the CSV's lines less its header; the JSON array's lines less its brackets. */
const rowsIn = (format, lines) => (format === 'csv' ? lines - 1 : lines - 2);

async function measureExport(app, headers, format, expectedRows) {
  const pids = processTree(app.child.pid);
  // Settle first, so the starting point is the idle app, not the garbage of the last request.
  await sleep(1_000);
  const before = residentBytes(pids);
  const sampler = sampleResident(pids);
  const result = await download(`${app.url}/api/submissions/export?format=${format}`, headers);
  const peak = sampler.stop();
  const rows = rowsIn(format, result.lines);
  if (rows !== expectedRows) throw new Error(`the ${format} export held ${rows} rows, not ${expectedRows}`);
  return { seconds: result.ms / 1000, growthMiB: (peak - before) / MIB, mib: result.bytes / MIB };
}

async function measureOn(kind, { env, dataDir, open }, log) {
  const first = await startNext({ env, dataDir, readyPath: '/api/health' });
  await first.stop();
  const results = {};
  let seeded = 0;
  for (const size of SIZES) {
    await open(async (db) => {
      await db.query(seedSql(seeded + 1, size));
      await db.query('VACUUM ANALYZE submissions');
    });
    seeded = size;
    const app = await startNext({ env, dataDir, readyPath: '/api/health' });
    try {
      const { headers } = await signInWithToken(app);
      // A tenth of the rows in each format first: the route's code is loaded and the heap has grown to
      // its working size before memory is measured, so what is measured is what the rows add.
      for (const format of FORMATS)
        await download(`${app.url}/api/submissions/export?format=${format}&status=failed`, headers);
      for (const format of FORMATS) {
        const r = await measureExport(app, headers, format, size);
        results[`${format}.${size}`] = r;
        log(
          `${kind} ${format} ${size.toLocaleString('en-US')} rows: ${r.seconds.toFixed(1)} s, ${r.mib.toFixed(0)} MiB, memory +${r.growthMiB.toFixed(1)} MiB`,
        );
      }
    } finally {
      await app.stop();
    }
  }
  return results;
}

function rowsFor(key, label, results, skipped) {
  const rows = [];
  for (const format of FORMATS) {
    for (const size of SIZES) {
      const r = results?.[`${format}.${size}`];
      const base = `${label}, ${format.toUpperCase()}, ${size / 1000}k rows`;
      const big = size === SIZES.at(-1);
      rows.push(
        {
          id: `export.${key}.${format}.${size}.seconds`,
          label: `${base}: time to the last byte`,
          value: r ? r.seconds * 1000 : null,
          unit: 'ms',
          skipped,
        },
        {
          id: `export.${key}.${format}.${size}.growth`,
          label: `${base}: peak resident memory above idle`,
          value: r?.growthMiB ?? null,
          unit: 'MiB',
          skipped,
          ...(big ? { budget: { max: GROWTH_BUDGET_MIB, text: `≤ ${GROWTH_BUDGET_MIB} MiB` } } : {}),
        },
      );
    }
    const small = results?.[`${format}.${SIZES[0]}`]?.growthMiB;
    const large = results?.[`${format}.${SIZES.at(-1)}`]?.growthMiB;
    rows.push({
      id: `export.${key}.${format}.growth-ratio`,
      label: `${label}, ${format.toUpperCase()}: memory rise at 100k / at 10k`,
      value: small && large ? large / small : null,
      unit: 'x',
      skipped,
    });
  }
  return rows;
}

export default {
  name: 'export',
  title: 'History export, streamed',
  async run({ log }) {
    const rows = [];
    const dataDir = newDataDir();
    const embedded = await measureOn(
      'embedded',
      { env: {}, dataDir, open: (fn) => withPglite(dataDir, fn) },
      log,
    );
    rows.push(...rowsFor('pglite', 'Embedded', embedded));

    const baseUrl = postgresBaseUrl();
    if (baseUrl) {
      const database = await createThrowawayDatabase(baseUrl);
      try {
        const pg = await measureOn(
          'postgres',
          { env: { DATABASE_URL: database.url }, open: (fn) => withPostgres(database.url, fn) },
          log,
        );
        rows.push(...rowsFor('postgres', 'PostgreSQL', pg));
      } finally {
        await database.drop();
      }
    } else {
      rows.push(...rowsFor('postgres', 'PostgreSQL', null, NO_POSTGRES_REASON));
    }
    return {
      rows,
      method:
        'The app starts once (it migrates), stops, and the history rows of the history measurement are seeded by SQL ' +
        '(bench/support/history-seed.mjs); after `VACUUM ANALYZE` the app restarts and exports the failed tenth of the rows in each format (the route ' +
        'is loaded and the heap grows to its working size). ' +
        'Then `GET /api/submissions/export?format=csv`, and `format=json`, are downloaded (with an API token of the first ' +
        'admin, who may export every row) over one connection by a client that ' +
        'only counts bytes and lines (and checks every row arrived). Memory: the summed VmRSS of the `next start` process ' +
        'and its children (/proc), sampled every 20 ms, as its peak during the download less its value after a 1 s idle ' +
        'wait before it. Then rows up to 100,000, and again.',
    };
  },
};
