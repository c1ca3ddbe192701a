import { useEffect, useState } from 'react';
import { t } from '../../i18n';
import { useAppStore } from '../../store';

const isFullscreen = () => document.fullscreenElement !== null;

/** The whole page in fullscreen (Fullscreen API), and whether it is now. */
export function useFullscreen() {
  const [active, setActive] = useState(isFullscreen);
  useEffect(() => {
    const sync = () => setActive(isFullscreen());
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);
  const toggle = () => {
    const change = isFullscreen()
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen();
    change.catch(() => useAppStore.getState().notify('error', t('stage.fullscreenUnavailable')));
  };
  return { active, toggle, available: document.fullscreenEnabled };
}
