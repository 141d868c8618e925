// A real HTTP server that plays the Kling upstream (`POST /kling/v1/videos/omni-video`) for tests.
// Plain ESM so bare `node` runs it (main.mjs, the benchmarks); its JSDoc types are what TypeScript
// callers see, and `tsc` checks this file against them (checkJs), so the two cannot drift apart.
import { createServer } from 'node:http';

export const CREATE_TASK_PATH = /** @type {const} */ ('/kling/v1/videos/omni-video');
const CONTROL_PREFIX = '/__control/';
/** @type {readonly unknown[]} */
const KINDS = ['success', 'status', 'raw', 'delay', 'hang', 'reset'];

/**
 * What the fake does with one create call (or status query):
 * - `success`: 200 with an OpenAI video object: 18-digit `id` = `task_id`, the request's `model`,
 *   `created_at` in seconds;
 * - `status`: this status with this JSON body (default `{code: status, message}`) and extra headers
 *   (e.g. Retry-After);
 * - `raw`: exactly this text with this content type: garbage, HTML, wrong-shaped JSON;
 * - `delay`: waits, then plays `then` (default success);
 * - `hang`: never answers; close() cuts the connection;
 * - `reset`: destroys the socket without answering.
 * @typedef {{ kind: 'success' }
 *   | { kind: 'status', status: number, body?: unknown, headers?: Record<string, string> }
 *   | { kind: 'raw', status: number, contentType: string, text: string }
 *   | { kind: 'delay', ms: number, then?: Behaviour }
 *   | { kind: 'hang' }
 *   | { kind: 'reset' }} Behaviour
 */

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path
 * @property {import('node:http').IncomingHttpHeaders} headers
 * @property {unknown} body Parsed JSON, or the raw text when it is not JSON; null when empty.
 * @property {number} receivedAt Date.now() when the body had been read.
 */

/**
 * Where a task the fake knows stands; status queries and callback bodies are made from it.
 * @typedef {object} TaskState
 * @property {'submitted' | 'processing' | 'succeeded' | 'failed'} status
 * @property {string} [message] task_status_msg (native) or error.message (OpenAI).
 * @property {string} [videoUrl] The finished video, for 'succeeded'.
 * @property {number} [duration] Seconds; default 5.
 * @property {number} [updatedAt] The upstream's updated_at in ms; default now.
 * @property {string | null} [externalTaskId] Links the task to an external task ID, so it can be queried by it.
 */

/** A task as the fake keeps it: its time of update and external task ID always set. */
/** @typedef {TaskState & { updatedAt: number, externalTaskId: string | null }} StoredTask */

/**
 * @typedef {object} FakeUpstream
 * @property {string} url `http://127.0.0.1:PORT`, the value for KLING_API_BASE_URL.
 * @property {RecordedRequest[]} requests Every request except control calls, oldest first; the same array for the server's lifetime.
 * @property {() => RecordedRequest[]} createCalls Recorded `POST /kling/v1/videos/omni-video` calls.
 * @property {() => RecordedRequest[]} queryCalls Recorded `GET /kling/v1/videos/omni-video/{id}` status queries.
 * @property {() => string[]} taskIds IDs of the tasks the fake created or was told about.
 * @property {(taskId: string, state: TaskState) => void} setTask Sets where a task stands (created tasks
 *   start 'submitted'). Unknown task IDs become known, so a task "created" before a crash can be found by its
 *   external task ID.
 * @property {(shape: 'native' | 'openai') => void} setQueryShape The shape of status replies: Kling native (default) or an OpenAI video object.
 * @property {(behaviour: Behaviour) => void} nextQueryReply Queues one behaviour for the next status query (errors, garbage, hangs), before the task's state.
 * @property {() => void} clearQueryReplies Drops the status-query replies still queued, so queries answer from the tasks' states again.
 * @property {(taskId: string) => Record<string, unknown>} callbackBody The body the upstream would post to a callback URL for this task now (native, unwrapped).
 * @property {(behaviour: Behaviour) => void} nextReply Queues one behaviour for the next create call (first in, first out).
 * @property {(behaviour: Behaviour) => void} setDefault What create calls get when the queue is empty (initially success).
 * @property {() => void} reset Forgets requests, queued replies and the default.
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} FakeUpstreamOptions
 * @property {number} [port] 0 (default) picks a free port.
 * @property {string} [apiKey] When set, requests without `Authorization: Bearer <apiKey>` get 401.
 * @property {string} [host] Default 127.0.0.1.
 */

/**
 * The same controls, over HTTP, for a fake running in another process.
 * @typedef {object} FakeUpstreamControl
 * @property {(behaviour: Behaviour) => Promise<void>} nextReply
 * @property {(behaviour: Behaviour) => Promise<void>} setDefault
 * @property {() => Promise<void>} reset
 * @property {() => Promise<RecordedRequest[]>} requests
 * @property {() => Promise<RecordedRequest[]>} createCalls
 */

