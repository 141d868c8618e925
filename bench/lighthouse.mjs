// Lighthouse (the npm package) on the composer and the history page with Debian's Chromium headless:
// the default mobile settings (simulated slow 4G, 4x CPU slowdown; the budgets' reference) and the
// desktop preset. A bare Next.js page is audited the same way, to show what the framework alone scores here.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../e2e/support/chromium-flags.mjs';
import { BARE_DIR, ensureBareApp } from './bundle.mjs';
import { signInWithToken } from './support/accounts.mjs';
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

const median = (reports) => {
  const sorted = [...reports].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  return sorted[Math.floor(sorted.length / 2)];
};

export default {
  name: 'lighthouse',
  title: 'Lighthouse scores',
  async run({ quick, log }) {
    const mobileRuns = quick ? 1 : 3;
    mkdirSync(OUT_DIR, { recursive: true });
    const rows = [];
    const notes = [];

    await ensureBareApp(log);
    const bare = await startNext({ cwd: BARE_DIR });
    const app = await startNext({ readyPath: '/api/health' });
    try {
      const { cookie, headers } = await signInWithToken(app);
      // History with a page of rows to show, made through the API like a creator's submissions.
      const agent = keepAliveAgent(1);
      for (let i = 0; i < 30; i++) {
        await send(agent, `${app.url}/api/submissions`, {
          method: 'POST',
          headers,
          body: { ...typicalRequest, prompt: `${typicalRequest.prompt} #${i}` },
        });
      }
      agent.destroy();
      // Signed in as a browser is: the session cookie on every request (the bare page ignores it).
      const extraHeaders = `--extra-headers=${JSON.stringify({ Cookie: cookie })}`;
      const targets = [
        { key: 'bare', url: `${bare.url}/`, label: 'Bare Next.js page (reference)' },
        ...PAGES.map((page) => ({ ...page, url: `${app.url}${page.path}` })),
      ];
      for (const preset of PRESETS) {
        const runs = preset.key === 'mobile' ? mobileRuns : 1;
        const reports = Object.fromEntries(targets.map((t) => [t.key, []]));
        // Interleaved: each round audits the bare page and both app pages, so the host's drift touches all alike.
        for (let i = 0; i < runs; i++) {
          for (const target of targets) {
            const lhr = await lighthouse(
              target.url,
              path.join(OUT_DIR, `${preset.key}-${target.key}-${i}.json`),
              [...preset.args, extraHeaders],
            );
            if (new URL(lhr.finalDisplayedUrl ?? lhr.finalUrl).pathname !== new URL(target.url).pathname)
              throw new Error(`${target.url} ended at ${lhr.finalDisplayedUrl}: not signed in?`);
            log(`${preset.label} ${target.key} run ${i + 1}: ${scoresOf(lhr)}`);
            reports[target.key].push(lhr);
          }
        }
        const bareLhr = median(reports.bare);
        const bareScore = bareLhr.categories.performance.score;
        rows.push({
          id: `lighthouse.${preset.idPart}bare.performance`,
          label: `Bare Next.js page (reference), ${preset.label}: performance`,
          value: bareScore,
          unit: 'score',
        });
        notes.push(
          `Bare Next.js page, ${preset.label}: ${scoresOf(bareLhr)}; ${metricsOf(bareLhr)}; performance in every run: ` +
            `${reports.bare.map((r) => r.categories.performance.score).join(', ')}.`,
        );
        for (const page of PAGES) {
          const lhr = median(reports[page.key]);
          const score = lhr.categories.performance.score;
          const row = (category, name, budget) => ({
            id: `lighthouse.${preset.idPart}${page.key}.${category}`,
            label: `${page.label}, ${preset.label}: ${name}`,
            value: lhr.categories[category].score,
            unit: 'score',
            budget,
          });
          if (preset.key === 'mobile') {
            rows.push({
              id: `lighthouse.${page.key}.vs-bare`,
              label: `Lighthouse mobile performance, ${page.label}, minus the bare page's`,
              value: score - bareScore,
              unit: 'score',
              figures: `app ${score.toFixed(2)}, bare page ${bareScore.toFixed(2)}`,
              budget: { min: -0.04, text: '≥ bare − 0.04' },
            });
          }
          rows.push(
            row('performance', 'performance'),
            row('accessibility', 'accessibility', { min: 1, text: '1.00' }),
            row('best-practices', 'best practices', { min: 1, text: '1.00' }),
          );
          const failing = failingAudits(lhr);
          notes.push(
            `${page.label}, ${preset.label}: ${metricsOf(lhr)}; performance in every run: ` +
              `${reports[page.key].map((r) => r.categories.performance.score).join(', ')}. Audits not passing: ` +
              `${failing.length ? failing.map((a) => `\`${a}\``).join(', ') : 'none'}.`,
          );
        }
      }
    } finally {
      await app.stop();
      await bare.stop();
    }

    const version = JSON.parse(
      readFileSync(path.join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8'),
    ).version;
    return {
      rows,
      method:
        `\`lighthouse\` ${version} (the CLI), CHROME_PATH=${CHROME_PATH}, flags \`${CHROME_FLAGS.join(' ')}\`; ` +
        'first with its default mobile settings (simulated slow 4G and a 4x CPU slowdown: the budgets are read ' +
        'against these), then with `--preset=desktop`. The app runs in demo mode with 30 submissions made through ' +
        'the API; the bench signs in as its first admin and passes the session cookie to Lighthouse ' +
        '(`--extra-headers`), so the audited pages are the signed-in pages, not the sign-in redirect (an audit that ' +
        `ends elsewhere fails the run). The bare Next.js page of the bundle measurement and the two app pages are ` +
        `audited in turn, ${mobileRuns} round(s) on mobile and one on desktop; the run with the median performance ` +
        "score stands for each. The budget compares each page's mobile performance with the bare page's. JSON " +
        'reports are kept in .bench-work/lighthouse/.',
      notes,
    };
  },
};
