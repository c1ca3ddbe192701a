import {
  ErrorCode,
  EventCodeSchema,
  fail,
  normalizeEventCode,
  type EventInfo,
  type Role,
} from '@dais/shared';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useParams } from 'react-router';
import { useHashKey } from '../hooks/useHashKey';
import { useEventConnection } from '../realtime/useEventConnection';
import { eventPath } from '../lib/urls';
import { useAppStore } from '../store';
import { ConnectionStatus } from './ConnectionStatus';
import { EventErrorView } from './EventErrorView';
import { MessageView } from './MessageView';

type EventPage = ComponentType<{ event: EventInfo }>;

/**
 * The route of every event page: checks the code and key from the URL, joins the
 * event, and renders `page` once the first snapshot arrived (or an error view).
 * `present={false}`: a moderator page that only reads, not shown in presence.
 */
export function EventRoute({
  role,
  page,
  present = true,
}: {
  role: Role;
  page: EventPage;
  present?: boolean;
}) {
  const raw = useParams().code ?? '';
  const location = useLocation();
  const key = useHashKey();
  const code = normalizeEventCode(raw);

  if (code !== raw) {
    // "/e/acde-fg34" becomes "/e/ACDEFG34", keeping the key in the hash.
    return <Navigate replace to={{ pathname: eventPath(code, role), hash: location.hash }} />;
  }
  if (!EventCodeSchema.safeParse(code).success) {
    return (
      <EventErrorView code={code} error={fail(ErrorCode.EventNotFound, 'Not an event code')} />
    );
  }
  if (role !== 'audience' && !key) {
    return <EventErrorView code={code} error={fail(ErrorCode.BadKey, 'No key in the link')} />;
  }
  return <EventSession code={code} role={role} secret={key} page={page} present={present} />;
}

interface EventSessionProps {
  code: string;
  role: Role;
  secret: string;
  page: EventPage;
  present: boolean;
}

function EventSession({ code, role, secret, page: Page, present }: EventSessionProps) {
  const { t } = useTranslation();
  useEventConnection(code, role, secret, present);
  const event = useAppStore((state) => state.event);
  const fatalError = useAppStore((state) => state.fatalError);

  if (fatalError) return <EventErrorView code={code} error={fatalError} />;
  if (!event) {
    return (
      <MessageView title={t('eventRoute.joining', { code })}>
        <ConnectionStatus />
      </MessageView>
    );
  }
  return <Page event={event} />;
}
