import { afterEach, describe, expect, it, vi } from 'vitest';
import { storableJson, storableText } from './upstream-text';

afterEach(() => vi.unstubAllEnvs());

describe('upstream text made storable', () => {
  it('replaces U+0000 and lone surrogates with U+FFFD, keeping pairs and everything else', () => {
    expect(storableText('done\u0000')).toBe('done\uFFFD');
    expect(storableText('a\uD800b\uDC00c')).toBe('a\uFFFDb\uFFFDc');
    expect(storableText('ends high\uD83D')).toBe('ends high\uFFFD');
    expect(storableText('emoji 🎬 kept, accents é kept')).toBe('emoji 🎬 kept, accents é kept');
  });

  it('masks the key and the callback token, as written and URL-encoded', () => {
    vi.stubEnv('KLING_API_KEY', 'sk-upstream-text-8c2e4a');
    vi.stubEnv('CALLBACK_TOKEN', 'cbt+upstream/text=1');
    const text = storableText(`bad key sk-upstream-text-8c2e4a, url ?token=cbt%2Bupstream%2Ftext%3D1`);
    expect(text).toBe('bad key [redacted], url ?token=[redacted]');
  });

  it('cleans every key and string of a JSON value, at any depth, and leaves other values alone', () => {
    const cleaned = storableJson({
      id: 'a\u0000b',
      'k\u0000': [1, null, true, { deep: 'x\uDC00' }],
      n: 3.5,
    });
    expect(cleaned).toStrictEqual({
      id: 'a\uFFFDb',
      'k\uFFFD': [1, null, true, { deep: 'x\uFFFD' }],
      n: 3.5,
    });
    expect(JSON.stringify(cleaned)).not.toMatch(/\\u0000|\\ud[89a-f]/i);
  });
});
