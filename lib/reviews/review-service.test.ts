import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import type { Actor } from '@/lib/auth/roles';
import { user } from '@/lib/db/account-schema';
import { submissions } from '@/lib/db/schema';
import { createSimulator } from '@/lib/kling/simulator';
import { createSubmissionService } from '@/lib/submissions/submission-service';
import { createReviewService } from './review-service';
import { createReviewStore } from './review-store';

describeEachDatabase('reviews, comments and who sees what', (database) => {
  const person = async (role: Actor['role']): Promise<Actor> => {
    const id = randomUUID();
    const name = `${role} ${id.slice(0, 4)}`;
    await database.db.insert(user).values({ id, name, email: `${id}@${database.token}.test`, role });
    return {
      id,
      name,
      email: `${id}@${database.token}.test`,
      role,
      dailyVideoSecondsLimit: null,
      via: 'token',
    };
  };
  const services = () => {
    const submissionService = createSubmissionService({
      db: database.db,
      upstream: createSimulator({ timeoutMs: 1_000 }),
      upstreamTimeoutMs: 5_000,
      pollIntervalMs: 60_000,
      callbackToken: null,
      publicUrl: null,
      dbKind: database.kind,
    });
    const reviews = createReviewService({
      store: createReviewStore(database.db),
      visibleSubmission: (actor, id) => submissionService.visible(id, actor),
    });
    return { submissionService, reviews };
  };
  /** A submission of `creator` stored with `status`, as if its task had got there. */
  const stored = async (creator: Actor | null, status: 'submitted' | 'succeeded' | 'failed') => {
    const id = randomUUID();
    const now = new Date();
    await database.db.insert(submissions).values({
      id,
      status,
      externalTaskId: `${database.token}-${id}`,
      model: 'kling-v1',
      prompt: `${database.token} a lighthouse`,
      request: { model: 'kling-v1', prompt: `${database.token} a lighthouse` },
      createdAt: now,
      updatedAt: now,
      createdBy: creator?.id ?? null,
    });
    return id;
  };

  it('lets a reviewer decide on another creator’s finished submission, keeps every decision, and shows the latest', async () => {
    const { submissionService, reviews } = services();
    const [creator, reviewer] = [await person('creator'), await person('reviewer')];
    const id = await stored(creator, 'succeeded');
    await reviews.review(reviewer, id, { decision: 'approved', comment: '  Keep it.  ' });
    await reviews.review(reviewer, id, { decision: 'rejected' });
    const history = await reviews.reviews(creator, id);
    expect(history.map((r) => [r.decision, r.comment])).toEqual([
      ['rejected', null],
      ['approved', 'Keep it.'],
    ]);
    expect(history[0]?.reviewer).toEqual({ id: reviewer.id, name: reviewer.name, email: reviewer.email });
    const seen = await submissionService.get(id, creator);
    expect(seen.review).toMatchObject({ decision: 'rejected', reviewer: { id: reviewer.id } });
    expect(seen.createdBy).toEqual({ id: creator.id, name: creator.name, email: creator.email });
  });

  it('refuses a creator (403), one’s own submission (403 own_submission), an unfinished task (409), and hides it from others (404)', async () => {
    const { reviews } = services();
    const [creator, other, reviewer] = [
      await person('creator'),
      await person('creator'),
      await person('reviewer'),
    ];
    const finished = await stored(creator, 'failed');
    await expect(reviews.review(creator, finished, { decision: 'approved' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(reviews.review(other, finished, { decision: 'approved' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(reviews.comments(other, finished)).rejects.toMatchObject({ code: 'not_found' });
    const own = await stored(reviewer, 'succeeded');
    await expect(reviews.review(reviewer, own, { decision: 'approved' })).rejects.toMatchObject({
      code: 'own_submission',
      status: 403,
    });
    const running = await stored(creator, 'submitted');
    await expect(reviews.review(reviewer, running, { decision: 'approved' })).rejects.toMatchObject({
      code: 'not_finished',
      status: 409,
    });
  });

  it('keeps a thread of comments oldest first, from everyone who can see the submission', async () => {
    const { reviews } = services();
    const [creator, reviewer] = [await person('creator'), await person('reviewer')];
    const id = await stored(creator, 'submitted');
    const first = await reviews.comment(creator, id, 'Too dark?');
    await reviews.comment(reviewer, id, 'A little.');
    const thread = await reviews.comments(creator, id);
    expect(thread.map((c) => [c.author.id, c.body])).toEqual([
      [creator.id, 'Too dark?'],
      [reviewer.id, 'A little.'],
    ]);
    expect(thread[0]).toEqual(first);
  });

  it('lists a creator’s own submissions only, everything for reviewers, and pre-account ones to reviewers only', async () => {
    const { submissionService } = services();
    const [creator, other, reviewer] = [
      await person('creator'),
      await person('creator'),
      await person('reviewer'),
    ];
    const mine = await stored(creator, 'submitted');
    const theirs = await stored(other, 'submitted');
    const legacy = await stored(null, 'succeeded');
    const ids = async (viewer: Actor, query = {}) =>
      (await submissionService.list({ limit: 100, q: database.token, ...query }, viewer)).items.map(
        (s) => s.id,
      );
    expect(await ids(creator)).toEqual([mine]);
    expect(await ids(creator, { createdBy: other.id })).toEqual([]);
    expect(await ids(reviewer)).toEqual(expect.arrayContaining([mine, theirs, legacy]));
    expect(await ids(reviewer, { mine: true })).toEqual([]);
    expect(await ids(reviewer, { createdBy: other.id })).toEqual([theirs]);
    await expect(submissionService.get(legacy, creator)).rejects.toMatchObject({ code: 'not_found' });
    expect((await submissionService.get(legacy, reviewer)).createdBy).toBeNull();
  });

  it('puts finished, unreviewed submissions by others under To review, oldest first, and filters by review state', async () => {
    const { submissionService, reviews } = services();
    const [creator, reviewer] = [await person('creator'), await person('reviewer')];
    const older = await stored(creator, 'succeeded');
    const newer = await stored(creator, 'failed');
    await stored(creator, 'submitted');
    await stored(reviewer, 'succeeded');
    const toReview = async () =>
      (await submissionService.list({ limit: 100, q: database.token, toReview: true }, reviewer)).items.map(
        (s) => s.id,
      );
    const queue = await toReview();
    expect(queue.indexOf(older)).toBeLessThan(queue.indexOf(newer));
    expect(queue.filter((id) => id === older || id === newer)).toEqual([older, newer]);
    await reviews.review(reviewer, older, { decision: 'changes_requested' });
    expect(await toReview()).not.toContain(older);
    const requested = await submissionService.list(
      { limit: 100, q: database.token, review: 'changes_requested' },
      reviewer,
    );
    expect(requested.items.map((s) => s.id)).toEqual([older]);
  });
});
