import { afterEach, describe, expect, it, vi } from 'vitest';
import { REDACTED, redactSecrets, registerSecret } from './secrets';

const KEY = 'sk-secrets-test-3a9d7c1e5b';
/** URL-unsafe, as a configured token may be. */
const TOKEN = 'cbt-Secrets+Test/9=qq';

afterEach(() => vi.unstubAllEnvs());

describe('redactSecrets', () => {
  it('masks the key and the token from the environment, as written and URL-encoded', () => {
    vi.stubEnv('KLING_API_KEY', KEY);
    vi.stubEnv('CALLBACK_TOKEN', TOKEN);
    const text = `key ${KEY}; url /api/callbacks/kling?token=${encodeURIComponent(TOKEN)}; raw ${TOKEN}`;
    const redacted = redactSecrets(text);
    for (const secret of [KEY, TOKEN, encodeURIComponent(TOKEN)]) expect(redacted).not.toContain(secret);
    expect(redacted).toBe(`key ${REDACTED}; url /api/callbacks/kling?token=${REDACTED}; raw ${REDACTED}`);
  });

  it('masks a secret handed over at run time (a generated token, a client’s key)', () => {
    const generated = 'generated+token/5e8f0a2b9c';
    registerSecret(generated);
    expect(redactSecrets(`a ${generated} b ${encodeURIComponent(generated)}`)).toBe(
      `a ${REDACTED} b ${REDACTED}`,
    );
  });

  it('leaves text without secrets as it is, and ignores values too short to be secrets', () => {
    registerSecret('short');
    expect(redactSecrets('a short note')).toBe('a short note');
  });
});
