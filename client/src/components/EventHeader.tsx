import type { EventInfo } from '@dais/shared';
import type { ReactNode } from 'react';
import { ConnectionStatus } from './ConnectionStatus';

/** Title, code and connection state, on top of every event page. */
export function EventHeader({ event, children }: { event: EventInfo; children?: ReactNode }) {
  return (
    <header className="event-header">
      <div className="event-header__main">
        <h1 className="event-header__title">{event.title}</h1>
        <span className="event-header__code">
          Code <strong className="code">{event.code}</strong>
        </span>
      </div>
      {children}
      <ConnectionStatus />
    </header>
  );
}
