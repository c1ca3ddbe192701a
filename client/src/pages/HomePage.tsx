import {
  EventCodeSchema,
  EventTitleSchema,
  normalizeEventCode,
  type CreatedEvent,
} from '@dais/shared';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { CopyButton } from '../components/CopyButton';
import { useBusy } from '../hooks/useBusy';
import { createEvent } from '../lib/api';
import { absoluteUrl, eventPath } from '../lib/urls';

const TITLE_MAX = EventTitleSchema.maxLength ?? 120;

function ErrorText({ error }: { error: string | null }) {
  return error ? (
    <p className="feedback feedback--error" role="alert">
      {error}
    </p>
  ) : null;
}

function LinkRow({
  label,
  hint,
  url,
  testId,
}: {
  label: string;
  hint: string;
  url: string;
  testId: string;
}) {
  const href = absoluteUrl(url);
  return (
    <div className="link-row">
      <div className="link-row__head">
        <strong>{label}</strong>
        <span className="link-row__hint">{hint}</span>
      </div>
      <div className="link-row__url">
        <a href={href} data-testid={testId}>
          {href}
        </a>
        <CopyButton text={href} />
      </div>
    </div>
  );
}

function CreatedLinks({ event }: { event: CreatedEvent }) {
  return (
    <section className="panel created" aria-live="polite">
      <h2>
        “{event.title}” is ready <span className="code">{event.code}</span>
      </h2>
      <LinkRow
        label="Audience"
        hint="Share it with everyone: on screen, in chat, on slides."
        url={event.audienceUrl}
        testId="audience-url"
      />
      <p className="warning" role="note">
        <strong>Keep the next two links secret.</strong> Anyone who has them can moderate the
        questions or drive the stage. Save them now: they cannot be shown again.
      </p>
      <LinkRow
        label="Moderator"
        hint="For the people who review questions."
        url={event.moderatorUrl}
        testId="moderator-url"
      />
      <LinkRow
        label="Stage"
        hint="Open it on the screen of the hall."
        url={event.stageUrl}
        testId="stage-url"
      />
    </section>
  );
}

function CreateEventForm() {
  const [title, setTitle] = useState('');
  const [created, setCreated] = useState<CreatedEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, run] = useBusy();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError('Give your event a title.');
      return;
    }
    const result = await run(() => createEvent(title.trim()));
    setError(result.ok ? null : result.message);
    setCreated(result.ok ? result.event : null);
  };

  return (
    <>
      <form className="panel stack" onSubmit={(e) => void submit(e)}>
        <h2>Create an event</h2>
        <label htmlFor="event-title">Title</label>
        <input
          id="event-title"
          className="input"
          data-testid="title-input"
          placeholder="e.g. Town hall with the CEO"
          maxLength={TITLE_MAX}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button
          type="submit"
          className="button button--primary"
          data-testid="create-event"
          disabled={busy}
        >
          {busy ? 'Creating…' : 'Create event'}
        </button>
        <ErrorText error={error} />
      </form>
      {created && <CreatedLinks event={created} />}
    </>
  );
}

function JoinEventForm() {
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const normalized = normalizeEventCode(code);
    if (!EventCodeSchema.safeParse(normalized).success) {
      setError('Event codes have 8 letters and digits, like ACDE-FG34.');
      return;
    }
    void navigate(eventPath(normalized));
  };

  return (
    <form className="panel stack" onSubmit={submit}>
      <h2>Join an event</h2>
      <label htmlFor="join-code">Event code</label>
      <input
        id="join-code"
        className="input input--code"
        data-testid="join-code"
        placeholder="ACDE-FG34"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        value={code}
        onChange={(e) => {
          setCode(e.target.value);
          setError(null);
        }}
      />
      <button type="submit" className="button button--primary" data-testid="join-event">
        Join
      </button>
      <ErrorText error={error} />
    </form>
  );
}

export function HomePage() {
  return (
    <main className="page page--home">
      <title>Dais · Live Q&A</title>
      <header className="hero">
        <h1>Dais</h1>
        <p>Live questions from the audience, reviewed by moderators, answered on stage.</p>
      </header>
      <div className="home-grid">
        <CreateEventForm />
        <JoinEventForm />
      </div>
    </main>
  );
}
