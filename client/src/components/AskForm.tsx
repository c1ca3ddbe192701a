import {
  createFilter,
  MAX_DISPLAY_NAME_LENGTH,
  textLength,
  type QuestionStatus,
} from '@dais/shared';
import { useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useBusy } from '../hooks/useBusy';
import { NAME_KEY, readStored, writeStored } from '../lib/storage';
import { submitQuestion } from '../realtime/commands';

type Feedback = { kind: 'success' | 'error'; text: string };

const thanks = (status: QuestionStatus) =>
  status === 'merged'
    ? 'Thanks! Someone already asked this, so your question joined theirs.'
    : 'Thanks! Your question was sent to the moderators.';

export function AskForm({ maxLength }: { maxLength: number }) {
  const [text, setText] = useState('');
  const [name, setName] = useState(() => readStored(NAME_KEY) ?? '');
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, run] = useBusy();
  // The server's own filter, run here to count as it counts and to warn before sending.
  const filter = useMemo(() => createFilter({ maxLength }), [maxLength]);
  const preview = filter(text);
  const length = textLength(preview.text);
  const tooLong = length > maxLength;
  const personalData = preview.reasons.includes('personal-data');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const problem =
      length === 0
        ? 'Type your question first.'
        : tooLong
          ? `Please keep it to ${maxLength} characters or fewer.`
          : null;
    if (problem) {
      setFeedback({ kind: 'error', text: problem });
      return;
    }
    const sent = text;
    const result = await run(() => submitQuestion(sent, name));
    if (result.ok) {
      // Keep whatever was typed while sending; clear only what was sent.
      setText((current) => (current === sent ? '' : current));
      setFeedback({ kind: 'success', text: thanks(result.data.question.status) });
    } else {
      // E.g. REJECTED by the filter: the server's message says why; the text stays to fix it.
      setFeedback({ kind: 'error', text: result.message });
    }
  };

  const submitOnCtrlEnter = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
  };

  return (
    <form className="ask panel" onSubmit={(e) => void submit(e)}>
      <label className="ask__label" htmlFor="question-input">
        Ask a question
      </label>
      <textarea
        id="question-input"
        className="input ask__text"
        data-testid="question-input"
        rows={3}
        placeholder="Type your question…"
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
          placeholder="Your name (optional)"
          aria-label="Your name (optional)"
          autoComplete="name"
          maxLength={MAX_DISPLAY_NAME_LENGTH}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            writeStored(NAME_KEY, e.target.value.trim() || null);
          }}
        />
        <span className={`counter ${tooLong ? 'counter--over' : ''}`} aria-label="Characters used">
          {length}/{maxLength}
        </span>
      </div>
      {personalData && (
        <p className="feedback feedback--warning" data-testid="ask-hint" role="note">
          This looks like it includes personal details (a phone number, address, school or ID). To
          keep everyone safe, moderators remove them before anything is shown.
        </p>
      )}
      <button
        type="submit"
        className="button button--primary button--block"
        data-testid="submit-question"
        disabled={busy}
      >
        {busy ? 'Sending…' : 'Send'}
      </button>
      {feedback && (
        <p
          className={`feedback feedback--${feedback.kind}`}
          data-testid="ask-feedback"
          data-kind={feedback.kind}
          role={feedback.kind === 'error' ? 'alert' : 'status'}
        >
          {feedback.text}
        </p>
      )}
    </form>
  );
}
