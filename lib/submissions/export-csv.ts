import { EXPORT_CSV_COLUMNS, type ExportCsvColumn } from '@/lib/contract/export';
import { viewRequest } from './request-view';
import type { Submission } from './submission';

/** What a spreadsheet would read as the start of a formula (OWASP's list: =, +, -, @, tab, CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: a formula start defused with a leading `'`, then quoted when it holds a quote, comma or line break (RFC 4180). */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const CSV_HEADER = csvLine(EXPORT_CSV_COLUMNS);

/** The cells of one submission. Mode, duration and ratio are what the upstream applied: its default when left out. */
function cells(submission: Submission): Record<ExportCsvColumn, string> {
  const request = viewRequest(submission.request);
  const { error } = submission;
  return {
    id: submission.id,
    createdAt: submission.createdAt,
    createdBy: submission.createdBy?.email ?? '',
    status: submission.status,
    taskId: submission.taskId ?? '',
    externalTaskId: submission.externalTaskId,
    model: submission.model,
    mode: request.mode,
    duration: request.duration,
    aspectRatio: request.aspectRatio,
    prompt: request.prompt,
    videoUrl: submission.video?.url ?? '',
    error: error ? `${error.code}: ${error.message}` : '',
    review: submission.review?.decision ?? '',
    reviewer: submission.review?.reviewer.email ?? '',
  };
}

export function csvRow(submission: Submission): string {
  const row = cells(submission);
  return csvLine(EXPORT_CSV_COLUMNS.map((column) => row[column]));
}
