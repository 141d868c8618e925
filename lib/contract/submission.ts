import { z } from 'zod';
import { personSchema, reviewSchema } from './accounts';
import { errorCodeSchema } from './errors';
import { DISPLAY_STATUSES, SUBMISSION_STATUSES } from './statuses';

export const submissionStatusSchema = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof submissionStatusSchema>;

export const displayStatusSchema = z.enum(DISPLAY_STATUSES);
export type DisplayStatus = z.infer<typeof displayStatusSchema>;

/** The app's own submission IDs are UUIDs; any other ID names no submission (404). */
export const submissionIdSchema = z.guid();

const isoTime = z.iso.datetime({ offset: true });

export const submissionErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** The upstream's HTTP status, or null when it gave none (no answer, a reset). */
  upstreamStatus: z.int().nullable(),
});
export type SubmissionError = z.infer<typeof submissionErrorSchema>;

export const submissionVideoSchema = z.object({ url: z.string(), duration: z.number().nullable() });
export type SubmissionVideo = z.infer<typeof submissionVideoSchema>;

/** One submission as the API returns it and the pages show it. */
export const submissionSchema = z.object({
  id: z.string(),
  status: submissionStatusSchema,
  displayStatus: displayStatusSchema,
  /** The upstream's task ID, once it has answered. */
  taskId: z.string().nullable(),
  externalTaskId: z.string(),
  model: z.string(),
  /** The exact body sent upstream, with the app's callback token masked. */
  request: z.record(z.string(), z.unknown()),
  /** The upstream's reply to the create call, or null. */
  response: z.record(z.string(), z.unknown()).nullable(),
  error: submissionErrorSchema.nullable(),
  /** The upstream's reason for the current status, or null. */
  statusMessage: z.string().nullable(),
  /** The finished video, once succeeded. */
  video: submissionVideoSchema.nullable(),
  /** The last time the upstream was asked about the task. */
  refreshedAt: isoTime.nullable(),
  createdAt: isoTime,
  updatedAt: isoTime,
  /** Who submitted it; null for submissions made before accounts existed. */
  createdBy: personSchema.nullable(),
  /** The latest review decision, or null while unreviewed. */
  review: reviewSchema.nullable(),
});
export type Submission = z.infer<typeof submissionSchema>;

/** `/api/submissions/{id}/...`: the app's own ID of a submission. */
export const submissionPathSchema = z.object({
  id: submissionIdSchema.meta({ description: 'The submission’s `id` (a UUID).' }),
});
