import type { Role } from '@dais/shared';
import { useEffect } from 'react';
import { connectToEvent } from './socket';

/** Keeps this page joined to one event while it is mounted. */
export function useEventConnection(code: string, role: Role, key = '') {
  useEffect(
    () =>
      role === 'audience' ? connectToEvent({ code, role }) : connectToEvent({ code, role, key }),
    [code, role, key],
  );
}
