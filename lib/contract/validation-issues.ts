import { z } from 'zod';
import { type SubmissionRequest, submissionRequestSchema } from './submission-request';

/** One problem with a request: where (dotted path, as in `image_list.1.type`) and what to do. */
export const validationIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof validationIssueSchema>;

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

/** A parse that never throws: the value, or every issue found. */
export type Validation<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

export function validate<S extends z.ZodType>(schema: S, input: unknown): Validation<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: toValidationIssues(result.error) };
}

export function validateSubmissionRequest(input: unknown): Validation<SubmissionRequest> {
  return validate(submissionRequestSchema, input);
}
