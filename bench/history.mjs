// History list and search through the API at 1,000 and 100,000 stored submissions, on the embedded
// database and on PostgreSQL. Rows are seeded by SQL while the app is stopped (it migrated on its first start).

import { signInWithToken } from './support/accounts.mjs';
import {
  createThrowawayDatabase,
  NO_POSTGRES_REASON,
  postgresBaseUrl,
  withPglite,
  withPostgres,
} from './support/databases.mjs';
import {
  OLD_WORD,
  RARE_TASK_ID,
  RARE_WORD,
  SEARCH_WORD,
  SEARCH_WORDS,
  seedSql,
} from './support/history-seed.mjs';
import { keepAliveAgent, send } from './support/http-load.mjs';
import { newDataDir, startNext } from './support/processes.mjs';
import { formatValue, ratio } from './support/report.mjs';
import { summarize } from './support/stats.mjs';

const SIZES = [1_000, 100_000];

/** How a search is matched, word by word, as lib/submissions/submission-store.ts writes it. */
const matchAll = (words, t = '') =>
  words
    .map(
      (w) =>
        `(${t}prompt ILIKE '%${w}%' OR ${t}task_id ILIKE '%${w}%' OR ${t}external_task_id ILIKE '%${w}%')`,
    )
    .join(' AND ');
/** The search statement as lib/submissions/submission-store.ts (searchPage) writes it, for a page of 50 (51 asked). */
const searchStatement = (words) => `SELECT * FROM submissions WHERE id IN (
  WITH recent AS MATERIALIZED (
    SELECT w.id, w.created_at FROM (SELECT id, created_at, prompt, task_id, external_task_id FROM submissions
      ORDER BY created_at DESC, id DESC LIMIT 2040) w
    WHERE ${matchAll(words, 'w.')}
    ORDER BY w.created_at DESC, w.id DESC LIMIT 51),
  beyond AS MATERIALIZED (SELECT 1 FROM submissions ORDER BY created_at DESC, id DESC OFFSET 2040 LIMIT 1),
  indexed AS MATERIALIZED (SELECT id, created_at FROM submissions
    WHERE (SELECT count(*) FROM recent) < 51 AND EXISTS (SELECT 1 FROM beyond) AND ${matchAll(words)}),
  found AS (SELECT id, created_at FROM recent WHERE (SELECT count(*) FROM recent) >= 51 OR NOT EXISTS (SELECT 1 FROM beyond)
    UNION ALL SELECT id, created_at FROM indexed)
  SELECT id FROM found ORDER BY created_at DESC, id DESC LIMIT 51) ORDER BY created_at DESC, id DESC`;

/** The app's own list and search queries, for the query plans shown in the notes. */
const PLAN_QUERIES = {
  list: 'SELECT * FROM submissions ORDER BY created_at DESC, id DESC LIMIT 50',
  [`search "${SEARCH_WORD}"`]: searchStatement([SEARCH_WORD]),
  [`search "${RARE_WORD}"`]: searchStatement([RARE_WORD]),
  [`search "${SEARCH_WORDS}"`]: searchStatement(SEARCH_WORDS.split(' ')),
  'search by task ID': searchStatement([RARE_TASK_ID]),
  [`search "${OLD_WORD}"`]: searchStatement([OLD_WORD]),
  [`search "${OLD_WORD}" as one plain query, as before the two steps`]: `SELECT * FROM submissions WHERE ${matchAll([OLD_WORD])} ORDER BY created_at DESC, id DESC LIMIT 51`,
};

/** What is timed: each path once per round; `budget` marks the kinds whose growth has a budget. */
const KINDS = {
  list: { path: '/api/submissions?limit=50', name: 'list (limit 50)', budget: true },
  next: { path: null, name: 'next page (cursor)', budget: true },
  rare: {
    path: `/api/submissions?limit=50&q=${RARE_WORD}`,
    name: `search for a rare word "${RARE_WORD}" (1 row of 1k, 25 of 100k)`,
    budget: true,
  },
  search: {
    path: `/api/submissions?limit=50&q=${SEARCH_WORD}`,
    name: `search for a common word "${SEARCH_WORD}" (5% of rows)`,
    budget: true,
  },
  words: {
    path: `/api/submissions?limit=50&q=${encodeURIComponent(SEARCH_WORDS)}`,
    name: `multi-word search "${SEARCH_WORDS}" (both words in 0.26% of rows)`,
    budget: true,
  },
  taskId: {
    path: `/api/submissions?limit=50&q=${RARE_TASK_ID}`,
    name: 'search by a task ID (one row)',
    budget: false,
  },
  old: {
    path: `/api/submissions?limit=50&q=${OLD_WORD}`,
    name: `search "${OLD_WORD}" (1% of rows, all older than the newest 60,000)`,
    budget: false,
  },
};

