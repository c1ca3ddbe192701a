import type { Role } from '@dais/shared';

/** Absolute URLs, so links can be copied and shared as they are. */
export const absoluteUrl = (path: string) => new URL(path, window.location.origin).href;

const ROLE_SUFFIX: Record<Role, string> = { audience: '', moderator: '/moderate', stage: '/stage' };
export const eventPath = (code: string, role: Role = 'audience') =>
  `/e/${code}${ROLE_SUFFIX[role]}`;
export const audienceUrl = (code: string) => absoluteUrl(eventPath(code));

/** The secret key of the moderator and stage links lives in the fragment, never sent to servers. */
export function keyFromHash(hash: string): string {
  const raw = hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
