import type { ReviewDecision } from '@/lib/contract/accounts';

/** A review decision as people read it, in the panel, the history and the review queue. */
export const DECISION_WORDS: Record<ReviewDecision, string> = {
  approved: 'Approved',
  changes_requested: 'Changes requested',
  rejected: 'Rejected',
};
