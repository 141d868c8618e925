import { redactSecrets } from '@/lib/security/secrets';

/** Structured one-line logs; secrets are cut out before anything is written. */
type Level = 'info' | 'warn' | 'error';

function redact(text: string): string {
  // An Authorization value, whatever its scheme (Bearer, Basic, ...): the scheme word and the credentials go.
  const out = text
    .replace(/(authorization\\?["']?\s*[:=]\s*\\?["']?)(?:[A-Za-z-]+\s+)?[^\s"',}\\]+/gi, '$1[redacted]')
    .replace(/bearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]');
  return redactSecrets(out);
}

function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? { cause: error.cause.message } : {};
    return { error: error.message, name: error.name, ...cause, stack: error.stack };
  }
  return { error: String(error) };
}

/** True while this module writes a line, so that a console routed through it passes the line on as is. */
let writing = false;

export function isWritingLogLine(): boolean {
  return writing;
}

function write(level: Level, message: string, fields: Record<string, unknown>): void {
  const line = redact(JSON.stringify({ level, time: new Date().toISOString(), message, ...fields }));
  writing = true;
  try {
    (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(line);
  } finally {
    writing = false;
  }
}

export function logInfo(message: string, fields: Record<string, unknown> = {}): void {
  write('info', message, fields);
}

export function logWarn(message: string, fields: Record<string, unknown> = {}): void {
  write('warn', message, fields);
}

export function logError(message: string, error: unknown, fields: Record<string, unknown> = {}): void {
  write('error', message, { ...fields, ...errorFields(error) });
}
