import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, nextListeningPort } from './ports.mjs';

/** One `next start` of the built app, with its own port, environment and data folder. */
export interface AppProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Which database it uses (DATABASE_URL, or the embedded one's folder): instances with the same key share users. */
  readonly databaseKey: string;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM (a normal stop) or SIGKILL (a crash); resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartAppOptions {
  /** Default: a port free on this machine. */
  port?: number;
  /** Extra environment; KLING_* unset means demo mode. */
  env?: Record<string, string>;
  /** Reuse a data folder to restart on the same embedded database. */
  dataDir?: string;
  /** Sets APP_PUBLIC_URL to the app's own address, so requests without a Callback URL get its own. */
  publicUrl?: boolean;
}

/** The first admin every test app starts with (ADMIN_EMAIL/ADMIN_PASSWORD); `env` may unset it. */
export const TEST_ADMIN = { email: 'admin@studio.test', password: 'e2e admin password 7d41' } as const;

const NEXT_BIN = path.join(process.cwd(), 'node_modules', '.bin', 'next');
/** How long one start may take before it fails with what the app printed. */
export const START_TIMEOUT_MS = 60_000;

/** The port was taken by another process between choosing it and the app binding it. */
class PortTakenError extends Error {}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/**
 * Resolves once this child serves its port. A foreign server on the port cannot pass for it: the
 * page is asked for only after the child itself said it listens there, and while it is still alive.
 */
async function waitUntilServing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      const ended = child.exitCode !== null ? `with code ${child.exitCode}` : `on ${child.signalCode}`;
      const message = `the app for port ${port} exited ${ended} before serving it:\n${output()}`;
      throw output().includes('EADDRINUSE') ? new PortTakenError(message) : new Error(message);
    }
    const listening = nextListeningPort(output());
    if (listening !== null && listening !== port) {
      throw new Error(`the app listens on port ${listening}, not on ${port}:\n${output()}`);
    }
    if (listening === port) {
      try {
        // A built asset: it answers without the database, which may be slow to open (or held back by a test).
        const response = await fetch(`${url}/icon.svg`, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        if (response.ok && !hasExited(child)) return;
      } catch {
        // Listening, not answering yet.
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not serve ${url} within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

export function newDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'omni-e2e-'));
}

async function startAppOn(port: number, options: StartAppOptions): Promise<AppProcess> {
  const dataDir = options.dataDir ?? newDataDir();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR: dataDir,
    PORT: String(port),
    ADMIN_EMAIL: TEST_ADMIN.email,
    ADMIN_PASSWORD: TEST_ADMIN.password,
    // Tests sign in more often than people do; the limit itself has a test of its own.
    SIGN_IN_ATTEMPTS_PER_MINUTE: '200',
    ...(options.publicUrl ? { APP_PUBLIC_URL: url } : {}),
    ...options.env,
  };
  const child = spawn(NEXT_BIN, ['start', '-p', String(port), '-H', '127.0.0.1'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (chunk) => {
    log += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    log += chunk;
  });
  const output = () => log;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const app: AppProcess = {
    url,
    port,
    dataDir,
    // A PostgreSQL database by its name: reached directly or through a relay, it is the same one.
    databaseKey: env.DATABASE_URL ? new URL(env.DATABASE_URL).pathname : dataDir,
    output,
    async stop(signal = 'SIGTERM') {
      if (!hasExited(child)) child.kill(signal);
      await exited;
    },
  };
  try {
    await waitUntilServing(port, child, output);
  } catch (error) {
    await app.stop('SIGKILL');
    throw error;
  }
  return app;
}

/**
 * Starts the built app and resolves once it serves. On a port of its choosing, one another process
 * takes first is replaced by a new free port; a port given in `options` is used or the start fails.
 */
export async function startApp(options: StartAppOptions = {}): Promise<AppProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    try {
      return await startAppOn(port, options);
    } catch (error) {
      if (options.port !== undefined || !(error instanceof PortTakenError) || attempt >= 3) throw error;
    }
  }
}
