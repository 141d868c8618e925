'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { Timestamp } from '@/components/submissions/format-time';
import { Button } from '@/components/ui/button';
import { FormField, inputClassName } from '@/components/ui/form-field';
import { callApi, fieldErrors } from '@/lib/client/call-api';
import { COMMENT_MAX_LENGTH, type Comment } from '@/lib/contract/accounts';

/** The discussion under a submission, oldest first, shown as plain text; anyone who sees it can add to it. */
export function CommentThread({ submissionId, comments }: { submissionId: string; comments: Comment[] }) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function post(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const field = event.currentTarget.querySelector<HTMLTextAreaElement>('textarea');
    setBusy(true);
    const result = await callApi(`/api/submissions/${encodeURIComponent(submissionId)}/comments`, {
      method: 'POST',
      body: { body: text },
    });
    setBusy(false);
    if (result.ok) {
      setText('');
      setError(undefined);
      router.refresh();
      return;
    }
    setError(fieldErrors(result.error).body ?? result.error.message);
    field?.focus();
  }

  return (
    <section
      aria-labelledby="comments-heading"
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="comments-heading" className="text-lg font-semibold">
        Comments
      </h2>
      {comments.length === 0 ? (
        <p className="text-sm text-slate-600">No comments yet.</p>
      ) : (
        <ol className="flex flex-col gap-2 text-sm" aria-label="Comments, oldest first">
          {comments.map((comment) => (
            <li key={comment.id} className="rounded border border-slate-200 p-2">
              <p className="text-slate-600">
                {comment.author.name}, <Timestamp iso={comment.createdAt} />
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words">{comment.body}</p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={post} noValidate className="flex flex-col gap-2">
        <FormField id="comment-body" label="Comment" error={error}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={COMMENT_MAX_LENGTH}
              className={inputClassName}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          )}
        </FormField>
        <Button type="submit" disabled={busy} className="self-start">
          {busy ? 'Posting…' : 'Post comment'}
        </Button>
      </form>
    </section>
  );
}
