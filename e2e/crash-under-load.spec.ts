import { randomUUID } from 'node:crypto';
import type { Submission } from '../lib/contract/submission';
import { idempotencyKeyOf, type LoadAnswer, runLoad } from '../load/load-generator.mjs';
import { startFakeUpstream } from './fake-upstream/fake-upstream.mjs';
import { accountsOf, authHeaders } from './support/accounts';
import { newDataDir } from './support/app-process';
import { expect, TEST_API_KEY, test } from './support/fixtures';
import {
  fetchSubmission,
  listAllSubmissions,
  repeated,
  reportFigures,
  sentExternalIds,
  upstreamTaskIds,
} from './support/load-checks';
import { queriesOf } from './support/tasks';

/** The server is killed once this many submissions were answered 201. */
const KILL_AFTER = 300;
/** A submission left pending is looked up this long plus 10 s after it was stored (docs/api.md, "Statuses"). */
const UPSTREAM_TIMEOUT_MS = 10_000;

test('kill -9 in the middle of 1,000 submissions: nothing answered is lost, nothing is sent twice, pending rows are looked up', async ({
  launchApp,
}, testInfo) => {
  // Two starts of the app on one embedded database, a load, and the look-up time after the restart.
  test.setTimeout(6 * 60_000);
  const fake = await startFakeUpstream({ apiKey: TEST_API_KEY });
  try {
    const env = {
      KLING_API_BASE_URL: fake.url,
      KLING_API_KEY: TEST_API_KEY,
      KLING_API_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
      // Quiet: only submissions left without an answer are looked up while the test runs.
      KLING_POLL_INTERVAL_MS: '600000',
    };
    // The upstream takes a moment to accept each task, as a real one does: at the kill, many create
    // calls are in flight and their rows are pending.
    fake.setDefault({ kind: 'delay', ms: 250 });
    const dataDir = newDataDir();
    const first = await launchApp({ env, dataDir });

    const runId = randomUUID().slice(0, 8);
    const body = (i: number) => ({
      model: 'kling-v1',
      prompt: `Crash run ${runId} #${i}: a lighthouse in fog`,
    });
    // Stop starting requests and kill the server once KILL_AFTER were answered 201; those in flight are cut off.
    const stopSending = new AbortController();
    let killed: Promise<void> | null = null;
    let created = 0;
    const result = await runLoad({
      targets: [first.url],
      token: accountsOf(first).creator.token,
      count: 1_000,
      concurrency: 50,
      timeoutMs: 120_000,
      maxWallMs: 4 * 60_000,
      runId,
      body,
      signal: stopSending.signal,
      onAnswer: (answer) => {
        if (answer.status === 201) created++;
        if (created >= KILL_AFTER && !killed) {
          stopSending.abort();
          killed = first.stop('SIGKILL');
        }
      },
    });
    expect(killed, 'the server was killed during the load').not.toBeNull();
    await killed;
    reportFigures(testInfo, 'until the kill', result.summary);
    const answered = result.answers.filter((a) => a.status === 201);
    const cutOff = result.answers.filter((a) => a.status === null);
    // Before the kill, every answer was a 201; after it, requests in flight got no answer.
    expect(result.answers.filter((a) => a.status !== 201 && a.status !== null)).toEqual([]);
    expect(cutOff.length).toBeGreaterThan(0);
    const sentBeforeRestart = sentExternalIds(fake);
    expect(repeated(sentBeforeRestart)).toEqual([]);

    const second = await launchApp({ env, dataDir });
    const restartedAt = Date.now();

    // Every submission answered 201 is in history with its task ID.
    const lost: { answer: LoadAnswer; found: Submission | number }[] = [];
    for (const answer of answered) {
      const found = await fetchSubmission(second, answer.body.id);
      if (typeof found === 'number' || found.taskId !== answer.body.taskId || found.taskId === null)
        lost.push({ answer, found });
    }
    expect(lost).toEqual([]);

    // Every create call the upstream received has its row: no paid task is missing from history.
    const rowsAtRestart = await listAllSubmissions(second);
    const stored = new Set(rowsAtRestart.map((row) => row.externalTaskId));
    expect(sentBeforeRestart.filter((id) => !stored.has(id))).toEqual([]);
    expect(new Set(rowsAtRestart.map((row) => row.id)).size).toBe(rowsAtRestart.length);
    // Rows are only those of requests sent: none answered, plus some of those cut off.
    expect(rowsAtRestart.length).toBeGreaterThanOrEqual(answered.length);
    expect(rowsAtRestart.length).toBeLessThanOrEqual(answered.length + cutOff.length);
    const pending = rowsAtRestart.filter((row) => row.status === 'pending');
    expect(pending.every((row) => row.taskId === null)).toBe(true);

    // Rows left pending are looked up by their external task ID, and each ends as the upstream knows it.
    const sentSet = new Set(sentBeforeRestart);
    const outcome = new Map<string, Submission>();
    await expect
      .poll(
        async () => {
          for (const row of pending) {
            if (outcome.has(row.id)) continue;
            const now = await fetchSubmission(second, row.id);
            if (typeof now !== 'number' && now.status !== 'pending') outcome.set(row.id, now);
          }
          return pending.length - outcome.size;
        },
        { timeout: UPSTREAM_TIMEOUT_MS + 60_000, intervals: [1_000] },
      )
      .toBe(0);
    const taskIdOf = upstreamTaskIds(fake);
    for (const row of pending) {
      expect(queriesOf(fake, row.externalTaskId).length, `look-ups of ${row.externalTaskId}`).toBeGreaterThan(
        0,
      );
      const after = outcome.get(row.id);
      if (sentSet.has(row.externalTaskId)) {
        // The upstream created it before the crash: the row follows that task.
        expect(after).toMatchObject({ status: 'submitted', taskId: taskIdOf.get(row.externalTaskId) });
      } else {
        // Stored, never sent: the upstream has no such task, so it is failed and nothing was charged.
        expect(after).toMatchObject({ status: 'failed', taskId: null });
        expect(after?.error?.message).toContain('never created');
      }
    }
    // No create call since the restart: pending rows were looked up, never sent again.
    expect(fake.createCalls().filter((call) => call.receivedAt >= restartedAt)).toEqual([]);

    // A client retries each request whose answer it lost, with the same Idempotency-Key and body: one
    // that was stored gets that submission back (sent or not, never sent again); only one never stored is new.
    const storedByPrompt = new Map(rowsAtRestart.map((row) => [row.request.prompt, row]));
    let replayed = 0;
    for (const { i } of cutOff) {
      const response = await fetch(`${second.url}/api/submissions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': idempotencyKeyOf(runId, i),
          ...authHeaders(second),
        },
        body: JSON.stringify(body(i)),
        signal: AbortSignal.timeout(60_000),
      });
      const answer = await response.json();
      const before = storedByPrompt.get(body(i).prompt);
      if (!before) {
        expect(response.status, `retry of new request ${i}`).toBe(201);
        continue;
      }
      replayed++;
      const replay = response.status === 201 ? answer : answer.submission;
      expect(replay, `retry of stored request ${i}`).toMatchObject({ id: before.id });
      const now = outcome.get(before.id) ?? before;
      expect(response.status).toBe(now.status === 'failed' ? 502 : 201);
    }
    const retriedNew = cutOff.length - replayed;
    const sentAfterRetries = sentExternalIds(fake);
    expect(sentAfterRetries).toHaveLength(sentBeforeRestart.length + retriedNew);
    expect(repeated(sentAfterRetries)).toEqual([]);

    // The restarted app takes new submissions as usual.
    const more = await runLoad({
      targets: [second.url],
      token: accountsOf(second).creator.token,
      count: 20,
      concurrency: 5,
      timeoutMs: 60_000,
    });
    expect(more.summary.statusCounts).toEqual({ 201: 20 });
    const sent = sentExternalIds(fake);
    expect(sent).toHaveLength(sentAfterRetries.length + 20);
    expect(repeated(sent)).toEqual([]);
    for (const answer of more.answers) {
      const row = await fetchSubmission(second, answer.body.id);
      expect(row).toMatchObject({ status: 'submitted', taskId: answer.body.taskId });
    }
    expect(await listAllSubmissions(second)).toHaveLength(rowsAtRestart.length + retriedNew + 20);

    const neverSent = pending.filter((row) => !sentSet.has(row.externalTaskId)).length;
    const description =
      `answered 201 before the kill ${answered.length}, cut off ${cutOff.length}, rows at restart ` +
      `${rowsAtRestart.length}, pending at restart ${pending.length} (created upstream ${pending.length - neverSent}, ` +
      `never sent ${neverSent}), all reconciled; ${cutOff.length} cut-off requests retried with their key: ` +
      `${replayed} answered from history, ${retriedNew} sent for the first time; create calls ${sent.length}, ` +
      'each external task ID once';
    testInfo.annotations.push({ type: 'crash', description });
    console.log(`crash: ${description}`);
  } finally {
    await fake.close();
  }
});
