// docs/performance.md from the latest result of each measurement, with the stored baseline beside it.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './processes.mjs';

export const LATEST_FILE = path.join(ROOT, 'bench', 'latest.json');
export const BASELINE_FILE = path.join(ROOT, 'bench', 'baseline.json');
/** The budget rows of the recent runs, for the side-by-side table (run output: not in git). */
export const RUNS_FILE = path.join(ROOT, 'bench', 'runs.json');
/** How many runs the side-by-side table shows, and how many of them a budget must pass. */
export const RUNS_SHOWN = 3;
export const RUNS_TO_PASS = 2;
export const REPORT_FILE = path.join(ROOT, 'docs', 'performance.md');

export function readJson(file, fallback) {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : fallback;
}

export function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

export function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

export function commit() {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'app', 'components', 'lib'], {
      cwd: ROOT,
    })
      .toString()
      .trim();
    return dirty ? `${sha} + uncommitted changes` : sha;
  } catch {
    return 'unknown';
  }
}

export const loadAverage = () => os.loadavg().map((x) => Number(x.toFixed(2)));

/** True, false, or null when the row has no budget or no value. */
export function passes(row) {
  const { budget, value } = row;
  if (!budget || value === null || value === undefined || Number.isNaN(value)) return null;
  if (budget.max !== undefined && !(value <= budget.max)) return false;
  if (budget.below !== undefined && !(value < budget.below)) return false;
  if (budget.min !== undefined && !(value >= budget.min)) return false;
  return true;
}

/** `value / reference`, or null when either is missing or the reference is not above zero. */
export function ratio(value, reference) {
  const usable = (x) => typeof x === 'number' && Number.isFinite(x);
  return usable(value) && usable(reference) && reference > 0 ? value / reference : null;
}

/** The rows of a result that carry a budget, each with its verdict. */
export function budgetRows(latest) {
  return Object.values(latest.measurements).flatMap((result) =>
    (result.rows ?? [])
      .filter((row) => row.budget)
      .map((row) => ({
        id: row.id,
        label: row.label,
        value: row.value ?? null,
        unit: row.unit,
        budget: row.budget,
        figures: row.figures ?? null,
        skipped: row.skipped ?? null,
        quick: Boolean(result.quick),
        ranAt: result.ranAt,
        pass: passes(row),
      })),
  );
}

/**
 * Adds one invocation's budget rows to the run history, newest last, keeping `keep` invocations:
 * a budget's recent runs are the last invocations that measured it (`--only` measures some).
 */
export function recordRun(runs, rows, keep = 12) {
  if (rows.length === 0) return runs;
  return [...runs, { rows }].slice(-keep);
}

/** A budget's last `n` results across the run history, oldest first. */
export function recentResults(runs, id, n = RUNS_SHOWN) {
  return runs
    .map((run) => run.rows.find((row) => row.id === id))
    .filter((row) => row && !row.skipped)
    .slice(-n);
}

export function formatValue(value, unit) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  switch (unit) {
    case 'ms':
      return `${value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ms`;
    case 'x':
      return `${value.toFixed(2)}x`;
    case 'KiB':
      return `${value.toFixed(1)} KiB`;
    case 'MiB':
      return `${value.toFixed(1)} MiB`;
    case '/s':
      return `${value.toFixed(0)}/s`;
    case 'score':
      return value.toFixed(2);
    default:
      return `${Math.round(value).toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`;
  }
}

const verdict = (row) => ({ true: 'pass', false: '**FAIL**', null: '—' })[String(passes(row))];

