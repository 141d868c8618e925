import { afterEach, describe, expect, it } from 'vitest';
import { encodeSocketPeer, socketHeaderName } from '@/lib/server/socket-peer';
import { clientAddress, fromTrustedProxy, isLoopback } from './client-address';

const cache = globalThis as typeof globalThis & { __omniEnv?: unknown };

function withTrustedProxies(value: string | undefined) {
  delete cache.__omniEnv;
  if (value === undefined) delete process.env.TRUSTED_PROXIES;
  else process.env.TRUSTED_PROXIES = value;
}

afterEach(() => withTrustedProxies(undefined));

/** A request as the server hands it to a route: stamped with its socket's address. */
function from(socket: string | null, forwardedFor?: string): Request {
  const headers: Record<string, string> = {};
  if (socket) headers[socketHeaderName()] = encodeSocketPeer({ scheme: 'http', address: socket });
  if (forwardedFor !== undefined) headers['x-forwarded-for'] = forwardedFor;
  return new Request('http://localhost:3000/api/submissions', { headers });
}

describe('clientAddress', () => {
  it('is the socket address, whatever X-Forwarded-For says, when no proxy is trusted', () => {
    withTrustedProxies(undefined);
    expect(clientAddress(from('203.0.113.9', '198.51.100.1'))).toBe('203.0.113.9');
    expect(clientAddress(from('127.0.0.1', '203.0.113.7, 127.0.0.1'))).toBe('127.0.0.1');
    expect(clientAddress(from('::ffff:127.0.0.1'))).toBe('127.0.0.1');
  });

  it('behind a trusted proxy, is the right-most hop that is not a trusted proxy', () => {
    withTrustedProxies('10.0.0.0/8,127.0.0.1');
    expect(clientAddress(from('127.0.0.1', '198.51.100.1, 203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(from('127.0.0.1', '198.51.100.1, 203.0.113.7, 10.1.2.3'))).toBe('203.0.113.7');
    // A client that writes a trusted address itself gains nothing: the proxy appended its real one.
    expect(clientAddress(from('127.0.0.1', '127.0.0.1, 203.0.113.7'))).toBe('203.0.113.7');
    expect(clientAddress(from('127.0.0.1', '[2001:db8::7]:51000'))).toBe('2001:db8::7');
  });

  it('ignores X-Forwarded-For from a peer that is not listed', () => {
    withTrustedProxies('10.0.0.5');
    expect(clientAddress(from('127.0.0.1', '203.0.113.7'))).toBe('127.0.0.1');
    expect(fromTrustedProxy(from('127.0.0.1'))).toBe(false);
    expect(fromTrustedProxy(from('10.0.0.5'))).toBe(true);
  });

  it('is "unknown" for a request the server did not stamp, and a forged stamp header counts for nothing', () => {
    expect(clientAddress(from(null, '127.0.0.1'))).toBe('unknown');
    const forged = new Request('http://localhost:3000/', { headers: { 'x-omni-socket': 'http 127.0.0.1' } });
    expect(clientAddress(forged)).toBe('unknown');
  });
});

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.9.9.9', true],
    ['::1', true],
    ['203.0.113.7', false],
    ['unknown', false],
  ])('%s: %s', (address, loopback) => {
    expect(isLoopback(address)).toBe(loopback);
  });
});
