import { describe, expect, it } from 'vitest';
import { encodeCursor, parseListQuery } from './list-query';

function parse(query: string) {
  const result = parseListQuery(new URLSearchParams(query));
  if (!result.ok) throw new Error(`expected "${query}" to be accepted: ${JSON.stringify(result.issues)}`);
  return result.value;
}

/** The issue paths of a rejected query; fails the test when it was accepted. */
function rejectedAt(query: string): string[] {
  const result = parseListQuery(new URLSearchParams(query));
  if (result.ok) throw new Error(`expected "${query}" to be rejected`);
  return result.issues.map((issue) => issue.path);
}

describe('parseListQuery', () => {
  it('defaults to the first 20, any status, no search', () => {
    expect(parse('')).toEqual({
      limit: 20,
      status: undefined,
      q: undefined,
      after: undefined,
      before: undefined,
      mine: false,
      createdBy: undefined,
      review: undefined,
      toReview: false,
    });
  });

  it('treats empty parameters as absent, as an empty filter form sends them', () => {
    expect(parse('limit=&status=&q=&cursor=&mine=&createdBy=&review=&view=')).toEqual({
      limit: 20,
      status: undefined,
      q: undefined,
      after: undefined,
      before: undefined,
      mine: false,
      createdBy: undefined,
      review: undefined,
      toReview: false,
    });
  });

  it.each(['1', '20', '100'])('accepts limit %s', (limit) => {
    expect(parse(`limit=${limit}`).limit).toBe(Number(limit));
  });

  it.each(['0', '101', 'abc', '-1', '1.5', '1e2', ' 5', '0x10'])('rejects limit %j, naming it', (limit) => {
    expect(rejectedAt(`limit=${encodeURIComponent(limit)}`)).toEqual(['limit']);
  });

  it.each(['pending', 'submitted', 'processing', 'succeeded', 'failed'])('accepts status %s', (status) => {
    expect(parse(`status=${status}`).status).toBe(status);
  });

  it.each(['done', 'FAILED', 'all'])('rejects status %j, naming it', (status) => {
    expect(rejectedAt(`status=${status}`)).toEqual(['status']);
  });

  it('trims the search, and treats a blank one as none', () => {
    expect(parse('q=%20%20sunset%20').q).toBe('sunset');
    expect(parse('q=%20%20').q).toBeUndefined();
  });

  it('rejects a search over 200 characters', () => {
    expect(parse(`q=${'a'.repeat(200)}`).q).toHaveLength(200);
    expect(rejectedAt(`q=${'a'.repeat(201)}`)).toEqual(['q']);
  });

  it('reads back a cursor it gave out', () => {
    const row = {
      createdAt: new Date('2026-03-01T12:00:00.123Z'),
      id: 'b1f6c1e0-0000-4000-8000-000000000000',
    };
    expect(parse(`cursor=${encodeCursor(row)}`)).toMatchObject({ after: row, before: undefined });
    expect(parse(`cursor=${encodeCursor(row, 'newer')}`)).toMatchObject({ after: undefined, before: row });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['JSON of the wrong shape', Buffer.from('{"a":1}').toString('base64url')],
    ['a bad date', Buffer.from('["yesterday","id"]').toString('base64url')],
    [
      'a direction it does not know',
      Buffer.from(
        JSON.stringify(['2026-01-01T00:00:00Z', 'b1f6c1e0-0000-4000-8000-000000000000', 'up']),
      ).toString('base64url'),
    ],
    [
      'an id that is not a submission ID',
      Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', 'x'.repeat(36)])).toString('base64url'),
    ],
  ])('rejects a cursor that is %s, naming it', (_, cursor) => {
    expect(rejectedAt(`cursor=${cursor}`)).toEqual(['cursor']);
  });

  it.each([
    ['a search', 'q=a%00b', 'q'],
    ['a status', 'status=failed%00', 'status'],
    ['a limit', 'limit=1%00', 'limit'],
    ['a raw cursor', 'cursor=%00', 'cursor'],
    [
      'a cursor whose id is NUL',
      `cursor=${Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', '\u0000'])).toString('base64url')}`,
      'cursor',
    ],
  ])('rejects U+0000 in %s, naming the parameter', (_, query, path) => {
    expect(rejectedAt(query)).toEqual([path]);
  });

  it('reads the account filters: mine, a creator, a review state, the to-review view', () => {
    expect(parse('mine=true&review=unreviewed&view=to_review&createdBy=u1')).toMatchObject({
      mine: true,
      createdBy: 'u1',
      review: 'unreviewed',
      toReview: true,
    });
    expect(rejectedAt('review=maybe&view=all&mine=yes').sort()).toEqual(['mine', 'review', 'view']);
  });

  it('names every bad parameter at once', () => {
    expect(rejectedAt('limit=0&status=nope&cursor=zzz').sort()).toEqual(['cursor', 'limit', 'status']);
  });
});
