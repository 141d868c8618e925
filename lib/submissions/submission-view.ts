import type { Person, Review } from '@/lib/contract/accounts';
import type { SubmissionRow } from '@/lib/db/schema';
import { maskCallbackToken } from './callback-token';
import type { DisplayStatus, Submission } from './submission';

export const UNKNOWN_CHECKING_MESSAGE =
  'Unknown, checking: the video service’s answer was not recorded (the app may have restarted). It is being looked up by its external task ID; the request is never sent twice.';

/**
 * The status a person is shown. `checking`: the upstream's answer is unknown and the task is being
 * looked up: a pending row whose create call is overdue (its answer was lost), or a failed row still
 * due for a status query (an uncertain failure; a definite one, or a finished task, has none).
 */
export function displayStatusOf(row: SubmissionRow, now: number, lookUpAfterMs: number): DisplayStatus {
  if (row.status === 'pending') return now - row.createdAt.getTime() > lookUpAfterMs ? 'checking' : 'pending';
  if (row.status === 'failed' && row.nextPollAt !== null) return 'checking';
  return row.status;
}

/** What a submission shows besides its own row: who made it, and its latest review. */
export interface SubmissionPeople {
  people(ids: string[]): Promise<Map<string, Person>>;
  latestReviews(submissionIds: string[]): Promise<Map<string, Review>>;
}

export interface PresentSubmission {
  /** One submission; `createdBy` may be passed when known (a new submission's creator is the caller). */
  (row: SubmissionRow, known?: { createdBy: Person | null }): Promise<Submission>;
  /** A page of them, with one query each for creators and reviews. */
  all(rows: SubmissionRow[]): Promise<Submission[]>;
}

/**
 * How every page and API answer shows a submission: internal columns (idempotency key, hash, leases)
 * stay inside, the app's callback token is masked, a submission being looked up says so, and its
 * creator and latest review come along.
 */
export function createSubmissionPresenter(options: {
  callbackToken: string | null;
  lookUpAfterMs: number;
  people: SubmissionPeople | null;
}): PresentSubmission {
  const view = (row: SubmissionRow, createdBy: Person | null, review: Review | null): Submission => {
    const displayStatus = displayStatusOf(row, Date.now(), options.lookUpAfterMs);
    return {
      id: row.id,
      status: row.status,
      displayStatus,
      taskId: row.taskId,
      externalTaskId: row.externalTaskId,
      model: row.model,
      request: maskCallbackToken(row.request, options.callbackToken),
      response: row.response,
      error: row.error,
      statusMessage:
        displayStatus === 'checking' ? (row.statusMessage ?? UNKNOWN_CHECKING_MESSAGE) : row.statusMessage,
      video: row.video,
      refreshedAt: row.refreshedAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      createdBy,
      review,
    };
  };

  async function all(rows: SubmissionRow[]): Promise<Submission[]> {
    const creators = [...new Set(rows.flatMap((row) => (row.createdBy ? [row.createdBy] : [])))];
    const reviewed = rows.filter((row) => row.reviewDecision !== null).map((row) => row.id);
    const [people, reviews] = await Promise.all([
      creators.length && options.people ? options.people.people(creators) : new Map<string, Person>(),
      reviewed.length && options.people ? options.people.latestReviews(reviewed) : new Map<string, Review>(),
    ]);
    return rows.map((row) =>
      view(row, row.createdBy ? (people.get(row.createdBy) ?? null) : null, reviews.get(row.id) ?? null),
    );
  }

  const one = async (row: SubmissionRow, known?: { createdBy: Person | null }) => {
    if (!known) return (await all([row]))[0] as Submission;
    const reviews =
      row.reviewDecision !== null && options.people
        ? await options.people.latestReviews([row.id])
        : new Map<string, Review>();
    return view(row, known.createdBy, reviews.get(row.id) ?? null);
  };
  return Object.assign(one, { all });
}