/** One app's paths of each kind, after signing in: the next page's cursor comes from its first page. */
async function pathsOf(app) {
  const agent = keepAliveAgent(1);
  const { headers } = await signInWithToken(app);
  const get = async (path) => {
    const answer = await send(agent, `${app.url}${path}`, { headers });
    if (answer.status !== 200)
      throw new Error(`GET ${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer;
  };
  const first = JSON.parse((await get('/api/submissions?limit=50')).text);
  if (first.items.length !== 50 || !first.nextCursor) throw new Error('the first page is not a full page');
  const paths = Object.fromEntries(
    Object.entries(KINDS).map(([kind, { path }]) => [
      kind,
      path ?? `/api/submissions?limit=50&cursor=${encodeURIComponent(first.nextCursor)}`,
    ]),
  );
  return { agent, get, paths };
}

/**
 * Both sizes at once, interleaved: each round asks every path of one app, then of the other (which
 * first alternates), so the host's drift falls on both sizes alike. `apps` maps size to app.
 */
async function timeQueries(apps, requests) {
  const clients = Object.fromEntries(
    await Promise.all(Object.entries(apps).map(async ([size, app]) => [size, await pathsOf(app)])),
  );
  const sizes = Object.keys(clients);
  try {
    const samples = Object.fromEntries(
      sizes.map((size) => [size, Object.fromEntries(Object.keys(KINDS).map((kind) => [kind, []]))]),
    );
    for (let i = 0; i < 20 + requests; i++) {
      for (const size of i % 2 ? sizes : [...sizes].reverse()) {
        const { get, paths } = clients[size];
        for (const [kind, path] of Object.entries(paths)) {
          const { ms } = await get(path);
          if (i >= 20) samples[size][kind].push(ms);
        }
      }
    }
    return Object.fromEntries(
      sizes.map((size) => [
        size,
        Object.fromEntries(Object.entries(samples[size]).map(([kind, ms]) => [kind, summarize(ms)])),
      ]),
    );
  } finally {
    for (const { agent } of Object.values(clients)) agent.destroy();
  }
}

async function plans(db) {
  const lines = [];
  for (const [kind, sql] of Object.entries(PLAN_QUERIES)) {
    const plan = (await db.query(`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ${sql}`)).map(
      (r) => r['QUERY PLAN'],
    );
    const nodes = plan.filter(
      (line) => /->|^\S|Rows Removed/.test(line) && !/^(Planning|Execution)/.test(line),
    );
    const time = plan.find((line) => line.startsWith('Execution Time')) ?? '';
    // Each node with the rows it gave, so the notes show which step ran ("never executed" the one that did not).
    const shown = nodes.map((l) => l.trim().replace(/\s+\(actual rows=([\d.]+)[^)]*\)/, ' ($1 rows)'));
    lines.push(`${kind}: ${shown.join(' / ')} (${time})`);
  }
  return lines;
}

/**
 * One database per size (`databases[i]`: `{ env, dataDir?, open(fn) }`, SQL access while its app is
 * stopped): each migrated by one start, then seeded; then an app on each, timed side by side.
 */
async function measureOn(kind, databases, requests, log) {
  for (const [i, size] of SIZES.entries()) {
    const { env, dataDir, open } = databases[i];
    const first = await startNext({ env, dataDir, readyPath: '/api/health' });
    await first.stop();
    const t0 = Date.now();
    await open(async (db) => {
      await db.query(seedSql(1, size));
      await db.query('VACUUM ANALYZE submissions');
    });
    log(`${kind}: seeded ${size.toLocaleString('en-US')} rows in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  const apps = {};
  let results;
  try {
    for (const [i, size] of SIZES.entries()) {
      const { env, dataDir } = databases[i];
      apps[size] = await startNext({ env, dataDir, readyPath: '/api/health' });
    }
    results = await timeQueries(apps, requests);
  } finally {
    await Promise.all(Object.values(apps).map((app) => app.stop()));
  }
  for (const size of SIZES) {
    const r = results[size];
    log(
      `${kind} ${size}: ${Object.keys(KINDS)
        .map((k) => `${k} p50 ${r[k].p50.toFixed(1)} p99 ${r[k].p99.toFixed(1)}`)
        .join('; ')} ms`,
    );
  }
  const planNotes = await databases.at(-1).open(plans);
  return { results, planNotes };
}

function rowsFor(key, label, results) {
  const rows = [];
  for (const [kind, { name, budget }] of Object.entries(KINDS)) {
    for (const size of SIZES) {
      const s = results?.[size]?.[kind];
      const base = `${label}, ${name}, ${size >= 1000 ? `${size / 1000}k` : size} rows`;
      rows.push(
        {
          id: `history.${key}.${kind}.${size}.p50`,
          label: `${base}: p50`,
          value: s?.p50 ?? null,
          unit: 'ms',
        },
        {
          id: `history.${key}.${kind}.${size}.p99`,
          label: `${base}: p99`,
          value: s?.p99 ?? null,
          unit: 'ms',
        },
      );
    }
    const small = results?.[SIZES[0]]?.[kind]?.p50;
    const large = results?.[SIZES.at(-1)]?.[kind]?.p50;
    rows.push({
      id: `history.${key}.${kind}.growth`,
      label: `${label}, ${name}: p50 at 100k / p50 at 1k`,
      value: ratio(large, small),
      unit: 'x',
      figures: small && large ? `1k ${formatValue(small, 'ms')}, 100k ${formatValue(large, 'ms')}` : null,
      ...(budget ? { budget: { max: 1.5, text: '≤ 1.5x' } } : {}),
    });
  }
  return rows;
}

export default {
  name: 'history',
  title: 'History list and search',
  async run({ quick, log }) {
    const requests = quick ? 50 : 200;
    const rows = [];
    const notes = [];

    const embeddedDatabase = () => {
      const dataDir = newDataDir();
      return { env: {}, dataDir, open: (fn) => withPglite(dataDir, fn) };
    };
    const embedded = await measureOn('embedded', SIZES.map(embeddedDatabase), requests, log);
    rows.push(...rowsFor('pglite', 'Embedded', embedded.results));
    notes.push(...embedded.planNotes.map((line) => `Embedded plan at 100k, ${line}`));

    const baseUrl = postgresBaseUrl();
    if (baseUrl) {
      const databases = [];
      try {
        for (const _ of SIZES) databases.push(await createThrowawayDatabase(baseUrl));
        const pg = await measureOn(
          'postgres',
          databases.map((database) => ({
            env: { DATABASE_URL: database.url },
            open: (fn) => withPostgres(database.url, fn),
          })),
          requests,
          log,
        );
        rows.push(...rowsFor('postgres', 'PostgreSQL', pg.results));
        notes.push(...pg.planNotes.map((line) => `PostgreSQL plan at 100k, ${line}`));
      } finally {
        for (const database of databases) await database.drop();
      }
    } else {
      rows.push(
        ...rowsFor('postgres', 'PostgreSQL', null).map((row) => ({ ...row, skipped: NO_POSTGRES_REASON })),
      );
    }
    return {
      rows,
      method:
        'Two databases of each kind, one of 1,000 rows and one of 100,000: on each the app starts once (it ' +
        'migrates), stops, and rows are seeded by SQL (`generate_series`, bench/support/' +
        'history-seed.mjs): prompts of 50-300 characters from varied fragments, 70% succeeded, 10% each failed, ' +
        `submitted, processing, 18-digit task IDs; "${SEARCH_WORD}" is in 5% of prompts. Rows 1..1,000 are the newest, so ` +
        'the 100k table holds the same first page. After `VACUUM ANALYZE` an app starts on each database and, after ' +
        `20 warm-up rounds, ${requests} rounds are timed at concurrency 1 with an API token of the first admin (who ` +
        'sees every row), each round asking every path of one app and then of the other (which one first ' +
        "alternates), so both sizes share the host's drift: `GET /api/submissions?limit=50`, the " +
        `page after it by its \`nextCursor\`, and the searches \`?limit=50&q=${RARE_WORD}\` (a word in 1 of 4,000 ` +
        `prompts, spread over the whole history), \`q=${SEARCH_WORD}\` (a word in 5% of prompts), ` +
        `\`q=${SEARCH_WORDS}\` (two words, each common, together in 0.26% of prompts) and \`q=${RARE_TASK_ID}\` ` +
        "(one row's task ID), and " +
        `\`q=${OLD_WORD}\` (a word in 1 of 40 rows older than the newest 60,000: none at 1k). The budgets are ` +
        'the p50 at 100k over the p50 at 1k.',
      notes,
    };
  },
};
