import type { Submission } from '@/lib/submissions/submission';
import { statusLabel } from './status-badge';

const PROMPT_START = 20;

/**
 * A detail tab's title: the prompt's first 20 characters, then the status, so a row of tabs can be
 * told apart. A cut that would split a character written as two UTF-16 units drops its first half.
 */
export function detailTitle(submission: Pick<Submission, 'request' | 'displayStatus'>): string {
  const prompt = typeof submission.request.prompt === 'string' ? submission.request.prompt : '';
  let start = prompt.slice(0, PROMPT_START);
  if (/[\ud800-\udbff]$/.test(start)) start = start.slice(0, -1);
  const shown = start.trim() ? `${start}${prompt.length > PROMPT_START ? '…' : ''}` : '(no prompt)';
  return `${shown} · ${statusLabel(submission.displayStatus)}`;
}
