import type { ReactNode } from 'react';
import { MODE_LABELS, viewRequest } from '@/lib/submissions/request-view';

const ROLE_LABELS = { first_frame: 'First frame', end_frame: 'End frame' } as const;

function Parameter({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 py-2 sm:grid-cols-[9rem_minmax(0,1fr)] sm:gap-3">
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd className="min-w-0 wrap-anywhere">{children}</dd>
    </div>
  );
}

/** Text as written, line breaks kept, wrapped at the box's edge however long its words. */
function Prose({ text, empty }: { text: string; empty: string }) {
  if (!text) return <p className="text-sm italic text-slate-600">{empty}</p>;
  return <p className="whitespace-pre-wrap wrap-anywhere text-sm leading-relaxed text-slate-900">{text}</p>;
}

/** The request as a reviewer reads it: prompts as text, the settings as a short list, inputs as thumbnails. */
export function RequestParameters({ request }: { request: Record<string, unknown> }) {
  const view = viewRequest(request);
  return (
    <>
      <section aria-labelledby="prompt-title" className="flex flex-col gap-2">
        <h2 id="prompt-title" className="text-lg font-semibold">
          Prompt
        </h2>
        <Prose text={view.prompt} empty="No prompt: the inputs below say what to make." />
        {view.negativePrompt && (
          <>
            <h3 className="mt-2 text-sm font-semibold text-slate-800">Negative prompt</h3>
            <Prose text={view.negativePrompt} empty="" />
          </>
        )}
      </section>

      <section aria-labelledby="parameters-title" className="flex flex-col gap-2">
        <h2 id="parameters-title" className="text-lg font-semibold">
          Parameters
        </h2>
        <dl className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white px-4 text-sm">
          <Parameter term="Mode">{MODE_LABELS[view.mode] ?? view.mode}</Parameter>
          <Parameter term="Duration">{view.duration} s</Parameter>
          <Parameter term="Aspect ratio">{view.aspectRatio}</Parameter>
          <Parameter term="CFG scale">{view.cfgScale ?? 'default (0.5)'}</Parameter>
          <Parameter term="Images">
            {view.images.length === 0 ? (
              'none'
            ) : (
              <ul className="flex flex-wrap gap-3">
                {view.images.map((image, i) => {
                  const role = image.role ? ROLE_LABELS[image.role] : 'Reference';
                  return (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed; the same URL may appear twice.
                    <li key={i}>
                      <figure className="flex w-32 flex-col gap-1">
                        <a href={image.url} target="_blank" rel="noreferrer noopener">
                          {/* biome-ignore lint/performance/noImgElement: any https host; the optimiser would fetch it server-side. */}
                          <img
                            src={image.url}
                            alt={`Input ${i + 1}, ${role.toLowerCase()}`}
                            loading="lazy"
                            referrerPolicy="no-referrer"
                            className="aspect-video w-32 rounded border border-slate-300 bg-slate-100 object-cover"
                          />
                        </a>
                        <figcaption className="text-xs text-slate-700">
                          {i + 1}. {role}
                        </figcaption>
                      </figure>
                    </li>
                  );
                })}
              </ul>
            )}
          </Parameter>
          <Parameter term="Video">
            {view.videos.length === 0
              ? 'none'
              : view.videos.map((video, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: at most one video; the list is fixed.
                  <figure key={i} className="flex flex-col gap-1">
                    {/* biome-ignore lint/a11y/useMediaCaption: a reference clip from the creator, without captions. */}
                    <video
                      src={video.url}
                      controls
                      preload="metadata"
                      aria-label={`Reference video ${i + 1}`}
                      className="aspect-video w-48 rounded bg-black"
                    />
                    <figcaption className="text-xs text-slate-700">
                      Keep original sound: {video.keepOriginalSound ? 'yes' : 'no'}
                    </figcaption>
                  </figure>
                ))}
          </Parameter>
          <Parameter term="Elements">
            {view.elements.length === 0 ? (
              'none'
            ) : (
              <span className="font-mono">{view.elements.join(', ')}</span>
            )}
          </Parameter>
          {view.callbackUrl && (
            <Parameter term="Callback URL">
              <span className="font-mono text-xs">{view.callbackUrl}</span>
            </Parameter>
          )}
        </dl>
      </section>
    </>
  );
}
