import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerSecret } from '@/lib/security/secrets';
import { logError, logInfo, logWarn } from './log';

const KEY = 'sk-log-test-7c1d9e2f4a6b8c0d';
const TOKEN = 'cbt-log-test-31f0a5c24e68d1b7';

let lines: string[];

beforeEach(() => {
  lines = [];
  const capture = (line: unknown) => {
    lines.push(String(line));
  };
  vi.spyOn(console, 'log').mockImplementation(capture);
  vi.spyOn(console, 'warn').mockImplementation(capture);
  vi.spyOn(console, 'error').mockImplementation(capture);
  vi.stubEnv('KLING_API_KEY', KEY);
  vi.stubEnv('CALLBACK_TOKEN', TOKEN);
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const written = () => lines.join('\n');

describe('structured logs', () => {
  it('write one JSON object per line with level, time and message', () => {
    logInfo('task followed', { submissionId: 's-1' });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({ level: 'info', message: 'task followed', submissionId: 's-1' });
    expect(new Date(entry.time).toISOString()).toBe(entry.time);
  });

  it('never contain the API key, wherever it hides', () => {
    logWarn(`upstream said: invalid key ${KEY}`, { detail: { nested: [`x${KEY}y`] } });
    logError('call failed', new Error(`request with ${KEY} failed`, { cause: new Error(KEY) }));
    expect(written()).not.toContain(KEY);
    expect(written()).toContain('[redacted]');
  });

  it('never contain an Authorization header, in any spelling', () => {
    logInfo('outgoing request', {
      headers: { Authorization: 'Bearer abc.def-ghi_jkl', authorization: 'Basic dXNlcjpwYXNz' },
    });
    logWarn('raw header line: authorization: Bearer zzz-999');
    logWarn('copied curl: -H "Authorization: Bearer qqq111"');
    const text = written();
    for (const secret of ['abc.def-ghi_jkl', 'dXNlcjpwYXNz', 'zzz-999', 'qqq111'])
      expect(text).not.toContain(secret);
  });

  it('never contain the callback token, from the environment or generated at run time', () => {
    const generated = 'generated-token-5e8f0a2b9c';
    registerSecret(generated);
    logInfo('callback received', { url: `/api/callbacks/kling?token=${TOKEN}`, other: generated });
    expect(written()).not.toContain(TOKEN);
    expect(written()).not.toContain(generated);
  });

  it('keep an error’s message, name and cause so the operator can act on it', () => {
    logError('database write failed', new TypeError('connection closed', { cause: new Error('ECONNRESET') }));
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({
      level: 'error',
      message: 'database write failed',
      error: 'connection closed',
      name: 'TypeError',
      cause: 'ECONNRESET',
    });
  });
});
