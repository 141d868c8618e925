// First-load JavaScript of the composer against a bare Next.js page built here with the same versions:
// the gzip sizes of the <script src> files each page's HTML references, read from .next/static.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { signIn } from './support/accounts.mjs';
import { nextBuild } from './support/build.mjs';
import { ROOT, startNext } from './support/processes.mjs';
import { formatValue, ratio } from './support/report.mjs';

/**
 * Outside the project: inside it, Next takes the project's folder as the root and builds its files too.
 * One folder per checkout, so two checkouts on one machine never rebuild each other's bare app.
 * The project's node_modules is linked in file by file (hard links: quick, and no copy of the bytes).
 */
export const BARE_DIR = path.join(
  tmpdir(),
  `omni-bench-bare-next-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}`,
);

const BARE_FILES = {
  'package.json': '{ "name": "bare-next", "private": true }\n',
  'app/layout.tsx': `import type { ReactNode } from 'react';

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
`,
  'app/page.tsx': `export default function Page() {
  return <h1>Hello</h1>;
}
`,
  // The latency and throughput measurements' reference: what Next.js alone costs to forward one
  // submission to the upstream, without validation or a database. No page imports it.
  'app/api/forward/route.ts': `export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const body = await request.json();
  const upstreamResponse = await fetch(\`\${process.env.KLING_API_BASE_URL}/kling/v1/videos/omni-video\`, {
    method: 'POST',
    headers: {
      authorization: \`Bearer \${process.env.KLING_API_KEY}\`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return Response.json(await upstreamResponse.json(), { status: 201 });
}
`,
  // What a route handler costs with nothing behind it: read the JSON body, answer JSON.
  'app/api/echo/route.ts': `export const dynamic = 'force-dynamic';

export async function POST(request: Request) {
  const body = await request.json();
  return Response.json({ received: typeof body }, { status: 201 });
}
`,
};

/** The bare app's route that forwards a submission's body to the upstream and answers 201. */
export const BARE_FORWARD_PATH = '/api/forward';
/** The bare app's route that reads the body and answers 201 itself: Next.js's own share of a request. */
export const BARE_ECHO_PATH = '/api/echo';

/** A minimal App Router app on the project's own packages. */
function writeBareApp() {
  rmSync(BARE_DIR, { recursive: true, force: true });
  for (const [file, text] of Object.entries(BARE_FILES)) {
    mkdirSync(path.dirname(path.join(BARE_DIR, file)), { recursive: true });
    writeFileSync(path.join(BARE_DIR, file), text);
  }
  execFileSync('cp', ['-al', path.join(ROOT, 'node_modules'), path.join(BARE_DIR, 'node_modules')]);
}

/** Script files a browser loads for `html`; the `noModule` polyfill is skipped, as modern browsers do. */
export function scriptSources(html) {
  const sources = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/g)) {
    if (/\bnomodule\b/i.test(tag)) continue;
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src) sources.push(src);
  }
  return sources;
}

/** Writes and builds the bare app (about 40 s); other measurements use it too, for reference. */
export async function buildBareApp(log) {
  writeBareApp();
  log('building the bare Next.js app...');
  await nextBuild(BARE_DIR);
}

const nextVersion = (dir) =>
  JSON.parse(readFileSync(path.join(dir, 'node_modules', 'next', 'package.json'), 'utf8')).version;

/** Why the bare app needs building, or null when its build is of these files and the installed `next`. */
export function bareAppStaleness() {
  if (!existsSync(path.join(BARE_DIR, '.next', 'BUILD_ID'))) return 'no build yet';
  for (const [file, text] of Object.entries(BARE_FILES)) {
    const target = path.join(BARE_DIR, file);
    if (!existsSync(target) || readFileSync(target, 'utf8') !== text) return `${file} changed`;
  }
  if (nextVersion(BARE_DIR) !== nextVersion(ROOT)) return 'another next version is installed';
  return null;
}

/** Builds the bare app unless its build is current (the bundle measurement always rebuilds it). */
export async function ensureBareApp(log) {
  const reason = bareAppStaleness();
  if (!reason) return;
  log(`bare Next.js app: ${reason}`);
  await buildBareApp(log);
}

/** `signedIn`: the page is asked for with the session cookie of the app's first admin, as its users see it. */
async function firstLoadJs(appDir, { signedIn = false } = {}) {
  const app = await startNext({ cwd: appDir });
  try {
    const headers = signedIn ? { cookie: (await signIn(app)).cookie } : {};
    const response = await fetch(`${app.url}/`, { headers, redirect: 'manual' });
    if (response.status !== 200) throw new Error(`${appDir}: / answered ${response.status}`);
    const html = await response.text();
    const files = scriptSources(html).map((src) => {
      const pathname = new URL(src, app.url).pathname;
      if (!pathname.startsWith('/_next/static/')) throw new Error(`unexpected script ${src}`);
      const bytes = readFileSync(
        path.join(appDir, '.next', 'static', pathname.slice('/_next/static/'.length)),
      );
      return { src: pathname, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    return { files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
  } finally {
    await app.stop();
  }
}

const kib = (bytes) => bytes / 1024;

export default {
  name: 'bundle',
  title: 'Composer first-load JavaScript',
  async run({ log }) {
    await buildBareApp(log);
    const bare = await firstLoadJs(BARE_DIR);
    log(`bare page: ${kib(bare.gzip).toFixed(1)} KiB gzip in ${bare.files.length} scripts`);
    const composer = await firstLoadJs(ROOT, { signedIn: true });
    log(`composer: ${kib(composer.gzip).toFixed(1)} KiB gzip in ${composer.files.length} scripts`);
    const largest = [...composer.files]
      .sort((a, b) => b.gzip - a.gzip)
      .slice(0, 5)
      .map((f) => `${path.basename(f.src)} ${kib(f.gzip).toFixed(1)} KiB`);
    return {
      rows: [
        {
          id: 'bundle.bare',
          label: 'Bare Next.js page, first-load JS (gzip)',
          value: kib(bare.gzip),
          unit: 'KiB',
        },
        {
          id: 'bundle.composer',
          label: 'Composer `/`, first-load JS (gzip)',
          value: kib(composer.gzip),
          unit: 'KiB',
        },
        {
          id: 'bundle.ratio',
          label: 'First-load JS of `/` vs the bare page (gzip)',
          value: ratio(composer.gzip, bare.gzip),
          unit: 'x',
          figures: `app ${formatValue(kib(composer.gzip), 'KiB')}, bare page ${formatValue(kib(bare.gzip), 'KiB')}`,
          budget: { max: 1.3, text: '≤ 1.3x' },
        },
      ],
      method:
        'Both apps are built with the installed `next` (the bare one: a layout, a page with a heading and an API ' +
        "route no page uses, generated in the system's temporary folder). Each is started with `next start`, `/` " +
        'is fetched, and the files of its `<script src>` tags (the `noModule` polyfill excluded) are read from ' +
        '`.next/static` and gzipped at level 9. The composer runs in demo mode and is asked for with the session ' +
        'cookie of its first admin (signed out, `/` is a redirect to sign-in).',
      notes: [`Largest composer scripts (gzip): ${largest.join(', ')}.`],
    };
  },
};
