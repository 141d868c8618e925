import { z } from 'zod';
import { listFilterSchema } from './list-query';
import { submissionSchema } from './submission';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The CSV export's header row, in order: one column each, one row per submission. */
export const EXPORT_CSV_COLUMNS = [
  'id',
  'createdAt',
  'createdBy',
  'status',
  'taskId',
  'externalTaskId',
  'model',
  'mode',
  'duration',
  'aspectRatio',
  'prompt',
  'videoUrl',
  'error',
  'review',
  'reviewer',
] as const;
export type ExportCsvColumn = (typeof EXPORT_CSV_COLUMNS)[number];

/** `GET /api/submissions/export?format=&status=&q=`: the list's filters, every matching submission. */
export const exportQuerySchema = listFilterSchema.extend({
  format: z
    .enum(EXPORT_FORMATS, { error: 'Format must be csv or json.' })
    .optional()
    .or(z.literal('').transform(() => undefined))
    .transform((value) => value ?? 'csv')
    .meta({ description: '`csv` (default) or `json`.' }),
});

/** The JSON export: every matching submission, newest first. */
export const submissionArraySchema = z.array(submissionSchema);

/** The CSV export, as text. */
export const exportCsvSchema = z.string().meta({
  description: `A header row (${EXPORT_CSV_COLUMNS.join(', ')}), then one row per submission, newest first (RFC 4180 quoting, CRLF line ends). A cell that starts with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return gets a leading \`'\`, so a spreadsheet never runs it as a formula.`,
});
