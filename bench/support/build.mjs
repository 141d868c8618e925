// Builds the app when `.next` is missing or older than any source that goes into it.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { nextBinFor, ROOT } from './processes.mjs';

const SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(target) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why a build is needed, or null when `.next` is up to date. */
export function buildStaleness(root = ROOT) {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'no build yet';
  const builtAt = statSync(buildId).mtimeMs;
  const newest = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  return newest > builtAt ? 'sources changed since the last build' : null;
}

/** `next build` in `cwd`, its output shown only when it fails. */
export function nextBuild(cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(nextBinFor(cwd), ['build'], {
      cwd,
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (chunk) => {
      log += chunk;
    });
    child.stderr.on('data', (chunk) => {
      log += chunk;
    });
    child.once('exit', (code) =>
      code === 0 ? resolve(log) : reject(new Error(`next build failed in ${cwd}:\n${log}`)),
    );
  });
}

export async function ensureBuilt(log) {
  const reason = buildStaleness();
  if (!reason) return;
  log(`building the app (${reason})...`);
  const started = Date.now();
  await nextBuild(ROOT);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
