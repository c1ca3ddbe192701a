import { useState } from 'react';
import { readStored, writeStored } from '../../lib/storage';

/** Dark (high contrast) for dim halls, light for bright rooms. */
export type StageTheme = 'dark' | 'light';

/** Remembered per browser: the screen's computer keeps its room's choice. */
const THEME_KEY = 'dais:stage-theme';

export function useStageTheme() {
  const [theme, setTheme] = useState<StageTheme>(() =>
    readStored(THEME_KEY) === 'light' ? 'light' : 'dark',
  );
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    writeStored(THEME_KEY, next);
    setTheme(next);
  };
  return { theme, toggle };
}
