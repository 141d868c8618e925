import { describe, expect, it } from 'vitest';
import { otherMethods } from './other-methods';

describe('otherMethods', () => {
  it('answers a method the route does not serve with 405 in the error envelope, naming what it serves', async () => {
    const { DELETE } = otherMethods(['GET', 'POST']);
    const response = DELETE();
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(await response.json()).toEqual({
      error: { code: 'method_not_allowed', message: 'This address answers only GET and POST requests.' },
    });
  });

  it('answers OPTIONS with the methods served, and no HEAD for a route without GET', async () => {
    const response = otherMethods(['POST']).OPTIONS();
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('POST, OPTIONS');
    expect(await response.text()).toBe('');
  });
});
