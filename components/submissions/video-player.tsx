import type { Submission } from '@/lib/submissions/submission';

/** The finished video, playable in the page, with its length and a download link. */
export function VideoPlayer({ video }: { video: NonNullable<Submission['video']> }) {
  return (
    <figure className="flex flex-col gap-2">
      {/* biome-ignore lint/a11y/useMediaCaption: generated videos come without captions; the upstream gives none. */}
      <video
        controls
        preload="metadata"
        src={video.url}
        aria-label="Generated video"
        className="aspect-video w-full max-w-3xl rounded-lg bg-black"
      />
      <figcaption className="flex flex-wrap gap-4 text-sm text-slate-700">
        <span>Duration: {video.duration === null ? 'unknown' : `${video.duration} s`}</span>
        <a href={video.url} download className="font-medium text-indigo-800 underline">
          Download video
        </a>
      </figcaption>
    </figure>
  );
}
