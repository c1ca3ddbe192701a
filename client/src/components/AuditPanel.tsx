import { AUDIT_TYPES, type AuditType, type Failure } from '@dais/shared';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { errorText } from '../i18n/errors';
import { readAudit } from '../realtime/commands';
import { useAppStore } from '../store';
import { AuditEntryItem } from './audit/AuditEntryItem';
import { withNewest, withOlder, type LoadedLog } from './audit/auditPages';

/** While the panel is open, a change of the event reloads the newest page at most this often. */
const REFRESH_MS = 1000;

/** The "Audit log" button of the moderator header, and the log it opens beside the board. */
export function AuditPanel() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="audit-toggle"
        aria-expanded={open}
        onClick={() => setOpen((was) => !was)}
      >
        {t('audit.toggle')}
      </button>
      {open && <AuditLog onClose={() => setOpen(false)} />}
    </>
  );
}

/** Calls `refresh` (coalesced) whenever questions, settings, the queue or the connection change. */
function useRefreshOnChange(refresh: () => void) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useAppStore.subscribe((state, before) => {
      const changed =
        state.questions !== before.questions ||
        state.event !== before.event ||
        state.queue !== before.queue ||
        (state.connection === 'online' && before.connection !== 'online');
      // Trailing, at most once per REFRESH_MS: a steady stream of changes still refreshes.
      if (changed && timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          refresh();
        }, REFRESH_MS);
      }
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [refresh]);
}

function AuditLog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [showVotes, setShowVotes] = useState(false);
  return (
    <aside className="audit" data-testid="audit-panel" aria-labelledby="audit-title">
      <header className="audit__header">
        <h2 id="audit-title" className="audit__title">
          {t('audit.title')}
        </h2>
        <label className="audit__votes">
          <input
            type="checkbox"
            data-testid="audit-show-votes"
            checked={showVotes}
            onChange={(e) => setShowVotes(e.target.checked)}
          />
          {t('audit.showVotes')}
        </label>
        <button
          type="button"
          className="button button--small"
          data-testid="audit-close"
          onClick={onClose}
        >
          {t('audit.close')}
        </button>
      </header>
      {/* A new filter is a new log: answers still on their way for the old one are dropped. */}
      <LoadedEntries key={String(showVotes)} types={showVotes ? undefined : DECISIONS} />
    </aside>
  );
}

/** Everything but votes, which are most of a busy log: the server filters, so pages stay full. */
const DECISIONS = AUDIT_TYPES.filter(
  (type) => type !== 'question.vote' && type !== 'question.unvote',
);

/** The log of `types` (all when not given), newest first, loaded page by page. */
function LoadedEntries({ types }: { types?: AuditType[] }) {
  const { t } = useTranslation();
  const [log, setLog] = useState<LoadedLog | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [loadingOlder, runOlder] = useBusy();

  const refresh = useCallback(
    () =>
      void readAudit(undefined, types).then((result) => {
        setFailure(result.ok ? null : result);
        if (result.ok) setLog((known) => withNewest(known, result.data));
      }),
    [types],
  );
  useEffect(refresh, [refresh]);
  useRefreshOnChange(refresh);

  const loadOlder = (before: string) =>
    runOlder(async () => {
      const result = await readAudit(before, types);
      setFailure(result.ok ? null : result);
      if (result.ok) setLog((known) => known && withOlder(known, result.data));
    });

  const entries = log?.entries ?? [];
  return (
    <>
      {failure && <p className="feedback feedback--error">{errorText(failure)}</p>}
      {!log && !failure && <p className="audit__note">{t('audit.loading')}</p>}
      {log && entries.length === 0 && !log.older && <p className="empty">{t('audit.empty')}</p>}
      <ol className="audit__entries" data-testid="audit-entries">
        {entries.map((entry) => (
          <AuditEntryItem key={entry.logId} entry={entry} />
        ))}
      </ol>
      {log?.older ? (
        <button
          type="button"
          className="button button--small"
          data-testid="audit-older"
          disabled={loadingOlder}
          onClick={() => void loadOlder(log.older!)}
        >
          {t('audit.older')}
        </button>
      ) : (
        entries.length > 0 && <p className="audit__note">{t('audit.start')}</p>
      )}
    </>
  );
}
