import type { EventInfo } from '@dais/shared';
import type { ReactNode } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { ConnectionStatus } from './ConnectionStatus';
import { LanguageSwitch } from './LanguageSwitch';
import { CodeSlot } from './TransSlots';

/** Title, code, language and connection state, on top of every event page. */
export function EventHeader({ event, children }: { event: EventInfo; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="event-header">
      <div className="event-header__main">
        <h1 className="event-header__title">{event.title}</h1>
        <span className="event-header__code">
          <Trans
            t={t}
            i18nKey="header.code"
            components={{ code: <CodeSlot value={event.code} /> }}
          />
        </span>
      </div>
      {children}
      <LanguageSwitch />
      <ConnectionStatus />
    </header>
  );
}
