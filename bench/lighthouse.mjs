// Lighthouse (the npm package) on the composer and the history page with Debian's Chromium headless:
// the default mobile settings (simulated slow 4G, 4x CPU slowdown; the budgets' reference) and the
// desktop preset. A bare Next.js page is audited the same way, to show what the framework alone scores here.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../e2e/support/chromium-flags.mjs';
import { BARE_DIR, ensureBareApp } from './bundle.mjs';
import { keepAliveAgent, send } from './support/http-load.mjs';
import { ROOT, startNext } from './support/processes.mjs';
import { typicalRequest } from './support/request-bodies.mjs';

const CHROME_PATH = CHROMIUM_PATH;
const CHROME_FLAGS = ['--headless=new', ...CHROMIUM_FLAGS];
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const PAGES = [
  { key: 'composer', path: '/', label: 'Composer `/`' },
  { key: 'history', path: '/submissions', label: 'History `/submissions`' },
];
// Mobile keeps the plain row IDs (the budgets' reference); desktop rows are marked.
const PRESETS = [
  { key: 'mobile', args: [], idPart: '', label: 'mobile' },
  { key: 'desktop', args: ['--preset=desktop'], idPart: 'desktop.', label: 'desktop' },
];
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];
const OUT_DIR = path.join(ROOT, '.bench-work', 'lighthouse');

function lighthouse(url, outputPath, presetArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'lighthouse'),
      [
        url,
        ...presetArgs,
        '--output=json',
        `--output-path=${outputPath}`,
        '--quiet',
        `--only-categories=${CATEGORIES.join(',')}`,
        `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
      ],
      { env: { ...process.env, CHROME_PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let log = '';
    const keep = (chunk) => {
      log = (log + chunk).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
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

const scoresOf = (lhr) => CATEGORIES.map((id) => `${id} ${lhr.categories[id].score}`).join(', ');
const metricsOf = (lhr) => METRICS.map((id) => `${id} ${lhr.audits[id]?.displayValue ?? '?'}`).join(', ');

/** Audits `url` `runs` times; the run with the median performance score stands for the page. */
async function medianRun(url, name, preset, runs, log) {
  const reports = [];
  for (let i = 0; i < runs; i++) {
    const lhr = await lighthouse(url, path.join(OUT_DIR, `${preset.key}-${name}-${i}.json`), preset.args);
    log(`${preset.label} ${name} run ${i + 1}: ${scoresOf(lhr)}`);
    reports.push(lhr);
  }
  reports.sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  return reports[Math.floor(reports.length / 2)];
}

async function withApp(options, fn) {
  const app = await startNext(options);
  try {
    return await fn(app);
  } finally {
    await app.stop();
  }
}

export default {
  name: 'lighthouse',
  title: 'Lighthouse scores',
  async run({ quick, log }) {
    const runs = quick ? 1 : 3;
    mkdirSync(OUT_DIR, { recursive: true });
    const rows = [];
    const notes = [];

    await ensureBareApp(log);
    await withApp({ cwd: BARE_DIR }, async (bare) => {
      for (const preset of PRESETS) {
        const lhr = await medianRun(`${bare.url}/`, 'bare', preset, 1, log);
        rows.push({
          id: `lighthouse.${preset.idPart}bare.performance`,
          label: `Bare Next.js page (reference), ${preset.label}: performance`,
          value: lhr.categories.performance.score,
          unit: 'score',
        });
        notes.push(`Bare Next.js page, ${preset.label} (one run): ${scoresOf(lhr)}; ${metricsOf(lhr)}.`);
      }
    });

    await withApp({}, async (app) => {
      // History with a page of rows to show, made through the API like a creator's submissions.
      const agent = keepAliveAgent(1);
      for (let i = 0; i < 30; i++) {
        await send(agent, `${app.url}/api/submissions`, {
          method: 'POST',
          body: { ...typicalRequest, prompt: `${typicalRequest.prompt} #${i}` },
        });
      }
      agent.destroy();
      for (const preset of PRESETS) {
        for (const page of PAGES) {
          const lhr = await medianRun(`${app.url}${page.path}`, page.key, preset, runs, log);
          const row = (category, name, budget) => ({
            id: `lighthouse.${preset.idPart}${page.key}.${category}`,
            label: `${page.label}, ${preset.label}: ${name}`,
            value: lhr.categories[category].score,
            unit: 'score',
            budget,
          });
          rows.push(
            row('performance', 'performance', { min: 0.98, text: '≥ 0.98' }),
            row('accessibility', 'accessibility', { min: 1, text: '1.00' }),
            row('best-practices', 'best practices', { min: 1, text: '1.00' }),
          );
          const failing = failingAudits(lhr);
          notes.push(
            `${page.label}, ${preset.label}: ${metricsOf(lhr)}. Audits not passing: ` +
              `${failing.length ? failing.map((a) => `\`${a}\``).join(', ') : 'none'}.`,
          );
        }
      }
    });

    const version = JSON.parse(
      readFileSync(path.join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8'),
    ).version;
    return {
      rows,
      method:
        `\`lighthouse\` ${version} (the CLI), CHROME_PATH=${CHROME_PATH}, flags \`${CHROME_FLAGS.join(' ')}\`; ` +
        'first with its default mobile settings (simulated slow 4G and a 4x CPU slowdown: the budgets are read ' +
        'against these), then with `--preset=desktop`. The app runs in demo mode with 30 submissions made through ' +
        `the API. Each page is audited ${runs} time(s) per setting; the run with the median performance score is ` +
        'reported. For reference, the bare Next.js page of the bundle measurement is audited once per setting: what ' +
        'the framework alone scores on this machine. JSON reports are kept in .bench-work/lighthouse/.',
      notes,
    };
  },
};
