/**
 * Events of a given size for the benchmarks, made the way people make them: questions
 * submitted over real sockets (the stream of stream.ts: duplicates, personal data,
 * profanity) and some approved by a moderator socket.
 */
import { PROTOCOL_VERSION, type AckData, type Question, type Result } from '@dais/shared';
import { createEvent, join, type Client, type CreatedEventWithKeys } from '../harness/clients';
import { buildStream } from './stream';

/** Sockets submitting at once while filling: enough to keep the server busy. */
const ASKERS = 50;
/** One in this many questions that stay pending leaders is approved (public). */
const APPROVE_ONE_IN = 50;

const submit = (socket: Client, text: string) =>
  socket.timeout(60_000).emitWithAck('question:submit', { text }) as Promise<
    Result<AckData<'question:submit'>>
  >;

const isPendingLeader = (q: Pick<Question, 'id' | 'status' | 'clusterId'>) =>
  q.status === 'pending' && q.clusterId === q.id;

/** A fresh event with a moderator socket, for a server at `url`. */
export async function openEvent(url: string, title = 'Benchmark') {
  const event = await createEvent(url, title);
  const moderator = await join(url, {
    code: event.code,
    role: 'moderator',
    key: event.moderatorKey,
  });
  return { event, moderator: moderator.socket };
}

/**
 * Submits `size` questions of the stream (seed `seed`) from ASKERS audience sockets,
 * then approves one in APPROVE_ONE_IN of those left pending leaders. Resolves with
 * how the questions ended and how many are public.
 */
export async function fillEvent(
  url: string,
  event: CreatedEventWithKeys,
  moderator: Client,
  size: number,
  seed = 11,
) {
  if (size === 0) return { questions: 0, public: 0, outcomes: {} };
  const texts = buildStream(size, seed);
  const askers = await Promise.all(
    Array.from({ length: Math.min(ASKERS, size) }, () =>
      join(url, { code: event.code, role: 'audience' }).then((j) => j.socket),
    ),
  );
  const outcomes: Record<string, number> = {};
  const pending: string[] = [];
  let next = 0;
  await Promise.all(
    askers.map(async (socket) => {
      for (let i = next++; i < texts.length; i = next++) {
        const ack = await submit(socket, texts[i]!);
        const outcome = ack.ok ? ack.data.question.status : ack.error;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        if (ack.ok && isPendingLeader(ack.data.question)) pending.push(ack.data.question.id);
      }
    }),
  );
  for (const socket of askers) socket.disconnect();
  const chosen = pending.filter((_, i) => i % APPROVE_ONE_IN === 0);
  await approveAll(moderator, chosen);
  return { questions: size, public: chosen.length, outcomes };
}

/** Approves the questions, 20 requests in flight. */
async function approveAll(moderator: Client, ids: string[]) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      for (let i = next++; i < ids.length; i = next++) {
        const ack = (await moderator.timeout(60_000).emitWithAck('question:approve', {
          questionId: ids[i]!,
          expected: 'pending',
        })) as Result<unknown>;
        if (!ack.ok) throw new Error(`approve ${ids[i]}: ${ack.error}`);
      }
    }),
  );
}

/**
 * `count` new questions left pending, each the leader of its own cluster (so each can be
 * approved): asked by one socket from a stream of questions unlike the filling's.
 */
export async function pendingQuestions(url: string, code: string, count: number, seed = 99) {
  const { socket } = await join(url, { code, role: 'audience' });
  const ids: string[] = [];
  for (const text of buildStream(count * 10, seed)) {
    if (ids.length === count) break;
    const ack = await submit(socket, text);
    if (ack.ok && isPendingLeader(ack.data.question)) ids.push(ack.data.question.id);
  }
  socket.disconnect();
  if (ids.length < count)
    throw new Error(`only ${ids.length} of ${count} questions stayed pending`);
  return ids;
}

/** The handshake and join a fleet's Socket.IO clients send to a Dais event's audience. */
export const audienceFleet = (code: string) => ({
  protocol: 'socket.io' as const,
  auth: { protocol: PROTOCOL_VERSION },
  join: { code, role: 'audience' },
});
