import type { z } from 'zod';
import { type SubmissionRequest, submissionRequestSchema } from './submission-request';

/** One problem with a request: where (dotted path, as in `image_list.1.type`) and what to do. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Flattens zod issues into the envelope's list; each unknown key becomes its own issue at its own path. */
export function toValidationIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...issue.path, key].join('.'),
        message: `Unknown field "${key}": it is not part of the request. Remove it.`,
      }));
    }
    return [{ path: issue.path.join('.'), message: issue.message }];
  });
}

export type RequestValidation =
  | { ok: true; request: SubmissionRequest }
  | { ok: false; issues: ValidationIssue[] };

export function validateSubmissionRequest(input: unknown): RequestValidation {
  const result = submissionRequestSchema.safeParse(input);
  return result.success
    ? { ok: true, request: result.data }
    : { ok: false, issues: toValidationIssues(result.error) };
}
