// Lighthouse (the npm package, mobile default: simulated slow 4G and a 4x CPU slowdown) on the
// composer and the history page, with Debian's Chromium headless.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BARE_DIR, buildBareApp } from './bundle.mjs';
import { keepAliveAgent, send } from './support/http-load.mjs';
import { port, ROOT, startNext } from './support/processes.mjs';
import { typicalRequest } from './support/request-bodies.mjs';

const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const PAGES = [
  { key: 'composer', path: '/', label: 'Composer `/`' },
  { key: 'history', path: '/submissions', label: 'History `/submissions`' },
];
const OUT_DIR = path.join(ROOT, '.bench-work', 'lighthouse');

function lighthouse(url, outputPath) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'lighthouse'),
      [
        url,
        '--output=json',
        `--output-path=${outputPath}`,
        '--quiet',
        `--only-categories=${CATEGORIES.join(',')}`,
        `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
      ],
      { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    child.stdout.on('data', (chunk) => {
      log += chunk;
    });
    child.stderr.on('data', (chunk) => {
      log += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`lighthouse failed on ${url}: ${log.slice(-2000)}`));
      resolve(JSON.parse(readFileSync(outputPath, 'utf8')));
    });
  });
}

/** Scored audits of the three categories that do not pass, as "id (what it measured)". */
function failingAudits(lhr) {
  const failing = new Set();
  for (const id of CATEGORIES) {
    for (const ref of lhr.categories[id].auditRefs) {
      const audit = lhr.audits[ref.id];
      if (!audit || audit.score === null || audit.score >= 1) continue;
      if (['informative', 'notApplicable', 'manual'].includes(audit.scoreDisplayMode)) continue;
      // Performance lists every insight; keep the weighted metrics and the clearly failing rest.
      if (id === 'performance' && ref.weight === 0 && audit.score >= 0.5) continue;
      const issues =
        ref.id === 'inspector-issues' ? audit.details?.items?.map((item) => item.issueType) : null;
      const detail = issues?.length ? issues.join(', ') : audit.displayValue;
      failing.add(detail ? `${ref.id} (${detail})` : ref.id);
    }
  }
  return [...failing];
}

export default {
  name: 'lighthouse',
  title: 'Lighthouse scores (mobile)',
  async run({ quick, log }) {
    const runs = quick ? 1 : 3;
    mkdirSync(OUT_DIR, { recursive: true });
    const rows = [];
    const notes = [];
    // The floor the framework itself sets on this machine: a bare Next.js page, audited the same way.
    if (!existsSync(path.join(BARE_DIR, '.next', 'BUILD_ID'))) await buildBareApp(log);
    const bare = await startNext({ cwd: BARE_DIR, port: port(0) });
    try {
      const lhr = await lighthouse(`${bare.url}/`, path.join(OUT_DIR, 'bare-0.json'));
      const score = (id) => lhr.categories[id].score;
      log(
        `bare page: performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}`,
      );
      rows.push({
        id: 'lighthouse.bare.performance',
        label: 'Bare Next.js page (reference): performance',
        value: score('performance'),
        unit: 'score',
      });
      notes.push(
        `Bare Next.js page (reference, one run): total-blocking-time ${lhr.audits['total-blocking-time']?.displayValue}, largest-contentful-paint ${lhr.audits['largest-contentful-paint']?.displayValue}.`,
      );
    } finally {
      await bare.stop();
    }
    const app = await startNext({ port: port(8) });
    try {
      // History with a page of rows to show, made through the API like a creator's submissions.
      const agent = keepAliveAgent(1);
      for (let i = 0; i < 30; i++) {
        await send(agent, `${app.url}/api/submissions`, {
          method: 'POST',
          body: { ...typicalRequest, prompt: `${typicalRequest.prompt} #${i}` },
        });
      }
      agent.destroy();
      for (const page of PAGES) {
        const reports = [];
        for (let i = 0; i < runs; i++) {
          const lhr = await lighthouse(`${app.url}${page.path}`, path.join(OUT_DIR, `${page.key}-${i}.json`));
          const perf = lhr.categories.performance.score;
          log(
            `${page.path} run ${i + 1}: performance ${perf}, accessibility ${lhr.categories.accessibility.score}, best practices ${lhr.categories['best-practices'].score}`,
          );
          reports.push(lhr);
        }
        // The run with the median performance score stands for the page.
        reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
        const lhr = reports[Math.floor(reports.length / 2)];
        const score = (id) => lhr.categories[id].score;
        rows.push(
          {
            id: `lighthouse.${page.key}.performance`,
            label: `${page.label}: performance`,
            value: score('performance'),
            unit: 'score',
            budget: { min: 0.98, text: '≥ 0.98' },
          },
          {
            id: `lighthouse.${page.key}.accessibility`,
            label: `${page.label}: accessibility`,
            value: score('accessibility'),
            unit: 'score',
            budget: { min: 1, text: '1.00' },
          },
          {
            id: `lighthouse.${page.key}.best-practices`,
            label: `${page.label}: best practices`,
            value: score('best-practices'),
            unit: 'score',
            budget: { min: 1, text: '1.00' },
          },
        );
        const metrics = [
          'first-contentful-paint',
          'largest-contentful-paint',
          'total-blocking-time',
          'cumulative-layout-shift',
          'speed-index',
        ]
          .map((id) => `${id} ${lhr.audits[id]?.displayValue ?? '?'}`)
          .join(', ');
        const failing = failingAudits(lhr);
        notes.push(`${page.label}: ${metrics}.`);
        notes.push(
          `${page.label}, audits not passing: ${failing.length ? failing.map((a) => `\`${a}\``).join(', ') : 'none'}.`,
        );
      }
    } finally {
      await app.stop();
    }
    return {
      rows,
      method:
        `\`lighthouse\` ${JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8')).version} ` +
        `(the CLI) with its default mobile settings (simulated throttling) and CHROME_PATH=${CHROME_PATH}, ` +
        `flags \`${CHROME_FLAGS.join(' ')}\`. The app runs in demo mode with 30 submissions made through the API. ` +
        `Each page is audited ${runs} time(s); the run with the median performance score is reported. ` +
        'JSON reports are kept in .bench-work/lighthouse/. For reference, the bare Next.js page of the bundle ' +
        'measurement is audited once the same way: the score the framework alone gets on this machine.',
      notes,
    };
  },
};
