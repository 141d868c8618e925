import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type FakeUpstream, type FakeUpstreamOptions, startFakeUpstream } from './fake-upstream.mjs';

/**
 * A fake upstream for the tests of a file or `describe` block: started before them, reset (no
 * recorded calls, no queued replies) before each test, closed after them. Call it before the
 * block's own hooks that use it. The handle stands for the running fake, so tests use it as one:
 * `fake.url`, `fake.nextReply(...)`, `fake.createCalls()`.
 */
export function setupFakeUpstream(options: FakeUpstreamOptions = {}): FakeUpstream {
  let running: FakeUpstream | undefined;
  beforeAll(async () => {
    running = await startFakeUpstream(options);
  });
  beforeEach(() => running?.reset());
  afterAll(() => running?.close());
  return new Proxy({} as FakeUpstream, {
    get(_target, member) {
      if (!running) throw new Error('the fake upstream is used before its beforeAll hook started it');
      return Reflect.get(running, member);
    },
  });
}
