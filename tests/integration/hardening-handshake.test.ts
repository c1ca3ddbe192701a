import { request as httpRequest } from 'node:http';
import { randomBytes } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorCode, MAX_TERM_LIST_CHARACTERS, PROTOCOL_VERSION } from '@dais/shared';
import {
  connect,
  createEvent,
  disconnectAll,
  expectOk,
  join,
  request,
  type Client,
} from '../harness/clients';
import { startRedis, startServer, type TestRedis, type TestServer } from '../harness/dais';

/**
 * Who may open a socket (origins, connections per address), the HTTP security headers,
 * and the 16 KB message cap: what a browser page of another site, a crowd of sockets
 * from one address and an oversize frame can and cannot do.
 */
const ALLOWED = 'https://dais.example.org';
const MAX_BUFFER = 16_384;
const CAP = 3;

let redis: TestRedis;
let server: TestServer;
let capped: TestServer;

beforeAll(async () => {
  redis = await startRedis();
  server = await startServer(redis.url, { config: { allowedOrigins: [ALLOWED], limits: {} } });
  capped = await startServer(redis.url, { config: { limits: { connectionsPerIp: CAP } } });
});
afterEach(() => disconnectAll());
afterAll(async () => {
  await server?.close();
  await capped?.close();
  await redis?.stop();
  redis?.remove();
});

/**
 * The answer to a WebSocket upgrade to Socket.IO with these headers: 101 when accepted;
 * Engine.IO refuses an upgrade with 400 and the reason as the body.
 */
function upgrade(url: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/socket.io/?EIO=4&transport=websocket`, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (_res, socket) => {
      socket.destroy();
      resolve('101');
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => resolve(`${res.statusCode} ${body}`));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A socket.io-client connection as a browser page of `origin` would open it. */
function connectFrom(url: string, origin: string): Promise<Client | Error> {
  const socket: Client = io(url, {
    transports: ['websocket'],
    auth: { protocol: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
    extraHeaders: { Origin: origin },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error);
    });
  });
}

describe('origins', () => {
  it('refuses a page of another origin at the handshake', async () => {
    const refused = '400 Origin not allowed';
    expect(await upgrade(server.url, { Origin: 'https://evil.example' })).toBe(refused);
    expect(await connectFrom(server.url, 'https://evil.example')).toBeInstanceOf(Error);
    // The same site on another scheme or port is another origin too.
    const host = new URL(server.url).host;
    expect(await upgrade(server.url, { Origin: `http://${host}.evil.example` })).toBe(refused);
    expect(await upgrade(server.url, { Origin: 'http://dais.example.org' })).toBe(refused);
  });

  it('lets in its own origin, a configured one, and clients that send no Origin', async () => {
    const own = new URL(server.url).origin;
    expect(await upgrade(server.url, { Origin: own })).toBe('101');
    expect(await upgrade(server.url, { Origin: ALLOWED })).toBe('101');
    expect(await upgrade(server.url, {})).toBe('101');

    const event = await createEvent(server.url);
    for (const origin of [own, ALLOWED]) {
      const socket = await connectFrom(server.url, origin);
      if (socket instanceof Error) throw socket;
      await expectOk(socket, 'event:join', { code: event.code, role: 'audience' });
    }
  });
});

describe('security headers', () => {
  it('sends a Content-Security-Policy without inline scripts, sockets to itself, no framing', async () => {
    for (const path of ['/', '/e/ABCDEFGH', '/api/health']) {
      const response = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
      await response.arrayBuffer();
      const csp = response.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((part) => {
          const [name = '', ...values] = part.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      const host = new URL(server.url).host;
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('connect-src')).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('names no socket origin from a Host header that is not a plain host', async () => {
    const status = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/health`, {
        headers: { Host: "evil.example; script-src 'unsafe-inline'" },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy']));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).not.toContain('unsafe-inline');
    expect(status).toContain("connect-src 'self'");
  });
});

describe('message size', () => {
  it('takes the largest legitimate messages: both term lists full in CJK, a question at the wire cap', async () => {
    const event = await createEvent(server.url);
    const { socket: moderator } = await join(server.url, {
      code: event.code,
      role: 'moderator',
      key: event.moderatorKey,
    });
    // Each list at its character cap in 3-byte characters, in as many terms as the
    // 500-term cap allows (each term costs 3 more bytes of JSON: quotes and a comma).
    const list = (base: number) =>
      Array.from({ length: 500 }, (_, i) =>
        String.fromCharCode(base + i).repeat(MAX_TERM_LIST_CHARACTERS / 500),
      );
    const settings = {
      blockedTerms: list(0x4e00),
      allowedTerms: list(0x5000),
      maxQuestionLength: 2000,
      slowModeSeconds: 3600,
      retentionDays: 365,
      preModeration: true,
    };
    const frameBytes = Buffer.byteLength(`421["event:configure",${JSON.stringify(settings)}]`);
    if (process.env.DAIS_HARDENING_REPORT) console.log(`largest configure frame: ${frameBytes} B`);
    expect(frameBytes).toBeLessThan(MAX_BUFFER);
    await expectOk(moderator, 'event:configure', settings);

    const { socket: audience } = await join(server.url, { code: event.code, role: 'audience' });
    const text = '问'.repeat(4000);
    expect(Buffer.byteLength(`421["question:submit",${JSON.stringify({ text })}]`)).toBeLessThan(
      MAX_BUFFER,
    );
    // An answer (the filter's, as the text is past the event's length) and not a closed socket.
    const answer = await request(audience, 'question:submit', { text });
    expect(answer).toMatchObject({ ok: false, error: ErrorCode.Rejected });
    expect(audience.connected).toBe(true);
  });

  it('closes only the socket that sends a bigger frame', async () => {
    const event = await createEvent(server.url);
    const { socket: bystander } = await join(server.url, { code: event.code, role: 'audience' });
    const { socket: sender } = await join(server.url, { code: event.code, role: 'audience' });
    const closed = new Promise<string>((resolve) => sender.once('disconnect', resolve));
    sender.emit('question:submit', { text: 'x'.repeat(MAX_BUFFER), name: 'big' }, () => {});
    expect(await closed).toBe('transport close');

    const after = await expectOk(bystander, 'question:submit', { text: 'Is the bystander fine?' });
    expect(after.question.status).toBe('pending');
  });
});

describe('connections per address', () => {
  it('refuses the connection past the cap, and takes one again when one closed', async () => {
    const open = [] as Client[];
    for (let i = 0; i < CAP; i++) open.push(await connect(capped.url));
    expect(await upgrade(capped.url, {})).toBe('400 Too many connections from this address');
    await expect(connect(capped.url)).rejects.toThrow();

    open[0]!.disconnect();
    await vi.waitFor(() => expect(capped.app.io.engine.clientsCount).toBe(CAP - 1));
    open.push(await connect(capped.url));
    // The server without a cap configured here (the default is 1,000) took them all.
    for (let i = 0; i < CAP + 2; i++) await connect(server.url);
  });
});
