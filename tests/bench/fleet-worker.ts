/**
 * One fleet process (see startFleet in processes.ts): holds its share of the
 * connections as plain `ws` sockets and timestamps the broadcasts they receive.
 *
 * For Socket.IO servers it speaks Engine.IO v4 / Socket.IO v5 by hand (open, CONNECT
 * with auth, one `event:join` with ack id 0, pong to every ping): a client that costs
 * next to nothing per message, so the clients sharing the machine's cores take as
 * little as possible from the server being measured, and the same client serves the
 * plain `ws` server. What it sends is what socket.io-client sends for those steps.
 */
import { WebSocket } from 'ws';
import { clock } from '../load/connection';
import { placement } from '../load/network';
import type { FleetConfig, FromFleet, ToFleet } from './processes';

/** Connections opening at once: more only fills the server's accept backlog. */
const MAX_CONNECTING = 200;
const ID = /"id":"([^"]+)"/;

const tell = (message: FromFleet) => process.send!(message);
const sockets: WebSocket[] = [];
let receipts: Record<string, number[]> = {};
let bytes: Record<string, number> = {};
/** Connections that closed after joining (the server dropped them). */
let dropped = 0;
let closing = false;

process.on('message', (message: ToFleet) => {
  if (message.type === 'start') void start(message.config);
  else if (message.type === 'collect') {
    tell({ type: 'receipts', receipts, bytes, dropped });
    receipts = {};
    bytes = {};
  } else {
    closing = true;
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
});

async function start(config: FleetConfig) {
  const mine: number[] = [];
  for (let i = 0; i < config.connections; i++) {
    const place = placement(i, config.processes, 1);
    if (place.worker === config.index) mine.push(place.source);
  }
  let joined = 0;
  let failed = 0;
  const errors: Record<string, number> = {};
  const fail = (why: string) => {
    failed += 1;
    errors[why] = (errors[why] ?? 0) + 1;
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(MAX_CONNECTING, mine.length) }, async () => {
      while (next < mine.length) {
        const source = config.sources.length
          ? config.sources[mine[next]! % config.sources.length]
          : undefined;
        next += 1;
        const outcome = await open(config, source);
        if (outcome === 'joined') joined += 1;
        else fail(outcome);
      }
    }),
  );
  tell({ type: 'ready', joined, failed, errors });
}

/** Opens one connection; resolves 'joined' or why not. */
function open(config: FleetConfig, localAddress: string | undefined): Promise<string> {
  const path = config.protocol === 'socket.io' ? '/socket.io/?EIO=4&transport=websocket' : '/';
  const socket = new WebSocket(config.url.replace(/^http/, 'ws') + path, {
    perMessageDeflate: false,
    ...(localAddress && { localAddress }),
  });
  sockets.push(socket);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: string) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    socket.on('error', (error) => settle(`error: ${error.message}`));
    socket.on('close', () => {
      if (settled && !closing) dropped += 1;
      settle('closed');
    });
    if (config.protocol === 'ws') socket.on('open', () => settle('joined'));
    socket.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.includes(config.marker)) {
        const key = ID.exec(text)?.[1] ?? '?';
        (receipts[key] ??= []).push(clock());
        bytes[key] = data.length;
        return;
      }
      if (config.protocol === 'ws' || settled) {
        if (text === '2') socket.send('3');
        return;
      }
      // The Socket.IO handshake: open, CONNECT, join (ack id 0).
      if (text.startsWith('0{')) socket.send(`40${JSON.stringify(config.auth ?? {})}`);
      else if (text.startsWith('40'))
        socket.send(`420${JSON.stringify(['event:join', config.join])}`);
      else if (text.startsWith('44')) settle(`connect refused: ${text.slice(2, 120)}`);
      else if (text.startsWith('430')) {
        const ok = text.startsWith('430[{"ok":true');
        settle(
          ok
            ? 'joined'
            : `join refused: ${/"error":"([^"]+)"/.exec(text)?.[1] ?? text.slice(0, 80)}`,
        );
      } else if (text === '2') socket.send('3');
    });
  });
}
