#!/usr/bin/env node
// `npm run bench [-- --only <name>] [--quick] [--baseline]`: builds the app when needed, runs each
// measurement in turn on 127.0.0.1, prints every figure as it goes and writes docs/performance.md.
import { parseArgs } from 'node:util';
import authCheck from './auth-check.mjs';
import bundle from './bundle.mjs';
import coldStart from './cold-start.mjs';
import exportHistory from './export.mjs';
import history from './history.mjs';
import lighthouse from './lighthouse.mjs';
import postLatency from './post-latency.mjs';
import schema from './schema.mjs';
import { ensureBuilt } from './support/build.mjs';
import {
  BASELINE_FILE,
  budgetRows,
  commit,
  formatValue,
  LATEST_FILE,
  loadAverage,
  machine,
  passes,
  REPORT_FILE,
  RUNS_FILE,
  readJson,
  recordRun,
  writeJson,
  writeReport,
} from './support/report.mjs';
import throughput from './throughput.mjs';

// Cold start last: by then the build's files are in the page cache, as after any earlier start.
const MEASUREMENTS = [
  bundle,
  schema,
  postLatency,
  authCheck,
  throughput,
  history,
  exportHistory,
  lighthouse,
  coldStart,
];

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    quick: { type: 'boolean', default: false },
    baseline: { type: 'boolean', default: false },
  },
});

const selected = values.only
  ? values.only.flatMap((name) => {
      const found = MEASUREMENTS.find((m) => m.name === name);
      if (!found) {
        console.error(`unknown measurement "${name}"; one of: ${MEASUREMENTS.map((m) => m.name).join(', ')}`);
        process.exit(2);
      }
      return [found];
    })
  : MEASUREMENTS;

const log = (prefix) => (message) => console.log(`[${prefix}] ${message}`);
const started = Date.now();
await ensureBuilt(log('build'));

const latest = readJson(LATEST_FILE, { measurements: {} });
let crashed = false;
for (const measurement of selected) {
  const say = log(measurement.name);
  say(`${measurement.title} (load average ${loadAverage().join(' / ')})`);
  const record = {
    name: measurement.name,
    title: measurement.title,
    ranAt: new Date().toISOString(),
    quick: values.quick,
    commit: commit(),
    machine: machine(),
    loadAverage: { start: loadAverage(), end: [] },
  };
  const t0 = Date.now();
  try {
    Object.assign(record, await measurement.run({ quick: values.quick, log: say }));
    for (const row of record.rows) {
      const verdict = { true: 'pass', false: 'FAIL', null: '' }[String(passes(row))];
      const figures = row.figures ? ` [${row.figures}]` : '';
      say(
        `${row.label}: ${row.skipped ?? formatValue(row.value, row.unit)}${figures} ${row.budget ? `(budget ${row.budget.text}: ${verdict})` : ''}`,
      );
    }
  } catch (error) {
    crashed = true;
    record.error = error instanceof Error ? error.message : String(error);
    record.rows = [];
    say(`did not finish: ${record.error}`);
  }
  record.loadAverage.end = loadAverage();
  say(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  latest.measurements[measurement.name] = record;
}

// Keep the report in the order of MEASUREMENTS, whichever ran last.
latest.measurements = Object.fromEntries(
  MEASUREMENTS.filter((m) => latest.measurements[m.name]).map((m) => [m.name, latest.measurements[m.name]]),
);
writeJson(LATEST_FILE, latest);
if (values.baseline) {
  const baseline = readJson(BASELINE_FILE, { measurements: {} });
  for (const m of selected) baseline.measurements[m.name] = latest.measurements[m.name];
  writeJson(BASELINE_FILE, baseline);
  console.log(`stored as the baseline: ${BASELINE_FILE}`);
}
// This invocation's budgets: printed together, and kept for the side-by-side table of recent runs.
const ran = budgetRows({
  measurements: Object.fromEntries(selected.map((m) => [m.name, latest.measurements[m.name]])),
});
const runs = recordRun(readJson(RUNS_FILE, []), ran);
writeJson(RUNS_FILE, runs);
console.log('\nbudgets:');
for (const row of ran) {
  const verdict = { true: 'pass', false: 'FAIL', null: 'no figure' }[String(row.pass)];
  const value = row.skipped ?? formatValue(row.value, row.unit);
  console.log(
    `  ${verdict.padEnd(9)} ${row.label}: ${value} (budget ${row.budget.text})${row.figures ? ` [${row.figures}]` : ''}`,
  );
}
writeReport(latest, readJson(BASELINE_FILE, null), runs);
console.log(`wrote ${REPORT_FILE} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
process.exit(crashed ? 1 : 0);
