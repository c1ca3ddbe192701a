import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store';

/** Short-lived feedback for commands, e.g. a failed approve. */
export function Notices() {
  const { t } = useTranslation();
  const notices = useAppStore(useShallow((state) => state.notices));
  const dismiss = useAppStore((state) => state.dismissNotice);
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.kind}`}>
          <span>{notice.text}</span>
          <button
            type="button"
            className="notice__close"
            aria-label={t('common.dismiss')}
            onClick={() => dismiss(notice.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
