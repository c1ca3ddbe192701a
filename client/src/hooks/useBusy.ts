import { useCallback, useState } from 'react';

/** Tracks one async task at a time, so its buttons can be disabled while it runs. */
export function useBusy() {
  const [busy, setBusy] = useState(false);
  const run = useCallback(async <T>(task: () => Promise<T>): Promise<T> => {
    setBusy(true);
    try {
      return await task();
    } finally {
      setBusy(false);
    }
  }, []);
  return [busy, run] as const;
}
