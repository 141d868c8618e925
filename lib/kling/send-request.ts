import 'server-only';
import http from 'node:http';
import https from 'node:https';

/**
 * One HTTP exchange with the upstream over node:http: kept-alive connections, a deadline for the whole
 * exchange (connect, answer, body), and a reply read only up to a size limit. node:http costs about half
 * the CPU of `fetch` per call, and every submission makes at least one.
 */
export interface SentRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  maxReplyBytes: number;
}

export interface RawReply {
  status: number;
  /** The reply's text, cut at `maxReplyBytes`. */
  text: string;
  retryAfter: string | null;
}

/** No full answer within the deadline. */
export class RequestTimeoutError extends Error {
  override name = 'RequestTimeoutError';
}

/** Each protocol's module with its pool of kept-alive connections. */
const transports = {
  'http:': { module: http, agent: new http.Agent({ keepAlive: true, scheduling: 'lifo' }) },
  'https:': { module: https, agent: new https.Agent({ keepAlive: true, scheduling: 'lifo' }) },
};

export function sendRequest(sent: SentRequest): Promise<RawReply> {
  const { url, body } = sent;
  const transport = transports[url.protocol as keyof typeof transports];
  if (!transport) return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const headers: Record<string, string | number> = { ...sent.headers };
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    const request = transport.module.request(
      url,
      { method: sent.method, headers, agent: transport.agent },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size >= sent.maxReplyBytes) return;
          chunks.push(chunk);
          size += chunk.length;
          // Enough to know what it is: the rest is not read, and the connection is not reused.
          if (size >= sent.maxReplyBytes) response.destroy();
        });
        const done = () =>
          finish(() =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).subarray(0, sent.maxReplyBytes).toString('utf8'),
              retryAfter: headerValue(response.headers['retry-after']),
            }),
          );
        response.on('end', done);
        response.on('close', () => {
          if (response.complete || size >= sent.maxReplyBytes) return done();
          const cut = Object.assign(new Error('the connection closed before the whole answer came'), {
            code: 'ECONNRESET',
          });
          finish(() => reject(cut));
        });
        response.on('error', (error) => finish(() => reject(error)));
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new RequestTimeoutError(`no answer within ${sent.timeoutMs} ms`)));
      request.destroy();
    }, sent.timeoutMs);
    request.on('error', (error) => finish(() => reject(error)));
    request.end(body);
  });
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
