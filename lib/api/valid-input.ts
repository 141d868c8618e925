import { type ExportFormat, exportQuerySchema } from '@/lib/contract/export';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_MAX_LENGTH } from '@/lib/contract/headers';
import {
  type ListFilters,
  type ListQuery,
  parseListQuery,
  parseQuery,
  toListFilters,
} from '@/lib/contract/list-query';
import { isPlainText } from '@/lib/contract/plain-text';
import { submissionIdSchema } from '@/lib/contract/submission';
import type { Validation } from '@/lib/contract/validation-issues';
import { AppError } from '@/lib/errors/app-error';

/** The value of a passed validation; otherwise 422 `validation_failed` listing every issue. */
export function validOrThrow<T>(validation: Validation<T>, message: string): T {
  if (validation.ok) return validation.value;
  throw new AppError('validation_failed', message, { issues: validation.issues });
}

/** `?limit=&cursor=&status=&q=` of a history list, for the API and the history page alike. */
export function readListQuery(params: URLSearchParams): ListQuery {
  return validOrThrow(parseListQuery(params), 'The list query is not valid.');
}

/**
 * A submission ID from the path: text no database can hold is a 422 like any other field; any other
 * ID that is not a UUID names no submission (404) and is never looked up.
 */
export function readSubmissionId(id: string): string {
  if (!isPlainText(id)) {
    throw new AppError('validation_failed', 'The submission ID is not valid.', {
      issues: [
        {
          path: 'id',
          message: 'The ID contains a character that cannot be stored (U+0000 or half of a surrogate pair).',
        },
      ],
    });
  }
  if (!submissionIdSchema.safeParse(id).success) {
    throw new AppError('not_found', 'No submission has this ID. It may have been mistyped.');
  }
  return id;
}

/** The Idempotency-Key header, trimmed; null when absent or blank. */
export function readIdempotencyKey(request: Request): string | null {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER)?.trim();
  if (!key) return null;
  if (key.length > IDEMPOTENCY_KEY_MAX_LENGTH) {
    throw new AppError('validation_failed', 'The Idempotency-Key header is too long.', {
      issues: [
        { path: IDEMPOTENCY_KEY_HEADER, message: `At most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.` },
      ],
    });
  }
  return key;
}

/** `?format=&status=&q=...` of an export: the file format and the list's filters. */
export function readExportQuery(params: URLSearchParams): { format: ExportFormat; filters: ListFilters } {
  const { format, ...filters } = validOrThrow(
    parseQuery(exportQuerySchema, params),
    'The export query is not valid.',
  );
  return { format, filters: toListFilters(filters) };
}
