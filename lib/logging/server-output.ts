import { format } from 'node:util';
import { isWritingLogLine, logError, logWarn } from './log';

/** Errors already logged by `onRequestError`; Next prints them again, which is dropped. */
const reported = new WeakSet<object>();

export function markReported(error: unknown): void {
  if (typeof error === 'object' && error !== null) reported.add(error);
}

const holder = globalThis as typeof globalThis & { __omniConsoleCaptured?: boolean };

/**
 * Routes what the framework prints on stderr (console.error, console.warn) through the app's
 * one-line JSON log with its redaction. Next prints a failed request's error over several lines with
 * raw query values; a query holding a newline and a JSON object would read as a log line of its own.
 */
export function captureServerOutput(): void {
  if (holder.__omniConsoleCaptured) return;
  holder.__omniConsoleCaptured = true;
  for (const [level, log] of [
    ['error', (text: string) => logError('server output', text)],
    ['warn', (text: string) => logWarn('server output', { text })],
  ] as const) {
    const original = console[level];
    console[level] = (...args: unknown[]) => {
      if (isWritingLogLine()) return original(...args);
      if (args.some((arg) => typeof arg === 'object' && arg !== null && reported.has(arg))) return;
      log(format(...args));
    };
  }
}
