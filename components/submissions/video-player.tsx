import type { Submission } from '@/lib/submissions/submission';

/**
 * The finished video, playable in the page, with its length and a download link. `autoPlay` starts
 * it muted and looping, as a result shown in place plays without a click.
 */
export function VideoPlayer({
  video,
  autoPlay = false,
}: {
  video: NonNullable<Submission['video']>;
  autoPlay?: boolean;
}) {
  return (
    <figure className="flex flex-col gap-2">
      {/* Generated videos come without captions: the upstream gives none. */}
      <video
        controls
        preload="metadata"
        autoPlay={autoPlay}
        muted={autoPlay}
        loop={autoPlay}
        playsInline
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
