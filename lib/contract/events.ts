import { z } from 'zod';
import { EVENT_SOURCES } from './statuses';
import { submissionStatusSchema } from './submission';

export const eventSourceSchema = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof eventSourceSchema>;

/** One status change of a submission, for its timeline (`GET /api/submissions/{id}/events`). */
export const submissionEventSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  status: submissionStatusSchema,
  source: eventSourceSchema,
  /** The reason given with the change (the upstream's words, or the app's), or null. */
  message: z.string().nullable(),
});
export type SubmissionEvent = z.infer<typeof submissionEventSchema>;

export const submissionEventListSchema = z.object({ items: z.array(submissionEventSchema) });
