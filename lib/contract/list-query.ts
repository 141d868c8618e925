import { z } from 'zod';
import { REVIEW_FILTERS, type ReviewFilter } from './accounts';
import { isPlainText, notPlainTextMessage } from './plain-text';
import { LIST_LIMIT } from './request-limits';
import { SUBMISSION_STATUSES } from './statuses';
import { submissionIdSchema, submissionSchema } from './submission';
import { type Validation, validate } from './validation-issues';

export { LIST_LIMIT };
export const SEARCH_MAX_LENGTH = LIST_LIMIT.searchMax;

/** The keyset position of a row on a page, opaque to clients. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

/** `older`: the page after (rows older than the position); `newer`: the page before it. */
export type CursorDirection = 'older' | 'newer';

interface Cursor {
  position: ListPosition;
  direction: CursorDirection;
}

export function encodeCursor(row: ListPosition, direction: CursorDirection = 'older'): string {
  const at = [row.createdAt.toISOString(), row.id];
  return Buffer.from(JSON.stringify(direction === 'newer' ? [...at, 'newer'] : at)).toString('base64url');
}

function decodeCursor(cursor: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length < 2 || value.length > 3) return null;
    const [at, id, direction = 'older'] = value;
    if (typeof at !== 'string' || !submissionIdSchema.safeParse(id).success) return null;
    if (direction !== 'older' && direction !== 'newer') return null;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? null : { position: { createdAt, id }, direction };
  } catch {
    return null;
  }
}

const plain = (label: string) => z.string().refine(isPlainText, { error: notPlainTextMessage(label) });

/**
 * What narrows the history: shared by the list, the export and the counts per status, so a filter
 * added here applies to all three. Each parameter arrives as text; empty means absent.
 */
export const listFilterSchema = z.object({
  status: z
    .enum(SUBMISSION_STATUSES, { error: `Status must be one of ${SUBMISSION_STATUSES.join(', ')}.` })
    .optional()
    .or(z.literal('').transform(() => undefined))
    .meta({ description: 'Only submissions with this status.' }),
  q: plain('Search')
    .max(SEARCH_MAX_LENGTH, { error: `Search is too long: at most ${SEARCH_MAX_LENGTH} characters.` })
    .optional()
    .transform((value) => value?.trim() || undefined)
    .meta({
      description:
        'Words that must all match, in any order and ignoring case, each in the prompt, the task ID or the external task ID.',
    }),
  mine: z
    .enum(['true', 'false', ''], { error: 'Mine must be true or false.' })
    .optional()
    .transform((value) => value === 'true')
    .meta({ description: '`true`: only the signed-in user’s own submissions.' }),
  createdBy: plain('Creator')
    .max(64, { error: 'Creator is a user ID of at most 64 characters.' })
    .optional()
    .transform((value) => value || undefined)
    .meta({ description: 'Only submissions by this user (a user `id`).' }),
  review: z
    .enum(REVIEW_FILTERS, { error: `Review must be one of ${REVIEW_FILTERS.join(', ')}.` })
    .optional()
    .or(z.literal('').transform(() => undefined))
    .meta({ description: 'Only submissions whose latest review decision is this (`unreviewed`: none yet).' }),
  view: z
    .enum(['to_review'], { error: 'View must be to_review.' })
    .optional()
    .or(z.literal('').transform(() => undefined))
    .meta({
      description:
        '`to_review`: finished (succeeded or failed), unreviewed submissions by others, oldest first; for reviewers.',
    }),
});

/** The filters of a list, an export or a count, as read. */
export interface ListFilters {
  status?: (typeof SUBMISSION_STATUSES)[number];
  q?: string;
  mine?: boolean;
  createdBy?: string;
  review?: ReviewFilter;
  /** The "To review" view: finished, unreviewed submissions by others, oldest first. */
  toReview?: boolean;
}

/** The filter parameters as the service reads them (`view=to_review` becomes `toReview`). */
export function toListFilters({ view, ...filters }: z.output<typeof listFilterSchema>): ListFilters {
  return { ...filters, toReview: view === 'to_review' };
}

/** `GET /api/submissions?limit=&cursor=&status=&q=&mine=&createdBy=&review=&view=`. */
export const listQuerySchema = listFilterSchema.extend({
  limit: plain('Limit')
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return LIST_LIMIT.fallback;
      const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isInteger(n) || n < LIST_LIMIT.min || n > LIST_LIMIT.max) {
        ctx.addIssue({
          code: 'custom',
          message: `Limit must be a whole number from ${LIST_LIMIT.min} to ${LIST_LIMIT.max}.`,
        });
        return z.NEVER;
      }
      return n;
    })
    .meta({
      description: `Page size, ${LIST_LIMIT.min} to ${LIST_LIMIT.max} (default ${LIST_LIMIT.fallback}).`,
    }),
  cursor: plain('Cursor')
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      const decoded = decodeCursor(value);
      if (!decoded) {
        ctx.addIssue({
          code: 'custom',
          message: 'Cursor is not one this app gave out. Start again from the first page.',
        });
        return z.NEVER;
      }
      return decoded;
    })
    .meta({ description: 'A page’s `nextCursor` (the page after it) or `prevCursor` (the page before it).' }),
});

/**
 * What a list asks for: at most `limit`, in the list's order (newest first; oldest first for
 * `toReview`), strictly after the `after` position or strictly before `before` (at most one).
 */
export type ListQuery = ListFilters & {
  limit: number;
  after?: ListPosition;
  before?: ListPosition;
};

/** Reads the parameters a schema names from a query string; anything off is an issue naming its parameter. */
export function parseQuery<S extends z.ZodObject>(
  schema: S,
  params: URLSearchParams,
): Validation<z.output<S>> {
  const raw = Object.fromEntries(
    Object.keys(schema.shape).flatMap((key) => {
      const value = params.get(key);
      return value === null ? [] : [[key, value]];
    }),
  );
  return validate(schema, raw);
}

/** Reads the list parameters; anything off is an issue naming the parameter. */
export function parseListQuery(params: URLSearchParams): Validation<ListQuery> {
  const result = parseQuery(listQuerySchema, params);
  if (!result.ok) return result;
  const { cursor, limit, ...filters } = result.value;
  const position = cursor?.position;
  return {
    ok: true,
    value: {
      ...toListFilters(filters),
      limit,
      after: cursor?.direction === 'older' ? position : undefined,
      before: cursor?.direction === 'newer' ? position : undefined,
    },
  };
}

/** One page of history, in the list's order; `nextCursor` is null on the last page, `prevCursor` on the first. */
export const submissionPageSchema = z.object({
  items: z.array(submissionSchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the page after this one.' }),
  prevCursor: z
    .string()
    .nullable()
    .meta({ description: 'Pass as `cursor` for the page before this one (newer submissions).' }),
});
export type SubmissionPage = z.infer<typeof submissionPageSchema>;
