import type { Submission } from '@/lib/submissions/submission';

/**
 * A still of the finished video: the player reads only the metadata and the first frame (the
 * `#t=` fragment makes every browser draw it), and never plays by itself.
 */
export function PosterFrame({ submission }: { submission: Submission }) {
  if (!submission.video) {
    return <div aria-hidden="true" className="aspect-video w-28 rounded bg-slate-100 max-sm:hidden" />;
  }
  return (
    <video
      src={`${submission.video.url}#t=0.1`}
      preload="metadata"
      muted
      playsInline
      aria-label="Video preview"
      className="aspect-video w-40 rounded bg-black object-cover sm:w-28"
    />
  );
}
