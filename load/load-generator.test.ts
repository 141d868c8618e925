import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { formatSummary, loopbackOrigin, percentile, runLoad } from './load-generator.mjs';

interface Received {
  port: number;
  idempotencyKey: string | undefined;
  body: { model?: string; prompt?: string; external_task_id?: string };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      return closed;
    }),
  );
});

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A stand-in app on a loopback port: answers 201 (or `status`) after `delayMs`, recording each request. */
async function standIn(received: Received[], options: { status?: number; delayMs?: number } = {}) {
  let inFlight = 0;
  const peak = { value: 0 };
  const server = createServer(async (req, res) => {
    inFlight++;
    peak.value = Math.max(peak.value, inFlight);
    const body = JSON.parse(await readBody(req));
    const port = (server.address() as AddressInfo).port;
    received.push({ port, idempotencyKey: req.headers['idempotency-key'] as string | undefined, body });
    setTimeout(() => {
      inFlight--;
      res.writeHead(options.status ?? 201, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `row-${received.length}`, prompt: body.prompt }));
    }, options.delayMs ?? 0);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, peak };
}

describe('loopbackOrigin', () => {
  it('accepts only this machine', () => {
    expect(loopbackOrigin('http://127.0.0.1:3000/')).toBe('http://127.0.0.1:3000');
    expect(loopbackOrigin('http://localhost:3000')).toBe('http://localhost:3000');
    expect(loopbackOrigin('http://[::1]:3000')).toBe('http://[::1]:3000');
    for (const target of [
      'http://10.0.0.5:3000',
      'http://192.168.1.10',
      'https://example.com',
      'http://127.0.0.1.nip.io',
      'ftp://127.0.0.1',
      'http://user:pw@127.0.0.1:3000',
      'not a url',
    ]) {
      expect(() => loopbackOrigin(target), target).toThrow();
    }
  });
});

describe('runLoad', () => {
  it('refuses a foreign target, or a count or concurrency over the caps, before sending anything', async () => {
    const received: Received[] = [];
    const app = await standIn(received);
    const base = { targets: [app.url], count: 1, concurrency: 1, timeoutMs: 1_000 };
    await expect(runLoad({ ...base, targets: [app.url, 'http://10.1.2.3:3000'] })).rejects.toThrow(/refused/);
    await expect(runLoad({ ...base, count: 20_001 })).rejects.toThrow(/count/);
    await expect(runLoad({ ...base, concurrency: 257 })).rejects.toThrow(/concurrency/);
    await expect(runLoad({ ...base, count: 0 })).rejects.toThrow(/count/);
    await expect(runLoad({ ...base, targets: [] })).rejects.toThrow(/target/);
    expect(received).toHaveLength(0);
  });

  it('sends distinct valid bodies, one Idempotency-Key each, round-robin, never more than `concurrency` at once', async () => {
    const received: Received[] = [];
    const a = await standIn(received, { delayMs: 5 });
    const b = await standIn(received, { delayMs: 5 });
    const seen: number[] = [];
    const { answers, summary } = await runLoad({
      targets: [a.url, b.url],
      count: 60,
      concurrency: 4,
      timeoutMs: 5_000,
      onAnswer: (answer) => seen.push(answer.i),
    });

    expect(answers.map((x) => x.i)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(answers.every((x) => x.status === 201 && x.body.id && x.latencyMs > 0)).toBe(true);
    expect(answers.filter((x) => x.target === a.url)).toHaveLength(30);
    expect(answers[1]?.target).toBe(b.url);
    expect(seen.sort((x, y) => x - y)).toEqual(answers.map((x) => x.i));
    expect(new Set(received.map((r) => r.idempotencyKey)).size).toBe(60);
    expect(new Set(received.map((r) => r.body.prompt)).size).toBe(60);
    expect(received.every((r) => r.body.model === 'kling-v1' && r.body.external_task_id === undefined)).toBe(
      true,
    );
    expect(a.peak.value + b.peak.value).toBeLessThanOrEqual(4 + 4);
    expect(Math.max(a.peak.value, b.peak.value)).toBeLessThanOrEqual(4);
    expect(summary).toMatchObject({
      requested: 60,
      sent: 60,
      answered: 60,
      transportErrors: 0,
      serverErrors: 0,
      statusCounts: { 201: 60 },
      stoppedBy: null,
    });
    expect(summary.latencyMs.p99).toBeGreaterThanOrEqual(summary.latencyMs.p50);
    expect(formatSummary(summary)).toContain('201: 60');
  });

  it('counts 5xx answers and transport errors', async () => {
    const received: Received[] = [];
    const failing = await standIn(received, { status: 503 });
    const closed = await standIn([]);
    const closedUrl = closed.url;
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const { answers, summary } = await runLoad({
      targets: [failing.url, closedUrl],
      count: 4,
      concurrency: 2,
      timeoutMs: 2_000,
    });
    expect(answers.map((x) => x.status)).toEqual([503, null, 503, null]);
    expect(answers[1]?.error).toBe('ECONNREFUSED');
    expect(summary).toMatchObject({ serverErrors: 2, transportErrors: 2, statusCounts: { 503: 2 } });
  });

  it('stops at the time limit, cutting requests in flight', async () => {
    const app = await standIn([], { delayMs: 10_000 });
    const { answers, summary } = await runLoad({
      targets: [app.url],
      count: 100,
      concurrency: 3,
      timeoutMs: 20_000,
      maxWallMs: 300,
    });
    expect(answers).toHaveLength(3);
    expect(answers.every((x) => x.status === null && x.error === 'time limit')).toBe(true);
    expect(summary.stoppedBy).toBe('time limit');
  });

  it('starts nothing more once its signal is aborted', async () => {
    const app = await standIn([]);
    const stop = new AbortController();
    const { summary } = await runLoad({
      targets: [app.url],
      count: 1_000,
      concurrency: 2,
      timeoutMs: 2_000,
      signal: stop.signal,
      onAnswer: (answer) => {
        if (answer.i >= 9) stop.abort();
      },
    });
    expect(summary.sent).toBeLessThan(15);
    expect(summary.stoppedBy).toBe('signal');
  });
});

describe('percentile', () => {
  it('is the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});
