import { useEffect } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { mergeCluster } from '../realtime/commands';
import { useAppStore } from '../store';
import { QuoteSlot } from './TransSlots';

const stopMerging = () => useAppStore.getState().setMergeFrom(null);

/** While a moderator picks where to merge a cluster: what is merged, Cancel, and Esc. */
export function MergeBanner() {
  const { t } = useTranslation();
  const source = useAppStore((state) =>
    state.mergeFrom ? state.questions[state.mergeFrom] : null,
  );
  const active = source !== null;

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && stopMerging();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  if (!source) return null;
  return (
    <div className="merge-banner" role="status" data-testid="merge-banner">
      <p className="merge-banner__text">
        <Trans
          t={t}
          i18nKey="merge.banner"
          components={{ question: <QuoteSlot value={source.text} /> }}
        />
      </p>
      <button type="button" className="button button--small" onClick={stopMerging}>
        {t('common.cancel')}
      </button>
    </div>
  );
}

/** On every other card while picking: merges the picked cluster into this one. */
export function MergeHere({ from, into }: { from: string; into: string }) {
  const { t } = useTranslation();
  const [busy, run] = useBusy();
  const merge = () =>
    void run(async () => {
      if ((await mergeCluster(from, into)).ok) stopMerging();
    });
  return (
    <button
      type="button"
      className="button button--primary button--small"
      data-testid="merge-here"
      disabled={busy}
      onClick={merge}
    >
      {t('merge.here')}
    </button>
  );
}
