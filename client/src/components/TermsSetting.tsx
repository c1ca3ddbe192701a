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

/** Each list's words and test ids: `blocked-terms` / `save-blocked-terms`, `allowed-terms` / … */
const LISTS = {
  blockedTerms: { words: 'blocked', testId: 'blocked-terms' },
  allowedTerms: { words: 'allowed', testId: 'allowed-terms' },
} as const;

interface TermsSettingProps {
  /** Blocked terms (held or rejected), or allowed words (profanity-list words let through). */
  list: keyof typeof LISTS;
  current: readonly string[];
}

/** One of the event's term lists, one per line. Remount it (key) when the server value changes. */
export function TermsSetting({ list, current }: TermsSettingProps) {
  const { t } = useTranslation();
  const { words, testId } = LISTS[list];
  const [draft, setDraft] = useState(current.join('\n'));
  const [busy, run] = useBusy();

  const save = (e: FormEvent) => {
    e.preventDefault();
    const terms = parseTerms(draft);
    const done = terms.length
      ? t(`settings.${words}.saved`, { count: terms.length })
      : t(`settings.${words}.none`);
    void run(() => configureEvent({ [list]: terms }, done));
  };

  return (
    <form className="setting setting--stacked" onSubmit={save}>
      <label htmlFor={testId}>{t(`settings.${words}.label`)}</label>
      <p className="setting__hint">{t(`settings.${words}.hint`)}</p>
      <textarea
        id={testId}
        className="input input--small"
        data-testid={testId}
        rows={5}
        spellCheck={false}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button
        type="submit"
        className="button button--small"
        data-testid={`save-${testId}`}
        disabled={busy}
      >
        {t(`settings.${words}.save`)}
      </button>
    </form>
  );
}
