import { useEffect, useState } from 'react';

/**
 * Whole seconds since `start` (ms since epoch; 0 while null), ticking each second while `ticking`: the "N s so
 * far" of waits that have no progress of their own (the mode probe's compile, a run before its first batch).
 */
export function useSecondsSince(start: number | null, ticking = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return start === null ? 0 : Math.max(0, Math.round((now - start) / 1000));
}
