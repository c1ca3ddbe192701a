import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export interface HandshakeRules {
  /**
   * Web origins (scheme://host[:port]) whose pages may open a socket, besides the
   * server's own origin (the request's Host), which is always allowed.
   */
  allowedOrigins: readonly string[];
  /** Open connections per client address in this process; 0: no cap. */
  connectionsPerIp: number;
  /** Take the client's address from X-Forwarded-For (set by our own proxy in front). */
  trustProxy: boolean;
}

/** What the guard needs of an Engine.IO connection. */
interface RawConnection {
  request: IncomingMessage | null;
  remoteAddress: string;
  once(event: 'close', listener: () => void): void;
}

/**
 * Who may open a socket: Engine.IO's `allowRequest` refuses (HTTP 403) a browser page
 * of another origin, and a client address that already holds its cap of connections.
 * CORS does not cover WebSockets, so the Origin header is checked here. A request
 * without Origin is not a browser page (browsers always send it on a WebSocket
 * handshake) and is let through: anything else can forge the header anyway.
 */
export function guardHandshakes(rules: HandshakeRules) {
  const open = new Map<string, number>();
  const addressOf = (req: IncomingMessage) => clientAddress(req, rules.trustProxy);

  return {
    allowRequest(req: IncomingMessage, callback: (error: string | null, ok: boolean) => void) {
      if (!originAllowed(req.headers.origin, req.headers.host, rules.allowedOrigins)) {
        return callback('Origin not allowed', false);
      }
      const cap = rules.connectionsPerIp;
      if (cap > 0 && (open.get(addressOf(req)) ?? 0) >= cap) {
        return callback('Too many connections from this address', false);
      }
      callback(null, true);
    },
    /**
     * Counts each connection under its client address until it closes, and gives it that
     * address (what `socket.handshake.address` reads). Register before anything drops
     * the connection's request.
     */
    track(raw: RawConnection) {
      const address = raw.request ? addressOf(raw.request) : raw.remoteAddress;
      raw.remoteAddress = address;
      open.set(address, (open.get(address) ?? 0) + 1);
      raw.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    },
  };
}

export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  return allowed.includes(origin);
}

/**
 * The client's address: the socket's peer, or with `trustProxy` the last address of
 * X-Forwarded-For (the one our proxy added; earlier ones are the client's own claims).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const forwarded = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .at(-1);
  return forwarded && isIP(forwarded) ? forwarded : peer;
}

/** Origins as DAIS_ALLOWED_ORIGINS and PUBLIC_URL give them (`scheme://host[:port]`). */
export function parseOrigins(list: string | undefined, publicUrl?: string): string[] {
  const entries = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (publicUrl) entries.push(publicUrl);
  return entries.map((entry) => {
    try {
      return new URL(entry).origin;
    } catch {
      throw new Error(`"${entry}" is not an origin like https://dais.example.org`);
    }
  });
}
