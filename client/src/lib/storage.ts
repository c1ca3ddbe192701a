/** localStorage that never throws: private modes and full quotas must not break the page. */
export function readStored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Nothing to do: the value just won't survive a reload.
  }
}

/** The audience participant token of one event, so a reload keeps "my questions". */
export const tokenKey = (code: string) => `dais:token:${code}`;
export const NAME_KEY = 'dais:name';
/** This browser's moderator id: "undo my last action" and presence survive a reload. */
export const MODERATOR_ID_KEY = 'dais:moderator-id';

/** The stored moderator id, made on first use. */
export function moderatorClientId(): string {
  const known = readStored(MODERATOR_ID_KEY);
  if (known) return known;
  const made = `m_${crypto.randomUUID().replaceAll('-', '')}`;
  writeStored(MODERATOR_ID_KEY, made);
  return made;
}
