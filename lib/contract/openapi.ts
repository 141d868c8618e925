import { z } from 'zod';
import { callbackAnswerSchema, callbackBodySchema, callbackDeliverySchema } from './callbacks';
import { ERROR_STATUS, type ErrorCode } from './error-codes';
import { errorEnvelopeSchema } from './error-envelope';
import { submissionEventSchema } from './events';
import { submissionArraySchema } from './export';
import { healthSchema } from './health';
import { submissionPageSchema } from './list-query';
import { RETRY_AFTER_SECONDS } from './retry-after';
import { API_ROUTES, type ApiRoute, COMMON_ERRORS } from './routes';
import { submissionSchema } from './submission';
import { submissionRequestSchema } from './submission-request';

type JsonSchema = Record<string, unknown>;

/** Schemas the document names once under components/schemas and refers to; others are written inline. */
const COMPONENTS = {
  output: new Map<z.ZodType, string>([
    [submissionSchema, 'Submission'],
    [submissionPageSchema, 'SubmissionPage'],
    [submissionArraySchema, 'SubmissionArray'],
    [errorEnvelopeSchema, 'ErrorEnvelope'],
    [callbackDeliverySchema, 'CallbackDelivery'],
    [submissionEventSchema, 'SubmissionEvent'],
    [callbackAnswerSchema, 'CallbackAnswer'],
    [healthSchema, 'Health'],
  ]),
  input: new Map<z.ZodType, string>([
    [submissionRequestSchema, 'SubmissionRequest'],
    [callbackBodySchema, 'CallbackBody'],
  ]),
};

type Io = keyof typeof COMPONENTS;

const refTo = (id: string) => `#/components/schemas/${id}`;

/** A schema object for OpenAPI 3.1: JSON Schema 2020-12 without the dialect and id keys zod adds. */
function clean(schema: JsonSchema): JsonSchema {
  const { $schema: _dialect, $id: _id, ...rest } = schema;
  return rest;
}

function componentSchemas(io: Io): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of COMPONENTS[io]) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, uri: refTo, unrepresentable: 'any' });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, clean(schema)]));
}

function schemaFor(schema: z.ZodType, io: Io): JsonSchema {
  const id = COMPONENTS[io].get(schema);
  return id ? { $ref: refTo(id) } : clean(z.toJSONSchema(schema, { io, unrepresentable: 'any' }));
}

function parameters(route: ApiRoute): JsonSchema[] {
  const of = (where: 'path' | 'query', object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {}).map(([name, schema]) => {
      const { description, ...json } = schemaFor(schema as z.ZodType, 'input');
      return { name, in: where, required: where === 'path', description, schema: json };
    });
  const headers = Object.entries(route.headers ?? {}).map(([name, header]) => ({
    name,
    in: 'header',
    required: false,
    description: header.description,
    schema: schemaFor(header.schema, 'input'),
  }));
  return [...of('path', route.params), ...of('query', route.query), ...headers];
}

const RETRY_AFTER_HEADER = {
  description: `Seconds to wait before trying again, ${RETRY_AFTER_SECONDS.min} to ${RETRY_AFTER_SECONDS.max}.`,
  schema: { type: 'integer', minimum: RETRY_AFTER_SECONDS.min, maximum: RETRY_AFTER_SECONDS.max },
};

/** One response per status, listing the codes it carries. */
function errorResponses(codes: readonly ErrorCode[]): Record<string, JsonSchema> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\``).join(', '),
        ...(status === 429 || status === 503 ? { headers: { 'Retry-After': RETRY_AFTER_HEADER } } : {}),
        content: { 'application/json': { schema: { $ref: refTo('ErrorEnvelope') } } },
      },
    ]),
  );
}

/** Either a session cookie (from sign-in) or an API token acts for its user. */
const SECURITY_SCHEMES = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'ovs-<8 hex digits>.session_token',
    description:
      'Set by `POST /api/auth/sign-in/email`; named after the app’s origin (so studios on one host keep their own), `__Secure-` prefixed on https.',
  },
  token: { type: 'http', scheme: 'bearer', description: 'An API token from `POST /api/tokens`.' },
};
const SIGNED_IN = [{ session: [] }, { token: [] }];

/** A signed-in route may answer 401 to nobody, and 403 to a role below the one it needs. */
function accessErrors(route: ApiRoute): ErrorCode[] {
  if (route.access === 'public') return [];
  return route.access === 'creator' ? ['unauthenticated'] : ['unauthenticated', 'forbidden'];
}

/** The answer's body in each media type: JSON (when the route answers a body) and any others (an export's CSV). */
function answerContent(route: ApiRoute): JsonSchema {
  const content = {
    ...(route.answer.schema
      ? { 'application/json': { schema: schemaFor(route.answer.schema, 'output') } }
      : {}),
    ...Object.fromEntries(
      Object.entries(route.answer.otherMediaTypes ?? {}).map(([type, schema]) => [
        type,
        { schema: schemaFor(schema, 'output') },
      ]),
    ),
  };
  return Object.keys(content).length ? { content } : {};
}

function operation(operationId: string, route: ApiRoute): JsonSchema {
  const answerHeaders = Object.entries(route.answer.headers ?? {}).map(([name, description]) => [
    name,
    { description, schema: { type: 'string' } },
  ]);
  return {
    operationId,
    summary: route.summary,
    description: route.description,
    ...(route.sameOrigin ? { 'x-same-origin': true } : {}),
    'x-required-role': route.access,
    ...(route.rateLimit ? { 'x-rate-limited': true } : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaFor(route.body, 'input') } },
          },
        }
      : {}),
    ...(route.access === 'public' ? {} : { security: SIGNED_IN }),
    responses: {
      [String(route.answer.status)]: {
        description: route.answer.description,
        ...(answerHeaders.length ? { headers: Object.fromEntries(answerHeaders) } : {}),
        ...answerContent(route),
      },
      ...errorResponses([...route.errors, ...accessErrors(route), ...COMMON_ERRORS]),
    },
  };
}

/** The OpenAPI 3.1 document of every /api route, from the registry and the schemas the routes use. */
export function buildOpenApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const [operationId, route] of Object.entries(API_ROUTES) as [string, ApiRoute][]) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(operationId, route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Omni Video Studio API',
      version: '1',
      description:
        'Compose, validate and submit Kling Omni Video generation requests; follow their status; browse history. The guide with examples is docs/api.md.',
    },
    paths,
    components: {
      schemas: { ...componentSchemas('output'), ...componentSchemas('input') },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}
