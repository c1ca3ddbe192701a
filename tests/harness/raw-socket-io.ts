import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { WebSocket } from 'ws';

/** Where a Socket.IO client opens its Engine.IO v4 websocket (the only transport Dais takes). */
export const SOCKET_IO_PATH = '/socket.io/?EIO=4&transport=websocket';

const wsUrl = (baseUrl: string, path = SOCKET_IO_PATH) => baseUrl.replace(/^http/, 'ws') + path;

/**
 * A Socket.IO connection spoken by hand over a plain `ws` WebSocket: every frame goes
 * out exactly as given, with no client library to clean it up. It answers the
 * server's pings and keeps every frame it receives.
 */
export async function openRawSocketIo(baseUrl: string, protocol: number) {
  const ws = new WebSocket(wsUrl(baseUrl));
  const received: (string | Buffer)[] = [];
  const waiters = new Set<() => void>();
  let closed = false;
  // The server may drop a connection it cannot parse: that is an outcome, not an error.
  ws.on('error', () => {});
  ws.on('close', () => {
    closed = true;
    for (const wake of waiters) wake();
  });
  ws.on('message', (data: Buffer, isBinary) => {
    const frame = isBinary ? data : data.toString();
    if (frame === '2') ws.send('3');
    received.push(frame);
    for (const wake of waiters) wake();
  });

  /** Resolves with the first received text frame that matches, or null once closed. */
  const waitFor = (matches: (frame: string) => boolean, timeoutMs = 10_000) =>
    new Promise<string | null>((resolve, reject) => {
      const check = () => {
        const found = received.find((f): f is string => typeof f === 'string' && matches(f));
        if (found !== undefined || closed) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found ?? null);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${received.length}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  if ((await waitFor((f) => f.startsWith('0{'))) === null) throw new Error('no Engine.IO open');
  ws.send(`40${JSON.stringify({ protocol })}`);
  if ((await waitFor((f) => f.startsWith('40'))) === null) throw new Error('no Socket.IO connect');

  let nextProbe = 0;
  return {
    received,
    isClosed: () => closed,
    send(frame: string | Uint8Array) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
    /**
     * Asks the server something after whatever was sent before: 'answered' once it
     * refused a connect to a namespace that does not exist (it reads and answers frames
     * in order), or 'closed' when it dropped the connection instead. A namespace
     * rather than an event, because frames may have left the main one (41).
     */
    async probe(): Promise<'answered' | 'closed'> {
      const namespace = `/probe${nextProbe++}`;
      this.send(`40${namespace},`);
      const answer = await waitFor((f) => f.startsWith(`44${namespace},`));
      return answer === null ? 'closed' : 'answered';
    },
    close() {
      ws.terminate();
    },
  };
}
export type RawSocketIo = Awaited<ReturnType<typeof openRawSocketIo>>;

/** The results inside every ack frame (`43<id>[result]`) among `frames`. */
export function acksIn(frames: (string | Buffer)[]): unknown[] {
  return frames.flatMap((frame) => {
    if (typeof frame !== 'string') return [];
    const ack = /^43[^[]*(\[.*)$/s.exec(frame);
    return ack ? [(JSON.parse(ack[1]!) as unknown[])[0]] : [];
  });
}

/**
 * A TCP connection that completes the WebSocket upgrade by hand, to write frames a
 * WebSocket library never would (reserved bits, bad opcodes, invalid UTF-8, lies
 * about lengths). Resolves once the server answered 101.
 */
export async function openRawWebSocket(baseUrl: string): Promise<TcpSocket> {
  const { hostname, port } = new URL(baseUrl);
  const socket = tcpConnect(Number(port), hostname);
  socket.on('error', () => {});
  const key = randomBytes(16).toString('base64');
  socket.write(
    `GET ${SOCKET_IO_PATH} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\n` +
      `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed during the upgrade')));
  });
  return socket;
}

/** One WebSocket frame as bytes, well-formed or not (RFC 6455 §5.2). */
export function wsFrame({
  payload = Buffer.alloc(0),
  opcode = 0x1,
  fin = true,
  rsv = 0,
  masked = true,
  claimedLength,
}: {
  payload?: Buffer;
  opcode?: number;
  fin?: boolean;
  /** The three reserved bits, 0–7. */
  rsv?: number;
  masked?: boolean;
  /** A length to announce instead of the payload's. */
  claimedLength?: bigint;
}): Buffer {
  const length = claimedLength ?? BigInt(payload.length);
  const first = (fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f);
  const maskBit = masked ? 0x80 : 0;
  let header: Buffer;
  if (length < 126n) header = Buffer.from([first, maskBit | Number(length)]);
  else if (length < 65_536n) {
    header = Buffer.alloc(4);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 126, 1);
    header.writeUInt16BE(Number(length), 2);
  } else {
    header = Buffer.alloc(10);
    header.writeUInt8(first, 0);
    header.writeUInt8(maskBit | 127, 1);
    header.writeBigUInt64BE(length, 2);
  }
  if (!masked) return Buffer.concat([header, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]!));
  return Buffer.concat([header, mask, body]);
}

/**
 * Writes raw bytes as an HTTP request and, with `reset`, tears the connection down
 * with a TCP RST at once (how CVE-2022-41940 killed Engine.IO servers). Resolves when
 * the connection is gone or the server answered.
 */
export function rawHttp(baseUrl: string, request: string, reset: boolean): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = tcpConnect(Number(port), hostname);
    let answer = '';
    socket.on('error', () => {});
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n\r\n')) socket.destroy();
    });
    socket.once('close', () => resolve(answer));
    socket.once('connect', () => {
      socket.write(request);
      if (reset) socket.resetAndDestroy();
      else socket.setTimeout(5000, () => socket.destroy());
    });
  });
}
