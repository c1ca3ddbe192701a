import { useEffect, useState } from 'react';

/**
 * The time now, read again each time a whole second has passed since `anchor`
 * (e.g. when a question went on stage, or when slow mode ends), so a count in
 * seconds changes exactly on time. `null` stops the clock; so does reaching `until`.
 */
export function useClock(anchor: number | null, until = Infinity): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (anchor === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const current = Date.now();
      setNow(current);
      if (current >= until) return;
      const intoSecond = (((current - anchor) % 1000) + 1000) % 1000;
      timer = setTimeout(tick, 1000 - intoSecond + 5);
    };
    timer = setTimeout(tick, 0);
    return () => clearTimeout(timer);
  }, [anchor, until]);
  return now;
}
