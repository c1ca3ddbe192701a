import type { Role } from '@dais/shared';
import { useEffect } from 'react';
import { openOutbox } from './outbox';
import { connectToEvent, type JoinRequest } from './socket';

/**
 * Keeps this page joined to one event while it is mounted. `present` (moderators):
 * whether the other moderators see this page as a moderator at work. The audience
 * also sends the questions it kept while offline, each time it is back.
 */
export function useEventConnection(code: string, role: Role, key = '', present = true) {
  useEffect(() => {
    const disconnect = connectToEvent(joinRequest(code, role, key, present));
    const closeOutbox = role === 'audience' ? openOutbox(code) : () => {};
    return () => {
      closeOutbox();
      disconnect();
    };
  }, [code, role, key, present]);
}

function joinRequest(code: string, role: Role, key: string, present: boolean): JoinRequest {
  if (role === 'audience') return { code, role };
  if (role === 'stage') return { code, role, key };
  return present ? { code, role, key } : { code, role, key, present };
}
