import {
  EventCodeSchema,
  MAX_EVENT_TITLE_LENGTH,
  normalizeEventCode,
  type CreatedEvent,
  type Failure,
} from '@dais/shared';
import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CopyButton } from '../components/CopyButton';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { CodeSlot, TextSlot } from '../components/TransSlots';
import { useBusy } from '../hooks/useBusy';
import { errorText } from '../i18n/errors';
import { createEvent } from '../lib/api';
import { absoluteUrl, eventPath } from '../lib/urls';

/** A form's problem: a key of ours, or a failed request. Worded at render, in the current language. */
type FormError = 'home.create.titleMissing' | 'home.join.badCode' | Failure;

function ErrorText({ error }: { error: FormError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="feedback feedback--error" role="alert">
      {typeof error === 'string' ? t(error) : errorText(error)}
    </p>
  );
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
  const { t } = useTranslation();
  return (
    <section className="panel created" aria-live="polite">
      <h2>
        <Trans
          t={t}
          i18nKey="home.created.heading"
          components={{
            name: <TextSlot value={event.title} />,
            code: <CodeSlot value={event.code} />,
          }}
        />
      </h2>
      <LinkRow
        label={t('home.created.audience')}
        hint={t('home.created.audienceHint')}
        url={event.audienceUrl}
        testId="audience-url"
      />
      <p className="warning" role="note">
        <Trans t={t} i18nKey="home.created.secret" components={{ strong: <strong /> }} />
      </p>
      <LinkRow
        label={t('home.created.moderator')}
        hint={t('home.created.moderatorHint')}
        url={event.moderatorUrl}
        testId="moderator-url"
      />
      <LinkRow
        label={t('home.created.stage')}
        hint={t('home.created.stageHint')}
        url={event.stageUrl}
        testId="stage-url"
      />
    </section>
  );
}

function CreateEventForm() {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [created, setCreated] = useState<CreatedEvent | null>(null);
  const [error, setError] = useState<FormError | null>(null);
  const [busy, run] = useBusy();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setError('home.create.titleMissing');
      return;
    }
    const result = await run(() => createEvent(title.trim()));
    setError(result.ok ? null : result);
    setCreated(result.ok ? result.event : null);
  };

  return (
    <>
      <form className="panel stack" onSubmit={(e) => void submit(e)}>
        <h2>{t('home.create.heading')}</h2>
        <label htmlFor="event-title">{t('home.create.titleLabel')}</label>
        <input
          id="event-title"
          className="input"
          data-testid="title-input"
          placeholder={t('home.create.titlePlaceholder')}
          maxLength={MAX_EVENT_TITLE_LENGTH}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
        />
        <button
          type="submit"
          className="button button--primary"
          data-testid="create-event"
          disabled={busy}
        >
          {busy ? t('home.create.submitting') : t('home.create.submit')}
        </button>
        <ErrorText error={error} />
      </form>
      {created && <CreatedLinks event={created} />}
    </>
  );
}

function JoinEventForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [error, setError] = useState<FormError | null>(null);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const normalized = normalizeEventCode(code);
    if (!EventCodeSchema.safeParse(normalized).success) {
      setError('home.join.badCode');
      return;
    }
    void navigate(eventPath(normalized));
  };

  return (
    <form className="panel stack" onSubmit={submit}>
      <h2>{t('home.join.heading')}</h2>
      <label htmlFor="join-code">{t('home.join.codeLabel')}</label>
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
        {t('home.join.submit')}
      </button>
      <ErrorText error={error} />
    </form>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  return (
    <main className="page page--home">
      <title>{t('home.pageTitle')}</title>
      <header className="hero">
        <LanguageSwitch className="hero__language" />
        <h1>{t('common.appName')}</h1>
        <p>{t('home.tagline')}</p>
      </header>
      <div className="home-grid">
        <CreateEventForm />
        <JoinEventForm />
      </div>
    </main>
  );
}
