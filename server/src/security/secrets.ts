import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A moderator or stage key: 128 random bits, URL-safe. Only its hash is stored. */
export const newSecretKey = () => randomBytes(16).toString('base64url');

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export function keyMatches(key: string, storedHash: string | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashKey(key), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export const newId = (bytes = 9) => randomBytes(bytes).toString('base64url');

/**
 * Participant tokens are `<participantId>.<hmac>`: the server can recognise its own
 * without storing them. Bound to one event, so a token cannot be carried to another.
 */
export function signParticipant(secret: string, code: string, participantId: string): string {
  return `${participantId}.${mac(secret, code, participantId)}`;
}

export function verifyParticipant(secret: string, code: string, token: string): string | null {
  const [participantId, signature] = token.split('.');
  if (!participantId || !signature) return null;
  const expected = Buffer.from(mac(secret, code, participantId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given)
    ? participantId
    : null;
}

const mac = (secret: string, code: string, participantId: string) =>
  createHmac('sha256', secret).update(`${code}:${participantId}`).digest('base64url');
