import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { toCurl } from './curl-command';

const BODY = { model: 'kling-v1', prompt: 'It\'s a cat\'s "day" $HOME' };

/** What a POSIX shell makes of the command's words (the body is the last one). */
function shellWords(command: string): string[] {
  const script = `set -- ${command.replace(/^curl /, '').replaceAll('\\\n', ' ')}; for word; do printf '%s\\0' "$word"; done`;
  return execFileSync('sh', ['-c', script], {
    env: { ...process.env, OVS_TOKEN: 'ovs_t', KLING_API_KEY: 'k', KLING_API_BASE_URL: 'https://u' },
  })
    .toString()
    .split('\0')
    .slice(0, -1);
}

describe('toCurl', () => {
  it('sends to this app with the user’s own API token, the body exactly as shown even with quotes', () => {
    const words = shellWords(toCurl(BODY, { kind: 'app', origin: 'https://studio.example.com' }));
    expect(words).toContain('https://studio.example.com/api/submissions');
    expect(words).toContain('Authorization: Bearer ovs_t');
    expect(JSON.parse(words.at(-1) ?? '')).toEqual(BODY);
  });

  it('sends to the video service with the key left to the shell, never written in', () => {
    const command = toCurl(BODY, { kind: 'upstream' });
    expect(command).toContain('$KLING_API_KEY');
    const words = shellWords(command);
    expect(words).toContain('https://u/kling/v1/videos/omni-video');
    expect(words).toContain('Authorization: Bearer k');
    expect(JSON.parse(words.at(-1) ?? '')).toEqual(BODY);
  });
});
