import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { captureServerOutput, markReported } from './server-output';

const lines: string[] = [];
let restore: () => void;

beforeAll(() => {
  const original = { error: console.error, warn: console.warn };
  // The process's own stderr: whatever reaches it is what an operator's log collector reads.
  const write = vi.fn((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  console.error = write;
  console.warn = write;
  captureServerOutput();
  restore = () => Object.assign(console, original);
});
afterAll(() => restore());

const forged = '\n{"level":"info","message":"forged"}';

describe('captureServerOutput', () => {
  it('turns the framework’s multi-line error output into one JSON line, so a query cannot forge one', () => {
    lines.length = 0;
    console.error('⨯', new Error(`bad query a\u0000${forged}`));
    console.warn(`⚠ something about ?q=${forged}`);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('\n');
      expect(JSON.parse(line)).toMatchObject({ message: 'server output' });
    }
  });

  it('drops an error the app already logged through onRequestError', () => {
    lines.length = 0;
    const error = new Error('already logged');
    markReported(error);
    console.error('⨯', error);
    expect(lines).toEqual([]);
  });
});
