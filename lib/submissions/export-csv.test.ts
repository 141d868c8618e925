import { describe, expect, it } from 'vitest';
import { EXPORT_CSV_COLUMNS } from '@/lib/contract/export';
import type { Submission } from '@/lib/contract/submission';
import { CSV_HEADER, csvCell, csvRow } from './export-csv';

const SUBMISSION: Submission = {
  id: '0b7e4c1a-3f2d-4c59-9f0e-2a6d8b1c4e77',
  status: 'failed',
  displayStatus: 'failed',
  taskId: '842250903629086785',
  externalTaskId: 'ovs-1',
  model: 'kling-v1',
  request: { model: 'kling-v1', prompt: 'A boat, "small", on\na canal', mode: 'pro', duration: '10' },
  response: null,
  error: { code: 'task_failed', message: 'Blocked by content moderation: risk', upstreamStatus: null },
  statusMessage: null,
  video: null,
  refreshedAt: null,
  createdAt: '2026-03-01T12:00:00.000Z',
  updatedAt: '2026-03-01T12:00:05.000Z',
  createdBy: null,
  review: null,
};

describe('CSV export', () => {
  it('starts with the header row of every column, in order', () => {
    expect(CSV_HEADER).toBe(`${EXPORT_CSV_COLUMNS.join(',')}\r\n`);
    expect(CSV_HEADER).toBe(
      'id,createdAt,createdBy,status,taskId,externalTaskId,model,mode,duration,aspectRatio,prompt,videoUrl,error,review,reviewer\r\n',
    );
  });

  it.each([
    ['plain text', 'hello', 'hello'],
    ['a comma', 'a, b', '"a, b"'],
    ['a quote', 'say "hi"', '"say ""hi"""'],
    ['a line break', 'one\ntwo', '"one\ntwo"'],
    ['a carriage return inside', 'one\r\ntwo', '"one\r\ntwo"'],
    ['an empty value', '', ''],
  ])('quotes %s as RFC 4180 says', (_, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it.each([
    ['=', '=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ['+', '+1+2', "'+1+2"],
    ['-', '-2+3', "'-2+3"],
    ['@', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab', '\t=1', "'\t=1"],
  ])('defuses a cell starting with %s so a spreadsheet never runs it', (_, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('leaves a formula character later in the text alone', () => {
    expect(csvCell('a=b+c-d@e')).toBe('a=b+c-d@e');
  });

  it('writes one row per submission with its cells in the header’s order', () => {
    expect(csvRow(SUBMISSION)).toBe(
      `${[
        SUBMISSION.id,
        '2026-03-01T12:00:00.000Z',
        '',
        'failed',
        '842250903629086785',
        'ovs-1',
        'kling-v1',
        'pro',
        '10',
        '16:9',
        '"A boat, ""small"", on\na canal"',
        '',
        'task_failed: Blocked by content moderation: risk',
        '',
        '',
      ].join(',')}\r\n`,
    );
  });

  it('fills who made it and its review when the submission carries them', () => {
    const row = csvRow({
      ...SUBMISSION,
      error: null,
      video: { url: 'https://cdn.example.com/v.mp4', duration: 5 },
      createdBy: { id: 'u1', name: 'Ana', email: 'ana@example.com' },
      review: {
        decision: 'approved',
        comment: null,
        reviewer: { id: 'u2', name: 'Rui', email: 'rui@example.com' },
        createdAt: '2026-03-01T13:00:00.000Z',
      },
    });
    const cells = row.trimEnd().split(',');
    expect(cells[2]).toBe('ana@example.com');
    expect(cells.slice(-4)).toEqual(['https://cdn.example.com/v.mp4', '', 'approved', 'rui@example.com']);
  });
});
