// Child processes the benchmarks start (`next start`, the fake upstream), each stopped by its own
// handle; whatever is still running when the benchmark exits is stopped with it.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, nextListeningPort } from '../../e2e/support/ports.mjs';
import { ACCOUNT_ENV } from './accounts.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `next` of the app in `cwd`: Next and the app's React must come from the same node_modules. */
export const nextBinFor = (cwd = ROOT) => path.join(cwd, 'node_modules', '.bin', 'next');
const NEXT_CLI = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
export const FAKE_UPSTREAM_MAIN = path.join(ROOT, 'e2e', 'fake-upstream', 'main.mjs');
export const BENCH_API_KEY = 'sk-bench-7d2e41c9a05b';

const running = new Set();
// Data folders run to hundreds of megabytes (the 100k-row history): none outlives the benchmark.
const dataDirs = new Set();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(130));
}

/** A new, empty data folder, removed when the benchmark exits. */
export function newDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'omni-bench-'));
  dataDirs.add(dir);
  return dir;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `url` every `everyMs` until it answers 200; resolves with the time it took from `since`.
 * `listening()`, when given, must say the child itself listens before its port is asked at all: a
 * foreign server that held the port first then cannot pass for it.
 */
export async function waitForOk(
  url,
  { child, since = Date.now(), everyMs = 100, timeoutMs = 120_000, output, listening = () => true },
) {
  const deadline = since + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) {
      throw new Error(
        `process exited (${child.exitCode ?? child.signalCode}) before ${url} answered:\n${output?.()}`,
      );
    }
    if (!listening()) {
      await sleep(everyMs);
      continue;
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200 && !(child && child.exitCode !== null)) return Date.now() - since;
    } catch {
      // Not listening yet.
    }
    await sleep(everyMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${output?.()}`);
}

/** Starts a process and keeps its output; `stop()` sends SIGTERM, then SIGKILL after `graceMs`. */
function track(command, args, { cwd = ROOT, env }) {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let log = '';
  // The first lines say where a server listens; the log keeps only its last part.
  let head = '';
  const keep = (chunk) => {
    log = (log + chunk).slice(-20_000);
    if (head.length < 4_000) head += chunk;
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  exited.then(() => running.delete(child));
  return {
    child,
    output: () => log,
    head: () => head,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function baseEnv() {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
}

/**
 * `next start` of a built app on 127.0.0.1, on a free port unless `port` is given, with the bench admin
 * (bench/support/accounts.mjs). Demo mode unless `env` names an upstream; the status follower waits 10 minutes, so it stays quiet while requests are
 * measured.
 * @param {{ port?: number, cwd?: string, dataDir?: string, env?: Record<string, string>, readyPath?: string,
 *   pollEveryMs?: number, wait?: boolean, nodeArgs?: string[] }} options
 * `nodeArgs` (e.g. `--cpu-prof`, which NODE_OPTIONS refuses) run the server under `node <nodeArgs> next`.
 */
export async function startNext(options) {
  const dataDir = options.dataDir ?? newDataDir();
  const port = options.port ?? (await freePort());
  const env = {
    ...baseEnv(),
    DATA_DIR: dataDir,
    PORT: String(port),
    KLING_POLL_INTERVAL_MS: '600000',
    KLING_API_TIMEOUT_MS: '5000',
    // The bench admin and no rate limits; the bare app ignores these.
    ...ACCOUNT_ENV,
    ...options.env,
  };
  const started = Date.now();
  const args = ['start', '-p', String(port), '-H', '127.0.0.1'];
  const proc = options.nodeArgs
    ? track(process.execPath, [...options.nodeArgs, NEXT_CLI, ...args], { cwd: options.cwd, env })
    : track(nextBinFor(options.cwd), args, { cwd: options.cwd, env });
  const url = `http://127.0.0.1:${port}`;
  const app = { ...proc, url, port, dataDir, readyAfterMs: Number.NaN };
  if (options.wait === false) return app;
  try {
    app.readyAfterMs = await waitForOk(`${url}${options.readyPath ?? '/'}`, {
      child: proc.child,
      since: started,
      everyMs: options.pollEveryMs ?? 100,
      output: proc.output,
      listening: () => nextListeningPort(proc.head()) === port,
    });
  } catch (error) {
    await proc.stop(1_000);
    throw error;
  }
  return app;
}

/**
 * The fake upstream in a child process of its own, so the load loop never delays its answers. It
 * listens on a port the system gives it and prints its address, so the address is its own.
 */
export async function startFakeUpstreamProcess() {
  const proc = track(process.execPath, [FAKE_UPSTREAM_MAIN, '--port', '0', '--api-key', BENCH_API_KEY], {
    env: baseEnv(),
  });
  const deadline = Date.now() + 30_000;
  let url = null;
  while (!url) {
    url = /fake upstream listening on (http:\/\/\S+)/.exec(proc.head())?.[1] ?? null;
    if (url) break;
    if (proc.child.exitCode !== null || Date.now() > deadline) {
      await proc.stop(1_000);
      throw new Error(`the fake upstream did not start:\n${proc.output()}`);
    }
    await sleep(20);
  }
  await waitForOk(`${url}/__control/health`, { child: proc.child, output: proc.output, everyMs: 50 });
  return { ...proc, url };
}

/** The environment that points an app at a fake upstream. */
export function upstreamEnv(fake) {
  return { KLING_API_BASE_URL: fake.url, KLING_API_KEY: BENCH_API_KEY };
}
