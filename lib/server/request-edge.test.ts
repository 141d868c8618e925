import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { socketHeaderName } from '@/lib/server/socket-peer';
import { guardRequests, REQUEST_TIMEOUT_MS } from './request-edge';

const servers: http.Server[] = [];

/** A server whose handler answers with the socket stamp it was given, as a route would read it. */
async function serve(): Promise<{ server: http.Server; port: number }> {
  const server = http.createServer((request, response) => {
    response.end(JSON.stringify({ stamp: request.headers[socketHeaderName()] ?? null }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  guardRequests();
  return { server, port: (server.address() as AddressInfo).port };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

function send(port: number, method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const request = http.request({ port, host: '127.0.0.1', method, path, headers }, (response) => {
        let body = '';
        response.on('data', (chunk) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      });
      request.on('error', reject);
      request.end();
    },
  );
}

describe('guardRequests', () => {
  it('stamps every request with its socket address, which a client cannot forge', async () => {
    const { port } = await serve();
    const first = await send(port, 'GET', '/', { [socketHeaderName()]: 'http 203.0.113.7' });
    expect(JSON.parse(first.body)).toEqual({ stamp: 'http 127.0.0.1' });
    const second = await send(port, 'GET', '/', { 'x-forwarded-for': '203.0.113.7' });
    expect(JSON.parse(second.body)).toEqual({ stamp: 'http 127.0.0.1' });
  });

  it.each(['TRACE', 'PROPFIND', 'PURGE'])(
    'answers %s with the JSON 405, never reaching the app',
    async (method) => {
      const { port } = await serve();
      const answer = await send(port, method, '/api/submissions');
      expect(answer.status).toBe(405);
      expect(answer.headers['content-type']).toBe('application/json');
      expect(answer.headers.allow).toBe('GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS');
      expect(JSON.parse(answer.body)).toEqual({
        error: { code: 'method_not_allowed', message: `This server does not answer ${method} requests.` },
      });
    },
  );

  it.each(['/api/submissions/%ED%A0%80', '/submissions/%E0%A4%A', '/api/x%ZZ'])(
    'answers a path that is not UTF-8 (%s) with 422 in the envelope',
    async (path) => {
      const { port } = await serve();
      const answer = await send(port, 'GET', path);
      expect(answer.status).toBe(422);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'validation_failed' } });
    },
  );

  it('gives a whole request 30 s, not Node’s 5 minutes', async () => {
    const { server, port } = await serve();
    await send(port, 'GET', '/');
    expect(server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(server.headersTimeout).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS);
  });
});
