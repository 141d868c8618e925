import { z } from 'zod';
import { REVIEW_FILTERS, type ReviewFilter } from './accounts';
import { isPlainText, notPlainTextMessage } from './plain-text';
import { LIST_LIMIT } from './request-limits';
import { SUBMISSION_STATUSES } from './statuses';
import { submissionIdSchema, submissionSchema } from './submission';
import { type Validation, validate } from './validation-issues';

export { LIST_LIMIT };
export const SEARCH_MAX_LENGTH = LIST_LIMIT.searchMax;

/** The keyset position of the last row on a page, opaque to clients. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

export function encodeCursor(row: ListPosition): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): ListPosition | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value;
    if (typeof at !== 'string' || !submissionIdSchema.safeParse(id).success) return null;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
  } catch {
    return null;
  }
}

const plain = (label: string) => z.string().refine(isPlainText, { error: notPlainTextMessage(label) });

/** `GET /api/submissions?limit=&cursor=&status=&q=`, each parameter as text; empty means absent. */
export const listQuerySchema = z.object({
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
  status: z
    .enum(SUBMISSION_STATUSES, { error: `Status must be one of ${SUBMISSION_STATUSES.join(', ')}.` })
    .optional()
    .or(z.literal('').transform(() => undefined))
    .meta({ description: 'Only submissions with this status.' }),
  q: plain('Search')
    .max(SEARCH_MAX_LENGTH, { error: `Search is too long: at most ${SEARCH_MAX_LENGTH} characters.` })
    .optional()
    .transform((value) => value?.trim() || undefined)
    .meta({ description: 'Words that must all match the prompt, task ID or external task ID.' }),
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
    .meta({ description: 'The `nextCursor` of the previous page.' }),
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

/** What a list asks for: newest first (oldest first for `toReview`), at most `limit`, after `after`. */
export interface ListQuery {
  limit: number;
  status?: (typeof SUBMISSION_STATUSES)[number];
  q?: string;
  after?: ListPosition;
  mine?: boolean;
  createdBy?: string;
  review?: ReviewFilter;
  toReview?: boolean;
}

/** Reads the list parameters; anything off is an issue naming the parameter. */
export function parseListQuery(params: URLSearchParams): Validation<ListQuery> {
  const raw = Object.fromEntries(
    Object.keys(listQuerySchema.shape).flatMap((key) => {
      const value = params.get(key);
      return value === null ? [] : [[key, value]];
    }),
  );
  const result = validate(listQuerySchema, raw);
  if (!result.ok) return result;
  const { limit, status, q, cursor, mine, createdBy, review, view } = result.value;
  return {
    ok: true,
    value: { limit, status, q, after: cursor, mine, createdBy, review, toReview: view === 'to_review' },
  };
}

/** One page of history, newest first; `nextCursor` is null on the last page. */
export const submissionPageSchema = z.object({
  items: z.array(submissionSchema),
  nextCursor: z.string().nullable(),
});
export type SubmissionPage = z.infer<typeof submissionPageSchema>;
