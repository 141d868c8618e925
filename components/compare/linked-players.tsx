'use client';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import type { SubmissionVideo } from '@/lib/submissions/submission';

interface Side {
  label: 'A' | 'B';
  video: SubmissionVideo | null;
  /** Why there is no video: the task failed, or has not finished yet. */
  missing: string;
}

const clock = (seconds: number) =>
  `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/**
 * Both videos side by side under one control: Play, Pause and the position slider drive the two
 * players together, so the same moment of each take is on screen at once. Both play muted.
 */
export function LinkedPlayers({ sides }: { sides: [Side, Side] }) {
  const players = useRef<(HTMLVideoElement | null)[]>([null, null]);
  const [playing, setPlaying] = useState(false);
  const [position, setPosition] = useState(0);
  const [length, setLength] = useState(0);

  const each = (fn: (video: HTMLVideoElement) => void) => {
    for (const video of players.current) if (video) fn(video);
  };

  useEffect(() => {
    const videos = players.current.filter((video): video is HTMLVideoElement => video !== null);
    const update = () => {
      setPosition(Math.max(0, ...videos.map((video) => video.currentTime)));
      setLength(
        Math.max(0, ...videos.map((video) => (Number.isFinite(video.duration) ? video.duration : 0))),
      );
      // Playing until the longer take ends.
      setPlaying(videos.some((video) => !video.paused && !video.ended));
    };
    const events = ['timeupdate', 'loadedmetadata', 'durationchange', 'play', 'pause', 'ended', 'seeked'];
    for (const video of videos) for (const name of events) video.addEventListener(name, update);
    update();
    return () => {
      for (const video of videos) for (const name of events) video.removeEventListener(name, update);
    };
  }, []);

  function togglePlay() {
    if (playing) {
      each((video) => video.pause());
      return;
    }
    // From the start again once both have ended.
    const finished = players.current.every((video) => !video || video.ended);
    each((video) => {
      if (finished) video.currentTime = 0;
      void video.play().catch(() => undefined);
    });
  }

  function seek(to: number) {
    each((video) => {
      video.currentTime = Math.min(to, Number.isFinite(video.duration) ? video.duration : to);
    });
    setPosition(to);
  }

  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3">
        {sides.map((side, i) => (
          <figure key={side.label} className="flex min-w-0 flex-col gap-1">
            {side.video ? (
              <video
                ref={(element) => {
                  players.current[i] = element;
                }}
                src={side.video.url}
                muted
                playsInline
                preload="metadata"
                aria-label={`Video ${side.label}`}
                className="aspect-video w-full rounded-lg bg-black"
              />
            ) : (
              <div className="flex aspect-video w-full items-center justify-center rounded-lg border border-dashed border-slate-300 text-sm text-slate-600">
                {side.missing}
              </div>
            )}
            <figcaption className="text-sm font-semibold">{side.label}</figcaption>
          </figure>
        ))}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={togglePlay} variant="primary" aria-label={playing ? 'Pause both' : 'Play both'}>
          {playing ? 'Pause' : 'Play'}
        </Button>
        <label htmlFor="compare-position" className="text-sm font-medium">
          Position
        </label>
        <input
          id="compare-position"
          type="range"
          min={0}
          max={length || 0}
          step={0.1}
          value={Math.min(position, length)}
          onChange={(event) => seek(Number(event.target.value))}
          aria-valuetext={`${clock(position)} of ${clock(length)}`}
          className="min-w-40 flex-1 accent-indigo-700"
        />
        <output htmlFor="compare-position" className="text-sm tabular-nums text-slate-700">
          {clock(position)} / {clock(length)}
        </output>
      </div>
    </div>
  );
}
