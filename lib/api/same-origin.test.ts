import { describe, expect, it } from 'vitest';
import { assertSameOrigin } from './same-origin';

function request(headers: Record<string, string>): Request {
  return new Request('http://localhost:3000/api/submissions', { method: 'POST', headers });
}

function refused(headers: Record<string, string>, publicUrl: string | null = null) {
  expect(() => assertSameOrigin(request(headers), publicUrl)).toThrow(
    expect.objectContaining({ code: 'forbidden_origin', status: 403 }),
  );
}

function allowed(headers: Record<string, string>, publicUrl: string | null = null) {
  expect(() => assertSameOrigin(request(headers), publicUrl)).not.toThrow();
}

describe('assertSameOrigin', () => {
  it('lets clients that send no Origin through (curl, scripts, server-to-server)', () => {
    allowed({ host: 'localhost:3000' });
  });

  it('accepts the app’s own origin', () => {
    allowed({ host: 'localhost:3000', origin: 'http://localhost:3000' });
    allowed({ host: 'Studio.Example.com', origin: 'https://studio.example.com' });
  });

  it('accepts the host a proxy forwarded, and APP_PUBLIC_URL', () => {
    allowed({
      host: '10.0.0.5:3000',
      'x-forwarded-host': 'studio.example.com',
      origin: 'https://studio.example.com',
    });
    allowed({ host: '10.0.0.5:3000', origin: 'https://studio.example.com' }, 'https://studio.example.com/');
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
    refused({ host: 'localhost:3000', origin: 'https://evil.example.com' }, 'https://studio.example.com');
  });
});
