'use client';
import { useEffect, useState } from 'react';

const TICK_MS = 250;

/**
 * The current time, updated a few times a second while `active` or until `until` has passed, for
 * counters shown in whole seconds.
 */
export function useNow(active: boolean, until: number | null = null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active && (until === null || until <= Date.now())) return;
    setNow(Date.now());
    const timer = setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (!active && until !== null && time >= until) clearInterval(timer);
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [active, until]);
  return now;
}
