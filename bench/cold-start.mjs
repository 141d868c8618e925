// From spawning `next start` to the first signed-in 200 on `/`, polled every 20 ms, on the embedded
// database: with a new data folder (the database and its first admin are created, then the bench signs
// in) and with one that already holds a database and a session (its cookie is sent from the first poll).
import { BARE_DIR, ensureBareApp } from './bundle.mjs';
import { signIn } from './support/accounts.mjs';
import { newDataDir, startNext } from './support/processes.mjs';
import { median } from './support/stats.mjs';

const EVERY_MS = 20;
const TIMEOUT_MS = 60_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `fn` every EVERY_MS until it returns a value other than null; the app must stay alive. */
async function poll(app, what, fn) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`the app exited before ${what}:\n${app.output()}`);
    try {
      const value = await fn();
      if (value !== null) return value;
    } catch {
      // Not listening or not ready yet.
    }
    await sleep(EVERY_MS);
  }
  throw new Error(`no ${what} within ${TIMEOUT_MS / 1000} s:\n${app.output()}`);
}

/** The signed-in composer: 200, not the redirect to sign-in. */
async function composerAnswers(app, cookie) {
  const response = await fetch(`${app.url}/`, {
    headers: { cookie },
    redirect: 'manual',
    signal: AbortSignal.timeout(5_000),
  });
  await response.arrayBuffer();
  return response.status === 200 ? true : null;
}

/** Milliseconds from spawn to the first signed-in 200 on `/`; signs in first unless `cookie` is given. */
async function timeStart(dataDir, cookie) {
  const started = Date.now();
  const app = await startNext({ dataDir, wait: false });
  try {
    const session = cookie ?? (await poll(app, 'sign-in', async () => (await signIn(app)).cookie));
    await poll(app, 'a signed-in 200 on /', () => composerAnswers(app, session));
    return { ms: Date.now() - started, cookie: session };
  } finally {
    await app.stop();
  }
}

export default {
  name: 'cold-start',
  title: 'Cold start to the first signed-in 200 on /',
  async run({ quick, log }) {
    const runs = quick ? 1 : 3;
    const fresh = [];
    const existing = [];
    let kept = null;
    let cookie = null;
    for (let i = 0; i < runs; i++) {
      kept = newDataDir();
      const start = await timeStart(kept);
      fresh.push(start.ms);
      cookie = start.cookie;
      log(`new data folder: ${fresh.at(-1)} ms`);
    }
    for (let i = 0; i < runs; i++) {
      existing.push((await timeStart(kept, cookie)).ms);
      log(`existing data folder: ${existing.at(-1)} ms`);
    }
    // The framework's own start, for reference: the bare page needs no database and no user.
    await ensureBareApp(log);
    const bare = [];
    for (let i = 0; i < runs; i++) {
      const app = await startNext({ cwd: BARE_DIR, pollEveryMs: EVERY_MS });
      await app.stop();
      bare.push(app.readyAfterMs);
      log(`bare Next.js page: ${bare.at(-1)} ms`);
    }
    return {
      rows: [
        {
          id: 'cold-start.existing',
          label: 'Cold start to the first signed-in 200 on `/`, existing data folder: median',
          value: median(existing),
          unit: 'ms',
          figures: `bare Next.js page ${median(bare)} ms`,
          budget: { max: 2000, text: '≤ 2 s' },
        },
        {
          id: 'cold-start.fresh',
          label:
            'New data folder (the database created, then a sign-in), to the first signed-in 200 on `/`: median',
          value: median(fresh),
          unit: 'ms',
        },
        {
          id: 'cold-start.bare',
          label: 'Bare Next.js page, to its first 200 on `/` (reference): median',
          value: median(bare),
          unit: 'ms',
        },
      ],
      method:
        '`next start` is spawned (demo mode, the first admin from ADMIN_EMAIL/ADMIN_PASSWORD) and polled every ' +
        `${EVERY_MS} ms; the time from spawn to the first 200 on \`/\` with a session cookie (signed out, \`/\` is a ` +
        `redirect), median of ${runs}. First with a new, empty data folder each time: the bench signs in as soon as ` +
        'sign-in answers (the database is created and the admin made first), then asks for `/` with that cookie, so ' +
        'this time includes one sign-in (a password hash). Then with the folder the last of those left, sending the ' +
        'session cookie it got from the first poll on. Each server is stopped before the next. The budget applies to ' +
        'the existing folder: a signed-in request needs a user, so on a new folder it cannot come before the ' +
        'database is created (4-6 s for PGlite here) and a sign-in made; that figure is shown without a budget. For ' +
        "reference, the bare Next.js page of the bundle measurement is started the same way: the framework's own start.",
      notes: [
        `All runs (ms): new ${fresh.join(', ')}; existing ${existing.join(', ')}; bare ${bare.join(', ')}.`,
      ],
    };
  },
};
