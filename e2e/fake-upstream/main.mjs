#!/usr/bin/env node
// Starts the fake upstream: `node e2e/fake-upstream/main.mjs --port 4010 [--api-key KEY]`.
// Ready when GET /__control/health answers 200; stops on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import { startFakeUpstream } from './fake-upstream.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.FAKE_UPSTREAM_PORT ?? '0' },
    'api-key': { type: 'string', default: process.env.FAKE_UPSTREAM_API_KEY },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, got "${values.port}"`);
  process.exit(2);
}

const fake = await startFakeUpstream({ port, apiKey: values['api-key'] || undefined, host: values.host });
console.log(`fake upstream listening on ${fake.url}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    fake.close().then(() => process.exit(0));
  });
}
