import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** One `next start` of the built app, with its own port, environment and data folder. */
export interface AppProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Everything the server printed so far. */
  output(): string;
  /** SIGTERM (a normal stop) or SIGKILL (a crash); resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartAppOptions {
  port: number;
  /** Extra environment; KLING_* unset means demo mode. */
  env?: Record<string, string>;
  /** Reuse a data folder to restart on the same embedded database. */
  dataDir?: string;
}

const NEXT_BIN = path.join(process.cwd(), 'node_modules', '.bin', 'next');

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the app did not serve ${url} within 60 s:\n${output()}`);
}

export function newDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'omni-e2e-'));
}

export async function startApp(options: StartAppOptions): Promise<AppProcess> {
  const dataDir = options.dataDir ?? newDataDir();
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'production' as const,
    NEXT_TELEMETRY_DISABLED: '1',
    DATA_DIR: dataDir,
    PORT: String(options.port),
    ...options.env,
  };
  const child = spawn(NEXT_BIN, ['start', '-p', String(options.port), '-H', '127.0.0.1'], {
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
  const url = `http://127.0.0.1:${options.port}`;
  const output = () => log;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const app: AppProcess = {
    url,
    port: options.port,
    dataDir,
    output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  try {
    await waitUntilServing(url, child, output);
  } catch (error) {
    await app.stop('SIGKILL');
    throw error;
  }
  return app;
}