function table(latest, baseline) {
  const lines = ['| measurement | before | after | budget | pass |', '| --- | --- | --- | --- | --- |'];
  for (const result of Object.values(latest.measurements)) {
    if (result.error) {
      lines.push(`| ${result.title}: did not finish | | ${result.error.split('\n')[0]} | | **FAIL** |`);
      continue;
    }
    lines.push(`| **${result.title}** | | | | |`);
    for (const row of result.rows) {
      const before = baseline?.measurements?.[result.name]?.rows?.find((r) => r.id === row.id);
      const after = row.skipped ? row.skipped : formatValue(row.value, row.unit);
      const cells = [
        row.label,
        before ? formatValue(before.value, before.unit) : '',
        after,
        row.budget?.text ?? '',
        verdict(row),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

function budgetCell(row) {
  if (!row) return '';
  const verdictText = { true: 'pass', false: '**FAIL**', null: '—' }[String(row.pass)];
  const figures = row.figures ? ` (${row.figures})` : '';
  return `${formatValue(row.value, row.unit)} ${verdictText}${figures}${row.quick ? ', quick' : ''}`;
}

/** Each budget of the latest run: its value, the figures it is a ratio of, and its verdict. */
function budgetTable(latest) {
  const lines = ['| budget | value | figures | limit | pass |', '| --- | --- | --- | --- | --- |'];
  for (const row of budgetRows(latest)) {
    const value = row.skipped ?? formatValue(row.value, row.unit);
    lines.push(`| ${[row.label, value, row.figures ?? '', row.budget.text, verdict(row)].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Each budget's last runs side by side, and whether it passed in enough of them. */
function runsTable(latest, runs) {
  const header = Array.from({ length: RUNS_SHOWN }, (_, k) => `run ${k + 1}`);
  const lines = [
    `| budget | limit | ${header.join(' | ')} | passes in ${RUNS_TO_PASS} of ${RUNS_SHOWN} |`,
    `| --- | --- | ${header.map(() => '---').join(' | ')} | --- |`,
  ];
  for (const row of budgetRows(latest)) {
    const recent = recentResults(runs, row.id);
    const cells = Array.from({ length: RUNS_SHOWN }, (_, k) => budgetCell(recent[k]));
    const passed = recent.filter((r) => r.pass === true).length;
    const enough =
      recent.length < RUNS_SHOWN
        ? `${passed} of ${recent.length} so far`
        : passed >= RUNS_TO_PASS
          ? 'yes'
          : '**no**';
    lines.push(`| ${[row.label, row.budget.text, ...cells, enough].join(' | ')} |`);
  }
  return lines.join('\n');
}

function describeRun(result) {
  const m = result.machine;
  return (
    `${result.ranAt.slice(0, 16).replace('T', ' ')} UTC, ${result.quick ? 'quick' : 'full'} run, commit ${result.commit}; ` +
    `${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}; load average ${result.loadAverage.start.join(' / ')} ` +
    `at start, ${result.loadAverage.end.join(' / ')} at end (1 / 5 / 15 min)`
  );
}

function methods(latest) {
  return Object.values(latest.measurements)
    .map((result) => {
      const notes = (result.notes ?? []).map((note) => `- ${note}`).join('\n');
      const heading = `### ${result.title} (\`--only ${result.name}\`)`;
      return [heading, result.method, `Run: ${describeRun(result)}.`, notes].filter(Boolean).join('\n\n');
    })
    .join('\n\n');
}

function beforeSection(baseline) {
  if (!baseline)
    return 'No baseline stored yet: `npm run bench -- --baseline` stores the next run as the "before" numbers.';
  const runs = Object.values(baseline.measurements).map((r) => `- ${r.title}: ${describeRun(r)}.`);
  return [
    'The "before" column is `bench/baseline.json`, stored with `npm run bench -- --baseline` before the code was',
    'optimised. Its runs:',
    '',
    ...runs,
  ].join('\n');
}

/** Written by hand below the generated part, and kept when the report is regenerated. */
const FINDINGS_HEADING = '\n## Findings';

function keptFindings() {
  const current = existsSync(REPORT_FILE) ? readFileSync(REPORT_FILE, 'utf8') : '';
  const at = current.indexOf(FINDINGS_HEADING);
  return at === -1 ? '' : current.slice(at);
}

export function writeReport(latest, baseline, runs = []) {
  const findings = keptFindings();
  const text = `# Performance

Measured with \`npm run bench\` (\`bench/run.mjs\`; not part of \`npm test\`). Every figure comes from one
run on this machine against 127.0.0.1 only; ratios compare things measured in that same run. Options:
\`--only <name>\` runs one measurement (bundle, schema, post-latency, auth, throughput, history, export,
lighthouse, cold-start), \`--quick\` a smaller, faster run, \`--baseline\` stores the run as the "before" numbers.
PostgreSQL rows use \`BENCH_DATABASE_URL\` or \`TEST_DATABASE_URL\` (a throwaway database is created and
dropped each run); without either they are skipped. With \`BENCH_CPU_PROFILE_DIR=<dir>\`, post-latency runs the app
and the bare app under \`node --cpu-prof\` and lists their top self time per request in its notes. Everything from "Findings" on is written by hand
and kept when the report is regenerated.

Every budget is a ratio to (or a difference from) a bare Next.js app built in the same run from the same
packages (\`bench/bundle.mjs\`), measured interleaved with it, except the three that are absolute by nature
(the session check's cost, cold start, and the export's memory). The "figures" column holds the two
measurements a ratio is made of.

## Budgets

${budgetTable(latest)}

## Budgets over the last ${RUNS_SHOWN} runs

Oldest first; "quick" marks a \`--quick\` run. A budget is met when it passes in ${RUNS_TO_PASS} of ${RUNS_SHOWN}.

${runsTable(latest, runs)}

## All results

${table(latest, baseline)}

## Before

${beforeSection(baseline)}

## Method

${methods(latest)}
${findings}`;
  writeFileSync(REPORT_FILE, text);
}
