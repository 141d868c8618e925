import { describe, expect, it } from 'vitest';
import {
  CALLBACK_PATH,
  callbackUrlToSend,
  generateCallbackToken,
  maskCallbackToken,
  ownCallback,
  ownCallbackUrl,
  tokensMatch,
} from './callback-token';

const TOKEN = 'cb-Secret+Token/42=xyzzy';

describe('callback token', () => {
  it('generates long, URL-safe, different tokens', () => {
    const a = generateCallbackToken();
    const b = generateCallbackToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(a).not.toBe(b);
  });

  it('builds the app’s own callback URL with the token encoded, readable back exactly', () => {
    const url = new URL(ownCallbackUrl('https://studio.example.com', TOKEN));
    expect(url.origin).toBe('https://studio.example.com');
    expect(url.pathname).toBe(CALLBACK_PATH);
    expect(url.searchParams.get('token')).toBe(TOKEN);
  });

  it.each([
    { given: TOKEN, what: 'the right token', accepted: true },
    { given: null, what: 'no token', accepted: false },
    { given: '', what: 'an empty token', accepted: false },
    { given: `${TOKEN.slice(0, -1)}Z`, what: 'a wrong token of the same length', accepted: false },
    { given: TOKEN.slice(0, 10), what: 'a prefix of the token', accepted: false },
    { given: `${TOKEN}x`, what: 'the token with more after it', accepted: false },
    { given: TOKEN.toUpperCase(), what: 'the token in another case', accepted: false },
  ])('$what -> accepted: $accepted', ({ given, accepted }) => {
    expect(tokensMatch(given, TOKEN)).toBe(accepted);
  });

  it('masks the token in the app’s own callback URL, keeping everything else', () => {
    const request = { model: 'kling-v1', callback_url: ownCallbackUrl('https://studio.example.com', TOKEN) };
    const masked = maskCallbackToken(request, TOKEN);
    expect(masked).toStrictEqual({
      model: 'kling-v1',
      callback_url: `https://studio.example.com${CALLBACK_PATH}?token=********`,
    });
    expect(JSON.stringify(masked)).not.toContain(encodeURIComponent(TOKEN));
    // The stored request itself is not changed.
    expect(request.callback_url).toContain(encodeURIComponent(TOKEN));
  });

  it('masks the token even when it appears unencoded', () => {
    const masked = maskCallbackToken({ callback_url: `https://hooks.example.org/?t=${TOKEN}` }, TOKEN);
    expect(masked.callback_url).toBe('https://hooks.example.org/?t=********');
  });

  it('leaves a creator’s own callback URL, and requests without one, as they are', () => {
    const own = { callback_url: 'https://hooks.example.org/kling?tag=1' };
    expect(maskCallbackToken(own, TOKEN)).toBe(own);
    const none = { model: 'kling-v1' };
    expect(maskCallbackToken(none, TOKEN)).toBe(none);
    expect(maskCallbackToken(own, null)).toBe(own);
  });

  describe('the callback URL a create call sends', () => {
    const own = ownCallback('https://studio.example.com', TOKEN);

    it('is shown exactly as pages and the API mask the app’s own URL', () => {
      expect(maskCallbackToken({ callback_url: own.url }, TOKEN).callback_url).toBe(own.shown);
    });

    it('is the app’s own, with the real token, for a blank field or the app’s URL as shown', () => {
      expect(callbackUrlToSend(undefined, own)).toBe(own.url);
      // "Reuse in composer", or a request copied from history, brings the masked form back.
      expect(callbackUrlToSend(own.shown, own)).toBe(own.url);
    });

    it('is the creator’s own URL as given, even one that looks masked', () => {
      const creators = 'https://hooks.example.org/kling?token=********';
      expect(callbackUrlToSend(creators, own)).toBe(creators);
      expect(callbackUrlToSend('https://hooks.example.org/kling', own)).toBe(
        'https://hooks.example.org/kling',
      );
    });

    it('is left out, or the creator’s, when the app has no public URL', () => {
      expect(callbackUrlToSend(undefined, null)).toBeUndefined();
      expect(callbackUrlToSend(own.shown, null)).toBe(own.shown);
    });
  });
});
