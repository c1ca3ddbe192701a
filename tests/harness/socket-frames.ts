import type { Page } from 'playwright-core';
import type { Failure, Question } from '@dais/shared';

/** One request a page sent, with its ack once it came (Socket.IO `42<id>[…]` / `43<id>[…]`). */
export interface Exchange {
  event: string;
  payload: Record<string, unknown>;
  sentAt: number;
  ackAt?: number;
  result?: { ok: true; data: Record<string, unknown> } | Failure;
}

/** One push a page received (`42[…]`). */
export interface Push {
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/**
 * Everything a page says and hears over its Socket.IO websocket, as the browser sent
 * and received it (read from the DevTools protocol, so the page is not touched). What a
 * page's user did is in `exchanges`; what they could see is in `pushes` and the acks.
 */
export function recordSocketIo(page: Page) {
  const exchanges: Exchange[] = [];
  const pushes: Push[] = [];
  /** Raw text frames the page received, for checks that look at everything it was sent. */
  const received: string[] = [];
  /** The newest copy of every question the page heard of, by rev (as the client keeps them). */
  const questions = new Map<string, Question>();
  /** "Up next" as the page last heard it (moderators and the stage). */
  const upNext = { ids: [] as string[] };
  const takeQueue = (data: Record<string, unknown> | undefined) => {
    if (Array.isArray(data?.queue)) upNext.ids = data.queue as string[];
  };
  const take = (question: Question) => {
    const known = questions.get(question.id);
    if (!known || known.rev < question.rev) questions.set(question.id, question);
  };
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    // Ack ids count per connection: a reconnect starts again at 0.
    const pending = new Map<number, Exchange>();
    ws.on('framesent', ({ payload }) => {
      const packet = typeof payload === 'string' ? /^42(\d+)(\[.*)$/s.exec(payload) : null;
      if (!packet) return;
      const [event, body] = JSON.parse(packet[2]!) as [string, Record<string, unknown>];
      const exchange: Exchange = { event, payload: body ?? {}, sentAt: Date.now() };
      pending.set(Number(packet[1]), exchange);
      exchanges.push(exchange);
    });
    ws.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string') return;
      received.push(payload);
      const ack = /^43(\d+)(\[.*)$/s.exec(payload);
      if (ack) {
        const exchange = pending.get(Number(ack[1]));
        pending.delete(Number(ack[1]));
        if (exchange) {
          exchange.ackAt = Date.now();
          exchange.result = (JSON.parse(ack[2]!) as [Exchange['result']])[0];
          const result = exchange.result;
          if (result?.ok) questionsIn(result.data).forEach(take);
          if (result?.ok) takeQueue(result.data);
          else if (result?.current) take(result.current);
        }
        return;
      }
      const push = /^42(\[.*)$/s.exec(payload);
      if (push) {
        const [event, data] = JSON.parse(push[1]!) as [string, Record<string, unknown>];
        pushes.push({ event, data, at: Date.now() });
        if (event === 'question:changed') questionsIn(data).forEach(take);
        if (event === 'queue:changed') takeQueue(data);
      }
    });
  });
  return { exchanges, pushes, received, questions, upNext };
}
export type SocketRecord = ReturnType<typeof recordSocketIo>;

/** The questions a result or push carries (acks of moderation, the stage's, snapshots). */
export function questionsIn(data: Record<string, unknown> | undefined): Question[] {
  if (!data) return [];
  const found: unknown[] = [data.question, data.previous, data.live, data.current, data.target];
  for (const list of [data.questions]) if (Array.isArray(list)) found.push(...list);
  return found.filter(
    (q): q is Question => typeof q === 'object' && q !== null && 'id' in q && 'rev' in q,
  );
}
