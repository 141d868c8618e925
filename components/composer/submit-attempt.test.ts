import { describe, expect, it } from 'vitest';
import {
  type AttemptState,
  chooseAttemptKey,
  loadAttempt,
  parseAttempt,
  type SubmitAttempt,
  saveAttempt,
  settleAttempt,
} from './submit-attempt';

const BODY = JSON.stringify({ model: 'kling-v1', prompt: 'a red fox in fresh snow' });
const OTHER_BODY = JSON.stringify({ model: 'kling-v1', prompt: 'a red fox in fresh snow, at night' });
const newKey = () => 'new-key';
const attempt = (state: AttemptState, body = BODY): SubmitAttempt => ({ key: 'stored-key', body, state });

describe('chooseAttemptKey', () => {
  it('makes a new key when nothing was sent before', () => {
    expect(chooseAttemptKey(null, BODY, newKey)).toBe('new-key');
  });

  it.each(['open', 'created'] as const)('reuses the key of the same body when its attempt is %s', (state) => {
    expect(chooseAttemptKey(attempt(state), BODY, newKey)).toBe('stored-key');
  });

  it('makes a new key after a definitive failure, so pressing Submit again is a real retry', () => {
    expect(chooseAttemptKey(attempt('failed'), BODY, newKey)).toBe('new-key');
  });

  it.each(['open', 'created', 'failed'] as const)(
    'makes a new key for a changed body (stored %s)',
    (state) => {
      expect(chooseAttemptKey(attempt(state), OTHER_BODY, newKey)).toBe('new-key');
    },
  );

  it('makes a random key by default', () => {
    const key = chooseAttemptKey(null, BODY);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(chooseAttemptKey(null, BODY)).not.toBe(key);
  });
});

describe('settleAttempt', () => {
  it('records the answer on the attempt it belongs to', () => {
    expect(settleAttempt(attempt('open'), 'stored-key', 'created', 'sub-1')).toStrictEqual({
      ...attempt('created'),
      submissionId: 'sub-1',
    });
    expect(settleAttempt(attempt('open'), 'stored-key', 'failed')).toStrictEqual(attempt('failed'));
  });

  it('leaves a newer attempt (from another tab) alone', () => {
    expect(settleAttempt({ ...attempt('open'), key: 'newer' }, 'stored-key', 'failed')).toBeNull();
    expect(settleAttempt(null, 'stored-key', 'created', 'sub-1')).toBeNull();
  });
});

describe('parseAttempt', () => {
  it('reads back what was stored', () => {
    const stored = { ...attempt('created'), submissionId: 'sub-1' };
    expect(parseAttempt(JSON.stringify(stored))).toStrictEqual(stored);
  });

  it.each([
    ['nothing', null],
    ['not JSON', '{"key":'],
    ['null', 'null'],
    ['an array', '[]'],
    ['no key', JSON.stringify({ body: BODY, state: 'open' })],
    ['an empty key', JSON.stringify({ key: '', body: BODY, state: 'open' })],
    ['no body', JSON.stringify({ key: 'k', state: 'open' })],
    ['an unknown state', JSON.stringify({ key: 'k', body: BODY, state: 'sent' })],
  ])('ignores %s', (_, text) => {
    expect(parseAttempt(text)).toBeNull();
  });
});

describe('loadAttempt / saveAttempt without storage', () => {
  it('keeps the attempt in memory when localStorage is unavailable', () => {
    // Tests run in Node, where there is no window and so no localStorage.
    expect(loadAttempt()).toBeNull();
    saveAttempt(attempt('open'));
    expect(loadAttempt()).toStrictEqual(attempt('open'));
  });
});
