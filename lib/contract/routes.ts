import { z } from 'zod';
import { ACCOUNT_ROUTES, REVIEW_ROUTES } from './account-routes';
import {
  callbackAnswerSchema,
  callbackBodySchema,
  callbackDeliveryListSchema,
  callbackQuerySchema,
} from './callbacks';
import { submissionEventListSchema } from './events';
import { exportCsvSchema, exportQuerySchema, submissionArraySchema } from './export';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_MAX_LENGTH, IDEMPOTENT_REPLAYED_HEADER } from './headers';
import { healthSchema } from './health';
import { listQuerySchema, submissionPageSchema } from './list-query';
import { type ApiRoute, BODY_ERRORS } from './route-kinds';
import { submissionPathSchema, submissionSchema } from './submission';
import { submissionRequestSchema } from './submission-request';

export type { Access, ApiRoute, HttpMethod, LimitedAction, RouteOptions } from './route-kinds';
export { BODY_ERRORS, COMMON_ERRORS } from './route-kinds';

/** Every route under /api, by operation ID. */
export const API_ROUTES = {
  createSubmission: {
    method: 'POST',
    path: '/api/submissions',
    access: 'creator',
    sameOrigin: true,
    rateLimit: 'submission',
    summary: 'Submit a generation request',
    description:
      'Validates the body (the upstream request, snake_case), stores the submission as `pending`, sends it upstream and answers with the stored submission. Fields left out stay out, except `external_task_id`, generated when absent. On an upstream failure the error envelope also carries the stored `submission`.',
    headers: {
      [IDEMPOTENCY_KEY_HEADER]: {
        description: `Makes retries safe: the same key with the same body answers the first result and calls the upstream once; with another body, 409 \`idempotency_conflict\`. At most ${IDEMPOTENCY_KEY_MAX_LENGTH} characters.`,
        schema: z.string().max(IDEMPOTENCY_KEY_MAX_LENGTH),
      },
    },
    body: submissionRequestSchema,
    answer: {
      status: 201,
      description: 'The stored submission.',
      schema: submissionSchema,
      headers: {
        [IDEMPOTENT_REPLAYED_HEADER]:
          '`true` when this is the stored answer to an earlier request under the same key.',
      },
    },
    errors: [
      ...BODY_ERRORS,
      'forbidden_origin',
      'rate_limited',
      'duplicate_external_task_id',
      'idempotency_conflict',
      'upstream_rejected',
      'upstream_unauthorized',
      'upstream_error',
      'upstream_rate_limited',
      'upstream_timeout',
      'database_unavailable',
      'server_busy',
    ],
  },
  listSubmissions: {
    method: 'GET',
    path: '/api/submissions',
    access: 'creator',
    summary: 'List submissions, newest first',
    description:
      'One page of history. `q` matches every word against the prompt, task ID and external task ID; pass `nextCursor` as `cursor` for the next page.',
    query: listQuerySchema,
    answer: { status: 200, description: 'One page of submissions.', schema: submissionPageSchema },
    errors: ['validation_failed', 'database_unavailable'],
  },
  exportSubmissions: {
    method: 'GET',
    path: '/api/submissions/export',
    access: 'creator',
    summary: 'Export every matching submission as CSV or JSON',
    description:
      'Every submission the list’s filters match and the caller may see (not one page), newest first, as a file download. Streamed: the server reads the database in batches as the client reads, so any number of rows downloads in bounded memory.',
    query: exportQuerySchema,
    answer: {
      status: 200,
      description: 'The file: `text/csv` for `format=csv`, a JSON array of Submissions for `format=json`.',
      schema: submissionArraySchema,
      otherMediaTypes: { 'text/csv': exportCsvSchema },
      headers: {
        'Content-Disposition': '`attachment; filename="submissions-<time>.csv"` (or `.json`).',
      },
    },
    errors: ['validation_failed', 'database_unavailable'],
  },
  getSubmission: {
    method: 'GET',
    path: '/api/submissions/{id}',
    access: 'creator',
    summary: 'Get one submission',
    description: 'The submission with its request, response, status and error.',
    params: submissionPathSchema,
    answer: { status: 200, description: 'The submission.', schema: submissionSchema },
    errors: ['not_found', 'database_unavailable'],
  },
  refreshSubmission: {
    method: 'POST',
    path: '/api/submissions/{id}/refresh',
    access: 'creator',
    sameOrigin: true,
    rateLimit: 'refresh',
    summary: 'Ask the upstream for the task’s status now',
    description:
      'Asks the upstream where the task stands, records the answer and returns the submission. A refresh soon after the last answer returns the stored submission without asking again.',
    params: submissionPathSchema,
    answer: { status: 200, description: 'The submission, as now recorded.', schema: submissionSchema },
    errors: ['not_found', 'forbidden_origin', 'rate_limited', 'database_unavailable'],
  },
  listSubmissionEvents: {
    method: 'GET',
    path: '/api/submissions/{id}/events',
    access: 'creator',
    summary: 'List the status changes of one submission',
    description:
      'Every status change of the submission, oldest first, with its time, the new status, what brought it (`create`, `poll`, `callback`, `refresh`, `lookup`) and the message given with it.',
    params: submissionPathSchema,
    answer: { status: 200, description: 'The status timeline.', schema: submissionEventListSchema },
    errors: ['not_found', 'database_unavailable'],
  },
  listCallbackDeliveries: {
    method: 'GET',
    path: '/api/submissions/{id}/callbacks',
    access: 'creator',
    summary: 'List the upstream’s callbacks for one submission',
    description: 'Every call the upstream made to the callback route about this submission, newest first.',
    params: submissionPathSchema,
    answer: { status: 200, description: 'The deliveries.', schema: callbackDeliveryListSchema },
    errors: ['not_found', 'database_unavailable'],
  },
  receiveCallback: {
    method: 'POST',
    path: '/api/callbacks/kling',
    access: 'public',
    summary: 'The upstream’s status callback',
    description:
      'For the upstream, not for people: it posts Kling’s native task `data` object on every status change. Accepted only with the right token (else 401, nothing changed); the delivery is logged and applied to the submission it names by `task_id` or `task_info.external_task_id`.',
    query: callbackQuerySchema,
    body: callbackBodySchema,
    answer: { status: 200, description: 'What the delivery did.', schema: callbackAnswerSchema },
    errors: [...BODY_ERRORS, 'invalid_callback_token', 'database_unavailable'],
  },
  healthCheck: {
    method: 'GET',
    path: '/api/health',
    access: 'public',
    summary: 'Health check for load balancers',
    description: '200 when the database answers, else 503. Reveals nothing else.',
    answer: { status: 200, description: 'The app and its database answer.', schema: healthSchema },
    errors: ['database_unavailable'],
  },
  openApiDocument: {
    method: 'GET',
    path: '/api/openapi.json',
    access: 'creator',
    summary: 'This API as an OpenAPI 3.1 document',
    description: 'Built from the same schemas the routes validate with.',
    answer: {
      status: 200,
      description: 'The OpenAPI document.',
      schema: z.looseObject({ openapi: z.string() }),
    },
    errors: [],
  },
  ...ACCOUNT_ROUTES,
  ...REVIEW_ROUTES,
} as const satisfies Record<string, ApiRoute>;

export type OperationId = keyof typeof API_ROUTES;
