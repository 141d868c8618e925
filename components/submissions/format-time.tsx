/** A timestamp as people read it, in UTC so every reviewer sees the same value; the ISO form stays machine-readable. */
export function Timestamp({ iso }: { iso: string | null }) {
  if (!iso) return <span>—</span>;
  return <time dateTime={iso}>{`${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`}</time>;
}
