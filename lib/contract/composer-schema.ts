import { z } from 'zod';
import { type ComposerValues, formToRequestBody } from './composer-form';
import { submissionRequestSchema } from './submission-request';

/** The composer's schema: the shared request schema, applied to what the form would send. */
export const composerSchema = z.preprocess(
  (values: ComposerValues) => formToRequestBody(values),
  submissionRequestSchema,
);
