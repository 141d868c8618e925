import { describe, expect, it } from 'vitest';
import { assertAllowedHost, hostNameOf, isAllowedHost } from './allowed-host';

const NONE = { publicUrl: null, allowedHosts: [] };
const PUBLISHED = { publicUrl: 'https://studio.example.com', allowedHosts: ['studio.internal', '10.0.0.5'] };

describe('isAllowedHost', () => {
  it.each(['localhost', 'localhost:3000', '127.0.0.1:3200', '[::1]:8080', 'LOCALHOST:1', '127.0.0.1'])(
    'answers loopback name %s on any port',
    (host) => {
      expect(isAllowedHost(host, NONE)).toBe(true);
    },
  );

  it('answers the APP_PUBLIC_URL host and ALLOWED_HOSTS names, on any port', () => {
    for (const host of [
      'studio.example.com',
      'Studio.Example.com.',
      'studio.example.com:443',
      'studio.internal:3000',
      '10.0.0.5:3000',
    ]) {
      expect(isAllowedHost(host, PUBLISHED), host).toBe(true);
    }
  });

  it.each([
    ['a rebinding name', 'evil.example:3000'],
    ['a look-alike', 'studio.example.com.evil.example'],
    ['a subdomain of a loopback name', 'x.localhost'],
    ['user info trickery', 'evil.example@localhost'],
    ['another loopback address not listed', '127.0.0.2:3000'],
    ['an empty Host', ''],
    ['no Host at all', null],
  ])('refuses %s', (_, host) => {
    expect(isAllowedHost(host, PUBLISHED)).toBe(false);
  });
});

describe('hostNameOf', () => {
  it('drops the port and a trailing dot, and lower-cases', () => {
    expect(hostNameOf('Studio.Example.COM.:8443')).toBe('studio.example.com');
    expect(hostNameOf('[::1]:3000')).toBe('[::1]');
    expect(hostNameOf('a b')).toBeNull();
  });
});

describe('assertAllowedHost', () => {
  it('refuses a foreign Host with misdirected_request (421)', () => {
    const request = new Request('http://localhost:3000/api/submissions', {
      headers: { host: 'evil.example:3000' },
    });
    expect(() => assertAllowedHost(request, NONE)).toThrow(
      expect.objectContaining({ code: 'misdirected_request', status: 421 }),
    );
  });

  it('reads the host from the URL of a request built without a Host header', () => {
    expect(() => assertAllowedHost(new Request('http://localhost:3000/api/health'), NONE)).not.toThrow();
  });
});
