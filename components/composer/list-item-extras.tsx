'use client';
import { type UseFormReturn, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { mentionedNumbers, promptToken, type TokenKind } from '@/lib/contract/prompt-tokens';
import { fieldId } from './fields';
import { ImagePreview, VideoPreview } from './media-preview';

// What each list item adds beyond its fields: a preview, its prompt token. Loaded with the first item.

/** Puts `token` into the prompt at its cursor (or the selection it replaces), spaced from the words around it. */
function insertIntoPrompt(
  form: Pick<UseFormReturn<ComposerValues>, 'getValues' | 'setValue'>,
  token: string,
) {
  const field = document.getElementById(fieldId('prompt'));
  const textarea = field instanceof HTMLTextAreaElement ? field : null;
  const prompt = form.getValues('prompt');
  const start = textarea?.selectionStart ?? prompt.length;
  const end = textarea?.selectionEnd ?? start;
  const before = prompt.slice(0, start);
  const after = prompt.slice(end);
  const inserted = `${before === '' || /\s$/.test(before) ? '' : ' '}${token}${after === '' || /^[\s.,;:!?)]/.test(after) ? '' : ' '}`;
  form.setValue('prompt', before + inserted + after, { shouldDirty: true, shouldTouch: true });
  // Back to writing, just after the token.
  const caret = before.length + inserted.length;
  textarea?.focus();
  textarea?.setSelectionRange(caret, caret);
}

/** The item's token, a button that writes it into the prompt, and a hint while the prompt never mentions it. */
function TokenTools({
  kind,
  number,
  expectMention,
}: {
  kind: TokenKind;
  number: number;
  expectMention: boolean;
}) {
  const form = useFormContext<ComposerValues>();
  const prompt = useWatch({ control: form.control, name: 'prompt' });
  const token = promptToken(kind, number);
  const tokenId = `${kind}-${number}-token`;
  const unmentioned = expectMention && prompt.trim() !== '' && !mentionedNumbers(prompt, kind).has(number);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <Button onClick={() => insertIntoPrompt(form, token)} aria-describedby={tokenId}>
        Insert in prompt
      </Button>
      <code id={tokenId} className="font-mono text-xs text-slate-800">
        {token}
      </code>
      {unmentioned && (
        <span className="text-xs text-slate-700">
          The prompt does not mention this {kind} yet: insert its token where it belongs.
        </span>
      )}
    </div>
  );
}

export function ImageExtras({ index }: { index: number }) {
  const { control } = useFormContext<ComposerValues>();
  const [url, type, aspectRatio] = useWatch({
    control,
    name: [`image_list.${index}.image_url`, `image_list.${index}.type`, 'aspect_ratio'],
  });
  return (
    <div className="flex flex-col gap-2">
      <ImagePreview url={url} aspectRatio={aspectRatio} label={`image ${index + 1}`} />
      {/* A first or end frame is a frame of the video, not something the prompt talks about. */}
      <TokenTools kind="image" number={index + 1} expectMention={type === ''} />
    </div>
  );
}

export function VideoExtras({ index }: { index: number }) {
  const { control } = useFormContext<ComposerValues>();
  const url = useWatch({ control, name: `video_list.${index}.video_url` });
  return (
    <div className="flex flex-col gap-2">
      <VideoPreview url={url} label={`video ${index + 1}`} />
      <TokenTools kind="video" number={index + 1} expectMention />
    </div>
  );
}

export function ElementExtras({ index }: { index: number }) {
  return <TokenTools kind="element" number={index + 1} expectMention />;
}
