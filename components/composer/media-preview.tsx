'use client';
import { useEffect, useState } from 'react';
import type { ComposerValues } from '@/lib/contract/composer-form';
import { isHttpUrl } from '@/lib/contract/url-problem';

/** An address is loaded once the typing stops for this long, not at each keystroke. */
const SETTLE_MS = 500;

/** Reference videos the video service takes (docs/api.md, "Limits"). */
const VIDEO_SECONDS = { min: 3, max: 10 } as const;

const ASPECTS: Record<ComposerValues['aspect_ratio'], number> = { '16:9': 16 / 9, '9:16': 9 / 16, '1:1': 1 };
/** A shape within 2 % of the chosen aspect ratio counts as the same (1366 × 768 is 16:9). */
const ASPECT_TOLERANCE = 0.02;

function useSettled(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** A picture's shape in words: "4:3 landscape", "9:16 portrait", "square". */
function shapeOf(width: number, height: number): string {
  if (width === height) return 'square';
  const divisor = gcd(width, height);
  const [w, h] = [width / divisor, height / divisor];
  const ratio = w <= 32 && h <= 32 ? `${w}:${h}` : `${(width / height).toFixed(2)}:1`;
  return `${ratio} ${width > height ? 'landscape' : 'portrait'}`;
}

/** What the browser made of an address: its size or length, or that it could not load it. */
type Loaded<T> = { url: string; failed: true } | { url: string; failed: false; value: T };

const NOT_LOADED =
  'could not be loaded here. The video service may still reach it: check the address if this is a surprise.';

/** What a preview found (size or length, or that it could not load), and a warning, read out as it changes. */
function PreviewCaption({ caption, warning }: { caption: string; warning: string | null }) {
  return (
    <p aria-live="polite" className="min-w-0 text-xs text-slate-700">
      {caption}
      {warning && <span className="mt-1 block font-medium text-amber-900">{warning}</span>}
    </p>
  );
}

/** A thumbnail of an Image URL with its size in pixels, and a warning when its shape differs from the video's. */
export function ImagePreview({
  url,
  aspectRatio,
  label,
}: {
  url: string;
  aspectRatio: ComposerValues['aspect_ratio'];
  label: string;
}) {
  const settled = useSettled(url);
  const [loaded, setLoaded] = useState<Loaded<{ width: number; height: number }> | null>(null);
  if (!isHttpUrl(settled)) return null;
  const current = loaded?.url === settled ? loaded : null;
  let caption = 'Loading the picture…';
  let warning: string | null = null;
  if (current?.failed) caption = `This image ${NOT_LOADED}`;
  else if (current) {
    const { width, height } = current.value;
    caption = `${width} × ${height} px`;
    if (Math.abs(width / height / ASPECTS[aspectRatio] - 1) > ASPECT_TOLERANCE) {
      warning = `This image is ${shapeOf(width, height)}, the video ${aspectRatio}: it may be cropped or padded.`;
    }
  }
  return (
    <div className="flex min-w-0 items-start gap-3">
      {/* Kept when it fails, as a box with its name: the address is still the one to be sent. */}
      {/* biome-ignore lint/performance/noImgElement: a creator's own address, shown as given; nothing to optimise. */}
      <img
        key={settled}
        src={settled}
        alt={`Preview of ${label}`}
        referrerPolicy="no-referrer"
        decoding="async"
        className="h-20 w-auto max-w-32 shrink-0 rounded border border-slate-300 bg-slate-100 object-contain"
        onLoad={(event) =>
          setLoaded({
            url: settled,
            failed: false,
            value: { width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight },
          })
        }
        onError={() => setLoaded({ url: settled, failed: true })}
      />
      <PreviewCaption caption={caption} warning={warning} />
    </div>
  );
}

/** The reference video as a small muted player with its length, and a warning outside 3 to 10 seconds. */
export function VideoPreview({ url, label }: { url: string; label: string }) {
  const settled = useSettled(url);
  const [loaded, setLoaded] = useState<Loaded<number> | null>(null);
  if (!isHttpUrl(settled)) return null;
  const current = loaded?.url === settled ? loaded : null;
  let caption = 'Loading the video…';
  let warning: string | null = null;
  if (current?.failed) caption = `This video ${NOT_LOADED}`;
  else if (current) {
    const seconds = Math.round(current.value * 10) / 10;
    caption = Number.isFinite(seconds) ? `Duration: ${seconds} s` : 'Duration: unknown';
    if (Number.isFinite(seconds) && (seconds < VIDEO_SECONDS.min || seconds > VIDEO_SECONDS.max)) {
      warning = `The video service takes reference videos of ${VIDEO_SECONDS.min} to ${VIDEO_SECONDS.max} seconds: this one is ${seconds} s.`;
    }
  }
  return (
    <div className="flex min-w-0 flex-wrap items-start gap-3">
      <video
        key={settled}
        src={settled}
        muted
        controls
        playsInline
        preload="metadata"
        aria-label={`Preview of ${label}`}
        className="h-24 max-w-48 shrink-0 rounded bg-black"
        onLoadedMetadata={(event) =>
          setLoaded({ url: settled, failed: false, value: event.currentTarget.duration })
        }
        onError={() => setLoaded({ url: settled, failed: true })}
      />
      <PreviewCaption caption={caption} warning={warning} />
    </div>
  );
}
