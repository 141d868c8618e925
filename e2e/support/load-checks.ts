import type { TestInfo } from '@playwright/test';
import type { Submission } from '../../lib/contract/submission';
import type { LoadAnswer, LoadSummary } from '../../load/load-generator.mjs';
import type { FakeUpstream } from '../fake-upstream/fake-upstream.mjs';
import { authHeaders } from './accounts';
import type { AppProcess } from './app-process';

/** Every stored submission, newest first, paged through the API's own cursors (100 a page). */
export async function listAllSubmissions(app: AppProcess): Promise<Submission[]> {
  const rows: Submission[] = [];
  let cursor: string | null = null;
  // Bounded: 20,000 rows at most, the load generator's own cap.
  for (let page = 0; page < 200; page++) {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(`${app.url}/api/submissions?limit=100${query}`, {
      headers: authHeaders(app, 'admin'),
      signal: AbortSignal.timeout(30_000),
    });
    if (response.status !== 200)
      throw new Error(`listing answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { items: Submission[]; nextCursor: string | null };
    rows.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return rows;
  }
  throw new Error('more than 200 pages of submissions');
}

/** One submission by its ID, or the status it was answered with. */
export async function fetchSubmission(app: AppProcess, id: string): Promise<Submission | number> {
  const response = await fetch(`${app.url}/api/submissions/${encodeURIComponent(id)}`, {
    headers: authHeaders(app, 'admin'),
    signal: AbortSignal.timeout(30_000),
  });
  return response.status === 200 ? ((await response.json()) as Submission) : response.status;
}

/** The external task ID of every create call the fake received, in arrival order. */
export const sentExternalIds = (fake: FakeUpstream): string[] =>
  fake.createCalls().map((call) => String((call.body as { external_task_id?: unknown }).external_task_id));

/** External task ID -> the task ID the fake created for it (or was told about). */
export function upstreamTaskIds(fake: FakeUpstream): Map<string, string> {
  const byExternalId = new Map<string, string>();
  for (const taskId of fake.taskIds()) {
    const info = fake.callbackBody(taskId).task_info as { external_task_id?: string };
    if (info.external_task_id) byExternalId.set(info.external_task_id, taskId);
  }
  return byExternalId;
}

/** IDs that occur more than once. */
export function repeated(ids: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/** The 201 answers whose task ID or external task ID differs from the stored row's, or has no row. */
export function answersNotMatchingRows(answers: LoadAnswer[], rows: Submission[]): LoadAnswer[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return answers.filter((answer) => {
    const body = answer.body as Submission;
    const row = byId.get(body.id);
    return !row || !body.taskId || row.taskId !== body.taskId || row.externalTaskId !== body.externalTaskId;
  });
}

/** Throughput and latency, shown in the test report and the console; never asserted. */
export function reportFigures(testInfo: TestInfo, label: string, summary: LoadSummary): void {
  const description =
    `${summary.sent} requests at concurrency ${summary.concurrency} over ${summary.targets.length} instance(s): ` +
    `${summary.requestsPerSecond} requests/s, p50 ${summary.latencyMs.p50} ms, p95 ${summary.latencyMs.p95} ms, ` +
    `p99 ${summary.latencyMs.p99} ms, max ${summary.latencyMs.max} ms, wall ${(summary.wallMs / 1000).toFixed(1)} s; ` +
    `statuses ${JSON.stringify(summary.statusCounts)}, transport errors ${summary.transportErrors}`;
  testInfo.annotations.push({ type: label, description });
  console.log(`${label}: ${description}`);
}