/** @param {unknown} value @returns {value is Behaviour} */
function isBehaviour(value) {
  return typeof value === 'object' && value !== null && 'kind' in value && KINDS.includes(value.kind);
}

/** @param {string} text */
function parseBody(text) {
  try {
    return text === '' ? null : JSON.parse(text);
  } catch {
    return text;
  }
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<string>} */
async function readText(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
function sendJson(res, status, body, headers = {}) {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
}

/**
 * The native task object: the `data` of a status reply, and the body the upstream posts to a callback URL.
 * @param {string} taskId
 * @param {TaskState & { externalTaskId: string | null }} state
 * @returns {Record<string, unknown>}
 */
export function nativeTask(taskId, state) {
  const status = state.status === 'succeeded' ? 'succeed' : state.status;
  return {
    task_id: taskId,
    task_status: status,
    task_status_msg: state.message ?? '',
    task_info: state.externalTaskId ? { external_task_id: state.externalTaskId } : {},
    task_result:
      state.status === 'succeeded' && state.videoUrl
        ? { videos: [{ id: `${taskId}-v`, url: state.videoUrl, duration: String(state.duration ?? 5) }] }
        : {},
    created_at: state.updatedAt,
    updated_at: state.updatedAt,
  };
}

/**
 * A status reply in the shape chosen: Kling native `{code:0,data}` or an OpenAI video object.
 * @param {string} taskId
 * @param {StoredTask} state
 * @param {'native' | 'openai'} shape
 */
function taskReply(taskId, state, shape) {
  if (shape === 'native')
    return { code: 0, message: 'SUCCEED', request_id: `req-${taskId}`, data: nativeTask(taskId, state) };
  const status = { submitted: 'queued', processing: 'in_progress', succeeded: 'completed', failed: 'failed' }[
    state.status
  ];
  return {
    id: taskId,
    object: 'video',
    status,
    progress: state.status === 'succeeded' ? 100 : state.status === 'processing' ? 50 : 0,
    created_at: Math.floor(state.updatedAt / 1000),
    ...(state.status === 'succeeded' && state.videoUrl
      ? { metadata: { url: state.videoUrl, duration: state.duration ?? 5 } }
      : {}),
    ...(state.status === 'failed' ? { error: { message: state.message ?? 'failed' } } : {}),
  };
}

let sequence = 0;
/** An 18-digit numeric task ID like the upstream's, unique within the process. */
function newTaskId() {
  sequence = (sequence + 1) % 1000;
  return (800_000_000_000_000_000n + BigInt(Date.now()) * 1000n + BigInt(sequence)).toString();
}

/**
 * @param {FakeUpstreamOptions} [options]
 * @returns {Promise<FakeUpstream>}
 */
export async function startFakeUpstream({ port = 0, apiKey, host = '127.0.0.1' } = {}) {
  /** @type {RecordedRequest[]} */
  const requests = [];
  /** @type {Behaviour[]} */
  const queue = [];
  /** @type {Behaviour} */
  let fallback = { kind: 'success' };
  const timers = new Set();
  /** @type {Map<string, string>} task ID and external task ID -> task ID, for the status query */
  const tasks = new Map();
  /** @type {Map<string, StoredTask>} */
  const states = new Map();
  /** @type {Behaviour[]} replies queued for status queries, before the task's own state */
  const queryQueue = [];
  /** @type {'native' | 'openai'} */
  let queryShape = 'native';

  /** @param {Behaviour} behaviour @param {RecordedRequest} record @param {import('node:http').ServerResponse} res */
  function play(behaviour, record, res) {
    switch (behaviour.kind) {
      case 'success': {
        const body = /** @type {Record<string, unknown>} */ (record.body ?? {});
        const id = newTaskId();
        tasks.set(id, id);
        const externalTaskId = typeof body.external_task_id === 'string' ? body.external_task_id : null;
        if (externalTaskId) tasks.set(externalTaskId, id);
        states.set(id, { status: 'submitted', updatedAt: Date.now(), externalTaskId });
        const createdAt = Math.floor(Date.now() / 1000);
        return sendJson(res, 200, {
          id,
          task_id: id,
          object: 'video',
          model: body.model,
          created_at: createdAt,
        });
      }
      case 'status': {
        const fallbackBody = {
          code: behaviour.status,
          message: `fake upstream answered ${behaviour.status}`,
        };
        return sendJson(res, behaviour.status, behaviour.body ?? fallbackBody, behaviour.headers);
      }
      case 'raw':
        res.writeHead(behaviour.status, { 'content-type': behaviour.contentType });
        return res.end(behaviour.text);
      case 'delay': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          play(behaviour.then ?? { kind: 'success' }, record, res);
        }, behaviour.ms);
        timers.add(timer);
        return;
      }
      case 'hang':
        return; // Answered never; close() destroys the socket.
      case 'reset':
        return res.socket?.destroy();
    }
  }

  /** @param {string} method @param {string} path @param {string} text @param {import('node:http').ServerResponse} res */
  function control(method, path, text, res) {
    const action = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
    if (action === 'GET requests') return sendJson(res, 200, requests);
    if (action === 'GET health') return sendJson(res, 200, { ok: true });
    if (action === 'POST reset') {
      reset();
      return sendJson(res, 204, undefined);
    }
    if (action === 'POST next' || action === 'POST default') {
      const behaviour = parseBody(text);
      if (!isBehaviour(behaviour))
        return sendJson(res, 400, { error: `kind must be one of ${KINDS.join(', ')}` });
      if (action === 'POST next') queue.push(behaviour);
      else fallback = behaviour;
      return sendJson(res, 204, undefined);
    }
    return sendJson(res, 404, { error: `unknown control action ${action}` });
  }

  function reset() {
    requests.length = 0;
    queue.length = 0;
    queryQueue.length = 0;
    queryShape = 'native';
    fallback = { kind: 'success' };
    tasks.clear();
    states.clear();
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const text = await readText(req);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith(CONTROL_PREFIX)) return control(method, path, text, res);

    /** @type {RecordedRequest} */
    const record = { method, path, headers: req.headers, body: parseBody(text), receivedAt: Date.now() };
    requests.push(record);
    if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) {
      return sendJson(res, 401, { code: 1000, message: 'authentication failed' });
    }
    if (method === 'POST' && path === CREATE_TASK_PATH) return play(queue.shift() ?? fallback, record, res);
    // Kling's status query, so an app that polls sees its task as submitted rather than unknown.
    const taskId =
      method === 'GET' && path.startsWith(`${CREATE_TASK_PATH}/`)
        ? tasks.get(path.split('/').pop() ?? '')
        : undefined;
    if (method === 'GET' && path.startsWith(`${CREATE_TASK_PATH}/`) && queryQueue.length > 0) {
      return play(/** @type {Behaviour} */ (queryQueue.shift()), record, res);
    }
    const state = taskId ? states.get(taskId) : undefined;
    if (taskId && state) return sendJson(res, 200, taskReply(taskId, state, queryShape));
    return sendJson(res, 404, { code: 1203, message: `no such resource: ${method} ${path}` });
  }

  // A client that hangs up mid-body (a timed-out caller) must not crash the process running the fake.
  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  // Gateways keep idle connections for a minute or more (nginx 75 s). Node's 5 s default closes them
  // while an app whose event loop is busy (embedded database under load) is about to reuse one, and
  // its create call then fails with "other side closed" before reaching the fake.
  server.keepAliveTimeout = 65_000;

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());

  return {
    url: `http://${host}:${address.port}`,
    requests,
    createCalls: () => requests.filter((r) => r.method === 'POST' && r.path === CREATE_TASK_PATH),
    queryCalls: () => requests.filter((r) => r.method === 'GET' && r.path.startsWith(`${CREATE_TASK_PATH}/`)),
    taskIds: () => [...states.keys()],
    setTask: (taskId, state) => {
      const known = states.get(taskId);
      const externalTaskId = state.externalTaskId ?? known?.externalTaskId ?? null;
      tasks.set(taskId, taskId);
      if (externalTaskId) tasks.set(externalTaskId, taskId);
      states.set(taskId, { ...state, updatedAt: state.updatedAt ?? Date.now(), externalTaskId });
    },
    setQueryShape: (shape) => {
      queryShape = shape;
    },
    nextQueryReply: (behaviour) => void queryQueue.push(behaviour),
    clearQueryReplies: () => {
      queryQueue.length = 0;
    },
    callbackBody: (taskId) => {
      const state = states.get(taskId);
      if (!state) throw new Error(`the fake upstream has no task ${taskId}`);
      return nativeTask(taskId, state);
    },
    nextReply: (behaviour) => void queue.push(behaviour),
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    reset,
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Drives a fake upstream running in another process (a Playwright webServer, a benchmark) over its control API.
 * @param {string} url
 * @returns {FakeUpstreamControl}
 */
export function controlFakeUpstream(url) {
  /** @param {string} action @param {Behaviour} [behaviour] */
  async function post(action, behaviour) {
    const body = behaviour === undefined ? undefined : JSON.stringify(behaviour);
    const response = await fetch(`${url}${CONTROL_PREFIX}${action}`, { method: 'POST', body });
    if (!response.ok)
      throw new Error(`fake upstream ${action}: HTTP ${response.status} ${await response.text()}`);
  }
  /** @returns {Promise<RecordedRequest[]>} */
  const requests = async () => (await fetch(`${url}${CONTROL_PREFIX}requests`)).json();
  return {
    nextReply: (behaviour) => post('next', behaviour),
    setDefault: (behaviour) => post('default', behaviour),
    reset: () => post('reset'),
    requests,
    createCalls: async () =>
      (await requests()).filter((r) => r.method === 'POST' && r.path === CREATE_TASK_PATH),
  };
}
