import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_TIMEOUT_MS, keepIdleConnectionsOpen } from './keep-alive';

const servers: http.Server[] = [];

async function serve(keepAliveTimeout?: number): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer((_request, response) => response.end('ok'));
  if (keepAliveTimeout !== undefined) server.keepAliveTimeout = keepAliveTimeout;
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('keepIdleConnectionsOpen', () => {
  it('keeps idle connections open 65 s and says so in the Keep-Alive header', async () => {
    const { server, url } = await serve();
    keepIdleConnectionsOpen();
    await (await fetch(url)).text();
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
    const response = await fetch(url);
    expect(response.headers.get('keep-alive')).toBe('timeout=65');
  });

  it('keeps a timeout the operator chose', async () => {
    const { server, url } = await serve(20_000);
    keepIdleConnectionsOpen();
    await (await fetch(url)).text();
    expect(server.keepAliveTimeout).toBe(20_000);
  });
});
