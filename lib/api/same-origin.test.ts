import { describe, expect, it } from 'vitest';
import { assertSameOrigin, type OriginContext } from './same-origin';

function request(headers: Record<string, string>): Request {
  return new Request('http://localhost:3000/api/submissions', { method: 'POST', headers });
}

/** A request that came through the server on plain http, from a client that is not a trusted proxy. */
const DIRECT: OriginContext = { publicUrl: null, socketScheme: 'http', fromTrustedProxy: false };

function refused(headers: Record<string, string>, context: Partial<OriginContext> = {}) {
  expect(() => assertSameOrigin(request(headers), { ...DIRECT, ...context })).toThrow(
    expect.objectContaining({ code: 'forbidden_origin', status: 403 }),
  );
}

function allowed(headers: Record<string, string>, context: Partial<OriginContext> = {}) {
  expect(() => assertSameOrigin(request(headers), { ...DIRECT, ...context })).not.toThrow();
}

describe('assertSameOrigin', () => {
  it('lets clients that send no Origin through (curl, scripts, server-to-server)', () => {
    allowed({ host: 'localhost:3000' });
    allowed({ host: 'localhost:3000', 'sec-fetch-site': 'same-origin' });
    allowed({ host: 'localhost:3000', 'sec-fetch-site': 'none' });
  });

  it('refuses a browser that says the request is cross-site, even without an Origin', () => {
    refused({ host: 'localhost:3000', 'sec-fetch-site': 'cross-site' });
  });

  it('accepts the app’s own origin: scheme, host and port', () => {
    allowed({ host: 'localhost:3000', origin: 'http://localhost:3000' });
    allowed({ host: 'Studio.Example.com', origin: 'http://studio.example.com' });
  });

  it('refuses the right host and port on the wrong scheme', () => {
    refused({ host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' });
    refused({ host: 'studio.example.com', origin: 'http://studio.example.com' }, { socketScheme: 'https' });
  });

  it('believes X-Forwarded-Host and -Proto only from a trusted proxy', () => {
    const forwarded = {
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'studio.example.com',
      'x-forwarded-proto': 'https',
      origin: 'https://studio.example.com',
    };
    allowed(forwarded, { fromTrustedProxy: true });
    refused(forwarded, { fromTrustedProxy: false });
    refused({ ...forwarded, 'x-forwarded-host': 'evil.example' }, { fromTrustedProxy: true });
  });

  it('accepts APP_PUBLIC_URL’s origin', () => {
    allowed(
      { host: '10.0.0.5:3000', origin: 'https://studio.example.com' },
      { publicUrl: 'https://studio.example.com' },
    );
    refused(
      { host: '10.0.0.5:3000', origin: 'http://studio.example.com' },
      { publicUrl: 'https://studio.example.com' },
    );
  });

  it.each([
    ['another site', 'https://evil.example.com'],
    ['another port', 'http://localhost:3001'],
    ['a look-alike host', 'http://localhost:3000.evil.com'],
    ['an opaque origin', 'null'],
    ['a non-web scheme', 'file://localhost:3000'],
    ['garbage', 'not an origin'],
  ])('refuses %s with forbidden_origin (403)', (_, origin) => {
    refused({ host: 'localhost:3000', origin });
  });

  it('refuses a foreign origin even when APP_PUBLIC_URL is set', () => {
    refused(
      { host: 'localhost:3000', origin: 'https://evil.example.com' },
      { publicUrl: 'https://studio.example.com' },
    );
  });

  it('falls back to the request URL’s scheme when the server did not stamp the socket', () => {
    allowed({ origin: 'http://localhost:3000' }, { socketScheme: null });
    refused({ origin: 'https://localhost:3000' }, { socketScheme: null });
  });
});
