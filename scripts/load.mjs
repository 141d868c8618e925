#!/usr/bin/env node
// Sends a bounded burst of valid submissions to running apps on this machine and prints what came back:
//   npm run load -- --target http://127.0.0.1:3000 [--target ...] --count 1000 --concurrency 50
// Exits 1 when any answer was a 5xx or any request got no answer; 2 on bad arguments.
// Every request is a paid upstream call unless the app runs in demo mode or against a fake upstream.
import { parseArgs } from 'node:util';
import { formatSummary, runLoad } from '../load/load-generator.mjs';

const USAGE =
  'usage: node scripts/load.mjs --target http://127.0.0.1:3000 [--target URL ...] [--count 1000] ' +
  '[--concurrency 50] [--timeout-ms 30000] [--max-seconds 600] [--json]\n' +
  'Submissions act as the user of the API token in OVS_TOKEN (create one at /settings/tokens).';

/** @param {string} name @param {string} text */
function integer(name, text) {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value))
    throw new Error(`--${name} must be a whole number`);
  return value;
}

async function main() {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', multiple: true },
      count: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '50' },
      'timeout-ms': { type: 'string', default: '30000' },
      'max-seconds': { type: 'string', default: '600' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.target?.length) throw new Error('give at least one --target');

  const { summary, answers } = await runLoad({
    targets: values.target,
    count: integer('count', values.count),
    concurrency: integer('concurrency', values.concurrency),
    timeoutMs: integer('timeout-ms', values['timeout-ms']),
    maxWallMs: integer('max-seconds', values['max-seconds']) * 1000,
    token: process.env.OVS_TOKEN || undefined,
  });
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));

  const bad = answers.filter((a) => a.status === null || a.status >= 500);
  for (const a of bad.slice(0, 5)) {
    const why = a.error ?? a.body?.error?.code ?? '';
    console.error(`request ${a.i} to ${a.target}: ${a.status ?? 'no answer'} ${why}`);
  }
  return bad.length > 0 || summary.sent < summary.requested ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(USAGE);
    process.exitCode = 2;
  },
);
