import { z } from 'zod';
import { ERROR_CODES } from './error-codes';
import { validationIssueSchema } from './validation-issues';

export const errorCodeSchema = z.enum(ERROR_CODES);

export const apiErrorSchema = z.object({
  code: errorCodeSchema,
  /** Safe to show to anyone: never a stack trace or an exception's own text. */
  message: z.string(),
  /** With `validation_failed`: each invalid field by its dotted path. */
  issues: z.array(validationIssueSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
