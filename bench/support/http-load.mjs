// A bounded loopback load loop: `concurrency` workers send requests back to back over keep-alive
// connections until the time or the request budget runs out. Only 127.0.0.1 targets are accepted.
import http from 'node:http';
import { msSince } from './stats.mjs';

function assertLoopback(url) {
  const { hostname } = new URL(url);
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
    throw new Error(`benchmarks only send traffic to this machine, not to ${hostname}`);
  }
}

/** One request; resolves with status, headers, body text and milliseconds from send to last byte. */
export function send(agent, url, { method = 'GET', headers = {}, body } = {}) {
  const payload =
    body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const request = http.request(
      url,
      {
        agent,
        method,
        headers: payload
          ? { 'content-type': 'application/json', 'content-length': payload.length, ...headers }
          : headers,
        timeout: 30_000,
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ms: msSince(start),
          }),
        );
        response.on('error', (error) =>
          resolve({ status: 0, headers: {}, text: String(error), ms: msSince(start) }),
        );
      },
    );
    request.on('timeout', () => request.destroy(new Error('timed out')));
    request.on('error', (error) =>
      resolve({ status: 0, headers: {}, text: String(error), ms: msSince(start) }),
    );
    request.end(payload);
  });
}

export function keepAliveAgent(maxSockets) {
  return new http.Agent({ keepAlive: true, maxSockets });
}

/**
 * Runs `concurrency` workers; worker w sends to targets[w % targets.length] (so two app instances
 * share the load evenly). Stops at `durationMs` or after `maxRequests`, whichever comes first.
 * @param {{ targets: string[], concurrency: number, durationMs: number, maxRequests: number,
 *   request: (i: number) => { path: string, method?: string, headers?: Record<string, string>, body?: unknown } }} options
 */
export async function runLoad({ targets, concurrency, durationMs, maxRequests, request }) {
  targets.forEach(assertLoopback);
  const agents = targets.map(() => keepAliveAgent(concurrency));
  const results = [];
  let issued = 0;
  const start = process.hrtime.bigint();
  const deadline = Date.now() + durationMs;
  async function worker(w) {
    const t = w % targets.length;
    while (Date.now() < deadline && issued < maxRequests) {
      const spec = request(issued++);
      const result = await send(agents[t], `${targets[t]}${spec.path}`, spec);
      results.push({ ...result, target: t });
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const elapsedMs = msSince(start);
  for (const agent of agents) agent.destroy();
  return { results, elapsedMs };
}
