import type { Redis } from 'ioredis';
import { faultClient, requestId, storedQuestions, type FaultClient } from './faults';

const TOPICS = [
  'the new rail link',
  'school meals',
  'clean water in villages',
  'girls’ education',
  'the drought',
  'youth unemployment',
  'air pollution',
  'online safety for children',
  'birth registration',
  'malaria nets',
  'exam stress',
  'your next film',
];

/** The `k`-th question of storm client `c`: each client's questions are about different topics. */
export const stormText = (c: number, k: number) =>
  `Asker ${c} question ${k}: what will change for families with ${TOPICS[(c + k * 5) % TOPICS.length]}?`;

export interface StormRequest {
  text: string;
  requestId: string;
  /** The ack's question id once acknowledged; the refusal's code when refused. */
  questionId?: string;
  refused?: string;
  attempts: number;
}

/**
 * `count` audience clients of the event that each submit `perClient` questions, one
 * after another, every one with its own request id and re-sent with it until the
 * server decides (so a reconnect or an UNAVAILABLE never asks twice). `acked()` counts
 * the acknowledged questions so far; `done` resolves with every request.
 */
export async function submitStorm(url: string, code: string, count: number, perClient: number) {
  const clients: FaultClient[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, () =>
      faultClient(url, { code, role: 'audience' }),
    );
    await Promise.all(batch.map((client) => client.joined()));
    clients.push(...batch);
  }
  let acked = 0;
  const requests: StormRequest[][] = clients.map(() => []);
  const run = async (client: FaultClient, c: number) => {
    for (let k = 0; k < perClient; k++) {
      const request: StormRequest = { text: stormText(c, k), requestId: requestId(), attempts: 0 };
      requests[c]!.push(request);
      const { result, attempts } = await client.send('question:submit', {
        text: request.text,
        requestId: request.requestId,
      });
      request.attempts = attempts;
      if (result.ok) {
        request.questionId = result.data.question.id;
        acked++;
      } else {
        request.refused = result.error;
      }
    }
  };
  return {
    clients,
    /** Starts the storm; resolves with every client's requests once all are decided. */
    start: () => Promise.all(clients.map(run)).then(() => requests.flat()),
    acked: () => acked,
    close: () => clients.forEach((client) => client.close()),
  };
}

/**
 * What Redis holds for the storm's texts: the requests whose text is not stored as
 * exactly their acknowledged question (a refused one: not at all), how many questions
 * the event has, and the questions whose hash and status sets disagree.
 */
export async function stormInRedis(redis: Redis, code: string, requests: StormRequest[]) {
  const { hashes, statusOf } = await storedQuestions(redis, code);
  const idsByText = new Map<string, string[]>();
  for (const hash of hashes)
    idsByText.set(hash.text!, [...(idsByText.get(hash.text!) ?? []), hash.id!]);
  // Exactly once: each acknowledged question is the one stored question with its text.
  const notOnce = requests
    .map((request) => ({ ...request, stored: idsByText.get(request.text) ?? [] }))
    .filter((request) => request.stored.join() !== (request.questionId ?? ''))
    .map((r) => `${r.text}: acked ${r.questionId ?? 'no'}, stored ${r.stored.join() || 'none'}`);
  const unsound = hashes
    .filter((hash) => (statusOf.get(hash.id!) ?? []).join() !== hash.status)
    .map(
      (hash) => `${hash.id} is ${hash.status}, in ${statusOf.get(hash.id!)?.join() ?? 'no set'}`,
    );
  const ids = new Set(hashes.map((hash) => hash.id));
  for (const id of statusOf.keys()) {
    if (!ids.has(id)) unsound.push(`${id} is in a status set, no hash`);
  }
  return { notOnce, total: hashes.length, unsound };
}
