import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import { LIST_LIMIT } from '@/lib/validations/request-limits';
import { toValidationIssues } from '@/lib/validations/validation-issues';
import { SUBMISSION_STATUSES } from './submission';
import type { ListFilter } from './submission-store';

/** The keyset position of the last row on a page, opaque to clients. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value;
    if (typeof at !== 'string' || typeof id !== 'string' || id.length > 64) return null;
    const createdAt = new Date(at);
    return Number.isNaN(createdAt.getTime()) ? null : { createdAt, id };
  } catch {
    return null;
  }
}

const listQuerySchema = z.object({
  limit: z
    .string()
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
    }),
  status: z
    .enum(SUBMISSION_STATUSES, { error: `Status must be one of ${SUBMISSION_STATUSES.join(', ')}.` })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  q: z
    .string()
    .max(LIST_LIMIT.searchMax, { error: `Search is too long: at most ${LIST_LIMIT.searchMax} characters.` })
    .optional()
    .transform((value) => value?.trim() || undefined),
  cursor: z
    .string()
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
    }),
});

/** Reads `?limit=&cursor=&status=&q=`; anything off is a 422 with the parameter named. */
export function parseListQuery(params: URLSearchParams): ListFilter {
  const raw = Object.fromEntries(
    ['limit', 'status', 'q', 'cursor'].flatMap((k) => {
      const v = params.get(k);
      return v === null ? [] : [[k, v]];
    }),
  );
  const result = listQuerySchema.safeParse(raw);
  if (!result.success) {
    throw new AppError('validation_failed', 'The list query is not valid.', {
      issues: toValidationIssues(result.error),
    });
  }
  const { limit, status, q, cursor } = result.data;
  return { limit, status, q, after: cursor };
}
