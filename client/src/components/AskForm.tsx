import {
  createFilter,
  ErrorCode,
  MAX_DISPLAY_NAME_LENGTH,
  textLength,
  type AckData,
  type EventInfo,
  type QuestionStatus,
  type Result,
} from '@dais/shared';
import type { TFunction } from 'i18next';
import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useBusy } from '../hooks/useBusy';
import { useClock } from '../hooks/useClock';
import { errorText } from '../i18n/errors';
import { NAME_KEY, readStored, writeStored } from '../lib/storage';
import { askQuestion } from '../realtime/outbox';
import { useAppStore } from '../store';

/** Worded at render time, so it follows a change of language. */
type Feedback = { kind: 'success' | 'error'; text: (t: TFunction) => string };

const THANKS = { merged: 'ask.joined', approved: 'ask.published' } as const;
const thanks = (status: QuestionStatus) => (t: TFunction) =>
  t(status in THANKS ? THANKS[status as keyof typeof THANKS] : 'ask.sent');

/** Seconds until `until` (slow mode), counted down on screen; 0 once passed or none. */
function useSecondsLeft(until: number | null) {
  const now = useClock(until, until ?? undefined);
  return until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));
}

/**
 * The question form, with the event's intake state: closed (or ended), slow mode (a
 * countdown after the server said wait), and whether questions appear at once.
 * Offline, a question is kept (realtime/outbox.ts) and listed until it is sent.
 */
export function AskForm({ event }: { event: EventInfo }) {
  const { t } = useTranslation();
  const maxLength = event.maxQuestionLength;
  const closed = !event.open || event.endedAt !== null;
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const wait = useSecondsLeft(retryAt);
  const [text, setText] = useState('');
  const [name, setName] = useState(() => readStored(NAME_KEY) ?? '');
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, run] = useBusy();
  // The server was unavailable: the form says it tries again (realtime/outbox.ts).
  const [retrying, setRetrying] = useState(false);
  const offline = useAppStore((state) => state.connection !== 'online');
  const outbox = useAppStore((state) => state.outbox);
  // The server's own filter, run here to count as it counts and to warn before sending.
  const filter = useMemo(() => createFilter({ maxLength }), [maxLength]);
  const preview = filter(text);
  const length = textLength(preview.text);
  const tooLong = length > maxLength;
  const personalData = preview.reasons.includes('personal-data');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || closed || wait > 0) return;
    if (length === 0 || tooLong) {
      const problem = (t: TFunction) =>
        length === 0 ? t('ask.empty') : t('ask.tooLong', { count: maxLength });
      setFeedback({ kind: 'error', text: problem });
      return;
    }
    const sent = text;
    const { queued, result } = askQuestion(sent, name, () => setRetrying(true));
    if (!queued) return settle(sent, await run(() => result));
    // Kept for later: the box is free for the next question meanwhile.
    setText((current) => (current === sent ? '' : current));
    setFeedback({ kind: 'success', text: (t) => t('ask.queued') });
    settle(sent, await result);
  };

  const settle = (sent: string, result: Result<AckData<'question:submit'>>) => {
    setRetrying(false);
    if (!result.ok && result.error === ErrorCode.SlowMode && result.retryAfterMs) {
      setRetryAt(Date.now() + result.retryAfterMs);
    }
    if (result.ok) {
      // Keep whatever was typed while sending; clear only what was sent.
      setText((current) => (current === sent ? '' : current));
      setFeedback({ kind: 'success', text: thanks(result.data.question.status) });
    } else {
      // E.g. REJECTED by the filter: its reasons say why; the text is back to fix it.
      setText((current) => current || sent);
      setFeedback({ kind: 'error', text: () => errorText(result, 'submit') });
    }
  };

  const submitOnCtrlEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
  };

  return (
    <form className="ask panel" onSubmit={(e) => void submit(e)}>
      <label className="ask__label" htmlFor="question-input">
        {t('ask.label')}
      </label>
      <textarea
        id="question-input"
        className="input ask__text"
        data-testid="question-input"
        rows={3}
        placeholder={t('ask.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setFeedback(null);
        }}
        onKeyDown={submitOnCtrlEnter}
      />
      <div className="ask__row">
        <input
          className="input ask__name"
          data-testid="name-input"
          placeholder={t('ask.name')}
          aria-label={t('ask.name')}
          autoComplete="name"
          maxLength={MAX_DISPLAY_NAME_LENGTH}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            writeStored(NAME_KEY, e.target.value.trim() || null);
          }}
        />
        <span className={`counter ${tooLong ? 'counter--over' : ''}`} aria-label={t('ask.counter')}>
          {length}/{maxLength}
        </span>
      </div>
      {personalData && (
        <p className="feedback feedback--warning" data-testid="ask-hint" role="note">
          {t('ask.personalData')}
        </p>
      )}
      {closed && (
        <p className="feedback feedback--warning" data-testid="ask-closed" role="status">
          {event.endedAt === null ? t('ask.closed') : t('ask.ended')}
        </p>
      )}
      <button
        type="submit"
        className="button button--primary button--block"
        data-testid="submit-question"
        data-wait={wait || undefined}
        data-retrying={retrying || undefined}
        disabled={busy || closed || wait > 0}
      >
        {busy
          ? retrying
            ? t('ask.retrying')
            : t('ask.sending')
          : wait > 0
            ? t('ask.wait', { count: wait })
            : offline
              ? t('ask.sendOffline')
              : t('ask.send')}
      </button>
      {outbox.length > 0 && (
        <ul className="ask__outbox" data-testid="outbox" aria-label={t('ask.outbox')}>
          {outbox.map((pending) => (
            <li key={pending.requestId} className="ask__pending" data-testid="outbox-item">
              <span className="ask__pending-text">{pending.text}</span>
              <span className="ask__note">
                {offline ? t('ask.pendingOffline') : t('ask.sending')}
              </span>
            </li>
          ))}
        </ul>
      )}
      {feedback && (
        <p
          className={`feedback feedback--${feedback.kind}`}
          data-testid="ask-feedback"
          data-kind={feedback.kind}
          role={feedback.kind === 'error' ? 'alert' : 'status'}
        >
          {feedback.text(t)}
        </p>
      )}
      {!closed && event.slowModeSeconds > 0 && (
        <p className="ask__note" data-testid="ask-slow-mode">
          {t('ask.slowMode', { count: event.slowModeSeconds })}
        </p>
      )}
      {!closed && !event.preModeration && (
        <p className="ask__note" data-testid="ask-instant">
          {t('ask.instant')}
        </p>
      )}
    </form>
  );
}
