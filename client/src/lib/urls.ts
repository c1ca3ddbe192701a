/** Absolute URLs, so links can be copied and shared as they are. */
export const absoluteUrl = (path: string) => new URL(path, window.location.origin).href;

export const audiencePath = (code: string) => `/e/${code}`;
export const audienceUrl = (code: string) => absoluteUrl(audiencePath(code));

/** The secret key of the moderator and stage links lives in the fragment, never sent to servers. */
export function keyFromHash(hash: string): string {
  const raw = hash.replace(/^#/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
