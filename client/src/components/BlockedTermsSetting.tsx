import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { configureEvent } from '../realtime/commands';

/** One term per line; blank lines and repeats dropped. */
const parseTerms = (draft: string) => [
  ...new Set(
    draft
      .split('\n')
      .map((term) => term.trim())
      .filter(Boolean),
  ),
];

/** The event's blocked terms. Remount it (key) when the server value changes. */
export function BlockedTermsSetting({ current }: { current: readonly string[] }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(current.join('\n'));
  const [busy, run] = useBusy();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const blockedTerms = parseTerms(draft);
    const done = blockedTerms.length
      ? t('settings.blocked.saved', { count: blockedTerms.length })
      : t('settings.blocked.none');
    void run(() => configureEvent({ blockedTerms }, done));
  };

  return (
    <form className="setting setting--stacked" onSubmit={save}>
      <label htmlFor="blocked-terms">{t('settings.blocked.label')}</label>
      <p className="setting__hint">{t('settings.blocked.hint')}</p>
      <textarea
        id="blocked-terms"
        className="input input--small"
        data-testid="blocked-terms"
        rows={5}
        spellCheck={false}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button
        type="submit"
        className="button button--small"
        data-testid="save-blocked-terms"
        disabled={busy}
      >
        {t('settings.blocked.save')}
      </button>
    </form>
  );
}
