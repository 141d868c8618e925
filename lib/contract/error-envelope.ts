import { z } from 'zod';
import { apiErrorSchema } from './errors';
import { submissionSchema } from './submission';

/**
 * Every error answer: `{"error":{"code","message","issues?"}}`; an upstream failure of
 * `POST /api/submissions` also carries the stored `submission` (status `failed`, with its `error`).
 */
export const errorEnvelopeSchema = z.object({
  error: apiErrorSchema,
  submission: submissionSchema.optional(),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
